// Injected into every benchmark page before any page script (Playwright addInitScript, with the
// variant's config as `cfg`). One requestAnimationFrame loop, the same for every variant, notes in
// window.__bench.t (performance.now(), i.e. milliseconds since navigation start):
//   question   the first frame in which the first question is on screen, by whichever sign comes
//              first (for KetaScreen: its semantics tree, or one of the marks below)
//   drawn      the same by the probe's own check only (the semantics tree; the DOM widgets' text)
//   htmlFrame, canvasFrame  the first frame after the loader's performance.mark 'ketascreen-html'
//              (the first question shown as HTML, before the canvas is ready) or 'ketascreen-canvas'
//              (the canvas showed its first frame); a loader that sets no marks leaves them unset
//   clickable  the first frame in which the first question's first option has a box to click
//   firstClick the driver's first pointerdown
//   answered   the first frame after a click in which that option shows as chosen (or, for a
//              widget that moves on by itself, the first question is gone)
// "On screen": KetaScreen draws on a canvas, so its semantics tree (which the wasm emits from the
// frame that draws it) must name the first question; the DOM widgets must have the text in a
// rendered element of the mount element. The loop stops once the answer is seen (or after 60 s), so
// it costs nothing during the idle measurement.
// eslint-disable-next-line no-unused-vars
function benchProbe(cfg) {
  if (window.top !== window) return;
  const B = (window.__bench = { t: {}, rect: null, frames: 0, label: null });
  // The driver waits with CDP Runtime.evaluate(awaitPromise) on B.when(...), not with Playwright's
  // waitForFunction, whose first use compiles Playwright's injected script in the page (hundreds
  // of ms of main-thread time in the middle of the load being measured).
  const waiters = [];
  // Resolves with B.rect ('rect'), or the time ('question', 'answered'), or null after `ms`.
  let running = true;
  const current = (what) => (what === 'rect' ? B.rect : B.t[what]);
  B.when = (what, ms) => new Promise((resolve) => {
    const value = current(what);
    if ((value !== undefined && value !== null) || !running) resolve(value ?? null);
    else waiters.push({ what, resolve, deadline: performance.now() + ms });
  });
  document.addEventListener('pointerdown', () => {
    if (B.t.firstClick === undefined) B.t.firstClick = performance.now();
  }, true);
  const mount = () => document.querySelector(cfg.target);

  // Shadow roots, closed ones too, noted as they are made: KetaScreen's overlay keeps its DOM in a
  // closed shadow root, where the driver finds the radio button to click when there is no canvas
  // (data-render="html", or the loader's HTML first screen).
  const shadows = new WeakMap();
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    shadows.set(this, root);
    return root;
  };
  const shadowOf = (e) => e.shadowRoot || shadows.get(e) || null;

  // WebAssembly memories, noted as instances are made (imported or exported memories), so that
  // the driver can read their size: B.wasm() -> {count, bytes}. (CDP Runtime.queryObjects on
  // WebAssembly.Memory.prototype would find them without this, but it crashes Chromium 156's
  // renderer.)
  const W = window.WebAssembly;
  const memories = [];
  const add = (m) => { if (m instanceof W.Memory && !memories.includes(m)) memories.push(m); };
  const note = (result, imports) => {
    const inst = result instanceof W.Instance ? result : result && result.instance;
    if (inst) Object.values(inst.exports).forEach(add);
    if (imports && typeof imports === 'object') {
      Object.values(imports).forEach((ns) => { if (ns && typeof ns === 'object') Object.values(ns).forEach(add); });
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = W && W[name];
    if (typeof orig !== 'function') continue;
    W[name] = function (source, imports, ...rest) {
      return orig.call(this, source, imports, ...rest).then((r) => note(r, imports));
    };
  }
  B.wasm = () => ({ count: memories.length, bytes: memories.reduce((s, m) => s + m.buffer.byteLength, 0) });

  function ketascreen(el) {
    const handle = el.__ketascreen;
    const tree = (handle && handle.semantics()) || [];
    const shown = tree.some((n) => n.name === cfg.firstQuestion);
    const first = tree.find((n) => /^checklist\/answer\//.test(n.id));
    const canvas = el.querySelector('canvas');
    let rect = null;
    const c = canvas && canvas.getBoundingClientRect();
    if (shown && first && first.rect && first.rect.w > 0 && c && c.width > 0) {
      // Drawn on the canvas: where the option is drawn (the overlay's radio button lies on it).
      rect = { x: c.left + first.rect.x, y: c.top + first.rect.y, w: first.rect.w, h: first.rect.h };
    } else if (shown && first) {
      // data-render="html": the overlay's own radio button, in its shadow root.
      for (const host of el.children) {
        const input = shadowOf(host) && [...shadowOf(host).querySelectorAll('input[type=radio]')].find((i) => i.k === first.id);
        const box = input && (input.closest('label') || input).getBoundingClientRect();
        if (box && box.width > 0) rect = { x: box.left, y: box.top, w: box.width, h: box.height };
      }
    }
    let label = first && first.name;
    if (!rect && B.t.htmlFrame !== undefined) {
      // The loader's HTML first screen (its 'ketascreen-html' mark is set) before the wasm has a
      // semantics tree: its first radio button, in the mount element or a shadow root in it. The
      // answer still counts only once the widget's semantics tree has it (below).
      const input = radios(el)[0];
      const target = input && (input.closest('label') || input);
      const box = target && target.getBoundingClientRect();
      if (box && box.width > 0) {
        rect = { x: box.left, y: box.top, w: box.width, h: box.height };
        label = label || (target.textContent || '').trim().slice(0, 40);
      }
    }
    // Chosen, or moved on: the options on screen are another question's (the widget may go to
    // the next question by itself, or start there if an answer given on the HTML was passed on).
    const answered = !!(first && (first.checked || (!shown && B.t.question !== undefined)));
    return { shown, rect, answered, label };
  }

  // The radio inputs under `root`, shadow roots included, in document order.
  function radios(root) {
    const out = [];
    for (const e of root.querySelectorAll('*')) {
      if (e.matches('input[type=radio]')) out.push(e);
      if (shadowOf(e)) out.push(...radios(shadowOf(e)));
    }
    return out;
  }

  // The element holding `text` (first match), if it is rendered (a box, not visibility:hidden).
  function rendered(root, text) {
    if (!(root.textContent || '').includes(text)) return null;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.data.includes(text.slice(0, 12))) continue;
      const e = n.parentElement;
      if (!e || !(e.textContent || '').includes(text)) continue;
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden') return e;
    }
    return null;
  }

  function dom(el) {
    const shown = !!rendered(el, cfg.firstQuestion);
    const input = el.querySelector('input[type=radio], input[type=checkbox]');
    let rect = null;
    if (shown && input) {
      const target = input.closest('label') || (input.id && el.querySelector(`label[for="${input.id}"]`)) || input;
      const r = target.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) rect = { x: r.left, y: r.top, w: r.width, h: r.height };
      B.label = (target.textContent || '').trim().slice(0, 40);
    }
    return { shown, rect, answered: !!(input && input.checked), label: B.label };
  }

  // The loader's own marks, noted in the first frame that follows them, as the probe's other
  // checks are (the mark itself is set in the task that changed the page, before the frame that
  // paints it; the driver reads the marks' own times too, from performance.getEntriesByName).
  const MARKS = { 'ketascreen-html': 'htmlFrame', 'ketascreen-canvas': 'canvasFrame' };
  function marks(now) {
    for (const [name, key] of Object.entries(MARKS)) {
      if (B.t[key] === undefined && performance.getEntriesByName(name, 'mark').length) B.t[key] = now;
    }
  }

  function tick() {
    const now = performance.now();
    B.frames++;
    const el = mount();
    let s = {};
    if (el && cfg.probe !== 'none') {
      try {
        s = cfg.probe === 'ketascreen' ? ketascreen(el) : dom(el);
      } catch (e) {
        B.error = String(e && e.message);
      }
      if (cfg.probe === 'ketascreen') marks(now);
    }
    if (s.shown && B.t.drawn === undefined) B.t.drawn = now;
    if (B.t.question === undefined && (s.shown || B.t.htmlFrame !== undefined || B.t.canvasFrame !== undefined)) B.t.question = now;
    if (s.rect && B.t.clickable === undefined) B.t.clickable = now;
    B.rect = s.rect || null;
    B.label = s.label || B.label;
    if (B.t.firstClick !== undefined && s.answered && B.t.answered === undefined) B.t.answered = now;
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i];
      const value = current(w.what);
      if (value !== undefined && value !== null) w.resolve(value);
      else if (now > w.deadline) w.resolve(null);
      else continue;
      waiters.splice(i, 1);
    }
    if (B.t.answered === undefined && now < 60000 && cfg.probe !== 'none') requestAnimationFrame(tick);
    else {
      running = false;
      waiters.splice(0).forEach((w) => w.resolve(current(w.what) ?? null));
    }
  }
  requestAnimationFrame(tick);
}
