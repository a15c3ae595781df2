// Loading without a layout shift (issue 18, minor items): the mount element holds the height of a
// first question from the start, with the clinic's name in it, so the page below does not move
// when the first question is drawn (layout-shift entries without recent input sum to 0); at the
// first tap it fits its content again.
//   usage: node tests/e2e/loading.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { launch, newPage, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { Widget } from './widget.mjs';

const [distArg, shotDir] = process.argv.slice(2);
const NAME = 'Harbor Light Ketamine Clinic';

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('loading', async ({ problems, atExit }) => {
  if (!distArg || !shotDir) throw new Error('usage: loading.mjs <dist-dir> <screenshot-dir>');
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const seen = [];
  for (const width of [320, 390, 600, 1000]) {
    const page = await newPage(browser, { width, height: 900, problems });
    await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.KetaScreen && !window.KetaScreen.q);
    const first = await page.evaluate((name) => {
      window.__shift = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((e) => {
        if (!e.hadRecentInput) window.__shift += e.value;
      })).observe({ type: 'layout-shift', buffered: true });
      const el = document.querySelector('#ketamine-check');
      el.insertAdjacentHTML('afterend', '<p id="below">The clinic\'s page goes on below the widget.</p>');
      KetaScreen.mount(el, { content: '/content.json', locale: 'en', clinicName: name });
      return { text: el.textContent, height: el.getBoundingClientRect().height };
    }, NAME);
    expect(first.text.includes(NAME), `${width} px: while loading the widget does not show the clinic's name`);
    await page.screenshot({ path: path.join(shotDir, `loading-${width}-before.png`) });
    await waitForWidgets(page);
    const widget = new Widget(page);
    await widget.settle();
    const after = await page.evaluate(() => ({
      shift: window.__shift, text: document.querySelector('#ketamine-check').textContent,
      height: document.querySelector('#ketamine-check').getBoundingClientRect().height,
    }));
    await page.screenshot({ path: path.join(shotDir, `loading-${width}.png`) });
    expect(after.shift < 0.001, `${width} px: loading shifted the page by ${after.shift.toFixed(4)} ` +
      `(the widget went from ${first.height} to ${after.height} px)`);
    expect(!after.text.includes(NAME), `${width} px: the loading label is still there once the widget is drawn`);
    // The first tap lets go of the held height: the widget fits its first question.
    const content = await page.evaluate(() => {
      const tree = document.querySelector('#ketamine-check').__ketascreen.semantics();
      return Math.max(...tree.map((n) => n.rect.y + n.rect.h));
    });
    await widget.click('checklist/answer/yes');
    await widget.settle();
    await sleep(100);
    const tapped = await page.evaluate(() => document.querySelector('#ketamine-check').getBoundingClientRect().height);
    expect(tapped < content + 60, `${width} px: after the first tap the widget is ${tapped} px tall for content ending at ${content} px`);
    seen.push(`${width}: ${first.height}->${after.height}->${tapped}`);
    await page.close();
  }
  return `no layout shift while loading, the clinic's name shown meanwhile (${seen.join(', ')} px)`;
});
