<?php
/**
 * Checks a content bundle (content.json from `ketascreen bundle`) before the site publishes it:
 * its size, its schema_version and its content_hash, as the widget would (core/src/bundle.cpp).
 *
 * The hash is "sha256:" + the SHA-256 of the bundle without its content_hash member, written as
 * compact JSON in the bundle's own member order (UTF-8 and "/" unescaped), which is how
 * `ketascreen bundle` computes it.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const KETASCREEN_BUNDLE_SCHEMA_VERSION = 1;
const KETASCREEN_BUNDLE_MAX_BYTES      = 4194304; // The widget reads bundles of at most 4 MB.

/**
 * The content_hash a bundle should carry.
 *
 * @param stdClass $bundle Decoded bundle (objects, not arrays, so member order and {} survive).
 * @return string
 */
function ketascreen_bundle_hash( stdClass $bundle ) {
	$body = clone $bundle;
	unset( $body->content_hash );
	$flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_LINE_TERMINATORS;
	return 'sha256:' . hash( 'sha256', (string) wp_json_encode( $body, $flags ) );
}

/**
 * Checks a bundle's bytes.
 *
 * @param string $bytes           The uploaded file.
 * @param string $referral_server The configured referral server URL ('' if none).
 * @return array{errors: string[], warnings: string[], bundle: ?stdClass}
 */
function ketascreen_check_bundle( $bytes, $referral_server = '' ) {
	$result = array(
		'errors'   => array(),
		'warnings' => array(),
		'bundle'   => null,
	);
	if ( strlen( $bytes ) > KETASCREEN_BUNDLE_MAX_BYTES ) {
		$result['errors'][] = sprintf( 'The file is %d bytes; the widget reads bundles of at most 4 MB.', strlen( $bytes ) );
		return $result;
	}
	$bundle = json_decode( $bytes, false, 512 );
	if ( ! $bundle instanceof stdClass ) {
		$result['errors'][] = 'This is not a content bundle: ' . ( JSON_ERROR_NONE !== json_last_error() ? 'it is not valid JSON (' . json_last_error_msg() . ').' : 'it is not a JSON object.' );
		return $result;
	}
	if ( ! isset( $bundle->schema_version ) || ! is_int( $bundle->schema_version ) ) {
		$result['errors'][] = 'This is not a content bundle: it has no schema_version. Make it with `ketascreen bundle content/ -o content.json`.';
		return $result;
	}
	if ( KETASCREEN_BUNDLE_SCHEMA_VERSION !== $bundle->schema_version ) {
		$result['errors'][] = sprintf(
			'Unsupported schema_version %d: this plugin\'s widget reads version %d. Make the bundle with the ketascreen release that matches the widget.',
			$bundle->schema_version,
			KETASCREEN_BUNDLE_SCHEMA_VERSION
		);
		return $result;
	}
	if ( ! isset( $bundle->content_hash ) || ! is_string( $bundle->content_hash ) ) {
		$result['errors'][] = 'The bundle has no content_hash. Make it with `ketascreen bundle content/ -o content.json`.';
		return $result;
	}
	$expected = ketascreen_bundle_hash( $bundle );
	if ( ! hash_equals( $expected, $bundle->content_hash ) ) {
		$result['errors'][] = 'The content_hash does not match the content: the file was changed after `ketascreen bundle`, or is damaged. Rebuild it with `ketascreen bundle` and upload it again.';
		return $result;
	}
	if ( ! isset( $bundle->clinic ) || ! $bundle->clinic instanceof stdClass ) {
		$result['errors'][] = 'The bundle has no clinic.';
		return $result;
	}
	$endpoint = isset( $bundle->clinic->referral->endpoint ) ? (string) $bundle->clinic->referral->endpoint : '';
	if ( '' !== $referral_server && '' !== $endpoint && ! str_starts_with( $endpoint, untrailingslashit( $referral_server ) . '/' ) ) {
		$result['warnings'][] = sprintf( 'Referrals from this bundle go to %s, which is not on the referral server set below (%s).', $endpoint, $referral_server );
	}
	$result['bundle'] = $bundle;
	return $result;
}
