// The embed edge cases (tests/e2e/pages/embed.html): KetaScreen.mount() called through the queue
// stub before the loader loaded, and the script tag pasted twice. Both use the pinned release with
// Subresource Integrity (so the loader's own integrity checks of the glue and the wasm run too).
// Expect one loader run, #widget-a mounted once (by the tag), #widget-b mounted once (by the
// queued call), each ready exactly once, the glue and the wasm fetched once, and no global but
// KetaScreen.
//   usage: node tests/e2e/embed.mjs <dist-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { events, launch, newPage, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';

const [distArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('embed', async ({ problems, atExit }) => {
  if (!distArg) throw new Error('usage: embed.mjs <dist-dir>');
  const { server, origin, requests, release } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const page = await newPage(browser, { width: 1000, height: 900, problems });
  await page.goto(`${origin}/e2e/embed.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await waitForWidgets(page, { count: 2 });
  await sleep(1000); // time for a duplicate mount to show itself
  const list = await events(page);
  const ready = list.filter((e) => e.type === 'ready').map((e) => e.target).sort().join(',');
  expect(ready === 'widget-a,widget-b', `ready events from: ${ready}`);
  expect(await page.locator('#widget-a canvas').count() === 1, `${await page.locator('#widget-a canvas').count()} canvases in #widget-a`);
  expect(await page.locator('#widget-b canvas').count() === 1, `${await page.locator('#widget-b canvas').count()} canvases in #widget-b`);
  const glueFetches = requests.filter((r) => r === `/${release.glue}`).length;
  expect(glueFetches === 1, `the glue was fetched ${glueFetches} times`);
  // One compiled wasm serves every widget on the page (each gets its own instance).
  const wasmFetches = requests.filter((r) => r === `/${release.wasm}`).length;
  expect(wasmFetches === 1, `the wasm was fetched ${wasmFetches} times for two widgets`);
  const state = await page.evaluate(() => ({
    added: Object.getOwnPropertyNames(window).filter((n) => !window.__ksGlobals.includes(n) && !n.startsWith('__ks')),
    version: window.KetaScreen.version,
    queued: window.KetaScreen.q.length,
  }));
  expect(state.queued === 0, `${state.queued} calls left in the stub's queue`);
  expect(state.added.join() === 'KetaScreen', `globals added: ${state.added.join(', ')}`);
  return `stub call and doubled tag: each widget mounted and ready once, glue and wasm fetched once, ` +
    `loader ${state.version} checked by SRI (${release.integrity.slice(0, 18)}...)`;
});
