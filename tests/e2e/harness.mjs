// Shared set-up for the browser tests: serves dist/ (plus the test pages of tests/e2e/pages/ under
// /e2e/) on 127.0.0.1, opens pages in headless Chromium (software WebGL), records problems (page
// errors, console errors, failed requests, HTTP errors, CSP violations) and every `ketascreen:*`
// event, and waits for the widgets' `ketascreen:ready` or `ketascreen:error`.
// Each test supplies only what it checks, and exits 0 or 1 with a one-line reason
// (KETASCREEN_E2E_DEBUG=1 also prints the stack and every recorded problem).
import crypto from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const TIMEOUT_MS = 60_000;
const CHROMIUM_ARGS = [
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader', // WebGL without a GPU
  '--no-sandbox', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};
// A browser without WebGL anywhere: Chromium's --disable-3d-apis leaves WebGL in workers, so the
// GPU process goes too (no GPU, no software rasteriser).
export const NO_WEBGL = ['--disable-3d-apis', '--disable-webgl', '--disable-gpu', '--disable-software-rasterizer'];
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data:; connect-src 'self'";
const PAGES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'pages');
export const EVENT_TYPES = ['ready', 'step', 'outcome', 'screen', 'referral', 'error'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A TCP port free on 127.0.0.1 just now (for a server a test starts).
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
const firstLine = (e) => String((e && e.message) || e).split('\n')[0];

function finish(name, ok, message) {
  console.log(`${name}: ${ok ? 'ok' : 'FAIL'}: ${message}`);
  process.exit(ok ? 0 : 1);
}

export const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;

// The release files build-wasm.sh wrote: {loader, glue, wasm} names with the version in them.
export function releaseFiles(dist) {
  const names = fs.readdirSync(dist);
  const glue = names.find((n) => /^ketascreen-[\d.]+-glue\.js$/.test(n));
  const wasm = names.find((n) => /^ketascreen-[\d.]+\.wasm$/.test(n));
  const loader = names.find((n) => /^ketascreen-[\d.]+\.js$/.test(n));
  for (const [what, name] of [['loader', loader], ['glue', glue], ['wasm', wasm]]) {
    if (!name) throw new Error(`no versioned ${what} in ${dist} (run ./build-wasm.sh)`);
  }
  for (const f of ['index.html', 'ketascreen.js', 'content.json']) {
    if (!fs.existsSync(path.join(dist, f))) throw new Error(`${f} missing in ${dist} (run ./build-wasm.sh)`);
  }
  return { loader, glue, wasm, integrity: sri(fs.readFileSync(path.join(dist, loader))) };
}

// Serves `dist` at / and tests/e2e/pages at /e2e/ (in its HTML, @LOADER@ and @INTEGRITY@ become the
// versioned loader's name and SRI). `routes` maps a path to a Buffer/string body (content type from
// its extension). `csp` maps a path to a Content-Security-Policy header value. Records every request.
export function serve(dist, { routes = {}, csp = {} } = {}) {
  const release = releaseFiles(dist);
  const requests = [];
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(rel);
    const headers = {};
    if (csp[rel]) headers['Content-Security-Policy'] = csp[rel];
    let body = routes[rel];
    if (body === undefined) {
      const [root, sub] = rel.startsWith('/e2e/') ? [PAGES_DIR, rel.slice(4)] : [dist, rel];
      const file = path.join(root, sub.endsWith('/') ? sub + 'index.html' : sub);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      body = fs.readFileSync(file);
      if (root === PAGES_DIR && file.endsWith('.html')) {
        body = body.toString().replaceAll('@LOADER@', release.loader).replaceAll('@INTEGRITY@', release.integrity);
      }
    }
    headers['Content-Type'] = MIME[path.extname(rel)] || 'application/octet-stream';
    // Release files carry their version in their name: cacheable for good, as README "Start-up"
    // asks of a clinic's server (the worker's script then comes from the cache the loader's
    // integrity check filled).
    if (/^\/ketascreen-\d[\d.]*[-.]/.test(rel)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, requests, release, origin: `http://127.0.0.1:${server.address().port}` });
  }));
}

// `options` go to playwright's launch as they are (e.g. ignoreDefaultArgs).
export async function launch(extraArgs = [], options = {}) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs], ...options });
}

