<?php
/**
 * Plugin Name:       KetaScreen
 * Plugin URI:        https://github.com/ketascreen/ketascreen
 * Description:       The "Is ketamine therapy right for me?" pre-screening checklist and referral form, as a block and a shortcode.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * Author:            KetaScreen
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       ketascreen
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'KETASCREEN_VERSION', '0.1.0' ); // The widget's version; scripts/package-wordpress.sh sets it.
define( 'KETASCREEN_PLUGIN_FILE', __FILE__ );
define( 'KETASCREEN_PLUGIN_DIR', plugin_dir_path( __FILE__ ) );

require_once KETASCREEN_PLUGIN_DIR . 'includes/options.php';
require_once KETASCREEN_PLUGIN_DIR . 'includes/bundle-check.php';
require_once KETASCREEN_PLUGIN_DIR . 'includes/assets.php';
require_once KETASCREEN_PLUGIN_DIR . 'includes/optimizers.php';
require_once KETASCREEN_PLUGIN_DIR . 'includes/render.php';
require_once KETASCREEN_PLUGIN_DIR . 'includes/block.php';
require_once KETASCREEN_PLUGIN_DIR . 'includes/shortcode.php';

if ( is_admin() ) {
	require_once KETASCREEN_PLUGIN_DIR . 'includes/settings-page.php';
	require_once KETASCREEN_PLUGIN_DIR . 'includes/settings-save.php';
}
