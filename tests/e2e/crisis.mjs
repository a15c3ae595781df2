// The crisis moment on a phone (issue 18, items 1, 2 and 7), with a touch screen. Modes:
//   double_tap  at 664 and 844 px tall viewports, the visitor taps "Yes" on the self-harm question
//               and taps the same point again 350 ms later: the "Yes" tile has not moved, the 988
//               button is in view at once, no tel:/sms: link was activated; a deliberate tap on
//               "Call 988" a moment later does call.
//   guard       the overlay alone (its real module, with a made-up tree): a button that appears
//               where the previous tap was ignores a tap within 500 ms, takes one after that, and
//               takes the keyboard at once; a button that appears elsewhere takes a tap at once.
//   reach       after the crisis answer, on every later question and on the result, a 988 button
//               is fully in view without scrolling, and the sticky crisis bar (when shown) covers
//               none of the question's heading, answers or Next; scrolled away from the panel, the
//               bar shows and calls.
//   hover       no tap highlight on the overlay's controls; tapping through the checklist by touch:
//               no answer tile of the next question is drawn in its hover state (its fill differs from its sibling's), even when the tap
//               on Next landed on it; a real mouse over a tile does change its fill (the check sees hover).
//   usage: node tests/e2e/crisis.mjs <mode> <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { newPage, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { setUp } from './flow.mjs';
import { decodePng } from './png.mjs';
import { currentQuestion, Widget } from './widget.mjs';

const [mode, distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);
const YES = new Set(['age_18_plus', 'qualifying_condition', 'tried_other_treatments']);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// Links the widget opened (tel:, sms:, new windows), recorded instead of followed.
const recordOpens = () => {
  window.__ksOpened = [];
  HTMLAnchorElement.prototype.click = function () { window.__ksOpened.push(this.href); };
  window.open = (url) => { window.__ksOpened.push(String(url)); return null; };
};
const opened = (page) => page.evaluate(() => window.__ksOpened);

