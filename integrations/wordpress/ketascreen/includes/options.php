<?php
/**
 * The plugin's one option (ketascreen_settings) and what is derived from it.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The settings, with defaults for anything not saved yet.
 *
 * @return array<string, mixed>
 */
function ketascreen_settings() {
	$defaults = array(
		'source'          => 'bundled', // Widget files: 'bundled' (in this plugin) or 'cdn'.
		'cdn_url'         => '',        // Folder URL holding ketascreen-<version>.js and its siblings.
		'cdn_version'     => '',
		'cdn_integrity'   => '',        // The loader's sha384-... as printed by build-wasm.sh.
		'content_mode'    => 'upload',  // Content bundle: 'upload' or 'url'.
		'content_file'    => '',        // Uploaded bundle: file name inside uploads/ketascreen/.
		'content_url'     => '',
		'content_hash'    => '',
		'clinic_name'     => '',
		'clinic_phone'    => '',
		'locales'         => array(),
		'referral_server' => '',
	);
	$saved = get_option( 'ketascreen_settings', array() );
	return array_merge( $defaults, is_array( $saved ) ? $saved : array() );
}

/**
 * Saves the settings (only keys the defaults know).
 *
 * @param array<string, mixed> $settings New values.
 */
function ketascreen_update_settings( array $settings ) {
	$known = ketascreen_settings();
	update_option( 'ketascreen_settings', array_intersect_key( array_merge( $known, $settings ), $known ) );
}

/**
 * Folder (path and URL) where uploaded content bundles are kept.
 *
 * @return array{dir: string, url: string}
 */
function ketascreen_bundle_store() {
	$uploads = wp_upload_dir( null, false );
	return array(
		'dir' => trailingslashit( $uploads['basedir'] ) . 'ketascreen',
		'url' => trailingslashit( $uploads['baseurl'] ) . 'ketascreen',
	);
}

/**
 * URL of the content bundle the widget fetches, or '' when none is configured.
 *
 * @return string
 */
function ketascreen_content_url() {
	$s = ketascreen_settings();
	if ( 'url' === $s['content_mode'] ) {
		return (string) $s['content_url'];
	}
	if ( '' === $s['content_file'] ) {
		return '';
	}
	$store = ketascreen_bundle_store();
	return $store['url'] . '/' . rawurlencode( $s['content_file'] );
}

/**
 * A locale the widget can show, or '' (the loader then uses the page's lang, else the clinic's
 * first locale). With an uploaded bundle only its locales count; otherwise any language code.
 *
 * @param mixed $locale Asked-for locale (block attribute or shortcode attribute).
 * @return string
 */
function ketascreen_valid_locale( $locale ) {
	$locale = is_string( $locale ) ? strtolower( trim( $locale ) ) : '';
	if ( ! preg_match( '/^[a-z]{2}$/', $locale ) ) {
		return '';
	}
	$known = ketascreen_settings()['locales'];
	if ( is_array( $known ) && array() !== $known && ! in_array( $locale, $known, true ) ) {
		return '';
	}
	return $locale;
}
