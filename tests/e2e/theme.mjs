// The widget takes the page's look, not the operating system's (issue 18, item 5). With the
// visitor's system in dark mode: a white page gets the light widget; a page that is dark (its
// background, or color-scheme: dark) gets the dark one; a page declaring "light dark" follows the
// system; data-theme="auto" follows the system; "light"/"dark" as asked. No flash: before the
// first frame the canvas already shows the colour the widget then draws.
//   usage: node tests/e2e/theme.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { launch, newPage, runTest, serve, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { decodePng } from './png.mjs';

const [distArg, shotDir] = process.argv.slice(2);
const LIGHT = 'rgb(255, 255, 255)', DARK = 'rgb(20, 25, 31)'; // widgets/src/theme.cpp backgrounds

// scheme: the system's; css: the page's own style; theme: data-theme.
const CASES = [
  { name: 'white page, dark system', scheme: 'dark', css: '', theme: undefined, want: 'light' },
  { name: 'dark page background', scheme: 'dark', css: 'body{background:#101418;color:#eee}', theme: undefined, want: 'dark' },
  { name: 'page color-scheme: dark', scheme: 'light', css: ':root{color-scheme:dark}', theme: undefined, want: 'dark' },
  { name: 'page "light dark", dark system', scheme: 'dark', css: ':root{color-scheme:light dark}', theme: undefined, want: 'dark' },
  { name: 'page "light dark", light system', scheme: 'light', css: ':root{color-scheme:light dark}', theme: undefined, want: 'light' },
  { name: 'auto, dark system', scheme: 'dark', css: '', theme: 'auto', want: 'dark' },
  { name: 'auto, light system', scheme: 'light', css: '', theme: 'auto', want: 'light' },
  { name: 'light asked on a dark page', scheme: 'dark', css: 'body{background:#000}', theme: 'light', want: 'light' },
  { name: 'dark asked on a white page', scheme: 'light', css: '', theme: 'dark', want: 'dark' },
];

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('theme', async ({ problems, atExit }) => {
  if (!distArg || !shotDir) throw new Error('usage: theme.mjs <dist-dir> <screenshot-dir>');
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  for (const c of CASES) {
    const page = await newPage(browser, { width: 600, height: 700, problems });
    await page.emulateMedia({ colorScheme: c.scheme });
    await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.KetaScreen && !window.KetaScreen.q);
    // The canvas's colour in the task that mounts it: what shows until the first frame.
    const before = await page.evaluate(({ css, theme }) => {
      if (css) document.head.appendChild(document.createElement('style')).textContent = css;
      const el = document.querySelector('#ketamine-check');
      KetaScreen.mount(el, { content: '/content.json', locale: 'en', theme });
      return getComputedStyle(el.querySelector('canvas')).backgroundColor;
    }, c);
    await waitForWidgets(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const box = await page.locator('#ketamine-check canvas').boundingBox();
    const png = decodePng(await page.screenshot({ clip: { x: box.x + 2, y: box.y + 2, width: 4, height: 4 } }));
    const drawn = `rgb(${png.pixels[0]}, ${png.pixels[1]}, ${png.pixels[2]})`;
    const want = c.want === 'dark' ? DARK : LIGHT;
    if (drawn !== want) await page.screenshot({ path: path.join(shotDir, `theme-${c.name.replace(/\W+/g, '-')}.png`) });
    expect(drawn === want, `${c.name}: the widget is drawn ${drawn}, expected ${c.want} (${want})`);
    expect(before === want, `${c.name}: before the first frame the canvas shows ${before}, then ${want}: a flash`);
    await page.close();
  }
  return `${CASES.length} pages and settings, each drawn in the page's own scheme (or the one asked), with no flash`;
});
