// KetaScreen loader: the one script a clinic page includes (DESIGN.md "Page embed").
//   <script src=".../ketascreen.js" async data-content="content.json" data-target="#ketamine-check"
//           data-locale="en"></script>
// or from code: KetaScreen.mount(element, {content, locale}) -> {unmount()}.
// It defines window.KetaScreen and nothing else: the emscripten glue is an ES module loaded with
// import(), and each mount gets its own module instance. The glue and wasm are fetched only when
// the mount element comes near the viewport, so pages that never show the widget pay ~nothing.
(function () {
  'use strict';
  if (window.KetaScreen) return; // the tag was included twice

  var script = document.currentScript; // only valid now, while this script first runs
  var base = new URL('.', (script && script.src) || document.baseURI);
  var factoryPromise = null;

  function loadFactory() {
    if (!factoryPromise) {
      factoryPromise = import(new URL('ketascreen-glue.js', base).href).then(function (m) {
        return m.default;
      });
    }
    return factoryPromise;
  }

  function emit(element, type, detail) {
    element.dispatchEvent(new CustomEvent('ketascreen:' + type, { detail: detail || {}, bubbles: true }));
  }

  // Resolves once the element is within a screen of the viewport (at once without IntersectionObserver).
  function nearViewport(element) {
    return new Promise(function (resolve) {
      if (!('IntersectionObserver' in window)) return resolve();
      var io = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) {
          io.disconnect();
          resolve();
        }
      }, { rootMargin: '100% 0px' });
      io.observe(element);
    });
  }

  // Without the wasm we can still say something useful, in plain HTML.
  function showFallback(element) {
    var p = document.createElement('p');
    p.className = 'ketascreen-fallback';
    p.textContent = 'The screening could not be loaded. Please contact the clinic directly.';
    element.appendChild(p);
  }

  // Copies bytes into the module's heap, NUL-terminated; the caller frees the pointer.
  function toHeap(module, bytes) {
    var ptr = module._malloc(bytes.length + 1);
    module.HEAPU8.set(bytes, ptr);
    module.HEAPU8[ptr + bytes.length] = 0;
    return ptr;
  }

  function mount(element, options) {
    if (typeof element === 'string') element = document.querySelector(element);
    if (!element) throw new Error('KetaScreen.mount: no such element');
    options = options || {};
    var contentUrl = new URL(options.content || 'content.json', document.baseURI).href;
    var locale = options.locale || document.documentElement.lang || 'en';
    if (element.__ketascreen) element.__ketascreen.unmount();

    var canvas = document.createElement('canvas');
    canvas.className = 'ketascreen-canvas';
    canvas.tabIndex = 0; // keyboard input goes to the focused canvas only
    // CSSOM, not a style attribute: allowed under a strict style-src. SDL follows the CSS size.
    canvas.style.display = 'block';
    canvas.style.width = '100%';
    canvas.style.height = '480px';
    element.appendChild(canvas);

    var module = null;
    var stopped = false;
    var handle = {
      unmount: function () {
        if (stopped) return;
        stopped = true;
        if (module) module._ketascreen_stop();
        module = null;
        canvas.remove();
        if (element.__ketascreen === handle) delete element.__ketascreen;
      }
    };
    element.__ketascreen = handle;

    nearViewport(element)
      .then(function () {
        var content = fetch(contentUrl, { credentials: 'omit' }).then(function (r) {
          if (!r.ok) throw new Error('could not fetch ' + contentUrl + ': HTTP ' + r.status);
          return r.arrayBuffer();
        });
        return Promise.all([content, loadFactory()]);
      })
      .then(function (results) {
        if (stopped) return null;
        return results[1]({
          canvas: canvas,
          locateFile: function (path) { return new URL(path, base).href; },
          onKetascreenEvent: function (type, message) {
            emit(element, type, message ? { message: message } : {});
          }
        }).then(function (instance) {
          if (stopped) return;
          module = instance;
          var bundle = toHeap(module, new Uint8Array(results[0]));
          var loc = toHeap(module, new TextEncoder().encode(locale));
          var failed = module._ketascreen_start(bundle, results[0].byteLength, loc);
          module._free(bundle);
          module._free(loc);
          if (failed) { // no WebGL2 or the like: the module already sent the error event
            module = null;
            canvas.remove();
            showFallback(element);
          }
        });
      })
      .catch(function (err) {
        if (stopped) return;
        canvas.remove();
        showFallback(element);
        emit(element, 'error', { message: String((err && err.message) || err) });
      });
    return handle;
  }

  window.KetaScreen = { mount: mount };

  // Script-tag embedding: mount into data-target once the page has parsed.
  var target = script && script.getAttribute('data-target');
  if (target) {
    var auto = function () {
      var el = document.querySelector(target);
      if (!el) return;
      mount(el, { content: script.getAttribute('data-content'), locale: script.getAttribute('data-locale') });
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', auto);
    else auto();
  }
})();
