// KetaScreen loader: the one script a clinic page includes (source: web/ketascreen.js; DESIGN.md "Page embed").
//   <script src=".../ketascreen-VERSION.js" async data-content="content.json"
//           data-target="#ketamine-check" data-locale="en"></script>
// Other data attributes: data-events="detailed", data-theme="light|dark|auto" (default: the page's
// own scheme; auto: prefers-color-scheme), data-render="html" (no canvas: the widget as plain DOM,
// which is also what happens without WebGL2), data-worker="off" (run the widget on the page's
// main thread even where a worker could draw it), data-clinic-name, data-clinic-phone (for the
// plain HTML fallback shown when the widget cannot start), data-referral-timeout (seconds a
// referral POST may take before it is retried; default 30), data-history="off" (the browser's
// Back and Forward leave the widget alone; by default they move between its screens).
// From code: KetaScreen.mount(element, {content, locale, events, theme, render, worker, clinicName,
//                                       clinicPhone, referralTimeout, history})
//   -> {unmount(), reset(), setLocale(locale), semantics()} (semantics() leaves typed values out).
// Before this script has loaded, pages may queue calls with the stub
//   window.KetaScreen = window.KetaScreen || {q: [], mount: function () { this.q.push(arguments); }};
//
// Start-up (README "Start-up"): when the mount element comes near the viewport, the loader
// fetches the content bundle and the glue (an ES module: the emscripten glue with the widget's
// host, web/src/host.js), and the host compiles the wasm. Where the browser can draw WebGL2 on an
// OffscreenCanvas in a worker, the glue runs as a dedicated worker (one per page, one wasm
// instance per widget) and the canvas is handed to it: the widget draws there and the page's main
// thread keeps only this loader and the accessibility overlay. Elsewhere the glue runs here, on
// the main thread. Either way the widget starts without pixels: its first frame's semantics tree
// shows the first question as HTML at once (the overlay made visible), and the canvas takes over
// under it when it has drawn. Without WebGL2 the HTML stays. Every call and event between the
// loader and the widget is a named message of web/src/bridge.hpp.
//
// It defines window.KetaScreen and nothing else. build-wasm.sh fills in the version and the SHA-384
// of the glue, the wasm and the overlay, so a page that pins this file with integrity="..." pins
// them too: a file that fails its check is never run (the worker is started only after its script
// passed the check; browsers have no integrity attribute for a worker, see README "Start-up").
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
  var glueUrl = file('-glue.js');
  var modules = {};
  // The stop each widget on the page shows ([generation, index], see historyMirror), as every
  // history entry the widgets make records it; keyed per page load, so entries left by an earlier
  // load of the page (a reload) are not taken for this one's.
  var positions = {}, pageKey = Math.random().toString(36).slice(2), mounts = 0;

  // An ES module (the glue, the overlay), checked against its hash on every browser: a module
  // script with integrity puts the checked module into the page's module map, and import() then
  // takes it from there, neither fetched again nor run unchecked. Resolves to the module.
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
    }));
  }

  // --- Where the widgets run: one host per page, in a worker or on this thread ----------------
  // A host is {post(message, transfer), listen(widget, onEvent), canvas: whether it takes the
  // canvas as an OffscreenCanvas} (hostOf). The worker is used where the browser can hand a canvas to one
  // and the worker says it has WebGL2 (older Safari has OffscreenCanvas without WebGL); it must be
  // same-origin with the page, and its script is checked against GLUE_SRI before it starts.
  var hosts = {};
  function hostFor(inWorker) {
    var key = inWorker ? 'w' : 'm';
    return hosts[key] || (hosts[key] = (inWorker ? workerHost() : mainHost()).catch(function (e) {
      if (inWorker) return hostFor(false); // the main thread runs it (and every later widget)
      delete hosts[key]; // a failed load is not kept: a later mount tries again
      throw e;
    }));
  }
  // A host: post(message, transfer) reaches it; route(message) passes an event on to the widget
  // that listens for it.
  function hostOf(post, canvas) {
    var routes = {};
    return {
      post: post,
      canvas: canvas,
      listen: function (w, f) { routes[w] = f; },
      forget: function (w) { delete routes[w]; },
      route: function (m) { var f = routes[m[0]]; if (f) f(m[1], m[2]); },
      widgets: function () { return Object.keys(routes); }
    };
  }
  // The wasm, checked against its hash, fetched once per page from the moment a widget comes near
  // (with the glue, the content and the overlay); each host compiles it as soon as both exist. A
  // failure is not kept, so a later mount tries again.
  var wasmBytes = null;
  function fetchWasm() {
    wasmBytes = wasmBytes || fetch(file('.wasm'), { integrity: WASM_SRI, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('could not fetch ' + r.url + ': HTTP ' + r.status);
      return r.arrayBuffer();
    });
    wasmBytes.catch(function () { wasmBytes = null; });
    return wasmBytes;
  }
  // Hands the host the wasm's bytes (a copy: the main thread may still need them if a worker fails).
  function compileIn(post) {
    fetchWasm().then(function (bytes) { post([0, 'compile', bytes]); }, function () {});
  }
  function mainHost() {
    return load(glueUrl, GLUE_SRI).then(function (glue) {
      var h = hostOf(function (m) { receive(m); }, false), receive = glue.connect(h.route);
      compileIn(receive);
      return h;
    });
  }
  function workerHost() {
    if (!window.Worker || !window.OffscreenCanvas || !HTMLCanvasElement.prototype.transferControlToOffscreen) {
      return Promise.reject(new Error('no OffscreenCanvas'));
    }
    return fetch(glueUrl, { integrity: GLUE_SRI, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error('could not fetch ' + glueUrl + ': HTTP ' + r.status);
      // The worker's own request must come from the cache this checked response fills.
      if (/no-store/.test(r.headers.get('cache-control'))) throw new Error('the glue is not cacheable');
      return new Promise(function (resolve, reject) {
        var worker = new Worker(glueUrl, { type: 'module', name: 'ketascreen' });
        var h = hostOf(function (m, transfer) { worker.postMessage(m, transfer || []); }, true);
        // Before it said hello: no worker (the main thread takes over). After: an error outside
        // any one widget's call (a timer's, a frame's) may have broken any of them: each shows
        // its plain fallback.
        worker.onerror = function (e) {
          var message = e.message || 'the worker failed', why = JSON.stringify({ message: message, fatal: true });
          worker.terminate(), reject(new Error(message));
          hosts.w = hostFor(false); // later widgets run on the main thread
          h.widgets().forEach(function (w) { h.route([w, 'error', why]); });
        };
        compileIn(function (m) { worker.postMessage(m); });
        worker.onmessage = function (e) {
          if (e.data[1] !== 'hello') return h.route(e.data);
          if (!e.data[2]) return worker.terminate(), reject(new Error('no WebGL2 in a worker'));
          resolve(h);
        };
      });
    });
  }

  // Calls done() once the element is within a screen of the viewport: at once when it already is,
  // or without IntersectionObserver; otherwise when it scrolls near.
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

  // A listener that is taken off again when the widget stops: on(target, type, f, options).
  function listeners() {
    var all = [];
    var on = function (target, type, f, o) { target.addEventListener(type, f, o), all.push([target, type, f, o]); };
    on.off = function () { all.splice(0).forEach(function (l) { l[0].removeEventListener(l[1], l[2], l[3]); }); };
    return on;
  }

  // --- Parts of a mounted widget, one job each ---------------------------------------------------

  // The colour scheme: the page's color-scheme (with both, as the visitor's system says), else the
  // first background behind the widget that is not transparent; light when nothing says.
  function scheme(element, theme, on, changed) {
    var dark = window.matchMedia && matchMedia('(prefers-color-scheme: dark)');
    function pageDark() {
      var cs = getComputedStyle(element).colorScheme || '', e = element, m;
      if (/dark/.test(cs)) return /light/.test(cs) ? !!dark && dark.matches : true;
      for (; e; e = e.parentElement) {
        m = getComputedStyle(e).backgroundColor.match(/[\d.]+/g);
        if (m && !(m[3] < 0.5)) return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2] < 128;
      }
      return false;
    }
    var isDark = function () {
      return theme === 'dark' || (theme === 'auto' ? !!dark && dark.matches : theme !== 'light' && pageDark());
    };
    if (dark && dark.addEventListener) on(dark, 'change', changed);
    return isDark;
  }

  // Page events (DOM CustomEvents on the mount element); until ketascreen:ready they wait.
  function pageEvents(element) {
    var pending = [];
    var fire = function (type, detail, cancelable) {
      return element.dispatchEvent(new CustomEvent('ketascreen:' + type,
        { detail: detail || {}, bubbles: true, cancelable: !!cancelable }));
    };
    return {
      fire: fire,
      page: function (type, detail) { if (pending) pending.push([type, detail]); else fire(type, detail); },
      ready: function () {
        var queue = pending || [];
        pending = null;
        fire('ready', {});
        queue.forEach(function (e) { fire(e[0], e[1]); });
      }
    };
  }

  // The browser's Back and Forward move between the widget's screens: one history entry per stop
  // on the page's own URL (widgets/src/screen_stops.hpp). An entry records only which stop each
  // widget shows, never an answer, and follow-up questions make no entry of their own, so
  // history.length tells the page no more than its step events do. The page's own state is kept
  // in every entry (routers read theirs). send(call, ...) reaches the widget.
  function historyMirror(on, send) {
    var key = pageKey + ++mounts, generation = 0, at = 0;
    positions[key] = [0, 0];
    var mine = function (state) { return state && state.ketascreen && state.ketascreen[key]; };
    function entry(push) {
      var s = history.state;
      s = Object.assign({}, s && typeof s === 'object' ? s : {}, { ketascreen: Object.assign({}, positions) });
      history[push ? 'pushState' : 'replaceState'](s, '');
    }
    on(window, 'popstate', function (e) {
      var p = mine(e.state);
      if (!p) return; // not this widget's entry (an anchor, the page's own, another load)
      var to = p[0] === generation ? p[1] : 0; // an entry from before a reset: the start
      // Already there: the widget's own Back moved the browser (it may show a follow-up question of the stop).
      if (to !== at) send('history', to);
    });
    return {
      // The widget moved to stop d.index (a new generation after a reset starts again at 0).
      moved: function (d) {
        var was = at, here = mine(history.state);
        if (!here) entry(); // the page's entry before the first stop: make it this widget's stop `was`
        at = d.index;
        positions[key] = [d.generation, at];
        if (d.generation !== generation) return generation = d.generation, entry();
        // The widget's own Back: the browser goes back with it, so its Forward comes back here.
        if (at < was && here && here[0] === generation && here[1] === was) history.go(at - was);
        else entry(1);
      },
      // Where a history call left the widget.
      at: function (d) {
        at = d.index;
        positions[key] = [generation, at];
      },
      forget: function () { delete positions[key]; }
    };
  }

  // An attempt of the referral is due (event "referral"): the widget keeps the retries, the
  // offline wait and the status (core's ReferralSubmission); this only offers the first attempt to
  // the page (preventDefault: the page takes the payload), POSTs, and reports what happened under
  // the attempt's generation. The key and the body are taken before the event: page listeners get
  // their own copy of the payload, and whatever they do to it, exactly what the widget built is sent.
  function referrals(fire, send, timeoutMs) {
    return function (d) {
      var json = d.payload, payload = JSON.parse(json), key = payload.id, detail = { id: key, endpoint: d.endpoint };
      var report = function (call, value) { send(call, d.generation, value); };
      // The payload holds health data: not enumerable, so pages that forward event details to
      // analytics (JSON.stringify, spreads) do not pass it on by accident.
      Object.defineProperty(detail, 'payload', { value: payload });
      if (d.number < 2 && !fire('referral', detail, true)) return report('referral_taken');
      if (!d.endpoint) return report('referral_refused'); // the clinic has none: the widget says so
      fetch(new URL(d.endpoint, document.baseURI).href, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
        body: json,
        credentials: 'omit',
        // A redirect is not followed (the referral would go wherever it points): it fails at once.
        redirect: 'manual',
        cache: 'no-store',
        signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(timeoutMs) : undefined
      }).then(function (response) {
        report('referral_answered', response.status); // 0: a redirect (opaqueredirect)
      }, function () {
        report('referral_failed', navigator.onLine !== false);
      });
    };
  }

  function openUrl(d) {
    var url = new URL(d.url, document.baseURI);
    if (/^https?:$/.test(url.protocol)) {
      window.open(url.href, '_blank', 'noopener');
    } else if (/^(tel|sms|mailto):$/.test(url.protocol)) {
      var a = document.createElement('a');
      a.href = url.href;
      a.click();
    }
  }

  // Without the widget we can still say something useful, in plain HTML: the clinic's number and
  // crisis help.
  function fallbackText(locale, name, phone) {
    var es = /^es/i.test(locale), p = document.createElement('p');
    p.className = 'ketascreen-fallback';
    p.style.padding = '1em';
    p.textContent = (es ? 'No se pudo cargar el cuestionario. ' : 'The screening could not be loaded. ') +
      (phone ? (es ? 'Llame a ' : 'Please call ') + (name || (es ? 'la clínica' : 'the clinic')) + ': '
             : (es ? 'Comuníquese directamente con ' : 'Please contact ') + (name || (es ? 'la clínica' : 'the clinic')) +
               (es ? '.' : ' directly.'));
    var call = function (number) {
      var a = p.appendChild(document.createElement('a'));
      a.href = 'tel:' + number.replace(/[^\d+]/g, '');
      a.textContent = number;
      a.style.whiteSpace = 'nowrap';
    };
    if (phone) call(String(phone));
    p.append((phone ? '. ' : ' ') + (es ? 'En una crisis, llame o envíe un mensaje de texto al ' : 'In a crisis, call or text '));
    call('988');
    p.append('.');
    return p;
  }

  // The canvas and the blocks around it, and their sizes: the element keeps the width it is
  // offered, the canvas is as tall as the content (or a slice of a very long screen), and until
  // the first input it holds a first question's height (no layout shift while loading).
  function sizing(element, canvas, on, send) {
    var style = canvas.style;
    var width = 0, height = 0, ratio = 0, maxPx = 8192, top = 0, slice = 0, html = false;
    // Until the visitor first taps or types in it, the widget keeps at least the height of a first
    // question (the demo's at these widths, a little over), so the first frame does not push the
    // page below it down; it shrinks to its content at that first input, which layout-shift
    // scores leave out. `drawn` is the content's own height.
    var held = 1, drawn = 0;
    var hold = function (zoom) { return held && (width < 400 ? 690 : width < 700 ? 660 : 600) * zoom; };
    var letGo = function () { if (held) held = 0, height = drawn || height, layout(); };
    on(element, 'pointerdown', letGo, { capture: true, once: true });
    on(element, 'keydown', letGo, { capture: true, once: true });
    // Above the canvas: the part of a long screen above the slice it draws (place()); below it, an
    // empty block the ResizeObserver watches: it follows the element's width, and the canvas
    // growing with its content does not trigger the observer again (no resize loop).
    var lead = document.createElement('div'), sizer = document.createElement('div');
    element.append(lead, canvas, sizer);

    function layout() {
      if (!width) return;
      // Browser text zoom: the page's root font size against the usual 16 px, read once per layout.
      var zoom = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
      send('set_text_scale', zoom);
      height = Math.max(1, height, hold(zoom));
      style.width = width + 'px';
      ratio = window.devicePixelRatio || 1;
      place(1);
    }
    // A screen taller than the largest canvas the GPU takes (maxPx device pixels) is laid out
    // whole and drawn in a slice that tall, which moves with the page's scrolling: between `lead`
    // and the sizer, which keep the element as tall as the screen.
    function place(force) {
      var s = html ? height : Math.min(height, Math.floor(maxPx / ratio)), t = 0, o;
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
      send('resize', width, s, ratio, t, s < height ? height : 0);
    }
    on(window, 'scroll', function () { if (slice < height) place(); }, { capture: true, passive: true });
    // A flex item the page gave no size is as wide as its content: the canvas's default 300 px.
    // Like any block, the widget then takes the width its container offers.
    var box = element.parentElement && getComputedStyle(element.parentElement), own = getComputedStyle(element);
    if (box && /flex/.test(box.display) && own.width === '300px') {
      if (/column/.test(box.flexDirection)) element.style.alignSelf = 'stretch';
      else if (own.flexGrow === '0') element.style.flexGrow = 1;
    }
    var ro = window.ResizeObserver && new ResizeObserver(function (entries) {
      var w = Math.floor(entries[0].contentRect.width);
      if (w > 0 && (w !== width || ratio !== window.devicePixelRatio)) width = w, layout();
    });
    if (ro) ro.observe(sizer);
    else style.width = '100%', style.height = height + 'px';
    return {
      lead: lead,
      layout: layout,
      // The width now, before the observer's first report (the first resize goes out with start).
      measure: function () {
        var w = Math.floor(sizer.getBoundingClientRect().width);
        if (w > 0 && !width) width = w, layout();
      },
      height: function (h) { height = drawn = Math.ceil(h) || height; },
      maxPixels: function (px) { if (px && px !== maxPx) maxPx = px, place(1); },
      html: function () { html = true, place(1); },
      stop: function () {
        if (ro) ro.disconnect();
        lead.remove(), sizer.remove();
      }
    };
  }

  // --- mount ------------------------------------------------------------------------------------
  var widgetIds = 0;
  function mount(element, options) {
    if (typeof element === 'string') element = document.querySelector(element);
    if (!element) throw new Error('KetaScreen.mount: no such element');
    options = options || {};
    if (element.__ketascreen) element.__ketascreen.unmount();
    var contentUrl = new URL(options.content || 'content.json', document.baseURI).href;
    // Content locales are language codes ("en", "es"): "es-MX" asks for "es".
    var lang = function (l) { return String(l || 'en').split('-')[0].toLowerCase(); };
    var locale = lang(options.locale || document.documentElement.lang);
    var timeoutMs = 1000 * Math.min(Math.max(Number(options.referralTimeout) || 30, 1), 120);
    var html = options.render === 'html';
    var id = ++widgetIds, host = null, started = false, stopped = false, fallback = null, io = null, overlay = null;
    var tree = [], treeJson = '{}', painted = false, marked = 0;
    var on = listeners();
    // Calls to the widget wait until its host exists (they keep their order).
    var waiting = [];
    var send = function () {
      var m = [id].concat([].slice.call(arguments));
      if (host) host.post(m);
      else waiting.push(m);
    };
    var isDark = scheme(element, options.theme, on, function () {
      send('set_dark', isDark() ? 1 : 0);
      if (overlay) overlay.dark(isDark());
    });
    var events = pageEvents(element), fire = events.fire;
    var withHistory = options.history !== 'off' && !!(window.history && history.pushState);
    var stops = historyMirror(withHistory ? on : function () {}, send);

    // The canvas never takes the keyboard focus: the overlay's elements do.
    var canvas = document.createElement('canvas');
    canvas.className = 'ketascreen-canvas';
    canvas.setAttribute('aria-hidden', 'true'); // the overlay says what it shows
    // CSSOM, not a style attribute: allowed under a strict style-src. The CSS size is kept at
    // whole CSS pixels so the backing store maps 1:1 to device pixels.
    var style = canvas.style;
    style.display = 'block';
    style.maxWidth = '100%'; // lets a grid or flex cell shrink; the ResizeObserver then follows
    style.background = isDark() ? '#14191f' : '#fff'; // the theme's, before the first frame: no flash
    if (html) style.display = 'none';
    // The clinic's name where the first question will be, while it loads.
    var label = options.clinicName && document.createElement('div');
    if (label) {
      label.textContent = options.clinicName;
      label.style.cssText = 'height:0;position:relative;top:40px;text-align:center;font:16px/1.4 system-ui,sans-serif;opacity:.7';
      label.style.color = isDark() ? '#fff' : '#000';
      element.appendChild(label);
    }
    var size = sizing(element, canvas, on, send);
    // Where a mouse hovers over the canvas (the overlay passes its moves on as mouse events).
    on(canvas, 'mousemove', function (e) {
      var r = canvas.getBoundingClientRect();
      send('pointer', e.clientX - r.left, e.clientY - r.top);
    });
    on(canvas, 'mouseleave', function () { send('pointer', -1, -1); });
    // Printing shows the overlay's words (its print rules) in place of the canvas.
    var printing = function (e) { if (!html) style.display = e.type === 'beforeprint' ? 'none' : 'block'; };
    on(window, 'beforeprint', printing);
    on(window, 'afterprint', printing);
    // Back online: a referral waiting for the network (or for its next attempt) goes now.
    on(window, 'online', function () { send('referral_online'); });

    function fail(message) {
      if (stopped || fallback) return;
      stop();
      element.appendChild(fallback = fallbackText(locale, options.clinicName, options.clinicPhone));
      if (message !== undefined) fire('error', { message: message });
    }

    function stop() {
      if (started) send('stop');
      if (host) host.forget(id);
      host = null, waiting = [];
      if (overlay) overlay.destroy();
      overlay = null;
      canvas.remove();
      size.stop();
      if (io) io.disconnect();
      on.off();
      if (label) label.remove();
      stops.forget();
    }

    // Without the canvas (no WebGL2, a lost context, data-render="html") the overlay's elements
    // are the widget, in normal flow.
    function toHtml() {
      html = true;
      style.display = 'none';
      element.setAttribute('data-ketascreen-render', 'html');
      if (overlay) overlay.html(), overlay.update(tree);
      size.html();
    }
    // The first question as HTML, over the canvas, until the canvas has drawn (then the overlay
    // is transparent again: the canvas shows, the overlay's elements still take input).
    function showOverlay(visible) {
      if (overlay && !html) overlay.visible(visible);
    }
    // The canvas takes over (a worker gets it only now: a page frame waits for the first frame of
    // a canvas handed to a worker, up to a deadline of ~0.1 s, and the HTML must not wait for it).
    var canvasTimer = 0, canvasAsked = false;
    function toCanvas() {
      if (canvasAsked || stopped || fallback || !host || html) return;
      canvasAsked = true;
      if (host.canvas) {
        var offscreen = canvas.transferControlToOffscreen();
        host.post([id, 'canvas', offscreen], [offscreen]);
      }
      send('use_canvas');
    }

    var submit = referrals(fire, send, timeoutMs);
    // The widget's events (web/src/bridge.hpp), by name.
    var on_ = {
      semantics: function (d, json) {
        treeJson = json;
        tree = d.nodes || [];
        if (!overlay) return;
        overlay.update(tree);
        if (!painted) showOverlay(true);
        // The first question is on screen as HTML (over the canvas, or as the widget itself).
        if (!marked && window.performance && performance.mark) marked = 1, performance.mark('ketascreen-html');
      },
      height: function (d) {
        size.height(d.height);
        Promise.resolve().then(size.layout); // after the frame that measured it
      },
      max_pixels: function (d) { size.maxPixels(d.pixels); },
      frames: function (d) {
        canvas.setAttribute('data-ketascreen-frames', String(d.count));
        canvas.setAttribute('data-ketascreen-pixels', String(d.pixels));
      },
      rendering: function (d) {
        if (d.how === 'html') return toHtml();
        // The canvas has drawn: it shows from the next frame the page paints.
        requestAnimationFrame(function () {
          if (painted || stopped || html) return;
          painted = true;
          showOverlay(false);
          element.setAttribute('data-ketascreen-render', 'canvas');
          if (window.performance && performance.mark) performance.mark('ketascreen-canvas');
        });
      },
      ready: function () {
        if (label) label.remove();
        events.ready();
        if (html) return;
        // The canvas next, in the first pause of 300 ms without input: making a WebGL context
        // waits for the GPU process (on this thread it blocks the page; in the worker it holds
        // back the widget's answer to a tap), and the GPU process composites the page's frames
        // one at a time. The HTML is the widget meanwhile, so a visitor who answers at once is
        // answered at once, and the page's own first paints go first.
        var arm = function () {
          clearTimeout(canvasTimer);
          if (!canvasAsked) canvasTimer = setTimeout(toCanvas, 300);
        };
        ['pointerdown', 'keydown', 'input'].forEach(function (t) { on(element, t, arm, true); });
        arm();
      },
      error: function (d) {
        if (d.fatal) fail(); // a bad bundle: nothing runs
        fire('error', { message: String(d.message) });
      },
      step: function (d) { events.page('step', { step: d.step }); },
      // That a result was shown, never which (core/src/page_events.cpp; nothing else gets through).
      outcome: function () { events.page('outcome', { completed: true }); },
      screen: function (d) { events.page('screen', { screen: String(d.screen) }); }, // data-events="detailed"
      // The visitor asked to print or copy the result: never a page event.
      keep: function (d) {
        if (d.how === 'print') window.print();
        else if (overlay && navigator.clipboard) {
          navigator.clipboard.writeText(overlay.text()).then(function () { if (overlay) overlay.say(d.done); }, function () {});
        }
      },
      history: function (d) { if (withHistory) stops.moved(d); }, // the loader's alone: never a page event
      at: function (d) { stops.at(d); },
      referral: submit,
      open_url: openUrl
    };
    function onEvent(name, json) {
      if (stopped || fallback) return;
      var f = on_[name];
      if (f) f(json ? JSON.parse(json) : {}, json);
    }

    var handle = {
      unmount: function () {
        stop();
        stopped = true;
        if (fallback) fallback.remove();
        if (element.__ketascreen === handle) delete element.__ketascreen;
      },
      reset: function () { send('reset'); },
      setLocale: function (l) {
        locale = l = lang(l);
        if (overlay) overlay.lang(l);
        send('set_locale', l);
      },
      // The latest semantics tree: [{id, role, name, value, checked, disabled, rect: {x, y, w, h}, ...}]
      // in CSS pixels from the canvas's top-left corner (what assistive overlays and tests act on), a
      // fresh copy without the values of text fields: what a person typed is not for page scripts.
      semantics: function () {
        return JSON.parse(treeJson, function (k, v) { return k === 'value' && this.role === 'textbox' ? undefined : v; }).nodes || [];
      }
    };
    element.__ketascreen = handle;

    // The overlay's actions on the tree's nodes: 'a' activate, 'v' set a field's value, 'f' focus,
    // 's' a field's selection.
    function act(kind, nodeId, value) {
      if (kind === 'v') send('set_value', nodeId, value);
      else if (kind === 's') send('select', nodeId, value[0], value[1]);
      else if (kind === 'f') send('focus', nodeId);
      else send('activate', nodeId);
    }

    io = nearViewport(element, function () {
      var content = fetch(contentUrl, { credentials: 'omit' }).then(function (r) {
        if (!r.ok) throw new Error('could not fetch ' + contentUrl + ': HTTP ' + r.status);
        return r.arrayBuffer();
      });
      var inWorker = options.worker !== 'off';
      size.measure();
      // (The wasm's bytes are awaited too: a file that fails its check stops the start here.)
      Promise.all([content, hostFor(inWorker), load(file('-overlay.js'), OVERLAY_SRI), fetchWasm()]).then(function (results) {
        if (stopped || fallback) return;
        var h = results[1], bytes = results[0];
        overlay = results[2].default(element, canvas, act, isDark());
        element.insertBefore(size.lead, canvas); // the overlay's origin (it went before the canvas) stays above lead
        overlay.lang(locale);
        if (html) toHtml();
        h.listen(id, onEvent);
        // On the main thread the canvas goes with the mount; a worker gets it later (ready below).
        h.post([id, 'mount', { canvas: h.canvas ? null : canvas }]);
        var name = contentUrl.split(/[?#]/)[0].split('/').pop() || 'content.json';
        h.post([0, 'compile', results[3]]); // (a host made before a failed fetch has none yet)
        h.post([id, 'start', bytes, locale, name, options.events === 'detailed' ? 1 : 0, isDark() ? 1 : 0], h.canvas ? [bytes] : []);
        host = h, started = true;
        waiting.splice(0).forEach(function (m) { h.post(m); });
        size.layout();
        send('draw_now'); // the first question, without waiting for an animation frame
      }).catch(function (e) {
        fail(String((e && e.message) || e));
      });
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
                  render: data('render'), worker: data('worker'), clinicName: data('clinic-name'),
                  clinicPhone: data('clinic-phone'), referralTimeout: data('referral-timeout'), history: data('history') });
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
