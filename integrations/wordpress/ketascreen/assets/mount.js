// KetaScreen for WordPress: mounts every block and shortcode on the page (elements with
// data-ketascreen-mount) through KetaScreen.mount, queued with the documented stub when the
// (async) loader has not arrived yet. No inline script, so it runs under a strict CSP.
(function () {
  'use strict';
  var k = window.KetaScreen = window.KetaScreen || { q: [], mount: function () { this.q.push(arguments); } };
  var nodes = document.querySelectorAll('[data-ketascreen-mount]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var data = function (n) { return el.getAttribute('data-' + n) || undefined; };
    k.mount(el, {
      content: data('content'), locale: data('locale'), events: data('events'), theme: data('theme'),
      render: data('render'), clinicName: data('clinic-name'), clinicPhone: data('clinic-phone')
    });
  }
})();
