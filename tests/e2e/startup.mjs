// How the widget starts (web/ketascreen.js, web/main.cpp):
//   lazy    a widget five screens below the fold fetches nothing (no content, glue, overlay or
//           wasm) until it is scrolled near the viewport, then starts and is ready
//   shaders WebGL that cannot link the renderer's shaders (simulated: LINK_STATUS reads false):
//           the widget reports it through ketascreen:error, goes on as HTML with the visitor's
//           answer kept, and the flow continues there
//   usage: node tests/e2e/startup.mjs lazy|shaders <dist-dir> <screenshot-dir>
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
    const late = widgetFiles(requests).sort();
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
    await page.addInitScript(() => {
      const proto = WebGL2RenderingContext.prototype;
      const get = proto.getProgramParameter;
      proto.getProgramParameter = function (program, name) {
        return name === this.LINK_STATUS ? false : get.call(this, program, name);
      };
    });
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

runTest(`startup ${mode}`, async (env) => {
  if (!MODES[mode] || !distArg) throw new Error('usage: startup.mjs lazy|shaders <dist-dir> <screenshot-dir>');
  return MODES[mode](env);
});
