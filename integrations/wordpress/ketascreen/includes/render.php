<?php
/**
 * The mount element both the block and the shortcode print (DESIGN.md "Page embed"), with the
 * widget's options as data attributes that assets/mount.js hands to KetaScreen.mount.
 *
 * @package KetaScreen
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Validated widget options from block or shortcode attributes; anything unknown falls back to
 * the default ('' = not set).
 *
 * @param array<string, mixed> $atts locale, theme, render, events (or detailedEvents).
 * @return array{locale: string, theme: string, render: string, events: string}
 */
function ketascreen_widget_options( array $atts ) {
	$theme    = isset( $atts['theme'] ) && is_string( $atts['theme'] ) ? strtolower( trim( $atts['theme'] ) ) : '';
	$render   = isset( $atts['render'] ) && is_string( $atts['render'] ) ? strtolower( trim( $atts['render'] ) ) : '';
	$detailed = ! empty( $atts['detailedEvents'] ) || ( isset( $atts['events'] ) && 'detailed' === $atts['events'] );
	return array(
		'locale' => ketascreen_valid_locale( $atts['locale'] ?? '' ),
		'theme'  => in_array( $theme, array( 'light', 'dark', 'auto' ), true ) ? $theme : '',
		'render' => 'html' === $render ? 'html' : '',
		'events' => $detailed ? 'detailed' : '',
	);
}

/**
 * The mount element (and the loader enqueued), or a note for editors when nothing is configured.
 *
 * @param array<string, mixed> $atts Block or shortcode attributes.
 * @return string HTML.
 */
function ketascreen_render_widget( array $atts ) {
	static $count = 0;
	$content = ketascreen_content_url();
	if ( '' === $content || ! ketascreen_enqueue_widget() ) {
		if ( current_user_can( 'manage_options' ) ) {
			return '<p class="ketascreen-not-configured">' . esc_html__( 'KetaScreen: set the widget files and the content bundle under Settings → KetaScreen.', 'ketascreen' ) . '</p>';
		}
		return '';
	}
	++$count;
	$s     = ketascreen_settings();
	$opts  = ketascreen_widget_options( $atts );
	$attrs = array(
		'id'                    => 1 === $count ? 'ketamine-check' : 'ketamine-check-' . $count,
		'class'                 => 'ketascreen-widget',
		'data-ketascreen-mount' => '',
		'data-content'          => esc_url_raw( $content ),
		'data-locale'           => $opts['locale'],
		'data-theme'            => $opts['theme'],
		'data-render'           => $opts['render'],
		'data-events'           => $opts['events'],
		'data-clinic-name'      => (string) $s['clinic_name'],
		'data-clinic-phone'     => (string) $s['clinic_phone'],
	);
	$html = '<div';
	foreach ( $attrs as $name => $value ) {
		if ( '' !== $value || 'data-ketascreen-mount' === $name ) {
			$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
		}
	}
	return $html . '></div>';
}
