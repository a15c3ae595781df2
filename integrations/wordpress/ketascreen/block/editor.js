// The "Ketamine pre-screening" block in the editor: a static preview card (the live widget runs
// only on the published page) and its settings in the sidebar. Plain JavaScript on the editor's
// globals, no build step; title, attributes and the rest come from block.json via the server.
(function (blocks, element, blockEditor, components, i18n) {
  'use strict';
  var el = element.createElement;
  var __ = i18n.__;
  var locales = (window.ketascreenBlock && window.ketascreenBlock.locales) || ['en', 'es'];
  var localeOptions = [{ label: __('Page language', 'ketascreen'), value: '' }].concat(
    locales.map(function (l) { return { label: l, value: l }; }));

  function describe(a) {
    return [
      __('Language', 'ketascreen') + ': ' + (a.locale || __('page language', 'ketascreen')),
      __('Theme', 'ketascreen') + ': ' + (a.theme || __('match the page', 'ketascreen')),
      a.render === 'html' ? __('Drawn as HTML', 'ketascreen') : __('Drawn with WebGL (HTML fallback)', 'ketascreen'),
      a.detailedEvents ? __('Detailed events', 'ketascreen') : __('Basic events', 'ketascreen')
    ].join(' · ');
  }

  function Edit(props) {
    var a = props.attributes;
    var set = props.setAttributes;
    var sidebar = el(blockEditor.InspectorControls, null,
      el(components.PanelBody, { title: __('Widget settings', 'ketascreen') },
        el(components.SelectControl, {
          label: __('Language', 'ketascreen'), value: a.locale, options: localeOptions,
          onChange: function (v) { set({ locale: v }); }
        }),
        el(components.SelectControl, {
          label: __('Theme', 'ketascreen'), value: a.theme,
          options: [
            { label: __('Match the page', 'ketascreen'), value: '' },
            { label: __('Visitor preference', 'ketascreen'), value: 'auto' },
            { label: __('Light', 'ketascreen'), value: 'light' },
            { label: __('Dark', 'ketascreen'), value: 'dark' }
          ],
          onChange: function (v) { set({ theme: v }); }
        }),
        el(components.ToggleControl, {
          label: __('HTML rendering (no canvas)', 'ketascreen'), checked: a.render === 'html',
          onChange: function (v) { set({ render: v ? 'html' : '' }); }
        }),
        el(components.ToggleControl, {
          label: __('Detailed events', 'ketascreen'), checked: !!a.detailedEvents,
          help: __('Also tells the page when the visitor opens the provider list or the request form; never a result.', 'ketascreen'),
          onChange: function (v) { set({ detailedEvents: v }); }
        })));
    var card = el('div', blockEditor.useBlockProps({ className: 'ketascreen-card' }),
      el('h3', null, __('Ketamine pre-screening', 'ketascreen')),
      el('p', null, __('Visitors answer a short checklist here, see an honest result and can ask for a consultation. The live widget appears on the published page.', 'ketascreen')),
      el('p', { className: 'ketascreen-card-question' }, __('Question 1: Are you 18 or older?', 'ketascreen')),
      el('p', null, describe(a)));
    return el(element.Fragment, null, sidebar, card);
  }

  blocks.registerBlockType('ketascreen/checklist', {
    edit: Edit,
    save: function () { return null; } // rendered on the server
  });
})(window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n);
