<?php
/**
 * [ketascreen locale="es" theme="dark" render="html" events="detailed"] for the classic editor
 * and page builders: the same mount element as the block.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The shortcode's output.
 *
 * @param array|string $atts Shortcode attributes ('' when there are none).
 * @return string
 */
function ketascreen_shortcode( $atts ) {
	$atts = shortcode_atts(
		array(
			'locale' => '',
			'theme'  => '',
			'render' => '',
			'events' => '',
		),
		is_array( $atts ) ? $atts : array(),
		'ketascreen'
	);
	return ketascreen_render_widget( $atts );
}
add_shortcode( 'ketascreen', 'ketascreen_shortcode' );
