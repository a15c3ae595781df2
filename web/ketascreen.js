// KetaScreen loader: the one script a clinic page includes (source: web/ketascreen.js; DESIGN.md "Page embed").
//   <script src=".../ketascreen-VERSION.js" async data-content="content.json"
//           data-target="#ketamine-check" data-locale="en"></script>
// Other data attributes: data-events="detailed", data-theme="light|dark|auto" (default: the page's
// own scheme; auto: prefers-color-scheme), data-render="html" (no canvas: the widget as plain DOM, which is also what
// happens without WebGL2), data-clinic-name, data-clinic-phone (for the plain HTML fallback shown
// when the widget cannot start), data-referral-timeout (seconds a referral POST may take before it
// is retried; default 30), data-history="off" (the browser's Back and Forward leave the widget
// alone; by default they move between its screens).
// From code: KetaScreen.mount(element, {content, locale, events, theme, render, clinicName, clinicPhone,
//                                       referralTimeout, history})
//   -> {unmount(), reset(), setLocale(locale), semantics()} (semantics() leaves typed values out).
// Before this script has loaded, pages may queue calls with the stub
//   window.KetaScreen = window.KetaScreen || {q: [], mount: function () { this.q.push(arguments); }};
// It defines window.KetaScreen and nothing else: the emscripten glue is an ES module loaded with
// import(), and each mount gets its own module instance. The glue, the wasm and the accessibility
// overlay (an ES module: DOM elements kept in step with what the canvas shows, for keyboards,
// screen readers and phones' keyboards) are fetched only when the mount element comes near the
// viewport. build-wasm.sh fills in the version and the SHA-384 of the glue, the wasm and the
// overlay, so a page that pins this file with integrity="..." pins them too, on every browser: a
// file that fails its check is never run.
// Styles go through the CSSOM and nothing is evaluated, so it runs under
//   Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
(function () {
  'use strict';
  var VERSION = '@KETASCREEN_VERSION@';
  var GLUE_SRI = '@KETASCREEN_GLUE_SRI@';
  var WASM_SRI = '@KETASCREEN_WASM_SRI@';
  var OVERLAY_SRI = '@KETASCREEN_OVERLAY_SRI@';

  var script = document.currentScript; // only valid now, while this script first runs
  var api = window.KetaScreen;
  if (api && api.version) { // the tag was pasted twice: one loader, mount what this tag asks for
    api._tag(script);
    return;
  }
  var queued = (api && api.q) || [];
  api = window.KetaScreen = api || {}; // keep the stub object: pages may hold on to it

  var base = new URL('.', (script && script.src) || document.baseURI);
  var file = function (suffix) { return new URL('ketascreen-' + VERSION + suffix, base).href; };
  var wasmUrl = file('.wasm');
  var modules = {};
  // The stop each widget on the page shows ([generation, index], see mount), as every history
  // entry the widgets make records it; keyed per page load, so entries left by an earlier load of
  // the page (a reload) are not taken for this one's.
  var positions = {}, pageKey = Math.random().toString(36).slice(2), mounts = 0;

  // An ES module (the glue, the overlay), checked against its hash on every browser (modulepreload
  // is missing from Safari before 17 and Firefox before 115): a module script with integrity puts
  // the checked module into the page's module map, and import() then takes it from there, neither
  // fetched again nor run unchecked. A module that fails its check is never run, and the map keeps
  // its failure, so import() fails too. Resolves to the module's default export.
  function load(url, sri) {
    return modules[url] || (modules[url] = new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.type = 'module';
      s.integrity = sri;
      s.src = url;
      s.onload = resolve;
      s.onerror = function () { reject(new Error('could not load ' + url)); };
      document.head.appendChild(s);
    }).then(function () {
      return import(url);
    }).then(function (m) {
      return m.default;
    }));
  }

  // The compiled wasm, shared by every widget on the page. Compiling starts as soon as a widget is
  // near the viewport, together with fetching the glue (not after it), and runs off the main
  // thread while the bytes stream in; each mount then only instantiates it. A failure is not kept,
  // so a later mount tries again.
  var wasmModule = null;
  function compileWasm() {
    if (wasmModule) return wasmModule;
    var get = function () { return fetch(wasmUrl, { integrity: WASM_SRI, credentials: 'same-origin' }); };
    wasmModule = WebAssembly.compileStreaming(get()).catch(function () {
      // Not served as application/wasm (or no streaming): compile from the bytes.
      return get().then(function (r) {
        if (!r.ok) throw new Error('could not fetch ' + wasmUrl + ': HTTP ' + r.status);
        return r.arrayBuffer();
      }).then(function (bytes) { return WebAssembly.compile(bytes); });
    });
    wasmModule.catch(function () { wasmModule = null; });
    return wasmModule;
  }

  // Calls done() once the element is within a screen of the viewport: at once when it already is
  // (most embeds: IntersectionObserver reports only after the page's first frame, a few hundred
  // ms later on a slow phone), or without IntersectionObserver; otherwise when it scrolls near.
  function nearViewport(element, done) {
    var box = element.getBoundingClientRect(), screen = window.innerHeight || 0;
    if (!window.IntersectionObserver || ((box.width || box.height) && box.top < 2 * screen && box.bottom > -screen)) {
      return done(), null;
    }
    var io = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        io.disconnect();
        done();
      }
    }, { rootMargin: '100% 0px' });
    io.observe(element);
    return io;
  }

  // Copies a string into the module's heap as UTF-8, NUL-terminated; the caller frees the pointer.
  function toHeap(module, bytes) {
    if (typeof bytes === 'string') bytes = new TextEncoder().encode(bytes);
    var ptr = module._malloc(bytes.length + 1);
    module.HEAPU8.set(bytes, ptr);
    module.HEAPU8[ptr + bytes.length] = 0;
    return ptr;
  }

  function mount(element, options) {
    if (typeof element === 'string') element = document.querySelector(element);
    if (!element) throw new Error('KetaScreen.mount: no such element');
    options = options || {};
    if (element.__ketascreen) element.__ketascreen.unmount();
    var contentUrl = new URL(options.content || 'content.json', document.baseURI).href;
    // Content locales are language codes ("en", "es"): "es-MX" asks for "es".
    var lang = function (l) { return String(l || 'en').split('-')[0].toLowerCase(); };
    var locale = lang(options.locale || document.documentElement.lang);
    var detailed = options.events === 'detailed';
    var timeoutMs = 1000 * Math.min(Math.max(Number(options.referralTimeout) || 30, 1), 120);
    var dark = window.matchMedia && matchMedia('(prefers-color-scheme: dark)');
    var isDark = function () {
      var t = options.theme;
      return t === 'dark' || (t === 'auto' ? !!dark && dark.matches : t !== 'light' && pageDark());
    };
    // The page's own look: its color-scheme (with both, as the visitor's system says), else the
    // first background behind the widget that is not transparent; light when nothing says.
    function pageDark() {
      var cs = getComputedStyle(element).colorScheme || '', e = element, m;
      if (/dark/.test(cs)) return /light/.test(cs) ? !!dark && dark.matches : true;
      for (; e; e = e.parentElement) {
        m = getComputedStyle(e).backgroundColor.match(/[\d.]+/g);
        if (m && !(m[3] < 0.5)) return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2] < 128;
      }
      return false;
    }
    var onScheme = function () {
      if (module) module._ketascreen_set_dark(isDark() ? 1 : 0);
      if (overlay) overlay.dark(isDark());
    };
    if (dark && dark.addEventListener) dark.addEventListener('change', onScheme);

    // The canvas never takes the keyboard focus (SDL would keep Tab): the overlay's elements do.
    var canvas = document.createElement('canvas');
    canvas.className = 'ketascreen-canvas';
    canvas.setAttribute('aria-hidden', 'true'); // the overlay says what it shows
    // CSSOM, not a style attribute: allowed under a strict style-src. SDL follows the CSS size,
    // which is kept at whole CSS pixels so the backing store maps 1:1 to device pixels.
    var style = canvas.style;
    style.display = 'block';
    style.maxWidth = '100%'; // lets a grid or flex cell shrink; the ResizeObserver then follows
    style.background = isDark() ? '#14191f' : '#fff'; // the theme's, before the first frame: no flash
    var width = 0, height = 0, ratio = 0, maxPx = 8192, top = 0, slice = 0;
    // Until the visitor first taps or types in it, the widget keeps at least the height of a first
    // question (the demo's at these widths, a little over), so the first frame does not push the
    // page below it down (no layout shift while loading); it shrinks to its content at that first
    // input, which layout-shift scores leave out (input elsewhere on the page, in another widget
    // say, changes nothing here). `drawn` is the content's own height.
    var held = 1, drawn = 0;
    var hold = function (zoom) {
      return held && (width < 400 ? 690 : width < 700 ? 660 : 600) * zoom;
    };
    var letGo = function () {
      if (held) held = 0, height = drawn || height, layout();
    };
    ['pointerdown', 'keydown'].forEach(function (t) { element.addEventListener(t, letGo, { capture: true, once: true }); });
    // The clinic's name where the first question will be, while it loads.
    var label = options.clinicName && document.createElement('div');
    if (label) {
      label.textContent = options.clinicName;
      label.style.cssText = 'height:0;position:relative;top:40px;text-align:center;font:16px/1.4 system-ui,sans-serif;opacity:.7';
    }
    // Above the canvas: the part of a long screen above the slice it draws (place()).
    var lead = document.createElement('div');
    element.appendChild(lead);
    if (label) label.style.color = isDark() ? '#fff' : '#000', element.appendChild(label);
    element.appendChild(canvas);

    var module = null, stopped = false, fallback = null, tree = [], treeJson = '{}', io = null, overlay = null;
    var html = options.render === 'html';
    if (html) style.display = 'none';

    // The browser's Back and Forward move between the widget's screens: one history entry per stop
    // on the page's own URL (widgets/src/screen_stops.hpp). An entry records only which stop each
    // widget shows, never an answer, and follow-up questions make no entry of their own, so
    // history.length tells the page no more than its step events do. The page's own state is
    // kept in every entry (routers read theirs).
    var key = pageKey + ++mounts, generation = 0, at = 0;
    var withHistory = options.history !== 'off' && !!(window.history && history.pushState);
    positions[key] = [0, 0];
    var mine = function (state) { return state && state.ketascreen && state.ketascreen[key]; };
    function entry(push) {
      var s = history.state;
      s = Object.assign({}, s && typeof s === 'object' ? s : {}, { ketascreen: Object.assign({}, positions) });
      history[push ? 'pushState' : 'replaceState'](s, '');
    }
    // The widget moved to stop d.index (a new generation after a reset starts again at 0).
    function onStop(d) {
      var was = at, here = mine(history.state);
      if (!here) entry(); // the page's entry before the first stop: make it this widget's stop `was`
      at = d.index;
      positions[key] = [d.generation, at];
      if (d.generation !== generation) return generation = d.generation, entry();
      // The widget's own Back: the browser goes back with it, so its Forward comes back here.
      if (at < was && here && here[0] === generation && here[1] === was) history.go(at - was);
      else entry(1);
    }
    function onPop(e) {
      var p = mine(e.state);
      if (!p || !module) return; // not this widget's entry (an anchor, the page's own, another load)
      var to = p[0] === generation ? p[1] : 0; // an entry from before a reset: the start
      // Already there: the widget's own Back moved the browser (it may show a follow-up question of the stop).
      if (to === at) return;
      at = module._ketascreen_history(to);
      positions[key] = [generation, at];
    }
    if (withHistory) window.addEventListener('popstate', onPop);
    // Printing shows the overlay's words (its print rules) in place of the canvas.
    function printing(e) {
      if (!html) style.display = e.type === 'beforeprint' ? 'none' : 'block';
    }
    window.addEventListener('beforeprint', printing);
    window.addEventListener('afterprint', printing);

    function fire(type, detail, cancelable) {
      return element.dispatchEvent(new CustomEvent('ketascreen:' + type,
        { detail: detail || {}, bubbles: true, cancelable: !!cancelable }));
    }

    function layout() {
      if (!width || stopped) return;
      // Browser text zoom: the page's root font size against the usual 16 px (the widget takes 1
      // to 3), read once per layout for the widget and for the held loading height.
      var zoom = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
      if (module) module._ketascreen_set_text_scale(zoom);
      height = Math.max(1, height, hold(zoom));
      style.width = width + 'px';
      ratio = window.devicePixelRatio || 1;
      place(1);
    }

    // A screen taller than the largest canvas the GPU takes (maxPx device pixels, as the wasm
    // reports it) is laid out whole and drawn in a slice that tall, which moves with the page's
    // scrolling: between `lead` and the sizer, which keep the element as tall as the screen.
    function place(force) {
      var s = html ? height : Math.min(height, Math.floor(maxPx / ratio)), t = 0, o, m;
      if (s < height) {
        o = lead.getBoundingClientRect().top;
        t = -o >= top && innerHeight - o <= top + s ? top : Math.round((innerHeight - s) / 2 - o);
        t = Math.max(0, Math.min(height - s, t));
      }
      if (!force && t === top && s === slice) return;
      top = t, slice = s;
      style.height = s + 'px';
      lead.style.height = t + 'px';
      sizer.style.height = height - s - t + 'px';
      m = module && module._ketascreen_resize(width, s, ratio, t, s < height ? height : 0);
      if (m && m !== maxPx) maxPx = m, place(1);
    }
    function onScroll() {
      if (slice < height) place();
    }
    window.addEventListener('scroll', onScroll, { capture: true, passive: true });

    // The observer watches an empty block beside the canvas: it follows the element's width, and
    // the canvas growing with its content does not trigger the observer again (no resize loop).
    var sizer = document.createElement('div');
    element.appendChild(sizer);
    // A flex item the page gave no size is as wide as its content: the canvas's default 300 px.
    // Like any block, the widget then takes the width its container offers (a width the page
    // gave, or flex-grow, is left alone).
    var box = element.parentElement && getComputedStyle(element.parentElement), own = getComputedStyle(element);
    if (box && /flex/.test(box.display) && own.width === '300px') {
      if (/column/.test(box.flexDirection)) element.style.alignSelf = 'stretch';
      else if (own.flexGrow === '0') element.style.flexGrow = 1;
    }
    var ro = window.ResizeObserver && new ResizeObserver(function (entries) {
      var w = Math.floor(entries[0].contentRect.width);
      if (w > 0 && (w !== width || ratio !== window.devicePixelRatio)) {
        width = w;
        layout();
      }
    });
    if (ro) ro.observe(sizer);
    else style.width = '100%', style.height = height + 'px';

    // Without the widget we can still say something useful, in plain HTML.
    function fail(message) {
      if (stopped || fallback) return;
      var es = /^es/i.test(locale), name = options.clinicName, phone = options.clinicPhone;
      stop();
      fallback = document.createElement('p');
      fallback.className = 'ketascreen-fallback';
      fallback.style.padding = '1em';
      fallback.textContent = (es ? 'No se pudo cargar el cuestionario. ' : 'The screening could not be loaded. ') +
        (phone ? (es ? 'Llame a ' : 'Please call ') + (name || (es ? 'la clínica' : 'the clinic')) + ': '
               : (es ? 'Comuníquese directamente con ' : 'Please contact ') + (name || (es ? 'la clínica' : 'the clinic')) +
                 (es ? '.' : ' directly.'));
      // Each number on one line, and crisis help even without the widget.
      var call = function (number) {
        var a = fallback.appendChild(document.createElement('a'));
        a.href = 'tel:' + number.replace(/[^\d+]/g, '');
        a.textContent = number;
        a.style.whiteSpace = 'nowrap';
      };
      if (phone) call(String(phone));
      fallback.append((phone ? '. ' : ' ') + (es ? 'En una crisis, llame o envíe un mensaje de texto al ' : 'In a crisis, call or text '));
      call('988');
      fallback.append('.');
      element.appendChild(fallback);
      if (message !== undefined) fire('error', { message: message });
    }

    function stop() {
      if (module) module._ketascreen_stop();
      module = null;
      if (overlay) overlay.destroy();
      overlay = null;
      canvas.remove();
      sizer.remove();
      lead.remove();
      window.removeEventListener('scroll', onScroll, true);
      if (ro) ro.disconnect();
      if (io) io.disconnect();
      if (dark && dark.removeEventListener) dark.removeEventListener('change', onScheme);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('beforeprint', printing);
      window.removeEventListener('afterprint', printing);
      element.removeEventListener('pointerdown', letGo, true);
      element.removeEventListener('keydown', letGo, true);
      if (label) label.remove();
      delete positions[key];
    }

    // An attempt of the referral is due (web/main.cpp onKetascreenReferral): the widget keeps the
    // retries, the offline wait and the status (core's ReferralSubmission); this only offers the
    // first attempt to the page (preventDefault: the page takes the payload), POSTs, and reports
    // what happened under the attempt's generation (a report after a reset is ignored). The key
    // and the body are taken before the event: page listeners get their own copy of the payload,
    // and whatever they do to it, exactly what the widget built is sent.
    function submit(endpoint, json, generation, number) {
      var payload = JSON.parse(json), key = payload.id, detail = { id: key, endpoint: endpoint };
      var report = function (what, value) {
        if (module) module['_ketascreen_referral_' + what](generation, value);
      };
      // The payload holds health data: not enumerable, so pages that forward event details to
      // analytics (JSON.stringify, spreads) do not pass it on by accident.
      Object.defineProperty(detail, 'payload', { value: payload });
      if (number < 2 && !fire('referral', detail, true)) return report('taken');
      if (!endpoint) return report('refused'); // the clinic has none (core allowed any other): the widget says so
      fetch(new URL(endpoint, document.baseURI).href, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: json,
        credentials: 'omit',
        // A redirect is not followed (the referral would go wherever it points): it fails at once.
        redirect: 'manual',
        cache: 'no-store',
        signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(timeoutMs) : undefined
      }).then(function (response) {
        report('answered', response.status); // 0: a redirect (opaqueredirect)
      }, function () {
        report('failed', navigator.onLine !== false);
      });
    }

    // Back online: a referral waiting for the network (or for its next attempt) goes now.
    function onOnline() {
      if (module) module._ketascreen_referral_online();
    }
    window.addEventListener('online', onOnline);

    function openUrl(href) {
      var url = new URL(href, document.baseURI);
      if (/^https?:$/.test(url.protocol)) {
        window.open(url.href, '_blank', 'noopener');
      } else if (/^(tel|sms|mailto):$/.test(url.protocol)) {
        var a = document.createElement('a');
        a.href = url.href;
        a.click();
      }
    }

    // Page events wait for ketascreen:ready (the first frame emits its step before it is done).
    var pending = [];
    function page(type, detail) {
      if (pending) pending.push([type, detail]);
      else fire(type, detail);
    }

    function onEvent(type, json) {
      var d = json ? JSON.parse(json) : {};
      if (type === 'semantics') {
        treeJson = json;
        tree = d.nodes || [];
        if (overlay) overlay.update(tree);
      } else if (type === 'height') {
        height = drawn = Math.ceil(d.height) || height;
        Promise.resolve().then(layout); // after the frame that measured it
      } else if (type === 'step') {
        page(type, { step: d.step });
      } else if (type === 'outcome') {
        // That a result was shown, never which (core/src/page_events.cpp; the loader lets nothing else through).
        page(type, { completed: true });
      } else if (type === 'screen') { // data-events="detailed": the visitor opened the provider list or the form
        page(type, { screen: String(d.screen) });
      } else if (type === 'keep') { // the visitor asked to print or copy the result: never a page event
        if (d.how === 'print') window.print();
        else if (overlay && navigator.clipboard) {
          navigator.clipboard.writeText(overlay.text()).then(function () { if (overlay) overlay.say(d.done); }, function () {});
        }
      } else if (type === 'history') { // the loader's alone: never a page event
        if (withHistory) onStop(d);
      } else if (type === 'html') { // the canvas cannot draw (WebGL could not build the shaders)
        toHtml();
      } else if (type === 'error') {
        fire(type, { message: String(d.message) });
      } else if (type === 'ready') {
        if (label) label.remove();
        var queue = pending || [];
        pending = null;
        fire(type, {});
        queue.forEach(function (e) { fire(e[0], e[1]); });
      }
    }

    var handle = {
      unmount: function () {
        stop();
        stopped = true;
        if (fallback) fallback.remove();
        if (element.__ketascreen === handle) delete element.__ketascreen;
      },
      reset: function () {
        if (module) module._ketascreen_reset();
      },
      setLocale: function (l) {
        locale = l = lang(l);
        if (overlay) overlay.lang(l);
        if (!module) return;
        var p = toHeap(module, l);
        module._ketascreen_set_locale(p);
        module._free(p);
      },
      // The latest semantics tree: [{id, role, name, value, checked, disabled, rect: {x, y, w, h}, ...}]
      // in CSS pixels from the canvas's top-left corner (what assistive overlays and tests act on), a
      // fresh copy without the values of text fields: what a person typed (contact details, the ZIP,
      // a number) is not for page scripts (session replay, analytics) to read.
      semantics: function () {
        return JSON.parse(treeJson, function (k, v) { return k === 'value' && this.role === 'textbox' ? undefined : v; }).nodes || [];
      }
    };
    element.__ketascreen = handle;

    // The overlay's actions on the tree's nodes: 'a' activate, 'v' set a field's value, 'f' focus.
    function act(kind, id, value) {
      if (!module) return;
      var p = toHeap(module, id);
      if (kind === 'v') {
        var v = toHeap(module, value);
        module._ketascreen_set_value(p, v);
        module._free(v);
      } else if (kind === 's') {
        module._ketascreen_select(p, value[0], value[1]);
      } else {
        module[kind === 'f' ? '_ketascreen_focus' : '_ketascreen_activate'](p);
      }
      module._free(p);
    }

    // Without the canvas (no WebGL2, a lost context, data-render="html") the overlay's elements
    // are the widget, in normal flow.
    function toHtml() {
      html = true;
      style.display = 'none';
      element.setAttribute('data-ketascreen-render', 'html');
      if (overlay) overlay.html(), overlay.update(tree);
      place(1);
    }
    canvas.addEventListener('webglcontextlost', function () {
      if (!module || html) return;
      module._ketascreen_render_html();
      toHtml();
    });

    io = nearViewport(element, function () {
      var content = fetch(contentUrl, { credentials: 'omit' }).then(function (r) {
        if (!r.ok) throw new Error('could not fetch ' + contentUrl + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
      var compiled = compileWasm();
      compiled.catch(function () {}); // reported through instantiateWasm below
      Promise.all([content, load(file('-glue.js'), GLUE_SRI), load(file('-overlay.js'), OVERLAY_SRI)]).then(function (results) {
        if (stopped || fallback) return;
        return results[1]({
          canvas: canvas,
          locateFile: function (path) { return /\.wasm$/.test(path) ? wasmUrl : new URL(path, base).href; },
          // The wasm, checked against its hash (compileWasm), instantiated for this widget.
          instantiateWasm: function (imports, receive) {
            compiled.then(function (wasm) {
              return WebAssembly.instantiate(wasm, imports).then(function (instance) { receive(instance, wasm); });
            }).catch(function (e) { fail(String(e.message || e)); });
            return {};
          },
          onKetascreenEvent: onEvent,
          onKetascreenReferral: submit,
          onKetascreenOpenUrl: openUrl
        }).then(function (instance) {
          if (stopped || fallback) return;
          module = instance;
          var bytes = new Uint8Array(results[0]);
          var b = toHeap(module, bytes), l = toHeap(module, locale);
          var n = toHeap(module, contentUrl.split(/[?#]/)[0].split('/').pop() || 'content.json');
          layout();
          // 0 drawing on the canvas; 3 drawing as HTML (asked for, or no WebGL2); 2 bad bundle
          var started = module._ketascreen_start(b, bytes.length, l, (detailed ? 1 : 0) | (isDark() ? 2 : 0) | (html ? 4 : 0), n);
          [b, l, n].forEach(module._free);
          if (started && started !== 3) {
            module = null;
            return fail(); // the module has sent the error event already
          }
          overlay = results[2](element, canvas, act, isDark());
          element.insertBefore(lead, canvas); // the overlay's origin (it went before the canvas) stays above lead
          overlay.lang(locale);
          if (started === 3) toHtml();
          layout();
          module._ketascreen_draw_now(); // the first question, without waiting for an animation frame
        });
      }).catch(function (e) {
        fail(String((e && e.message) || e));
      });
      // The canvas's backing store gets its final size now, before the wasm makes a WebGL
      // context on it: every resize of a WebGL canvas waits for the GPU process (its framebuffer
      // is checked synchronously), ~0.3 s each when that was busy with the page's first paint in
      // bench/RESULTS.md's traces. SDL computes the same size (CSS size x devicePixelRatio) and
      // widgets/src/web_trims.cpp leaves an unchanged size alone. (Creating the context itself
      // this early was tried: it blocks the main thread for as long, and before the page's
      // first paint it delays the host page's first paint by that much.)
      if (!html) {
        if (!width) {
          var w = Math.floor(sizer.getBoundingClientRect().width);
          if (w > 0) width = w, layout();
        }
        if (width) {
          var r = window.devicePixelRatio || 1;
          canvas.width = Math.floor(width * r);
          canvas.height = Math.floor(height * r);
        }
      }
    });
    return handle;
  }

  // Mounts what a script tag asks for (data-target), once the page has parsed; an element that
  // already holds a widget keeps it.
  function tag(s) {
    var target = s && s.getAttribute('data-target');
    if (!target) return;
    whenParsed(function () {
      var el = document.querySelector(target);
      if (!el || el.__ketascreen) return;
      var data = function (n) { return s.getAttribute('data-' + n); };
      mount(el, { content: data('content'), locale: data('locale'), events: data('events'), theme: data('theme'),
                  render: data('render'), clinicName: data('clinic-name'), clinicPhone: data('clinic-phone'),
                  referralTimeout: data('referral-timeout'), history: data('history') });
    });
  }

  function whenParsed(f) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', f);
    else f();
  }

  api.version = VERSION;
  api.mount = mount;
  api._tag = tag;
  // Calls queued through the stub, in order, once the page has parsed.
  whenParsed(function () {
    queued.splice(0).forEach(function (args) {
      try { mount.apply(null, args); } catch (e) { console.error(e); }
    });
  });
  tag(script);
})();
