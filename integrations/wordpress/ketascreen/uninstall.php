<?php
/**
 * Removes the plugin's option and the content bundles it stored in uploads.
 *
 * @package KetaScreen
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

delete_option( 'ketascreen_settings' );
$ketascreen_uploads = wp_upload_dir();
$ketascreen_dir     = trailingslashit( $ketascreen_uploads['basedir'] ) . 'ketascreen';
foreach ( (array) glob( $ketascreen_dir . '/content-*.json' ) as $ketascreen_file ) {
	wp_delete_file( $ketascreen_file );
}
if ( is_dir( $ketascreen_dir ) ) {
	rmdir( $ketascreen_dir );
}
