// Crisp text at devicePixelRatio 1, 2 and 3 (DESIGN.md "Budgets"): the demo page at 390 px wide
// at each ratio. The canvas's backing store must be its CSS size times the ratio, the layout (the
// semantics tree, in CSS pixels) must not change with the ratio, and the text must be rasterised
// at the ratio: sharp glyph edges, where two neighbouring device pixels differ by most of the
// black-to-white range. Text drawn at 1x and magnified (blurry) has almost no such edges, because
// magnifying spreads each edge over several pixels.
//   usage: node tests/e2e/dpr.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { launch, newPage, runTest, serve, waitForWidgets } from './harness.mjs';
import { decodePng } from './png.mjs';

const [distArg, shotDir] = process.argv.slice(2);
const SHARP_STEP = 170;  // of 255: a luma jump between neighbours that only a crisp edge makes

// Neighbouring pixel pairs (horizontal and vertical) whose luma differs by at least SHARP_STEP,
// per 1,000 device pixels of the image.
function sharpEdgesPerThousand({ width, height, channels, pixels }) {
  const luma = (i) => 0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2];
  let sharp = 0;
  for (let y = 0; y + 1 < height; y++) {
    for (let x = 0; x + 1 < width; x++) {
      const i = (y * width + x) * channels;
      const l = luma(i);
      if (Math.abs(l - luma(i + channels)) >= SHARP_STEP) sharp++;
      if (Math.abs(l - luma(i + width * channels)) >= SHARP_STEP) sharp++;
    }
  }
  return (sharp * 1000) / (width * height);
}

runTest('dpr', async ({ problems, atExit }) => {
  if (!distArg || !shotDir) throw new Error('usage: dpr.mjs <dist-dir> <screenshot-dir>');
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const results = [];
  let layout = null;
  for (const scale of [1, 2, 3]) {
    const page = await newPage(browser, { problems, width: 390, height: 844, scale });
    await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    await waitForWidgets(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const canvas = page.locator('#ketamine-check canvas');
    const size = await canvas.evaluate((c) => {
      const r = c.getBoundingClientRect();
      // The backing store's size as the widget set it (a canvas handed to a worker keeps its own
      // width and height attributes).
      const [w, h] = c.dataset.ketascreenPixels.split('x').map(Number);
      return { cssW: r.width, cssH: r.height, w, h };
    });
    if (size.w !== Math.round(size.cssW * scale) || size.h !== Math.round(size.cssH * scale)) {
      throw new Error(`at ${scale}x the canvas is ${size.w}x${size.h} for ${size.cssW}x${size.cssH} CSS px`);
    }
    // The layout is in CSS pixels whatever the ratio.
    const nodes = await page.evaluate(() => document.querySelector('#ketamine-check').__ketascreen.semantics());
    const question = nodes.find((n) => n.id === 'checklist/question');
    if (!question) throw new Error(`at ${scale}x there is no question on screen`);
    const rects = JSON.stringify(nodes.map((n) => [n.id, n.rect]));
    if (layout === null) layout = rects;
    else if (rects !== layout) throw new Error(`the layout at ${scale}x differs from 1x`);
    // The question's heading, in device pixels.
    const box = await canvas.boundingBox();
    const shot = await page.screenshot({
      path: path.join(shotDir, `dpr-${scale}x.png`),
      clip: { x: box.x + question.rect.x, y: box.y + question.rect.y, width: question.rect.w, height: question.rect.h },
    });
    const sharp = sharpEdgesPerThousand(decodePng(shot));
    results.push(`${scale}x ${sharp.toFixed(1)}`);
    if (sharp < 8) throw new Error(`text looks blurry at ${scale}x: ${sharp.toFixed(1)} sharp edges per 1,000 px`);
    await page.close();
  }
  return `backing store = CSS size x ratio, same layout, sharp edges per 1,000 px: ${results.join(', ')}`;
});
