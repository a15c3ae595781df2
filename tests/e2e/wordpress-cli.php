<?php
// WordPress from the command line for tests/e2e/wordpress-site.mjs (no wp-cli in Debian):
//   php wordpress-cli.php <wp-dir> install <admin-password>      installs the site (user admin)
//   php wordpress-cli.php <wp-dir> page <title> <content>        publishes a page, prints its URL
//   php wordpress-cli.php <wp-dir> user <name> <role> <password>  adds a user
//   php wordpress-cli.php <wp-dir> delete-plugin <plugin-file>    deactivates and deletes a plugin
//   php wordpress-cli.php <wp-dir> option <name>                  prints an option as JSON (null: none)
$ks_dir = $argv[1];
$ks_command = $argv[2];
$ks_home = parse_url(file_get_contents($ks_dir . '/.ketascreen-home'));
$_SERVER['HTTP_HOST'] = $ks_home['host'] . ':' . $ks_home['port'];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = $ks_home['host'];
if ($ks_command === 'install') {
    define('WP_INSTALLING', true);
}
require $ks_dir . '/wp-load.php';

if ($ks_command === 'install') {
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    $ks_result = wp_install('Harbor Light Ketamine Clinic', 'admin', 'admin@example.test', false, '', $argv[3]);
    // No welcome guide over the block editor: the test adds the block as a returning editor would.
    update_user_meta($ks_result['user_id'], $GLOBALS['wpdb']->get_blog_prefix() . 'persisted_preferences',
        array('core/edit-post' => array('welcomeGuide' => false), '_modified' => gmdate('c')));
    update_option('show_avatars', 0); // no requests to gravatar.com from a machine that may be offline
    // Pretty permalinks, as most sites have (wordpress-site.mjs's router plays .htaccess).
    $GLOBALS['wp_rewrite']->set_permalink_structure('/%postname%/');
    flush_rewrite_rules(false);
    echo "installed\n";
} elseif ($ks_command === 'page') {
    // As the administrator, without kses: the shortcode's attributes reach the plugin as written.
    wp_set_current_user(1);
    kses_remove_filters();
    $ks_id = wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => $argv[3],
        'post_content' => $argv[4], 'post_author' => 1), true);
    if (is_wp_error($ks_id)) {
        fwrite(STDERR, $ks_id->get_error_message() . "\n");
        exit(1);
    }
    echo get_permalink($ks_id), "\n";
} elseif ($ks_command === 'user') {
    $ks_user = wp_insert_user(array('user_login' => $argv[3], 'user_pass' => $argv[5], 'role' => $argv[4],
        'user_email' => $argv[3] . '@example.test'));
    if (is_wp_error($ks_user)) {
        fwrite(STDERR, $ks_user->get_error_message() . "\n");
        exit(1);
    }
} elseif ($ks_command === 'delete-plugin') {
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    require_once ABSPATH . 'wp-admin/includes/file.php';
    deactivate_plugins($argv[3]);
    $ks_deleted = delete_plugins(array($argv[3]));
    if (true !== $ks_deleted) {
        fwrite(STDERR, "delete_plugins failed\n");
        exit(1);
    }
} elseif ($ks_command === 'option') {
    echo json_encode(get_option($argv[3], null)), "\n";
} else {
    fwrite(STDERR, "unknown command $ks_command\n");
    exit(2);
}
