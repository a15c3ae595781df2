// How the widget starts (web/ketascreen.js, web/main.cpp):
//   lazy    a widget five screens below the fold fetches nothing (no content, glue, overlay or
//           wasm) until it is scrolled near the viewport, then starts and is ready
//   shaders WebGL that cannot link the renderer's shaders (simulated: LINK_STATUS reads false):
//           the widget reports it through ketascreen:error, goes on as HTML with the visitor's
//           answer kept, and the flow continues there
//   paths   where the widget runs: by default in a worker (the canvas handed over as an
//           OffscreenCanvas), the first question shown as HTML before the canvas has drawn, and an
//           answer given on that HTML screen kept when the canvas takes over; with
//           data-worker="off", without OffscreenCanvas (older browsers) and with a worker that
//           has no WebGL2 (older Safari), on the main thread, also HTML first
//   retry   the wasm's first fetch fails: that widget's fallback; a widget mounted later starts
//   usage: node tests/e2e/startup.mjs lazy|shaders|paths|retry <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { events, launch, newPage, releaseFiles, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';

const [mode, distArg, shots] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// A plain host page with the one-tag embed, the widget `offset` px down the page.
const hostPage = (release, offset) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>KetaScreen start-up test</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body style="margin:0;font:16px sans-serif">
<h1>Clinic page</h1>
<div style="height:${offset}px">Articles, opening hours, directions.</div>
<div id="ketamine-check" style="max-width:480px"></div>
<script src="/${release.loader}" async data-content="/content.json" data-target="#ketamine-check"></script>
</body></html>`;

const MODES = {
  async lazy({ problems, atExit }) {
    const dist = path.resolve(distArg);
    const { server, origin, requests, release } = await serve(dist, {
      routes: { '/startup.html': hostPage(releaseFiles(dist), 900 * 5) },
    });
    atExit(() => server.close());
    const browser = await launch();
    atExit(() => browser.close());
    const page = await newPage(browser, { width: 390, height: 844, problems });
    await page.goto(`${origin}/startup.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await sleep(1500);
    const widgetFiles = (list) => list.filter((r) => r === '/content.json' || r === `/${release.glue}` ||
      r === `/${release.wasm}` || /-overlay\.js$/.test(r));
    const early = widgetFiles(requests);
    expect(early.length === 0, `fetched while five screens below the fold: ${early.join(', ')}`);
    expect((await events(page)).length === 0, 'an event before the widget was near the viewport');
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    await waitForWidgets(page);
    // (The worker's script is the glue: fetched once by the loader to check its hash, then by the worker.)
    const late = [...new Set(widgetFiles(requests))].sort();
    expect(late.length === 4, `after scrolling, fetched: ${late.join(', ')}`);
    return 'nothing fetched while far below the fold; content, glue, overlay and wasm once it came near; ready';
  },

  async shaders({ problems, atExit }) {
    const { server, origin } = await serve(path.resolve(distArg));
    atExit(() => server.close());
    const browser = await launch();
    atExit(() => browser.close());
    const page = await newPage(browser, { width: 390, height: 844, problems });
    // A GPU whose driver cannot link the renderer's program: the only program the widget makes.
    const noLink = () => {
      const proto = WebGL2RenderingContext.prototype;
      const get = proto.getProgramParameter;
      proto.getProgramParameter = function (program, name) {
        return name === this.LINK_STATUS ? false : get.call(this, program, name);
      };
    };
    if (process.env.KETASCREEN_E2E_MAIN_THREAD) {
      await page.addInitScript(noLink);
    } else {
      // In the worker: patched there before the canvas is started.
      await page.addInitScript(holdCanvas);
      page.on('worker', async (worker) => {
        await worker.evaluate(noLink);
        await page.evaluate(() => window.__ksReleaseCanvas());
      });
    }
    await page.goto(`${origin}/index.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    await waitForWidgets(page);
    const widget = page.locator('#ketamine-check');
    // The visitor answers before the check has run (it runs a while after the first frame).
    await widget.getByRole('radio', { name: 'Yes', exact: true }).check();
    await page.waitForFunction(() => document.querySelector('#ketamine-check').dataset.ketascreenRender === 'html',
      null, { timeout: 15_000 });
    const errors = (await events(page)).filter((e) => e.type === 'error');
    expect(errors.length === 1 && /shaders/.test(errors[0].detail.message),
      `error events: ${JSON.stringify(errors.map((e) => e.detail))}`);
    expect(!(await widget.locator('canvas').isVisible()), 'the canvas is still shown');
    const yes = widget.getByRole('radio', { name: 'Yes', exact: true });
    expect(await yes.isChecked(), 'the answer given before the switch was lost');
    await widget.getByRole('button', { name: 'Next', exact: true }).click();
    await widget.getByText(/^Question 2 of \d+$/).first().waitFor({ timeout: 15_000 });
    if (shots) await page.screenshot({ path: path.join(shots, 'startup-shaders-html.png'), fullPage: true });
    return 'a program that does not link: one error event, the widget as HTML with the answer kept, and on to question 2';
  },
};

// Holds the worker's use_canvas call (the canvas's start) until the test lets it go, so it can act
// on the HTML-first screen; on the main thread nothing is held.
function holdCanvas() {
  const post = Worker.prototype.postMessage;
  const held = [];
  Worker.prototype.postMessage = function (m, transfer) {
    if (Array.isArray(m) && m[1] === 'use_canvas' && !window.__ksRelease) return void held.push([this, m, transfer]);
    return post.call(this, m, transfer);
  };
  window.__ksReleaseCanvas = () => {
    window.__ksRelease = true;
    held.splice(0).forEach(([w, m, t]) => post.call(w, m, t));
  };
}

// One start: which thread drew, the marks' order, what the HTML-first screen showed.
async function startOn(browser, origin, problems, { attrs = '', init = null, hold = false } = {}) {
  const page = await newPage(browser, { width: 390, height: 844, problems, init });
  if (hold) await page.addInitScript(holdCanvas);
  // The heading's colour at the moment the loader marks the HTML-first screen (on the main thread
  // the canvas may take over before a test could look).
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name, options) => {
      if (name === 'ketascreen-html' && !window.__ksShown) {
        const roots = [...document.querySelectorAll('#ketamine-check div')].map((d) => d.shadowRoot).filter(Boolean);
        const h = roots.map((r) => r.querySelector('h1,h2,h3')).find(Boolean);
        window.__ksShown = h ? getComputedStyle(h).color : 'no heading';
      }
      return mark(name, options);
    };
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>paths</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"></head><body style="margin:0">
<div id="ketamine-check"></div>
<script src="/ketascreen.js" async data-content="/content.json" data-target="#ketamine-check" ${attrs}></script></body></html>`;
  await page.route('**/paths.html', (r) => r.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${origin}/paths.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.waitForFunction(() => performance.getEntriesByName('ketascreen-html').length, null, { timeout: TIMEOUT_MS });
  const widget = page.locator('#ketamine-check');
  // The HTML-first screen: the overlay's words are drawn (not transparent) over the canvas.
  const shown = await page.evaluate(() => window.__ksShown);
  return { page, widget, shown };
}

const transparent = (c) => c === 'rgba(0, 0, 0, 0)' || c === 'transparent';
const handedOver = (page) => page.evaluate(() => {
  try {
    document.querySelector('#ketamine-check canvas').getContext('webgl2');
    return false;
  } catch (e) {
    return e.name === 'InvalidStateError';
  }
});

MODES.paths = async function ({ problems, atExit }) {
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const said = [];

  // 1. The worker, with the canvas held back: the visitor answers on the HTML screen.
  const w = await startOn(browser, origin, problems, { hold: true });
  expect(!transparent(w.shown), `the first question was not shown as HTML (heading colour ${w.shown})`);
  expect(w.page.workers().length === 1, `${w.page.workers().length} workers, expected 1`);
  if (shots) await w.page.screenshot({ path: path.join(shots, 'startup-html-first.png') });
  await w.widget.getByRole('radio', { name: 'Yes', exact: true }).check();
  await w.page.waitForFunction(() => document.querySelector('#ketamine-check').__ketascreen.semantics()
    .some((n) => n.role === 'radio' && n.name === 'Yes' && n.checked));
  await w.page.evaluate(() => window.__ksReleaseCanvas());
  await w.page.waitForFunction(() => performance.getEntriesByName('ketascreen-canvas').length, null, { timeout: TIMEOUT_MS });
  expect(await handedOver(w.page), 'the canvas was not handed to the worker');
  const after = await w.widget.getByRole('heading').first().evaluate((h) => getComputedStyle(h).color);
  expect(transparent(after), `the HTML stayed drawn over the canvas (heading colour ${after})`);
  expect(await w.widget.getByRole('radio', { name: 'Yes', exact: true }).isChecked(), 'the HTML screen\'s answer was lost');
  if (shots) await w.page.screenshot({ path: path.join(shots, 'startup-canvas-took-over.png') });
  said.push('worker: HTML first, answer kept, canvas took over');
  await w.page.close();

  // 2. The main thread, asked for and for want of OffscreenCanvas: HTML first, then the canvas.
  // Older Safari: OffscreenCanvas, but no WebGL in a worker (its hello says so).
  const noWorkerGl = () => {
    const Real = window.Worker;
    window.Worker = function (url, options) {
      const w = new Real(url, options);
      let handler = null;
      Object.defineProperty(w, 'onmessage', {
        set(f) {
          handler = f;
          Real.prototype.__lookupSetter__('onmessage').call(w, (e) =>
            f(e.data && e.data[1] === 'hello' ? { data: ['', 'hello', false] } : e));
        },
        get() { return handler; },
      });
      return w;
    };
  };
  for (const [what, options] of [['data-worker="off"', { attrs: 'data-worker="off"' }],
    ['no OffscreenCanvas', { init: () => { delete HTMLCanvasElement.prototype.transferControlToOffscreen; } }],
    ['no WebGL2 in a worker', { init: noWorkerGl }]]) {
    const m = await startOn(browser, origin, problems, options);
    expect(!transparent(m.shown), `${what}: the first question was not shown as HTML first`);
    await m.page.waitForFunction(() => performance.getEntriesByName('ketascreen-canvas').length, null, { timeout: TIMEOUT_MS });
    await sleep(200); // a worker that could not draw is gone by now
    expect(m.page.workers().length === 0, `${what}: a worker is running`);
    expect(!(await handedOver(m.page)), `${what}: the canvas was handed over`);
    const marks = await m.page.evaluate(() => performance.getEntriesByType('mark').map((e) => e.name));
    expect(marks.indexOf('ketascreen-html') < marks.indexOf('ketascreen-canvas'), `${what}: marks ${marks}`);
    said.push(`${what}: main thread, HTML first`);
    await m.page.close();
  }
  return said.join('; ');
};

// The wasm's first fetch fails (a network blip): that widget shows its fallback, and a widget
// mounted afterwards starts (the page's worker, made meanwhile, gets the bytes then).
MODES.retry = async function ({ problems, atExit }) {
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const page = await newPage(browser, { width: 390, height: 844, problems,
    allow: (t) => /503|integrity|could not fetch .*\.wasm/.test(t) });
  let failed = 0;
  await page.route('**/*.wasm', (r) => (failed++ ? r.continue() : r.fulfill({ status: 503, body: 'busy' })));
  await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.waitForFunction(() => window.KetaScreen && window.KetaScreen.mount);
  await page.evaluate(() => KetaScreen.mount('#ketamine-check', { content: '/content.json', clinicPhone: '(555) 010-0142' }));
  await waitForWidgets(page, { expect: 'error' });
  expect(await page.locator('#ketamine-check .ketascreen-fallback').count() === 1, 'no fallback after the failed fetch');
  await page.evaluate(() => {
    const second = document.body.appendChild(document.createElement('div'));
    second.id = 'second';
    KetaScreen.mount(second, { content: '/content.json' });
  });
  await page.waitForFunction(() => window.__ksEvents.some((e) => e.target === 'second' && e.type === 'ready'), null, { timeout: 30_000 });
  return `the first widget's wasm fetch failed (${failed} fetches): its fallback; a later widget started`;
};

runTest(`startup ${mode}`, async (env) => {
  if (!MODES[mode] || !distArg) throw new Error('usage: startup.mjs lazy|shaders|paths|retry <dist-dir> <screenshot-dir>');
  return MODES[mode](env);
});
