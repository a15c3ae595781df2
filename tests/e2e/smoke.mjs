// Browser smoke test: serves dist/ on 127.0.0.1, opens the demo clinic page in headless Chromium
// (software WebGL), waits for the widget's `ketascreen:ready` event and checks that the canvas
// really drew something. Any page error, console error, failed request or `ketascreen:error`
// fails the run.
//   usage: node tests/e2e/smoke.mjs <dist-dir> <screenshot.png>
// Exit 0 or 1 with a one-line reason.
import zlib from 'node:zlib';
import { runWidgetTest } from './harness.mjs';

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

const [distArg, shotArg] = process.argv.slice(2);
runWidgetTest('smoke', distArg && shotArg ? distArg : undefined, async ({ page, ready }) => {
  // Let a couple more animation frames land before reading pixels back.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const canvas = page.locator('#ketamine-check canvas');
  const stats = colourStats(decodePng(await canvas.screenshot()));
  await page.screenshot({ path: shotArg });
  // A blank or single-colour canvas means nothing was drawn; text anti-aliasing gives many colours.
  if (stats.distinct < 16 || stats.dominantShare > 0.995) {
    throw new Error(`canvas looks blank (${stats.distinct} colours, ${(stats.dominantShare * 100).toFixed(1)}% one colour)`);
  }
  return `ready after ${Math.round(ready.t)} ms, canvas has ${stats.distinct} colours; screenshot ${shotArg}`;
}, 'smoke.mjs <dist-dir> <screenshot.png>');
