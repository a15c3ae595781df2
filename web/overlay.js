// KetaScreen accessibility overlay (source: web/overlay.js), loaded by ketascreen.js.
// Published as ketascreen-VERSION-overlay.js, an ES module the loader imports next to the
// emscripten glue and pins with its SHA-384 the same way; only browsers with ES modules load it,
// so it is written in ES2017.
// It keeps real DOM elements in step with the widget's semantics tree (widgets/.../semantics.hpp):
// headings, paragraphs, buttons, links, radio groups, a checkbox, labelled inputs, a progress bar,
// alerts and one polite live region, keyed by node id so they persist (and keep focus) across
// updates, in tree order (so Tab follows the widget's reading order). What people do to them goes
// back to the core as node actions: act('a', id) activate, act('v', id, text) set a field's value,
// act('f', id) focus ('' = none; the canvas draws the focus ring), act('s', id, [anchor, caret])
// where a text field's selection is (its input has the keyboard; '' = none has it).
// Two modes: over the canvas ('o': each element absolutely placed on its node's rectangle,
// transparent, so the canvas shows through but pointers, focus, typing and screen readers reach
// the DOM; visible() draws them as HTML until the canvas has drawn), or instead of it ('h': the same elements in normal flow, styled, for browsers without
// WebGL and data-render="html"). Everything sits in a closed shadow root, so the host page's CSS
// neither reaches in nor is touched, and page scripts (analytics, session replay) cannot read what
// a person types into the fields (assistive technology still sees everything); the rules are a constructed stylesheet (CSSOM, which a strict
// style-src allows; a <style> element only where constructed sheets are missing).
// build-wasm.sh drops full-line comments and indentation from the published file.
// The crisis bar's height (one row of 44 px buttons, swiped sideways when they do not fit), and how long a button or link that has just
// appeared ignores a pointer's tap: the finger that tapped "Yes" may tap again where "Call 911" now is.
const BAR = 56, FRESH_MS = 500;
const CSS =
  '.ks{all:initial;display:block}' +
  '.sr,.o .f label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
  // Over the canvas: transparent, no borders, no outline (the canvas rings the focus); only the
  // controls take the pointer (a click never reaches the canvas under them).
  '.o{position:absolute;left:0;top:0;pointer-events:none}' +
  '.o *{position:absolute;box-sizing:border-box;margin:0;padding:0;border:0;background:0 0;color:transparent;' +
  'font:16px/1.2 sans-serif;overflow:hidden;outline:0;caret-color:transparent;-webkit-appearance:none;appearance:none;' +
  '-webkit-tap-highlight-color:transparent}' +
  '.o button,.o a,.o input{pointer-events:auto;cursor:pointer}' +
  '.o .c input,.o .f input{left:0;top:0;width:100%;height:100%}' +
  '.o .f input{cursor:text}' +
  '.o ::selection{background:0 0}' +
  // Visible over the canvas ('v', while the canvas has not drawn yet): the first question as
  // HTML, each element on its node's rectangle in the theme's colours, so the canvas takes over
  // under it without a jump. The same fonts where the system has Inter; the brand colour is the
  // default theme's (the canvas brings the clinic's own a moment later).
  '.o.v *{color:#1b2128;font:16px/1.5 Inter,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;overflow:visible}' +
  '.o.v.dk *{color:#e9eef3}' +
  '.o.v h1,.o.v h2,.o.v h3{font-size:1.35em;font-weight:700;line-height:1.3}' +
  '.o.v h4,.o.v h5,.o.v h6{font-weight:700}' +
  '.o.v a{color:#1a5f78;text-decoration:underline}' +
  '.o.v.dk a{color:#7cc4de}' +
  '.o.v p{color:#4d5865}' +
  '.o.v .s{font-size:14px}' +
  '.o.v .n{white-space:nowrap}' +
  '.o.v.dk p{color:#aeb8c3}' +
  '.o.v button{border-radius:8px;background:#1a5f78;color:#fff;font-weight:600}' +
  '.o.v.dk button{background:#7cc4de;color:#0b1a20}' +
  '.o.v button[aria-disabled=true]{background:#7d8894;color:#fff}' +
  '.o.v .c{border:1px solid #8a96a3;border-radius:8px}' +
  '.o.v .c span{position:static;display:flex;align-items:center;height:100%;padding-left:52px}' +
  '.o.v .c span:before{content:"";position:absolute;left:15px;top:50%;width:24px;height:24px;margin-top:-12px;' +
  'border:2px solid #4d5865;border-radius:50%;box-sizing:border-box}' +
  '.o.v .c input:checked+span:before{border:7px solid #1a5f78}' +
  '.o.v [role=progressbar]>span:first-child{top:auto;bottom:calc(100% + 12px);left:0;white-space:nowrap;font-size:14px;color:#4d5865}' +
  '.o.v .bar{top:0;height:100%;width:100%;border-radius:4px;background:#f3f5f7}' +
  '.o.v .bar span{position:static;display:block;height:100%;border-radius:4px;background:#1a5f78}' +
  // Instead of the canvas: the page's root font size (text zoom), system colours (contrast in
  // light, dark and forced colours), a readable column.
  '.h{font:max(1.125rem,18px)/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:CanvasText;' +
  'background:Canvas;color-scheme:light;max-width:36em;margin:auto;padding:.5em 1em 1em}' +
  '.h.dk{color-scheme:dark}' +
  '.h h2,.h h3,.h h4,.h h5,.h h6{font-size:1.1em;line-height:1.25;margin:.8em 0 .4em}' +
  '.h h2{font-size:1.35em}' +
  '.h p{margin:.5em 0}' +
  '.h a{color:LinkText}' +
  '.h>a,.h div>a{display:table;margin:.5em 0}' +
  '.h button{font:inherit;font-weight:600;color:inherit;background:0 0;border:2px solid;border-radius:.5em;' +
  'min-height:2.75em;padding:.3em 1.2em;margin:.5em .6em .5em 0;cursor:pointer}' +
  '.h button[aria-disabled=true]{opacity:.6;cursor:default}' +
  '.h .c{display:flex;align-items:center;gap:.75em;min-height:2.75em;padding:.4em .8em;margin:.5em 0;' +
  'border:1px solid;border-radius:.5em;cursor:pointer}' +
  '.h .c input{width:1.25em;height:1.25em;margin:0;flex:none}' +
  '.h .f label{display:block;font-weight:600;margin:1em 0 .3em}' +
  '.h .f input{font:inherit;color:inherit;background:Canvas;width:100%;box-sizing:border-box;min-height:2.75em;' +
  'padding:.3em .6em;border:1px solid;border-radius:.4em}' +
  '.h .f [aria-invalid]{border-width:3px}' +
  '.h .e{font-weight:600;color:#b3261e}' +
  '.h.dk .e{color:#ffb4ab}' +
  '.h [role=progressbar]{display:block;font-size:.85em}' +
  '.h .bar{display:block;height:.5em;border:1px solid;border-radius:.25em;margin:.3em 0 .6em}' +
  '.h .bar span{display:block;height:100%;background:CanvasText}' +
  '.h div[role=alert]{border:2px solid;border-radius:.5em;padding:0 1em;margin:.5em 0}' +
  // Crisis help in reach: a compact bar stuck to the top of the viewport while the panel's 988
  // button is out of view; what focus scrolls to stays clear of it.
  '.cb{all:initial;display:flex;gap:6px;padding:6px;overflow-x:auto;background:#8c1d18;box-shadow:0 2px 6px #0005}' +
  '.cb[hidden]{display:none}' +
  '.cb button{flex:none;white-space:nowrap;font:600 16px/1.2 system-ui,sans-serif;color:#8c1d18;background:#fff;' +
  'border:0;border-radius:6px;height:44px;padding:0 14px;cursor:pointer}' +
  '.cb button:focus-visible{outline:3px solid #fff;outline-offset:2px}' +
  '.u *{scroll-margin-top:' + BAR + 'px}' +
  // Printed (the loader hides the canvas meanwhile): the screen's words in normal flow, no controls.
  '@media print{.o{position:static}.o *{position:static!important;width:auto!important;height:auto!important;' +
  'color:#000!important;overflow:visible!important;margin:0 0 .6em!important}.o a{display:block}.o h1,.o h2,.o h3{font-weight:700}' +
  '.o button,.o .c,.o .f,.cb{display:none!important}}';

