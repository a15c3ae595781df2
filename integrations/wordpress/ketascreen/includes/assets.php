<?php
/**
 * The widget's loader: where it comes from (bundled in widget/ or a CDN), enqueued once per page
 * with its integrity, crossorigin and the flags that keep optimisers away from it; and the small
 * mount script (assets/mount.js) that mounts every block and shortcode of the page.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The bundled widget's manifest (widget/manifest.json, written when the plugin zip is built).
 *
 * @return array{version: string, loader: string, integrity: string}|null
 */
function ketascreen_bundled_manifest() {
	static $manifest = false;
	if ( false === $manifest ) {
		$manifest = null;
		$file     = KETASCREEN_PLUGIN_DIR . 'widget/manifest.json';
		if ( is_readable( $file ) ) {
			$data = json_decode( (string) file_get_contents( $file ), true ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file.
			if ( is_array( $data ) && isset( $data['version'], $data['loader'], $data['integrity'] ) ) {
				$manifest = $data;
			}
		}
	}
	return $manifest;
}

/**
 * The loader to use: URL, version and integrity, or null when none is configured.
 *
 * @return array{url: string, version: string, integrity: string}|null
 */
function ketascreen_loader() {
	$s = ketascreen_settings();
	if ( 'cdn' === $s['source'] ) {
		if ( '' === $s['cdn_url'] || '' === $s['cdn_version'] ) {
			return null;
		}
		return array(
			'url'       => trailingslashit( $s['cdn_url'] ) . 'ketascreen-' . $s['cdn_version'] . '.js',
			'version'   => $s['cdn_version'],
			'integrity' => $s['cdn_integrity'],
		);
	}
	$manifest = ketascreen_bundled_manifest();
	if ( null === $manifest ) {
		return null;
	}
	return array(
		'url'       => plugins_url( 'widget/' . $manifest['loader'], KETASCREEN_PLUGIN_FILE ),
		'version'   => $manifest['version'],
		'integrity' => $manifest['integrity'],
	);
}

/**
 * Enqueues the loader and the mount script (WordPress prints each once however often it is asked).
 *
 * @return bool Whether a loader is configured.
 */
function ketascreen_enqueue_widget() {
	$loader = ketascreen_loader();
	if ( null === $loader ) {
		return false;
	}
	// No ?ver= query: the version is in the file name, and the integrity pins the bytes.
	wp_enqueue_script( 'ketascreen-loader', $loader['url'], array(), null, true ); // phpcs:ignore WordPress.WP.EnqueuedResourceParameters.MissingVersion -- versioned file name.
	wp_enqueue_script( 'ketascreen-mount', plugins_url( 'assets/mount.js', KETASCREEN_PLUGIN_FILE ), array(), KETASCREEN_VERSION, true );
	return true;
}

/**
 * Adds async, integrity, crossorigin and the optimiser opt-outs to the two scripts' tags.
 *
 * @param string $tag    The script tag WordPress built.
 * @param string $handle Its handle.
 * @return string
 */
function ketascreen_script_tag( $tag, $handle ) {
	if ( 'ketascreen-loader' !== $handle && 'ketascreen-mount' !== $handle ) {
		return $tag;
	}
	$extra = ' data-no-optimize="1" data-no-minify="1" data-no-defer="1" data-cfasync="false" data-pagespeed-no-defer';
	if ( 'ketascreen-loader' === $handle ) {
		$loader = ketascreen_loader();
		$extra  = ' async crossorigin="anonymous"' . $extra;
		if ( null !== $loader && '' !== $loader['integrity'] ) {
			$extra = ' integrity="' . esc_attr( $loader['integrity'] ) . '"' . $extra;
		}
	}
	return preg_replace( '/<script\b/', '<script' . $extra, $tag, 1 );
}
add_filter( 'script_loader_tag', 'ketascreen_script_tag', 10, 2 );