// A page that records problems (into `problems`, unless `allow(text)` says it is expected) and, from
// the very start, every ketascreen:* event (window.__ksEvents: {type, target, detail, t}; they
// bubble to the document), CSP violations (window.__ksViolations) and the window's own property
// names before any page script ran (window.__ksGlobals).
// The overlay's shadow root is closed (page scripts cannot read what a person types); tests open it
// (`openShadow`, the default) so that role locators, axe and the tests' own checks reach into it, as
// assistive technology does. Tests of what a page can read pass `openShadow: false`. `init` is a
// further script run before the page's own. `touch`: a touch screen (page.touchscreen.tap).
// The widget runs in a worker where the browser allows (the default here) or on the main thread.
export async function newPage(browser, { width = 1280, height = 900, scale = 1, problems, allow = () => false,
  openShadow = true, init = null, touch = false } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: scale, hasTouch: touch });
  const problem = (text) => { if (!allow(text)) problems.push(text); };
  page.on('pageerror', (e) => problem(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problem(`console error: ${m.text()}`); });
  page.on('requestfailed', (r) => problem(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problem(`HTTP ${r.status()}: ${r.url()}`); });
  await page.addInitScript((types) => {
    window.__ksGlobals = Object.getOwnPropertyNames(window);
    window.__ksEvents = [];
    window.__ksViolations = [];
    for (const type of types) {
      document.addEventListener(`ketascreen:${type}`, (e) => {
        window.__ksEvents.push({ type, target: e.target.id, detail: e.detail, t: performance.now() });
      });
    }
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__ksViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  }, EVENT_TYPES);
  if (openShadow) {
    await page.addInitScript(() => {
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (options) { return attach.call(this, { ...options, mode: 'open' }); };
    });
  }
  // KETASCREEN_E2E_MAIN_THREAD=1: a browser without OffscreenCanvas's hand-over (older Safari), so
  // the widget runs on the page's main thread (tests/integration registers some tests both ways).
  if (process.env.KETASCREEN_E2E_MAIN_THREAD) {
    await page.addInitScript(() => { delete HTMLCanvasElement.prototype.transferControlToOffscreen; });
  }
  if (init) await page.addInitScript(init);
  return page;
}

export const events = (page) => page.evaluate(() => window.__ksEvents);

// Waits until `count` widgets have each sent ready or error; returns those events. A widget that
// sent error fails unless `expect` is 'error'.
export async function waitForWidgets(page, { count = 1, expect = 'ready' } = {}) {
  const handle = await page.waitForFunction((n) => {
    const done = window.__ksEvents.filter((e) => e.type === 'ready' || e.type === 'error');
    return new Set(done.map((e) => e.target)).size >= n && done;
  }, count, { timeout: TIMEOUT_MS });
  const done = await handle.jsonValue();
  for (const e of done) {
    if (e.type !== expect) throw new Error(`#${e.target}: ketascreen:${e.type} ${JSON.stringify(e.detail)}`);
  }
  // Ready means the first question is on screen, which may be its HTML while the canvas is still
  // being made; tests look at what the widget finally draws: wait for the canvas (or the HTML
  // rendering for good).
  if (expect === 'ready') {
    await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).dataset.ketascreenRender),
      done.map((e) => e.target), { timeout: TIMEOUT_MS });
  }
  return done;
}

// Runs `body(problems)`, which returns the success message or throws the failure; any recorded
// problem fails the run too. `cleanup` functions registered with `atExit` run either way.
export async function runTest(name, body) {
  const problems = [];
  const cleanups = [];
  let result;
  try {
    const message = await body({ problems, atExit: (f) => cleanups.push(f) });
    if (problems.length) throw new Error(problems[0]);
    result = [true, message];
  } catch (e) {
    result = [false, problems[0] || firstLine(e)];
    if (process.env.KETASCREEN_E2E_DEBUG) console.error(e, problems);
  } finally {
    for (const f of cleanups.reverse()) await Promise.resolve().then(f).catch(() => {});
  }
  finish(name, ...result);
}

// Runs `check({page, ready, origin})` on a demo page (index.html unless `pagePath`) once its widget
// in `target` is ready. A missing `distArg` prints `usage`.
export async function runWidgetTest(name, distArg, check, usage = `${name}.mjs <dist-dir>`,
  { pagePath = '/index.html', target = '#ketamine-check', width, height } = {}) {
  if (!distArg) finish(name, false, `usage: ${usage}`);
  await runTest(name, async ({ problems, atExit }) => {
    const { server, origin } = await serve(path.resolve(distArg));
    atExit(() => server.close());
    const browser = await launch();
    atExit(() => browser.close());
    const page = await newPage(browser, { problems, width, height });
    await page.goto(origin + pagePath, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.locator(target).scrollIntoViewIfNeeded();
    const [ready] = await waitForWidgets(page);
    return check({ page, ready, origin });
  });
}