// Element ids: 'k-' + node id (unique inside this widget's shadow root). Node ids are opaque keys:
// what the overlay needs to know of a node is in its fields (group, parent, describedBy, describes,
// live, crisis, chrome, autocomplete: semantics.hpp), never read out of its id.
const ID = 'k-';
// The crisis resources' calls: the crisis bar holds them.
const isCrisis = (n) => n.crisis && n.role === 'button';
// Text fields by the tree's input kind: type, inputmode (the node's autocomplete says what is asked).
// Email is a text input with the email keyboard: type=email has no selection API, and the canvas
// draws the caret and selection where the input has them.
const FIELD = { tel: ['tel', 'tel'], email: ['text', 'email'], zip: ['text', 'numeric'], number: ['text', 'decimal'] };

const mk = (tag, cls) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  return e;
};
const attr = (e, k, v) => {
  if (v == null) e.removeAttribute(k);
  else if (e.getAttribute(k) !== String(v)) e.setAttribute(k, v);
};
const text = (e, s) => {
  if (e.textContent !== s) e.textContent = s;
};
const dropText = (e) => [...e.childNodes].forEach((c) => c.nodeType === 3 && c.remove());
// A field's (or radio group's) error message.
const isError = (n) => !!n.describes;
// The node's description (its error message), when that node is in the tree.
const describedBy = (n, byId) => (n.describedBy && byId[n.describedBy] ? ID + n.describedBy : null);
// Headings: the widget's top level is h2 (the page has its own h1).
const level = (n) => Math.min(6, Math.max(2, n.level || 2));
const union = (a, b) => {
  if (!a) return b;
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
};
const visible = (e) => {
  try {
    return e.matches(':focus-visible');
  } catch (x) {
    return true;
  }
};

