<?php
/**
 * The "Ketamine pre-screening" block: registered from block/block.json, rendered on the server
 * (the same mount element as the shortcode); the editor shows a static card (block/editor.js).
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Registers the editor script and style, then the block.
 */
function ketascreen_register_block() {
	wp_register_script(
		'ketascreen-block-editor',
		plugins_url( 'block/editor.js', KETASCREEN_PLUGIN_FILE ),
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n' ),
		KETASCREEN_VERSION,
		true
	);
	$locales = ketascreen_settings()['locales'];
	wp_add_inline_script(
		'ketascreen-block-editor',
		'window.ketascreenBlock = ' . wp_json_encode( array( 'locales' => is_array( $locales ) && array() !== $locales ? array_values( $locales ) : array( 'en', 'es' ) ) ) . ';',
		'before'
	);
	wp_register_style( 'ketascreen-block-editor', plugins_url( 'block/editor.css', KETASCREEN_PLUGIN_FILE ), array(), KETASCREEN_VERSION );
	register_block_type(
		KETASCREEN_PLUGIN_DIR . 'block',
		array( 'render_callback' => 'ketascreen_render_block' )
	);
}
add_action( 'init', 'ketascreen_register_block' );

/**
 * The block's HTML on the page.
 *
 * @param array<string, mixed> $attributes Block attributes.
 * @return string
 */
function ketascreen_render_block( $attributes ) {
	return ketascreen_render_widget( is_array( $attributes ) ? $attributes : array() );
}
