// The broken-bundle demo page (web/demo/broken.html loads web/demo/broken-content.json, which has
// a JSON syntax error): the widget must show its small HTML fallback with the clinic's name and a
// tel: link (from data-clinic-name / data-clinic-phone), fire ketascreen:error with the reason,
// leave no canvas, and the rest of the page must keep working. A browser without WebGL is not
// broken: the clinic home page in Chromium without WebGL (harness NO_WEBGL) shows the widget as HTML, with no
// fallback and no ketascreen:error (tests/e2e/a11y.mjs runs the whole flow that way).
//   usage: node tests/e2e/broken.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, NO_WEBGL, runTest, serve, TIMEOUT_MS, waitForWidgets } from './harness.mjs';

const [distArg, shotsArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('broken', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: broken.mjs <dist-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const dist = path.resolve(distArg);
  expect(fs.existsSync(path.join(dist, 'broken-content.json')), 'broken-content.json missing in dist/');
  const { server, origin } = await serve(dist);
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  let detail;
  for (const width of [390, 1000]) {
    const page = await newPage(browser, { width, height: 900, problems });
    await page.goto(`${origin}/broken.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    const [error] = await waitForWidgets(page, { expect: 'error' });
    detail = error.detail;
    expect(detail && /broken|line|expected|json/i.test(detail.message || ''), `ketascreen:error says ${JSON.stringify(detail)}`);
    const fallback = page.locator('#ketamine-check .ketascreen-fallback');
    await fallback.waitFor({ state: 'visible', timeout: 5000 });
    const text = await fallback.textContent();
    expect(text.includes('Harbor Light Ketamine Clinic'), `fallback text: ${text}`);
    expect(await fallback.locator('a[href="tel:5550100142"]').count() === 1, 'no tel: link in the fallback');
    expect(await fallback.locator('a[href="tel:988"]').count() === 1, 'no 988 in the fallback');
    // The clinic's number is never broken across lines.
    expect(await fallback.locator('a[href="tel:5550100142"]').evaluate((a) => a.getClientRects().length) === 1,
      'the phone number wraps');
    expect(await page.locator('#ketamine-check canvas').count() === 0, 'the canvas is still there');
    // The page still works.
    await page.click('#hours-toggle');
    expect(await page.locator('#hours').isVisible(), 'the page\'s own button stopped working');
    await page.screenshot({ path: path.join(shotsArg, `broken-${width}.png`), fullPage: true });
    await page.close();
  }
  // No WebGL at all: not a failure any more, the widget runs as HTML.
  const noGl = await launch(NO_WEBGL);
  atExit(() => noGl.close());
  const page = await newPage(noGl, { width: 390, height: 900, problems });
  await page.goto(`${origin}/index.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
  await waitForWidgets(page);
  const render = await page.locator('#ketamine-check').getAttribute('data-ketascreen-render');
  expect(render === 'html', `without WebGL data-ketascreen-render is ${render}`);
  expect(await page.locator('#ketamine-check .ketascreen-fallback').count() === 0, 'the fallback shows without WebGL');
  const question = page.getByRole('heading', { level: 2, name: 'Are you 18 or older?' });
  expect(await question.isVisible(), 'no first question in HTML without WebGL');
  await page.screenshot({ path: path.join(shotsArg, 'no-webgl-390.png'), fullPage: true });
  return `fallback with name and tel: link, ketascreen:error "${detail.message.split('\n')[0]}", page still works; ` +
    'without WebGL: the widget as HTML, no fallback, no error';
});
