// Browser smoke test: serves dist/ on 127.0.0.1, opens the demo clinic page in headless Chromium
// (software WebGL), waits for the widget's `ketascreen:ready` event and checks that the canvas
// really drew something. Any page error, console error, failed request or `ketascreen:error`
// fails the run.
//   usage: node tests/e2e/smoke.mjs <dist-dir> <screenshot.png>
// Exit 0 or 1 with a one-line reason.
import { runWidgetTest } from './harness.mjs';
import { decodePng } from './png.mjs';

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
