// Shared set-up for the browser tests: serves dist/ on 127.0.0.1, opens the demo clinic page in
// headless Chromium (software WebGL), records problems (page errors, console errors, failed
// requests, HTTP errors) and waits for the widget's first `ketascreen:ready` or `ketascreen:error`.
// Each test supplies only what it checks, and exits 0 or 1 with a one-line reason.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
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
const DIST_FILES = ['index.html', 'ketascreen.js', 'ketascreen-glue.js', 'ketascreen.wasm', 'content.json'];

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function finish(name, ok, message) {
  console.log(`${name}: ${ok ? 'ok' : 'FAIL'}: ${message}`);
  process.exit(ok ? 0 : 1);
}

const firstLine = (e) => String(e.message || e).split('\n')[0];

function serve(root) {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, rel.endsWith('/') ? rel + 'index.html' : rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Runs `check({page, ready})` on the demo page once the widget is ready; `ready` is the event record
// {type, detail, t}. `check` returns the success message or throws the failure. A missing
// `distArg` prints `usage`.
export async function runWidgetTest(name, distArg, check, usage = `${name}.mjs <dist-dir>`) {
  if (!distArg) finish(name, false, `usage: ${usage}`);
  const dist = path.resolve(distArg);
  for (const f of DIST_FILES) {
    if (!fs.existsSync(path.join(dist, f))) finish(name, false, `${f} missing in ${dist} (run ./build-wasm.sh)`);
  }

  const server = await serve(dist);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  let browser;
  const problems = [];
  let result;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    // Record the widget's events from the very start: they bubble to the document.
    await page.addInitScript(() => {
      window.__ksEvents = [];
      for (const type of ['ready', 'error']) {
        document.addEventListener(`ketascreen:${type}`, (e) => {
          window.__ksEvents.push({ type, detail: e.detail, t: performance.now() });
        });
      }
    });

    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    const handle = await page.waitForFunction(() => window.__ksEvents.length > 0 && window.__ksEvents,
      null, { timeout: TIMEOUT_MS });
    const [ready] = await handle.jsonValue();
    if (ready.type !== 'ready') throw new Error(`ketascreen:${ready.type} ${JSON.stringify(ready.detail)}`);

    const message = await check({ page, ready });
    if (problems.length) throw new Error(problems[0]);
    result = [true, message];
  } catch (e) {
    result = [false, problems[0] || firstLine(e)];
  } finally {
    if (browser) await browser.close().catch(() => {});
    server.close();
  }
  finish(name, ...result);
}
