// Keeping the result (issue 18, minor items): "Copy my result as text" puts the result's words on
// the clipboard (headings and paragraphs, the disclaimer included; not the buttons or the footer)
// and says so; "Print my result" prints, and in print the overlay's words take the canvas's place.
//   usage: node tests/e2e/keep.mjs <dist-dir> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { launch, newPage, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { answerAll, CANDIDATE_ANSWERS, loadQuestions, Widget } from './widget.mjs';

const [distArg, contentArg, shotDir] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('keep', async ({ problems, atExit }) => {
  if (!distArg || !contentArg || !shotDir) throw new Error('usage: keep.mjs <dist-dir> <content-dir> <screenshot-dir>');
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const page = await newPage(browser, { width: 1000, height: 900, problems,
    init: () => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; } });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.waitForFunction(() => window.KetaScreen && !window.KetaScreen.q);
  await page.evaluate(() => KetaScreen.mount(document.querySelector('#ketamine-check'), { content: '/content.json', locale: 'en' }));
  await waitForWidgets(page);
  const widget = new Widget(page);
  await answerAll(widget, loadQuestions(contentArg), CANDIDATE_ANSWERS);
  const tree = await widget.until((t) => t.some((n) => n.id === 'outcome/copy') && t, 'the result with its copy link');
  const title = tree.find((n) => n.id === 'outcome/title').name;
  const disclaimer = tree.find((n) => n.id === 'outcome/disclaimer').name;

  // Copy.
  await widget.click('outcome/copy');
  let copied = '';
  for (let end = Date.now() + 10_000; !copied && Date.now() < end; await sleep(100)) {
    copied = await page.evaluate(() => navigator.clipboard.readText());
  }
  expect(copied.includes(title), `the clipboard does not hold the result's title: "${copied.slice(0, 120)}"`);
  expect(copied.includes(disclaimer), 'the clipboard lacks the disclaimer');
  for (const id of ['outcome/request', 'nav/articles', 'outcome/copy']) {
    const n = tree.find((x) => x.id === id);
    expect(!n || !copied.includes(n.name), `the clipboard holds the control "${n && n.name}"`);
  }
  const said = await page.waitForFunction(() => {
    const el = document.querySelector('#ketamine-check');
    const host = [...el.children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
    const t = host.shadowRoot.querySelector('[aria-live]').textContent;
    return /copied/.test(t) && t;
  }, null, { timeout: 5000 }).then((h) => h.jsonValue(), () => '');
  expect(said, 'nobody was told the result was copied');

  // Print.
  await widget.click('outcome/print');
  await sleep(300);
  expect(await page.evaluate(() => window.__printed) === 1, 'Print my result did not print');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const printed = await page.evaluate((t) => {
    const el = document.querySelector('#ketamine-check');
    const host = [...el.children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
    const h = [...host.shadowRoot.querySelectorAll('h1,h2,h3')].find((x) => x.textContent === t);
    const s = h && getComputedStyle(h), r = h && h.getBoundingClientRect();
    const buttons = [...host.shadowRoot.querySelectorAll('button')].filter((b) => b.getBoundingClientRect().height > 0).length;
    return { canvas: getComputedStyle(el.querySelector('canvas')).display, color: s && s.color, w: r && r.width, h: r && r.height, buttons };
  }, title);
  await page.screenshot({ path: path.join(shotDir, 'keep-print.png'), fullPage: true });
  expect(printed.canvas === 'none', `in print the canvas shows (display ${printed.canvas})`);
  expect(printed.color === 'rgb(0, 0, 0)' && printed.w > 100 && printed.h > 10,
    `in print the title is not printed as text: ${JSON.stringify(printed)}`);
  expect(printed.buttons === 0, `${printed.buttons} buttons printed`);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('#ketamine-check canvas')).display) === 'block',
    'after printing the canvas stays hidden');
  return `copied ${copied.length} characters of the result (title and disclaimer, no controls) and said so; printed as text`;
});
