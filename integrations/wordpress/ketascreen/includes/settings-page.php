<?php
/**
 * Settings → KetaScreen: where the widget files and the content bundle come from, the referral
 * server, and the CSP lines the site needs. Saved by includes/settings-save.php.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Adds the page under Settings.
 */
function ketascreen_add_settings_page() {
	add_options_page( 'KetaScreen', 'KetaScreen', 'manage_options', 'ketascreen', 'ketascreen_settings_page' );
}
add_action( 'admin_menu', 'ketascreen_add_settings_page' );

/**
 * The origin (scheme://host[:port]) of a URL, or '' for none or the site's own.
 *
 * @param string $url URL.
 * @return string
 */
function ketascreen_foreign_origin( $url ) {
	$parts = wp_parse_url( $url );
	if ( empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return '';
	}
	$origin = $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
	$home   = wp_parse_url( home_url() );
	$self   = $home['scheme'] . '://' . $home['host'] . ( isset( $home['port'] ) ? ':' . $home['port'] : '' );
	return $origin === $self ? '' : $origin;
}

/**
 * The Content-Security-Policy directives the widget needs on this site.
 *
 * @return string[]
 */
function ketascreen_csp_lines() {
	$s       = ketascreen_settings();
	$loader  = ketascreen_loader();
	$scripts = array_filter( array( "'self'", null !== $loader ? ketascreen_foreign_origin( $loader['url'] ) : '' ) );
	$connect = array_filter(
		array_unique(
			array(
				"'self'",
				null !== $loader ? ketascreen_foreign_origin( $loader['url'] ) : '',
				ketascreen_foreign_origin( ketascreen_content_url() ),
				ketascreen_foreign_origin( (string) $s['referral_server'] ),
			)
		)
	);
	return array(
		'script-src ' . implode( ' ', $scripts ) . " 'wasm-unsafe-eval'",
		'connect-src ' . implode( ' ', $connect ),
		"style-src 'self'",
	);
}

/**
 * Prints the notices the last save left for this user.
 */
function ketascreen_settings_notices() {
	$key     = 'ketascreen_notice_' . get_current_user_id();
	$notices = get_transient( $key );
	delete_transient( $key );
	if ( ! is_array( $notices ) ) {
		return;
	}
	foreach ( array( 'error', 'warning', 'success' ) as $type ) {
		foreach ( (array) ( $notices[ $type ] ?? array() ) as $text ) {
			printf( '<div class="notice notice-%1$s ketascreen-notice-%1$s"><p>%2$s</p></div>', esc_attr( $type ), esc_html( $text ) );
		}
	}
}

/**
 * One labelled text input row.
 *
 * @param string $name  Setting name.
 * @param string $label Label.
 * @param string $value Current value.
 * @param string $help  Help text.
 */
function ketascreen_text_row( $name, $label, $value, $help ) {
	printf(
		'<tr><th scope="row"><label for="ketascreen-%1$s">%2$s</label></th><td><input type="text" class="regular-text code" id="ketascreen-%1$s" name="%1$s" value="%3$s"><p class="description">%4$s</p></td></tr>',
		esc_attr( $name ),
		esc_html( $label ),
		esc_attr( $value ),
		esc_html( $help )
	);
}

/**
 * One radio choice.
 *
 * @param string $name    Setting name.
 * @param string $value   This choice's value.
 * @param string $current The saved value.
 * @param string $label   Label.
 */
function ketascreen_radio( $name, $value, $current, $label ) {
	printf(
		'<label><input type="radio" name="%1$s" value="%2$s"%3$s> %4$s</label><br>',
		esc_attr( $name ),
		esc_attr( $value ),
		checked( $current, $value, false ),
		esc_html( $label )
	);
}

/**
 * The page.
 */
