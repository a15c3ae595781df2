// Browser smoke test: serves dist/ on 127.0.0.1, opens the demo clinic page in headless Chromium
// (software WebGL), waits for the widget's `ketascreen:ready` event and checks that the canvas
// really drew something. Any page error, console error, failed request or `ketascreen:error`
// fails the run.
//   usage: node tests/e2e/smoke.mjs <dist-dir> <screenshot.png>
// Exit 0 or 1 with a one-line reason.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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
  console.log(`smoke: ${ok ? 'ok' : 'FAIL'}: ${message}`);
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

// Minimal PNG reader for Playwright's screenshots (8-bit RGB/RGBA, not interlaced): returns
// {width, height, channels, pixels}. Enough to count colours without another dependency.
function decodePng(buf) {
  let pos = 8, width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('unsupported PNG');
      channels = { 2: 3, 6: 4 }[data[9]];
      if (!channels) throw new Error('unsupported PNG colour type');
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

function colourStats({ width, height, channels, pixels }) {
  const counts = new Map();
  for (let i = 0; i < width * height * channels; i += channels) {
    const key = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const top = Math.max(...counts.values());
  return { distinct: counts.size, dominantShare: top / (width * height) };
}

async function main() {
  const [distArg, shotArg] = process.argv.slice(2);
  if (!distArg || !shotArg) finish(false, 'usage: smoke.mjs <dist-dir> <screenshot.png>');
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
    const [first] = await handle.jsonValue();
    if (first.type !== 'ready') throw new Error(`ketascreen:${first.type} ${JSON.stringify(first.detail)}`);

    // Let a couple more animation frames land before reading pixels back.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const canvas = page.locator('#ketamine-check canvas');
    const stats = colourStats(decodePng(await canvas.screenshot()));
    await page.screenshot({ path: shotArg });
    if (problems.length) throw new Error(problems[0]);
    // A blank or single-colour canvas means nothing was drawn; text anti-aliasing gives many colours.
    if (stats.distinct < 16 || stats.dominantShare > 0.995) {
      throw new Error(`canvas looks blank (${stats.distinct} colours, ${(stats.dominantShare * 100).toFixed(1)}% one colour)`);
    }
    result = [true, `ready after ${Math.round(first.t)} ms, canvas has ${stats.distinct} colours; screenshot ${shotArg}`];
  } catch (e) {
    result = [false, problems[0] || String(e.message || e).split('\n')[0]];
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  finish(...result);
}

main().catch((e) => finish(false, String(e.message || e).split('\n')[0]));