// element: the mount element; before: the canvas (the overlay goes just before it, at the
// screen's top-left corner: the loader then puts the slice's lead between them); act(kind, id, value): the node actions; dark: colour scheme for 'h' mode.
export default (element, before, act, dark) => {
  const host = mk('div');
  host.style.display = 'block';
  host.style.position = 'relative';
  element.insertBefore(host, before);
  // The crisis bar's sticky block: no height (showing the bar moves nothing), at the top of the
  // widget so it can stick to the viewport's top (or below a page's own sticky header:
  // --ketascreen-sticky-top) all the way down.
  const barBox = mk('div'), bs = barBox.style;
  bs.position = 'sticky';
  bs.top = 'var(--ketascreen-sticky-top,0px)';
  bs.height = 0;
  bs.zIndex = 1;
  element.insertBefore(barBox, host); // before the overlay, which is the content in HTML mode
  let sheet = null;
  const styled = (e) => {
    const r = e.attachShadow({ mode: 'closed' });
    try {
      if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(CSS);
      r.adoptedStyleSheets = [sheet];
    } catch (x) {
      r.appendChild(mk('style')).textContent = CSS;
    }
    return r;
  };
  const shadow = styled(host);
  const bar = mk('div', 'cb');
  bar.hidden = true;
  bar.setAttribute('role', 'region');
  styled(barBox).append(bar);
  const root = mk('div');
  const live = mk('div', 'sr');
  live.setAttribute('aria-live', 'polite');
  shadow.append(root, live);

  const els = new Map();
  const still = matchMedia('(prefers-reduced-motion: reduce)');
  let html = false, shown = false, tree = [], screen = '', errors = [], status = '', urgent = false, barKey = '', shownAt = 0, heard = '';
  // The last two pointer presses: a tap's own, and the one before it.
  let down = { t: 0 }, prev = down;
  const setClass = () => (root.className = 'ks ' + (html ? 'h' : 'o') + (shown ? ' v' : '') + (dark ? ' dk' : '') + (urgent ? ' u' : ''));
  setClass();

  // Field messages (`describes`) are the fields' descriptions, announced by the live region;
  // the tree calls them alerts because the canvas draws them in the error colour.
  const roleOf = (n) => (isError(n) ? 'text' : n.role);
  const kindOf = (n) => roleOf(n) + (n.role === 'heading' ? level(n) : '');

  // The element for node n.
  const make = (n) => {
    const role = roleOf(n);
    let el, ctl;
    if (role === 'heading') {
      el = mk('h' + level(n));
      // Focus goes here when the screen changes.
      el.tabIndex = -1;
    } else if (role === 'button') {
      el = ctl = mk('button');
      el.type = 'button';
    } else if (role === 'link') {
      el = ctl = mk('a');
    } else if (role === 'radio' || role === 'checkbox') {
      el = mk('label', 'c');
      ctl = mk('input');
      ctl.type = role;
      el.append(ctl, mk('span'));
    } else if (role === 'textbox') {
      el = mk('div', 'f');
      const label = mk('label');
      ctl = mk('input');
      ctl.id = label.htmlFor = ID + n.id;
      el.append(label, ctl);
    } else if (role === 'progressbar' || role === 'alert') {
      el = mk('div');
      el.setAttribute('role', role);
      if (role === 'progressbar') el.append(mk('span'), mk('span', 'bar')), el.lastChild.append(mk('span'));
    } else {
      el = mk('p', isError(n) ? 'e' : '');
    }
    if (!ctl || ctl === el) el.id = ID + n.id;
    (ctl || el).k = n.id;
    const rec = { el, ctl, kind: kindOf(n), t: performance.now() };
    els.set(n.id, rec);
    return rec;
  };

  const fill = ({ el, ctl: c }, n, role, byId, kids) => {
    if (role === 'radio' || role === 'checkbox') {
      text(el.lastChild, n.name);
      // One Tab stop per group; the arrows choose.
      if (role === 'radio') c.name = n.group;
      c.checked = !!n.checked;
    } else if (role === 'textbox') {
      text(el.firstChild, n.name);
      const f = FIELD[n.input] || ['text'];
      if (c.type !== f[0]) c.type = f[0];
      attr(c, 'inputmode', f[1] || null);
      attr(c, 'autocomplete', n.autocomplete || null);
      // The person's typing wins while they are in the field; the core's value otherwise (reset, back).
      if (shadow.activeElement !== c && c.value !== (n.value || '')) c.value = n.value || '';
    } else if (role === 'progressbar') {
      const [now, max] = String(n.value || '0/0').split('/').map(Number);
      text(el.firstChild, n.name);
      attr(el, 'aria-label', n.name);
      attr(el, 'aria-valuenow', now);
      attr(el, 'aria-valuemax', max);
      el.lastChild.firstChild.style.width = (max > 0 ? (100 * now) / max : 0) + '%';
    } else if (role === 'link') {
      text(el, n.name);
      attr(el, 'href', /^(https?|tel|mailto):/.test(n.value) ? n.value : '#');
    } else if (!kids) {
      text(el, n.name);
    }
    if (c) {
      attr(c, 'aria-disabled', n.disabled ? 'true' : null);
      attr(c, 'aria-invalid', n.invalid ? 'true' : null);
      // A radio's description is its group's (on the radiogroup).
      attr(c, 'aria-describedby', role === 'radio' ? null : describedBy(n, byId));
    }
  };

  // Over the canvas: the node's rectangle, relative to the enclosing element's.
  const place = (rec, r, o) => {
    if (html || !r) return;
    const at = [r.x - o.x, r.y - o.y, r.w, r.h];
    if (rec.at === at.join()) return;
    rec.at = at.join();
    const s = rec.el.style;
    [s.left, s.top, s.width, s.height] = at.map((v) => v + 'px');
    // For the HTML-first screen: text the widget draws small (21 px lines, not 24) drawn small,
    // and what it draws on one line kept on one line (the browser's Inter is a little wider).
    const lines = (px) => Math.abs(r.h / px - Math.round(r.h / px)) < 0.05;
    rec.el.classList.toggle('s', lines(21) && !lines(24));
    rec.el.classList.toggle('n', r.h < 44);
  };

  // A paragraph with links: its text around the <a> elements, in order.
  const inline = (p, name) => {
    dropText(p);
    let at = 0;
    for (let a = p.firstChild; a; a = a.nextSibling) {
      let i = name.indexOf(a.textContent, at);
      if (i < 0) i = at;
      p.insertBefore(document.createTextNode(name.slice(at, i)), a);
      at = i + a.textContent.length;
    }
    p.append(name.slice(at));
  };

  // The same words again still count as a change.
  const say = (m) => m && (live.textContent = m === live.textContent ? m + '\u00a0' : m);

  // Focuses node n's element (`ctl`: its input, for a field), scrolled into view if it is not.
  const focusOn = (n, ctl) => {
    const rec = n && els.get(n.id);
    if (!rec) return;
    const e = (ctl && rec.ctl) || rec.el, r = e.getBoundingClientRect();
    e.focus({ preventScroll: true });
    if (r.top < (urgent ? BAR : 0) || r.bottom > innerHeight) {
      try {
        e.scrollIntoView({ block: 'nearest', behavior: still.matches ? 'instant' : 'auto' });
      } catch (x) {
        e.scrollIntoView(false);
      }
    }
  };

  const update = (nodes) => {
    tree = nodes || [];
    const byId = {}, keep = new Set(), had = shadow.activeElement;
    let top = { el: root, cur: null, o: { x: 0, y: 0 } };
    const stack = [top];
    // First the elements that go (so none is left where the others are put: only a change of
    // order moves an element, and a moved element would lose the focus), and those that change
    // kind (a status line that became a heading), in place.
    tree.forEach((n) => {
      byId[n.id] = n;
      if (n.group) byId['g:' + n.group] = n;
    });
    els.forEach((rec, id) => byId[id] || (rec.el.remove(), els.delete(id)));
    tree.forEach((n) => {
      const rec = els.get(n.id);
      if (rec && rec.kind !== kindOf(n)) rec.el.replaceWith(make(n).el);
    });
    // The cursor starts at what is first now (the first element may just have gone or changed kind).
    top.cur = root.firstElementChild;
    // Puts rec's element at the cursor of the open container (moving it only if it is elsewhere).
    const put = (rec) => {
      const el = rec.el;
      if (top.cur === el) {
        top.cur = el.nextElementSibling;
      } else {
        stack.forEach((t) => t.cur === el && (t.cur = el.nextElementSibling));
        top.el.insertBefore(el, top.cur);
      }
      keep.add(rec);
    };
    const open = (el, t) => {
      dropText(el);
      t.el = el;
      t.cur = el.firstElementChild;
      stack.push((top = t));
    };
    const close = () => {
      const t = stack.pop();
      if (t.text != null) inline(t.el, t.text);
      top = stack[stack.length - 1];
    };
    tree.forEach((n, i) => {
      // Open containers close at the first node not in them: another group, or not drawn inside it.
      while (stack.length > 1 && (top.g ? n.group !== top.g : n.parent !== top.id)) close();
      const role = roleOf(n), next = tree[i + 1], g = n.group;
      if (g && top.g !== g) {
        let rec = els.get('g:' + g), r = null;
        if (!rec) {
          els.set('g:' + g, (rec = { el: mk('div', 'g') }));
          rec.el.setAttribute('role', 'radiogroup');
        }
        put(rec);
        attr(rec.el, 'aria-labelledby', n.groupLabel && byId[n.groupLabel] ? ID + n.groupLabel : null);
        attr(rec.el, 'aria-describedby', describedBy(n, byId));
        // The group's box: around its radios.
        for (let j = i; tree[j] && tree[j].group === g; j++) r = union(r, tree[j].rect);
        place(rec, r, top.o);
        open(rec.el, { g, o: r });
      }
      const rec = els.get(n.id) || make(n);
      put(rec);
      rec.n = n;
      // A node holds those drawn inside it (their parent), which follow it: an alert its heading
      // and buttons, a paragraph its links.
      const kids = next && next.parent === n.id;
      fill(rec, n, role, byId, kids);
      place(rec, n.rect, top.o);
      if (kids) open(rec.el, { id: n.id, o: n.rect, text: role === 'text' ? n.name : null });
    });
    while (stack.length > 1) close();
    els.forEach((rec, id) => keep.has(rec) || (rec.el.remove(), els.delete(id)));

    // A new screen (or question): say where we are; if the focus was in the widget, move it to the
    // screen's heading, so reading goes on from there and Tab reaches the answers next.
    const h = tree.find((n) => n.role === 'heading' && !n.crisis);
    const p = tree.find((n) => n.role === 'progressbar');
    const key = h ? h.id + '\n' + h.name : '';
    if (key !== screen) {
      // No hover survives a screen change (the new screen's control under the pointer looked chosen).
      html || before.dispatchEvent(new MouseEvent('mouseleave'));
      if (screen) {
        say([p && p.name, h && h.name].filter(Boolean).join('. '));
        if (had) focusOn(h);
      }
      screen = key;
    } else if (had && !shadow.activeElement) {
      // The focused element went away.
      focusOn(h);
    }
    crisisBar();
    const now = tree.filter(isError).map((n) => n.name);
    // A live node (a form's summary of its mistakes after a Send) is the one thing said, each time
    // its number changes, and the focus goes to the first field in error; without one, new field
    // messages are said.
    const sum = tree.find((n) => n.live === 'summary' && n.announce);
    let summed = 0;
    if (!sum) say(now.filter((m) => !errors.includes(m)).join('. '));
    else if (sum.id + '\n' + sum.announce !== heard) {
      heard = sum.id + '\n' + sum.announce;
      say(sum.name);
      summed = 1;
      focusOn(tree.find((n) => n.invalid) || tree.find((n) => n.role === 'radio' && describedBy(n, byId)), 1);
    }
    errors = now;
    // A status line that changed in the same update does not talk over the summary.
    const st = tree.find((n) => n.live === 'status');
    if (st && st.name !== status && !summed) say(st.name);
    status = st ? st.name : '';
  };

  // Crisis help in reach: the bar holds the crisis buttons while the panel's first one (988) is
  // not wholly in view.
  let first = null, firstInView = false;
  const fully = (e) => {
    const r = e.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
  };
  const showBar = () => {
    const hide = !urgent || firstInView;
    if (hide !== bar.hidden) (bar.hidden = hide) || (shownAt = performance.now());
  };
  const seen = window.IntersectionObserver &&
    new IntersectionObserver(() => first && ((firstInView = fully(first)), showBar()), { threshold: [0, 1] });
  const crisisBar = () => {
    const crisis = tree.filter(isCrisis), panel = tree.find((n) => n.crisis && n.role === 'alert');
    const e = crisis.length ? els.get(crisis[0].id).el : null;
    urgent = !!e;
    setClass();
    const key = crisis.map((n) => n.name).join('\n');
    if (key !== barKey) {
      barKey = key;
      bar.textContent = '';
      // The first resource and the last (the emergency number, in the content's order) up front;
      // the others after them, a swipe away on a phone. None once the answers change.
      (crisis.length > 1 ? [crisis[0], crisis[crisis.length - 1], ...crisis.slice(1, -1)] : crisis).forEach((n) => {
        const b = bar.appendChild(mk('button'));
        b.type = 'button';
        b.textContent = n.name;
        b.k = n.id;
      });
    }
    attr(bar, 'aria-label', panel ? panel.name : null);
    if (e !== first && seen) {
      if (first) seen.unobserve(first);
      if (e) seen.observe(e);
    }
    first = e;
    firstInView = !!e && fully(e);
    showBar();
  };

  // A tap (detail > 0: not Enter or Space) on a call or link that appeared less than FRESH_MS ago
  // where the previous tap was is the same finger again, not aimed at it: ignored.
  const stray = (e, t, since) => {
    const r = t.getBoundingClientRect();
    return e.detail > 0 && performance.now() - since < FRESH_MS && prev.t < since &&
      prev.x >= r.left && prev.x <= r.right && prev.y >= r.top && prev.y <= r.bottom;
  };
  const press = (e) => ((prev = down), (down = { t: performance.now(), x: e.clientX, y: e.clientY }));
  root.addEventListener('pointerdown', press);
  bar.addEventListener('pointerdown', press);
  bar.addEventListener('click', (e) => {
    const t = e.target.closest('button');
    if (t && !stray(e, t, shownAt)) act('a', t.k);
  });
  root.addEventListener('click', (e) => {
    const t = e.target.closest('button,a');
    if (!t || !t.k) return;
    if (t.tagName === 'A') e.preventDefault();
    // Only what calls or leaves the page is guarded; a stray tap inside the widget is undone with Back.
    const rec = els.get(t.k), leaves = (rec && rec.n.crisis) || (t.tagName === 'A' && t.getAttribute('href') !== '#');
    if (!rec || !leaves || !stray(e, t, rec.t)) act('a', t.k);
  });
  root.addEventListener('change', ({ target: t }) => t.k && /radio|checkbox/.test(t.type) && act('a', t.k));
  root.addEventListener('input', ({ target: t }) => t.k && !/radio|checkbox/.test(t.type) && act('v', t.k, t.value));
  // Where a text field's caret and selection are (UTF-8 offsets, caret second), for the canvas to
  // draw: after each value, key, click or selection; none once the field loses the keyboard.
  let selKey = '', selId = '';
  const utf8 = (s) => new TextEncoder().encode(s).length;
  const reportSelection = ({ target: t }) => {
    if (!t.k || t.tagName !== 'INPUT' || /radio|checkbox/.test(t.type) || shadow.activeElement !== t) return;
    const v = t.value, ends = [t.selectionStart, t.selectionEnd].map((i) => utf8(v.slice(0, i == null ? v.length : i)));
    if (t.selectionDirection === 'backward') ends.reverse();
    const key = t.k + '\n' + ends;
    if (key !== selKey) (selKey = key), (selId = t.k), act('s', t.k, ends);
  };
  ['input', 'keyup', 'select', 'selectionchange', 'pointerup', 'focusin'].forEach((type) => root.addEventListener(type, reportSelection));
  root.addEventListener('focusout', ({ target: t }) => selKey && selId === t.k && ((selKey = selId = ''), act('s', '', [-1, -1])));
  // The canvas rings what has the keyboard focus (not what a mouse click focused).
  root.addEventListener('focusin', ({ target: t }) => act('f', t.k && visible(t) ? t.k : ''));
  root.addEventListener('focusout', (e) => root.contains(e.relatedTarget) || act('f', ''));
  // The canvas under the controls still shows hover: it hears where the mouse moves over them,
  // and when it leaves them for elsewhere on the page (never a button press: no double clicks).
  // Only a mouse hovers: a touch's compatibility mousemove would leave its tile drawn as hovered.
  root.addEventListener('pointermove', (e) => html || e.pointerType !== 'mouse' || before.dispatchEvent(new MouseEvent('mousemove', e)));
  root.addEventListener('mouseout', ({ relatedTarget: t }) =>
    html || root.contains(t) || t === before || before.dispatchEvent(new MouseEvent('mouseleave')));

  return {
    update,
    // Switches to the HTML rendering (no WebGL, or the context was lost).
    html() {
      html = true;
      setClass();
      els.forEach((rec) => {
        const s = rec.el.style;
        s.left = s.top = s.width = s.height = '';
        rec.at = null;
      });
    },
    dark(d) {
      dark = d;
      setClass();
    },
    // Over the canvas: drawn visibly (before the canvas has drawn) or transparent.
    visible(v) {
      shown = v;
      setClass();
    },
    lang: (l) => (host.lang = l),
    say,
    // The screen's words as plain text (headings and paragraphs, not the controls or the footer):
    // what "Copy my result" puts on the clipboard.
    text: () => tree.filter((n) => /^(heading|text)$/.test(n.role) && !n.chrome).map((n) => n.name).join('\n\n'),
    destroy: () => host.remove() || barBox.remove() || (seen && seen.disconnect()),
  };
};
