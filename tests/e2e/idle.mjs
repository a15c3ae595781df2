// Browser idle test (DESIGN.md "Budgets": idle = no frames drawn and ~0 ms/s main-thread time
// when nothing changes): serves dist/ on 127.0.0.1, opens the demo clinic page in headless
// Chromium (software WebGL), waits for `ketascreen:ready`, lets it settle for 500 ms, then over 3 s
// without input counts the frames the widget drew (the canvas's data-ketascreen-frames) and the
// main thread's task time (CDP Performance.getMetrics TaskDuration). Fails if any frame was drawn
// or the task time exceeds 100 ms/s. Then it clicks the "Yes" button and fails unless frames were
// drawn (so a widget that never draws fails too) and the widget went idle again afterwards.
// Any page error, console error, failed request or `ketascreen:error` fails the run.
//   usage: node tests/e2e/idle.mjs <dist-dir>
// Exit 0 or 1 with a one-line reason.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TIMEOUT_MS = 60_000;
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

function finish(ok, message) {
  console.log(`idle: ${ok ? 'ok' : 'FAIL'}: ${message}`);
  process.exit(ok ? 0 : 1);
}

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

const SETTLE_MS = 500;
const IDLE_MS = 3000;
const MAX_TASK_MS_PER_S = 100;
// The "Yes" button, in CSS pixels from the canvas's top-left corner (first button under the
// clinic name and the first question; see widgets/src/question_frame.cpp).
const YES_BUTTON = { x: 45, y: 63 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const [distArg] = process.argv.slice(2);
  if (!distArg) finish(false, 'usage: idle.mjs <dist-dir>');
  const dist = path.resolve(distArg);
  for (const f of ['index.html', 'ketascreen.js', 'ketascreen-glue.js', 'ketascreen.wasm', 'content.json']) {
    if (!fs.existsSync(path.join(dist, f))) finish(false, `${f} missing in ${dist} (run ./build-wasm.sh)`);
  }

  const server = await serve(dist);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const problems = [];
  let result;
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
    await page.addInitScript(() => {
      window.__ksEvents = [];
      for (const type of ['ready', 'error']) {
        document.addEventListener(`ketascreen:${type}`, (e) => {
          window.__ksEvents.push({ type, detail: e.detail, t: performance.now() });
        });
      }
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'TaskDuration').value;
    };

    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    const handle = await page.waitForFunction(() => window.__ksEvents.length > 0 && window.__ksEvents,
      null, { timeout: TIMEOUT_MS });
    const [first] = await handle.jsonValue();
    if (first.type !== 'ready') throw new Error(`ketascreen:${first.type} ${JSON.stringify(first.detail)}`);

    const canvas = page.locator('#ketamine-check canvas');
    const frames = async () => Number(await canvas.getAttribute('data-ketascreen-frames'));
    // Measures frames drawn and main-thread task time over `ms` without touching the page.
    const measure = async (ms) => {
      const f0 = await frames(), t0 = await taskSeconds(), w0 = Date.now();
      await sleep(ms);
      const f1 = await frames(), t1 = await taskSeconds(), w1 = Date.now();
      return { frames: f1 - f0, msPerS: ((t1 - t0) * 1000) / ((w1 - w0) / 1000) };
    };

    await sleep(SETTLE_MS);
    if (!(await frames() > 0)) throw new Error('the canvas has no data-ketascreen-frames count');
    const idle = await measure(IDLE_MS);
    const idleText = `${idle.frames} frames, ${idle.msPerS.toFixed(1)} ms/s main-thread task time`;
    if (idle.frames > 0 || idle.msPerS > MAX_TASK_MS_PER_S) throw new Error(`not idle over ${IDLE_MS} ms: ${idleText}`);

    // Input must wake it: the click draws frames (and shows the answer), then it goes idle again.
    const beforeClick = await frames();
    const pixelsBefore = await canvas.screenshot();
    await canvas.click({ position: YES_BUTTON });
    await sleep(SETTLE_MS);
    const clickFrames = (await frames()) - beforeClick;
    if (clickFrames <= 0) throw new Error('no frame was drawn after clicking "Yes"');
    const pixelsAfter = await canvas.screenshot();
    if (pixelsAfter.equals(pixelsBefore)) throw new Error('the canvas did not change after clicking "Yes"');
    const after = await measure(1000);
    if (after.frames > 0) throw new Error(`still drawing after the click settled: ${after.frames} frames in 1 s`);
    if (problems.length) throw new Error(problems[0]);
    result = [true, `idle over ${IDLE_MS} ms: ${idleText}; click drew ${clickFrames} frames, then idle again`];
  } catch (e) {
    result = [false, problems[0] || String(e.message || e).split('\n')[0]];
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  finish(...result);
}

main().catch((e) => finish(false, String(e.message || e).split('\n')[0]));