function ketascreen_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'You are not allowed to manage KetaScreen.', 'ketascreen' ), 403 );
	}
	$s        = ketascreen_settings();
	$manifest = ketascreen_bundled_manifest();
	$bundled  = null !== $manifest ? sprintf( 'Bundled in this plugin (version %s)', $manifest['version'] ) : 'Bundled in this plugin (missing: install the plugin from its release zip)';
	echo '<div class="wrap"><h1>KetaScreen</h1>';
	ketascreen_settings_notices();
	echo '<form method="post" enctype="multipart/form-data" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
	echo '<input type="hidden" name="action" value="ketascreen_save">';
	wp_nonce_field( 'ketascreen_save', 'ketascreen_nonce' );

	echo '<h2>' . esc_html__( 'Widget files', 'ketascreen' ) . '</h2><table class="form-table" role="presentation"><tr><th scope="row">' . esc_html__( 'Source', 'ketascreen' ) . '</th><td>';
	ketascreen_radio( 'source', 'bundled', $s['source'], $bundled );
	ketascreen_radio( 'source', 'cdn', $s['source'], 'From a CDN (the release files of ./build-wasm.sh, side by side in one folder)' );
	echo '</td></tr>';
	ketascreen_text_row( 'cdn_url', 'CDN folder URL', $s['cdn_url'], 'https://cdn.example/ketascreen/ (holds ketascreen-VERSION.js, -glue.js, -overlay.js and .wasm)' );
	ketascreen_text_row( 'cdn_version', 'CDN version', $s['cdn_version'], 'For example 0.1.0' );
	ketascreen_text_row( 'cdn_integrity', 'Loader integrity', $s['cdn_integrity'], 'sha384-... as printed by ./build-wasm.sh for that version' );
	echo '</table>';

	echo '<h2>' . esc_html__( 'Content bundle', 'ketascreen' ) . '</h2><table class="form-table" role="presentation"><tr><th scope="row">' . esc_html__( 'Source', 'ketascreen' ) . '</th><td>';
	ketascreen_radio( 'content_mode', 'upload', $s['content_mode'], 'Uploaded here' );
	ketascreen_radio( 'content_mode', 'url', $s['content_mode'], 'From a URL' );
	echo '</td></tr><tr><th scope="row"><label for="ketascreen-bundle">' . esc_html__( 'Upload content.json', 'ketascreen' ) . '</label></th><td>';
	echo '<input type="file" id="ketascreen-bundle" name="content_bundle" accept=".json,application/json">';
	if ( '' !== $s['content_file'] ) {
		printf( '<p class="description ketascreen-current-bundle">Current: %1$s for %2$s (%3$s)</p>', esc_html( $s['content_file'] ), esc_html( $s['clinic_name'] ), esc_html( $s['content_hash'] ) );
	}
	echo '<p class="description">' . esc_html__( 'Made by `ketascreen bundle content/ -o content.json`; checked here (schema version and content hash) before it is published.', 'ketascreen' ) . '</p></td></tr>';
	ketascreen_text_row( 'content_url', 'Content bundle URL', $s['content_url'], 'Only with "From a URL"; that server must allow this site (CORS).' );
	echo '</table>';

	echo '<h2>' . esc_html__( 'Referrals', 'ketascreen' ) . '</h2><table class="form-table" role="presentation">';
	ketascreen_text_row( 'referral_server', 'Referral server URL', $s['referral_server'], 'The ketascreen-server that receives the requests, e.g. https://intake.clinic.example. The bundle names the endpoint; an upload whose endpoint is elsewhere gets a warning. Add this site to the server\'s allowed_origins.' );
	echo '</table>';
	submit_button( __( 'Save settings', 'ketascreen' ) );
	echo '</form>';

	echo '<h2>' . esc_html__( 'Content-Security-Policy', 'ketascreen' ) . '</h2><p>' . esc_html__( 'If your security plugin or server sends a Content-Security-Policy, these directives must allow the widget:', 'ketascreen' ) . '</p><pre class="ketascreen-csp">';
	echo esc_html( implode( ";\n", ketascreen_csp_lines() ) );
	echo '</pre><p>' . esc_html__( 'The .wasm file must be served as application/wasm: the plugin\'s widget/.htaccess does it on Apache; on nginx add "application/wasm wasm;" to its types.', 'ketascreen' ) . '</p></div>';
}
