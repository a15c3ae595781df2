// Hostile host pages (issue 18, minor items): in a flex row or column, or a grid, the widget takes
// the width its container offers (never the canvas's default 300 px, and a width the page gives
// is kept), and page CSS on ancestors (padding, a transform, zoom) never puts the overlay's
// controls off what the canvas draws.
//   usage: node tests/e2e/hostile.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import path from 'node:path';
import { launch, newPage, runTest, serve, TIMEOUT_MS, waitForWidgets } from './harness.mjs';

const [distArg, shotDir] = process.argv.slice(2);
// The page is 1000 px wide with 8 px body margins; the sidebar is 200 px.
const CASES = [
  { name: 'flex row, no size given', css: '#row{display:flex} #side{width:200px;flex:none}', width: 784 },
  { name: 'flex row, flex:1', css: '#row{display:flex} #side{width:200px;flex:none} #ketamine-check{flex:1}', width: 784 },
  { name: 'flex row, the page\'s own width', css: '#row{display:flex} #side{width:200px;flex:none} #ketamine-check{width:500px}', width: 500 },
  { name: 'narrow flex row', css: '#row{display:flex;width:390px} #side{width:200px;flex:none} #ketamine-check{flex:1}', width: 190 },
  { name: 'flex column, items at the start', css: '#row{display:flex;flex-direction:column;align-items:flex-start}', width: 984 },
  { name: 'grid', css: '#row{display:grid;grid-template-columns:200px auto}', width: 784 },
  { name: 'padding and a transform', css: '#row{transform:scale(.8) translate(20px,10px);transform-origin:0 0;padding:30px 50px}' },
  { name: 'zoom', css: '#row{zoom:1.25;padding:10px}' },
];

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

runTest('hostile', async ({ problems, atExit }) => {
  if (!distArg || !shotDir) throw new Error('usage: hostile.mjs <dist-dir> <screenshot-dir>');
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  for (const c of CASES) {
    const page = await newPage(browser, { width: 1000, height: 800, problems });
    await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.waitForFunction(() => window.KetaScreen && !window.KetaScreen.q);
    await page.evaluate((css) => {
      document.head.appendChild(document.createElement('style')).textContent = css;
      const row = document.createElement('div'), side = document.createElement('div');
      const el = document.querySelector('#ketamine-check');
      row.id = 'row';
      side.id = 'side';
      side.textContent = 'The clinic\'s sidebar';
      document.body.insertBefore(row, el);
      row.append(side, el);
      KetaScreen.mount(el, { content: '/content.json', locale: 'en' });
    }, c.css);
    await waitForWidgets(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // Each control of the overlay against where the canvas draws its node (both in the viewport).
    const got = await page.evaluate(() => {
      const el = document.querySelector('#ketamine-check'), canvas = el.querySelector('canvas');
      const host = [...el.children].find((x) => x.shadowRoot && x.shadowRoot.querySelector('[aria-live]'));
      const box = canvas.getBoundingClientRect(), scale = box.width / parseFloat(canvas.style.width);
      const controls = [...host.shadowRoot.querySelectorAll('input,button,a')];
      let worst = { off: 0 };
      for (const n of el.__ketascreen.semantics()) {
        const ctl = controls.find((e) => e.k === n.id);
        if (!ctl) continue;
        const r = (ctl.closest('label') || ctl).getBoundingClientRect();
        const off = Math.max(Math.abs(r.left - (box.left + n.rect.x * scale)), Math.abs(r.top - (box.top + n.rect.y * scale)),
          Math.abs(r.width - n.rect.w * scale), Math.abs(r.height - n.rect.h * scale));
        if (off >= worst.off) worst = { off, id: n.id };
      }
      return { width: el.getBoundingClientRect().width, cssWidth: parseFloat(canvas.style.width), worst, controls: controls.length };
    });
    await page.screenshot({ path: path.join(shotDir, `hostile-${c.name.replace(/\W+/g, '-')}.png`) });
    if (c.width) {
      expect(Math.abs(got.width - c.width) < 1 && Math.abs(got.cssWidth - c.width) < 1,
        `${c.name}: the widget is ${got.width} px wide (canvas ${got.cssWidth} px), offered ${c.width}`);
    }
    expect(got.controls >= 3, `${c.name}: only ${got.controls} overlay controls`);
    expect(got.worst.off < 1, `${c.name}: the overlay's ${got.worst.id} is ${got.worst.off.toFixed(1)} px off what the canvas draws`);
    await page.close();
  }
  return `${CASES.length} host layouts: the widget takes the width offered, the overlay stays on the drawn controls`;
});