async function phone(env, problems, height) {
  const page = await newPage(env.browser, { width: 390, height, scale: 2, touch: true, problems, init: recordOpens });
  await page.goto(`${env.origin}/e2e/flow.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await waitForWidgets(page);
  return { page, widget: new Widget(page) };
}

// The viewport point at the centre of node `n` (scrolled into view first).
async function pointOf(widget, n) {
  const o = await widget.reveal(n);
  return { x: o.x + n.rect.x + n.rect.w / 2, y: o.y + n.rect.y + n.rect.h / 2 };
}

// Where node `id` is in the viewport now (null when it is not in the tree).
async function viewRect(widget, id) {
  const n = await widget.node(id);
  if (!n) return null;
  const o = await widget.origin();
  return { id, x: o.x + n.rect.x, y: o.y + n.rect.y, w: n.rect.w, h: n.rect.h };
}

const fullyInView = (r, height) => r && r.y >= 0 && r.y + r.h <= height;
const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

// Taps node `id` with a finger, at its centre.
async function tap(page, widget, id) {
  const n = await widget.waitForNode(id);
  const p = await pointOf(widget, n);
  await page.touchscreen.tap(p.x, p.y);
  return p;
}

// Answers questions by touch (yes for YES, else no) until `stopAt` is on screen.
async function walkTo(page, widget, questions, stopAt) {
  for (let guard = 0; guard < 3 * questions.length; guard++) {
    const tree = await widget.until((t) => t.some((n) => n.id === 'checklist/answer/yes') && t, 'a question');
    const q = currentQuestion(tree, questions);
    if (q.id === stopAt) return;
    await tap(page, widget, `checklist/answer/${YES.has(q.id) ? 'yes' : 'no'}`);
    await widget.until((t) => t.some((n) => n.id === 'checklist/answer/' + (YES.has(q.id) ? 'yes' : 'no') && n.checked) ||
      currentQuestion(t, questions) !== q, `${q.id} answered`);
    if (currentQuestion(await widget.tree(), questions) === q) await tap(page, widget, 'checklist/next');
    await widget.until((t) => currentQuestion(t, questions) !== q, `leaving ${q.id}`);
  }
  throw new Error(`${stopAt} never came`);
}

// The crisis bar (the sticky one, in its own shadow root) in the viewport, or null when hidden.
const barRect = (page) => page.evaluate(() => {
  const box = [...document.querySelector('#ketamine-check').children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('.cb'));
  const bar = box && box.shadowRoot.querySelector('.cb');
  if (!bar || bar.hidden) return null;
  const r = bar.getBoundingClientRect();
  return { x: r.x, y: r.y, w: r.width, h: r.height, buttons: [...bar.querySelectorAll('button')].map((b) => b.textContent) };
});

const modes = {
  async double_tap(env, problems) {
    const seen = [];
    for (const height of [664, 844]) {
      const { page, widget } = await phone(env, problems, height);
      await walkTo(page, widget, env.questions, 'thoughts_of_self_harm');
      await widget.settle();
      const yesBefore = await viewRect(widget, 'checklist/answer/yes');
      const p = await tap(page, widget, 'checklist/answer/yes');
      const yesAfterFirst = await viewRect(widget, 'checklist/answer/yes');
      await sleep(350);
      await page.touchscreen.tap(p.x, p.y);
      await sleep(800);
      await widget.settle();
      await page.screenshot({ path: path.join(shotsArg, `crisis-double-tap-${height}.png`) });
      const yesAfter = await viewRect(widget, 'checklist/answer/yes');
      expect(JSON.stringify(yesAfter) === JSON.stringify(yesBefore) && JSON.stringify(yesAfterFirst) === JSON.stringify(yesBefore),
        `at ${height} px the tapped "Yes" moved from ${JSON.stringify(yesBefore)} to ${JSON.stringify(yesAfter)}`);
      const links = await opened(page);
      expect(!links.length, `at ${height} px the second tap opened ${links.join(', ')}`);
      const call = await viewRect(widget, 'crisis/call-988');
      expect(fullyInView(call, height), `at ${height} px "Call 988" is not in view at once: ${JSON.stringify(call)}`);
      expect((await widget.node('checklist/answer/yes')).checked, `at ${height} px "Yes" is no longer chosen`);
      await sleep(200);
      await tap(page, widget, 'crisis/call-988');
      // The activation is applied in the widget's next frame, which opens the link.
      await page.waitForFunction(() => window.__ksOpened.length > 0, null, { timeout: 5000 }).catch(() => {});
      const calls = await opened(page);
      expect(calls.join() === 'tel:988', `a deliberate tap on "Call 988" opened ${JSON.stringify(calls)}`);
      seen.push(`${height} px: "Yes" stayed at y=${Math.round(yesBefore.y)}, "Call 988" at y=${Math.round(call.y)}`);
      await page.close();
    }
    return `${seen.join('; ')}; the second tap opened nothing`;
  },

  async guard(env, problems) {
    const page = await newPage(env.browser, { width: 600, height: 400, problems });
    await page.goto(`${env.origin}/e2e/blank.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    const overlay = fs.readdirSync(path.resolve(distArg)).find((n) => /^ketascreen-[\d.]+-overlay\.js$/.test(n));
    await page.evaluate(async (url) => {
      const make = (await import(url)).default;
      const el = document.querySelector('#w'), canvas = el.appendChild(document.createElement('canvas'));
      window.__acts = [];
      window.__overlay = make(el, canvas, (kind, id) => window.__acts.push(`${kind} ${id}`), false);
    }, `/${overlay}`);
    const button = (id, name, y) => ({ id, role: 'button', name, rect: { x: 20, y, w: 300, h: 60 } });
    // A crisis resource's call (the tree flags it: the overlay never reads the id).
    const call = (id, name, y) => ({ ...button(id, name, y), crisis: true });
    const update = (nodes) => page.evaluate((n) => window.__overlay.update(n), nodes);
    // The activations since the last look (focus changes are the overlay's 'f' actions: left out).
    const acts = () => page.evaluate(() => window.__acts.splice(0).filter((a) => a.startsWith('a ')));
    // Top of the element: the page's own padding may move it; taps go by the element's origin.
    const origin = await page.evaluate(() => { const r = document.querySelector('#w').getBoundingClientRect(); return { x: r.x, y: r.y }; });
    const at = (y) => ({ x: origin.x + 170, y: origin.y + y + 30 });

    await update([button('q/yes', 'Yes', 0)]);
    await page.mouse.click(at(0).x, at(0).y);
    expect((await acts()).join() === 'a q/yes', 'the first tap did not reach "Yes"');
    // "Call 911" appears where the finger was; "Yes" moves down.
    await update([call('crisis/call-911', 'Call 911', 0), button('q/yes', 'Yes', 100)]);
    await page.mouse.click(at(0).x, at(0).y);
    const early = await acts();
    expect(!early.length, `a tap 0 ms after "Call 911" appeared under the finger activated ${early.join()}`);
    await sleep(600);
    await page.mouse.click(at(0).x, at(0).y);
    expect((await acts()).join() === 'a crisis/call-911', 'a tap 600 ms later did not reach "Call 911"');
    // Appearing elsewhere than the last tap: taken at once.
    await update([call('crisis/call-911', 'Call 911', 0), button('q/yes', 'Yes', 100), call('crisis/call-988', 'Call 988', 200)]);
    await page.mouse.click(at(200).x, at(200).y);
    expect((await acts()).join() === 'a crisis/call-988', 'a new button away from the last tap ignored a tap');
    // The keyboard is never a stray finger.
    await update([call('crisis/call-911', 'Call 911', 0), button('q/yes', 'Yes', 100), call('crisis/call-988', 'Call 988', 200),
      call('crisis/text-988', 'Text 988', 200)]);
    await page.evaluate(() => {
      const box = [...document.querySelector('#w').children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
      box.shadowRoot.querySelector('[id="k-crisis/text-988"]').focus();
    });
    await page.keyboard.press('Enter');
    expect((await acts()).join() === 'a crisis/text-988', 'Enter on a button that had just appeared did nothing');
    // Answers changed (or reset): the crisis buttons go, and the bar with them.
    await update([button('q/yes', 'Yes', 100)]);
    const bar = await page.evaluate(() => {
      const box = [...document.querySelector('#w').children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('.cb'));
      const b = box.shadowRoot.querySelector('.cb');
      return { hidden: b.hidden, buttons: b.querySelectorAll('button').length };
    });
    expect(bar.hidden && bar.buttons === 0, `with no crisis buttons left the bar is ${JSON.stringify(bar)}`);
    return 'a tap where a button had just appeared under the finger is ignored for 500 ms (taken at 600 ms); ' +
      'elsewhere and from the keyboard it is taken at once';
  },

  async reach(env, problems) {
    const height = 664;
    const { page, widget } = await phone(env, problems, height);
    await walkTo(page, widget, env.questions, 'thoughts_of_self_harm');
    await tap(page, widget, 'checklist/answer/yes');
    await widget.waitForNode('crisis/call-988');
    let screens = 0, barShown = 0;
    const check = async (what) => {
      await widget.settle();
      await sleep(150); // the bar follows an IntersectionObserver, a frame after the scroll
      const bar = await barRect(page);
      const panel = await viewRect(widget, 'crisis/call-988');
      expect(fullyInView(panel, height) || (bar && bar.y >= 0 && bar.y + bar.h <= height && bar.buttons.includes('Call 988')),
        `${what}: no 988 button in view (panel at ${JSON.stringify(panel)}, bar ${JSON.stringify(bar)})`);
      if (bar) {
        barShown++;
        for (const id of ['checklist/question', 'checklist/answer/yes', 'checklist/answer/no', 'checklist/next', 'outcome/title']) {
          const r = await viewRect(widget, id);
          expect(!r || !overlap(r, bar), `${what}: the crisis bar (${Math.round(bar.h)} px tall) covers ${id}`);
        }
      }
      screens++;
    };
    await check('the self-harm question');
    for (let guard = 0; guard < 3 * env.questions.length; guard++) {
      if (await widget.node('outcome/title')) break;
      const before = currentQuestion(await widget.tree(), env.questions);
      await tap(page, widget, 'checklist/next');
      await widget.until((t) => t.some((n) => n.id === 'outcome/title') || currentQuestion(t, env.questions) !== before, 'the next screen');
      if (await widget.node('outcome/title')) break;
      await sleep(600); // the tap guard: the next answer is a new tap, not the same finger
      const q = currentQuestion(await widget.tree(), env.questions);
      await check(`question ${q.id}`);
      await tap(page, widget, `checklist/answer/${YES.has(q.id) ? 'yes' : 'no'}`);
      await widget.until((t) => t.some((n) => n.id.startsWith('checklist/answer/') && n.checked), `${q.id} answered`);
    }
    await widget.waitForNode('outcome/title');
    await check('the result');
    // Far from the panel (the end of the result), the bar is there and it calls.
    const last = (await widget.tree()).reduce((a, n) => (n.rect.y + n.rect.h > a.rect.y + a.rect.h ? n : a));
    await widget.reveal({ ...last, rect: { ...last.rect, y: last.rect.y + 2000 } });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await sleep(600);
    const bar = await barRect(page);
    const panel = await viewRect(widget, 'crisis/call-988');
    expect(!fullyInView(panel, height) ? bar !== null : true, 'scrolled away from the crisis panel, no crisis bar');
    if (bar) {
      barShown++;
      await page.screenshot({ path: path.join(shotsArg, 'crisis-bar.png') });
      const box = await page.evaluate(() => {
        const host = [...document.querySelector('#ketamine-check').children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('.cb'));
        const b = host.shadowRoot.querySelector('.cb button');
        const r = b.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      await page.touchscreen.tap(box.x, box.y);
      await page.waitForFunction(() => window.__ksOpened.length > 0, null, { timeout: 5000 }).catch(() => {});
      const calls = await opened(page);
      expect(calls.includes('tel:988'), `the bar's "Call 988" opened ${JSON.stringify(calls)}`);
    }
    expect(barShown > 0, 'the crisis bar never showed: the test proves nothing about it');
    return `${screens} screens after the crisis answer at 390x${height}: 988 in view on each, the bar shown on ${barShown} ` +
      'and covering no question, answer or Next; it calls';
  },

  async hover(env, problems) {
    const { page, widget } = await phone(env, problems, 844);
    // The fill of a tile: the most common colour in its rectangle.
    const fillOf = async (id) => {
      const r = await viewRect(widget, id);
      const png = decodePng(await page.screenshot({ clip: { x: r.x + 2, y: r.y + 2, width: r.w - 4, height: r.h - 4 } }));
      const counts = new Map();
      for (let i = 0; i < png.pixels.length; i += png.channels) {
        const c = `${png.pixels[i]},${png.pixels[i + 1]},${png.pixels[i + 2]}`;
        counts.set(c, (counts.get(c) || 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    };
    await widget.settle();
    // No tap highlight flash on Android: the overlay's controls have none.
    const highlight = await page.evaluate(() => {
      const host = [...document.querySelector('#ketamine-check').children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
      return getComputedStyle(host.shadowRoot.querySelector('button')).webkitTapHighlightColor;
    });
    expect(highlight === 'rgba(0, 0, 0, 0)', `the overlay's buttons flash ${highlight} when tapped`);
    const plain = await fillOf('checklist/answer/no');
    expect(plain === (await fillOf('checklist/answer/yes')), 'the two tiles differ before anything happened');
    let landed = 0, steps = 0;
    for (let guard = 0; guard < 3 * env.questions.length; guard++) {
      const q = currentQuestion(await widget.tree(), env.questions);
      if (!q) break;
      await tap(page, widget, `checklist/answer/${YES.has(q.id) ? 'yes' : 'no'}`);
      await widget.until((t) => t.some((n) => n.id.startsWith('checklist/answer/') && n.checked) || currentQuestion(t, env.questions) !== q,
        `${q.id} answered`);
      if (currentQuestion(await widget.tree(), env.questions) !== q) continue;
      await sleep(100);
      const p = await tap(page, widget, 'checklist/next');
      await widget.until((t) => t.some((n) => n.id === 'outcome/title') || currentQuestion(t, env.questions) !== q, `leaving ${q.id}`);
      if (await widget.node('outcome/title')) break;
      await widget.settle();
      steps++;
      const tiles = (await widget.tree()).filter((t) => /^checklist\/answer\/[^/]+$/.test(t.id)).map((t) => t.id);
      for (const id of tiles) {
        const r = await viewRect(widget, id);
        if (r && p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h) landed++;
        const fill = await fillOf(id);
        if (fill !== plain) {
          await page.screenshot({ path: path.join(shotsArg, 'crisis-hover-ghost.png') });
          throw new Error(`after Next on ${q.id}, ${id} is drawn as hovered (${fill}, plain ${plain})`);
        }
      }
    }
    expect(landed > 0, `the tap on Next never landed on a tile of the next question (${steps} steps): the test proves nothing`);
    // The check sees a real hover: a mouse over a tile changes its fill.
    const r = await viewRect(widget, 'checklist/answer/yes') || await viewRect(widget, 'checklist/answer/no');
    if (r) {
      await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
      await widget.settle();
      expect((await fillOf(r.id)) !== plain, 'a mouse over a tile does not change its fill: the check cannot see hover');
    }
    return `${steps} questions tapped through, Next landed on a tile ${landed} times, never drawn as hovered; a mouse hover is`;
  },
};

runTest(`crisis-${mode}`, async ({ problems, atExit }) => {
  if (!modes[mode] || !shotsArg) {
    throw new Error(`usage: crisis.mjs ${Object.keys(modes).join('|')} <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>`);
  }
  fs.mkdirSync(shotsArg, { recursive: true });
  const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit });
  if (mode === 'guard') {
    const { server, origin } = await serve(path.resolve(distArg), {
      routes: { '/e2e/blank.html': '<!doctype html><html lang="en"><title>overlay</title><link rel="icon" href="data:,"><body><div id="w"></div></body></html>' },
    });
    atExit(() => server.close());
    env.origin = origin;
  }
  return modes[mode](env, problems);
});
