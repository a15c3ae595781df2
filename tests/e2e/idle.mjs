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
import { runWidgetTest, sleep } from './harness.mjs';
import { Widget } from './widget.mjs';

const SETTLE_MS = 500;
const IDLE_MS = 3000;
const MAX_TASK_MS_PER_S = 100;

const [distArg] = process.argv.slice(2);
runWidgetTest('idle', distArg, async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'TaskDuration').value;
  };
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
  await new Widget(page).click('checklist/answer/yes'); // the centre of the "Yes" button's semantics rect
  await sleep(SETTLE_MS);
  const clickFrames = (await frames()) - beforeClick;
  if (clickFrames <= 0) throw new Error('no frame was drawn after clicking "Yes"');
  const pixelsAfter = await canvas.screenshot();
  if (pixelsAfter.equals(pixelsBefore)) throw new Error('the canvas did not change after clicking "Yes"');
  const after = await measure(1000);
  if (after.frames > 0) throw new Error(`still drawing after the click settled: ${after.frames} frames in 1 s`);
  return `idle over ${IDLE_MS} ms: ${idleText}; click drew ${clickFrames} frames, then idle again`;
});
