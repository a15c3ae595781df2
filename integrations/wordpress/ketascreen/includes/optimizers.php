<?php
/**
 * Keeps caching and optimisation plugins away from the loader: concatenating, minifying, deferring
 * or delaying it would break its integrity check or its lazy start. The script tags also carry
 * data-no-optimize, data-no-minify, data-no-defer and data-cfasync="false" (assets.php) for those
 * that read attributes (LiteSpeed, Cloudflare Rocket Loader, ...); these are the filters the big
 * ones read instead. Each only adds to the list it is given.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Patterns that match the loader (bundled or CDN) and the mount script.
 *
 * @return string[]
 */
function ketascreen_optimizer_patterns() {
	return array( 'ketascreen-', 'ketascreen/assets/mount.js' );
}

/**
 * Adds our patterns to a list filter (WP Rocket, LiteSpeed Cache).
 *
 * @param mixed $list The list so far.
 * @return array
 */
function ketascreen_exclude_from_list( $list ) {
	return array_merge( is_array( $list ) ? $list : array(), ketascreen_optimizer_patterns() );
}

/**
 * Adds our patterns to Autoptimize's comma-separated exclusion string.
 *
 * @param mixed $list The exclusions so far.
 * @return string
 */
function ketascreen_exclude_from_string( $list ) {
	$list = is_string( $list ) ? trim( $list ) : '';
	return ( '' === $list ? '' : rtrim( $list, ', ' ) . ', ' ) . implode( ', ', ketascreen_optimizer_patterns() );
}

// WP Rocket: minify/combine, defer, and "delay JavaScript execution".
add_filter( 'rocket_exclude_js', 'ketascreen_exclude_from_list' );
add_filter( 'rocket_exclude_defer_js', 'ketascreen_exclude_from_list' );
add_filter( 'rocket_delay_js_exclusions', 'ketascreen_exclude_from_list' );
// Autoptimize: aggregation and minification.
add_filter( 'autoptimize_filter_js_exclude', 'ketascreen_exclude_from_string' );
// LiteSpeed Cache: combine/minify, and defer/delay.
add_filter( 'litespeed_optimize_js_excludes', 'ketascreen_exclude_from_list' );
add_filter( 'litespeed_optm_js_defer_exc', 'ketascreen_exclude_from_list' );
