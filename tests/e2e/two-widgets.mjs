// Two widgets on one page (web/demo/two-widgets.html): English from the script tag, Spanish from
// KetaScreen.mount() through the queue stub. Both must become ready, each with its own canvas and
// semantics tree, in its own language, and answering in one must not touch the other.
//   usage: node tests/e2e/two-widgets.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { events, launch, newPage, runTest, serve, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { Widget } from './widget.mjs';

const [distArg, shotsArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('two-widgets', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: two-widgets.mjs <dist-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const page = await newPage(browser, { width: 1000, height: 1000, problems });
  await page.goto(`${origin}/two-widgets.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  const ready = await waitForWidgets(page, { count: 2 });
  const targets = ready.map((e) => e.target).sort().join(',');
  expect(targets === 'check-en,check-es', `ready from ${targets}`);
  expect(await page.locator('canvas').count() === 2, `${await page.locator('canvas').count()} canvases`);

  const en = new Widget(page, '#check-en'), es = new Widget(page, '#check-es');
  await en.settle();
  await es.settle();
  const yesEn = await en.waitForNode('checklist/answer/yes');
  const yesEs = await es.waitForNode('checklist/answer/yes');
  expect(yesEn.name !== yesEs.name, `both widgets say "${yesEn.name}": the Spanish one is not in Spanish`);
  await page.screenshot({ path: path.join(shotsArg, 'two-widgets-1000.png'), fullPage: true });

  // Answer the first question in the English widget only.
  const esBefore = JSON.stringify(await es.tree());
  const esFrames = await es.frames();
  const stepsEsBefore = (await events(page)).filter((e) => e.type === 'step' && e.target === 'check-es').length;
  const enBefore = JSON.stringify(await en.tree());
  const enProgress = (await en.node('checklist/progress')).value;
  await en.click('checklist/answer/yes');
  await en.until((t) => JSON.stringify(t) !== enBefore, 'the English widget to take the answer');
  await en.settle();
  const list = await events(page);
  const stepsEs = list.filter((e) => e.type === 'step' && e.target === 'check-es');
  const stepsEn = list.filter((e) => e.type === 'step' && e.target === 'check-en');
  expect(stepsEs.length === stepsEsBefore, 'the Spanish widget reported a step when the English one was answered');
  expect(stepsEn.length > 0, 'the English widget reported no step');
  expect(JSON.stringify(await es.tree()) === esBefore, 'the Spanish widget changed when the English one was answered');
  expect(await es.frames() === esFrames, 'the Spanish widget drew frames when the English one was answered');
  await page.setViewportSize({ width: 390, height: 900 });
  await en.settle();
  await es.settle();
  await page.screenshot({ path: path.join(shotsArg, 'two-widgets-390.png'), fullPage: true });

  // The mount handle: setLocale, reset, unmount (on the element, as element.__ketascreen).
  const call = (sel, method, arg) => page.evaluate(([s, m, a]) => { document.querySelector(s).__ketascreen[m](a); }, [sel, method, arg]);
  await call('#check-en', 'setLocale', 'es');
  await en.until((t) => t.find((n) => n.id === 'checklist/answer/yes' && n.name === yesEs.name), 'setLocale("es") to take effect');
  await call('#check-en', 'setLocale', 'en');
  await en.until((t) => t.find((n) => n.id === 'checklist/answer/yes' && n.name === yesEn.name), 'setLocale("en") to take effect');
  await call('#check-en', 'reset');
  const untouched = (t) => ['yes', 'no'].every((a) => t.find((n) => n.id === `checklist/answer/${a}` && !n.checked))
    && t.find((n) => n.id === 'checklist/progress' && n.value === enProgress);
  await en.until(untouched, 'reset() to bring back the unanswered first question');
  await call('#check-es', 'unmount');
  expect(await page.locator('#check-es canvas').count() === 0, 'unmount() left the canvas');
  expect(await page.evaluate(() => !document.querySelector('#check-es').__ketascreen), 'unmount() left the handle');
  await en.click('checklist/answer/no'); // the other widget still works
  await en.until((t) => t.find((n) => n.id === 'checklist/answer/no' && n.checked) || !untouched(t),
    'the English widget to work after the Spanish one was unmounted');
  return `both ready ("${yesEn.name}" / "${yesEs.name}"), each with its own canvas; answering one left the other ` +
    'untouched; setLocale, reset and unmount work';
});
