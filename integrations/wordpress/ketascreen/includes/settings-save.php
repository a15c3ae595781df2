<?php
/**
 * Saves Settings → KetaScreen (admin-post.php?action=ketascreen_save): capability and nonce
 * first, every field sanitised, an uploaded bundle checked (includes/bundle-check.php) before it
 * is stored in uploads/ketascreen/. The messages wait in a transient for the page to show.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * A URL field: '' or an http(s) URL (https required unless $allow_http).
 *
 * @param mixed $value      Raw input.
 * @param bool  $allow_http Whether http:// is accepted.
 * @return string
 */
function ketascreen_clean_url( $value, $allow_http ) {
	$value = is_string( $value ) ? trim( $value ) : '';
	return '' === $value ? '' : esc_url_raw( $value, $allow_http ? array( 'https', 'http' ) : array( 'https' ) );
}

/**
 * Stores a checked bundle as uploads/ketascreen/content-<hash>.json and removes older ones.
 *
 * @param string   $bytes  The file.
 * @param stdClass $bundle Its decoded form.
 * @return string|null The file name, or null if it could not be written.
 */
function ketascreen_store_bundle( $bytes, stdClass $bundle ) {
	$store = ketascreen_bundle_store();
	if ( ! wp_mkdir_p( $store['dir'] ) ) {
		return null;
	}
	$name = 'content-' . substr( preg_replace( '/[^0-9a-f]/', '', (string) $bundle->content_hash ), 0, 16 ) . '.json';
	if ( false === file_put_contents( $store['dir'] . '/' . $name, $bytes ) ) { // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- our own uploads folder.
		return null;
	}
	foreach ( (array) glob( $store['dir'] . '/content-*.json' ) as $old ) {
		if ( basename( $old ) !== $name ) {
			wp_delete_file( $old );
		}
	}
	return $name;
}

/**
 * The uploaded bundle: its checks, then the settings it brings (clinic name, phone, locales).
 *
 * @param string $referral_server Referral server URL for the endpoint check.
 * @param array  $notices         Messages, added to.
 * @return array<string, mixed> Settings to save (empty when nothing was uploaded or it was refused).
 */
function ketascreen_take_upload( $referral_server, array &$notices ) {
	// phpcs:ignore WordPress.Security.NonceVerification.Missing -- checked in ketascreen_save_settings().
	$file = isset( $_FILES['content_bundle'] ) && is_array( $_FILES['content_bundle'] ) ? $_FILES['content_bundle'] : null;
	if ( null === $file || UPLOAD_ERR_NO_FILE === (int) $file['error'] ) {
		return array();
	}
	if ( UPLOAD_ERR_OK !== (int) $file['error'] || ! is_uploaded_file( $file['tmp_name'] ) ) {
		$notices['error'][] = 'The content bundle was not saved: the upload failed (is it larger than the server\'s upload_max_filesize?).';
		return array();
	}
	$bytes = (string) file_get_contents( $file['tmp_name'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- the uploaded temporary file.
	$check = ketascreen_check_bundle( $bytes, $referral_server );
	foreach ( $check['errors'] as $error ) {
		$notices['error'][] = 'The content bundle was not saved: ' . $error;
	}
	if ( null === $check['bundle'] ) {
		return array();
	}
	$name = ketascreen_store_bundle( $bytes, $check['bundle'] );
	if ( null === $name ) {
		$notices['error'][] = 'The content bundle was not saved: the uploads folder is not writable.';
		return array();
	}
	foreach ( $check['warnings'] as $warning ) {
		$notices['warning'][] = $warning;
	}
	$clinic  = $check['bundle']->clinic;
	$locales = isset( $clinic->locales ) && is_array( $clinic->locales ) ? $clinic->locales : array();
	$notices['success'][] = sprintf( 'Content bundle saved: %s (%s).', isset( $clinic->name ) ? (string) $clinic->name : '', $check['bundle']->content_hash );
	return array(
		'content_mode' => 'upload',
		'content_file' => $name,
		'content_hash' => (string) $check['bundle']->content_hash,
		'clinic_name'  => isset( $clinic->name ) ? sanitize_text_field( (string) $clinic->name ) : '',
		'clinic_phone' => isset( $clinic->phone ) ? sanitize_text_field( (string) $clinic->phone ) : '',
		'locales'      => array_values( array_filter( array_map( 'strval', $locales ), fn( $l ) => 1 === preg_match( '/^[a-z]{2}$/', $l ) ) ),
	);
}

/**
 * The form's handler.
 */
function ketascreen_save_settings() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'You are not allowed to manage KetaScreen.', 'ketascreen' ), 403 );
	}
	check_admin_referer( 'ketascreen_save', 'ketascreen_nonce' );
	$in      = wp_unslash( $_POST );
	$notices = array(
		'error'   => array(),
		'warning' => array(),
		'success' => array(),
	);
	$field   = fn( $name ) => isset( $in[ $name ] ) && is_string( $in[ $name ] ) ? sanitize_text_field( $in[ $name ] ) : '';

	$new = array(
		'source'          => 'cdn' === $field( 'source' ) ? 'cdn' : 'bundled',
		'cdn_url'         => ketascreen_clean_url( $in['cdn_url'] ?? '', false ),
		'cdn_version'     => preg_match( '/^\d+\.\d+\.\d+$/', $field( 'cdn_version' ) ) ? $field( 'cdn_version' ) : '',
		'cdn_integrity'   => preg_match( '/^sha384-[A-Za-z0-9+\/]{64}$/', $field( 'cdn_integrity' ) ) ? $field( 'cdn_integrity' ) : '',
		'content_mode'    => 'url' === $field( 'content_mode' ) ? 'url' : 'upload',
		'content_url'     => ketascreen_clean_url( $in['content_url'] ?? '', true ),
		'referral_server' => ketascreen_clean_url( $in['referral_server'] ?? '', true ),
	);
	if ( 'cdn' === $new['source'] && ( '' === $new['cdn_url'] || '' === $new['cdn_version'] || '' === $new['cdn_integrity'] ) ) {
		$notices['error'][] = 'A CDN needs an https folder URL, a version (x.y.z) and the loader\'s sha384- integrity; the bundled files stay in use.';
		$new['source']      = 'bundled';
	}
	if ( 'url' === $new['content_mode'] && '' === $new['content_url'] ) {
		$notices['error'][] = 'A content bundle URL must be an http(s) URL.';
	}
	if ( 'url' === $new['content_mode'] ) {
		$new['locales'] = array();
	}
	$new = array_merge( $new, ketascreen_take_upload( $new['referral_server'], $notices ) );
	ketascreen_update_settings( $new );
	if ( array() === $notices['error'] ) {
		$notices['success'][] = 'Settings saved.';
	}
	set_transient( 'ketascreen_notice_' . get_current_user_id(), $notices, 300 );
	wp_safe_redirect( admin_url( 'options-general.php?page=ketascreen' ) );
	exit;
}
add_action( 'admin_post_ketascreen_save', 'ketascreen_save_settings' );
