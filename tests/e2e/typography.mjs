// Typography on the canvas where the pixels are the point (issue 18): a link that wraps onto two
// or more lines is underlined under every line, on a phone (390 px) at DPR 1 and 2, light and
// dark; the article list and an article are left as screenshots at 390 and 1000 px, light and
// dark, DPR 1 and 2, to look at. (Glyph positions, sizes, spacing, the focus ring and colours are
// checked headlessly: tests/widgets/typography_test.cpp.)
// "Underlined" is measured on a screenshot of the link's rectangle: its ink falls into bands, one
// per line of text (the underline touches its line's descenders), and each band has a row whose
// longest unbroken run of ink spans most of the band's width: the rule. Letters never make such
// a run.
//   usage: node tests/e2e/typography.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, runTest, serve, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { decodePng, lumaOf } from './png.mjs';
import { Widget } from './widget.mjs';

const [distArg, shotDir] = process.argv.slice(2);
const INK = 60;          // of 255: a luma this far from the background is ink
const RULE_SHARE = 0.8;  // an underline runs unbroken over this share of its line's ink

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// The lines of ink in an image, top to bottom: {top, bottom, left, right, rule} in device pixels,
// `rule` the longest unbroken run of ink in any of its rows. Ink less than 3 CSS px apart is one
// line (an underline sits a pixel or two under letters without descenders).
export function inkLines(png, scale) {
  const { width, height } = png, { luma, background } = lumaOf(png);
  const lines = [];
  let line = null, blank = 0;
  for (let y = 0; y < height; y++) {
    let left = width, right = -1, run = 0, longest = 0;
    for (let x = 0; x < width; x++) {
      if (Math.abs(luma[y * width + x] - background) > INK) {
        left = Math.min(left, x), right = x, run++, longest = Math.max(longest, run);
      } else {
        run = 0;
      }
    }
    if (right < 0) {
      if (++blank >= 3 * scale) line = null;
      continue;
    }
    blank = 0;
    if (!line) lines.push((line = { top: y, left, right, rule: 0 }));
    line.bottom = y;
    line.left = Math.min(line.left, left), line.right = Math.max(line.right, right);
    line.rule = Math.max(line.rule, longest);
  }
  return lines;
}

async function openWidget(browser, origin, problems, { width, scale, theme }) {
  const page = await newPage(browser, { width, height: 900, scale, problems });
  await page.goto(`${origin}/e2e/mount.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.waitForFunction(() => window.KetaScreen && !window.KetaScreen.q);
  await page.evaluate((t) => KetaScreen.mount(document.querySelector('#ketamine-check'),
    { content: '/content.json', locale: 'en', theme: t }), theme);
  await waitForWidgets(page);
  return { page, widget: new Widget(page) };
}

// The lines of the link `n`, as drawn after scrolling to it.
async function linkLines(page, widget, n, scale) {
  await widget.reveal(n);
  await widget.settle();
  const o = await widget.origin();
  const clip = { x: o.x + n.rect.x - 2, y: o.y + n.rect.y, width: n.rect.w + 4, height: n.rect.h };
  return inkLines(decodePng(await page.screenshot({ clip })), scale);
}

// Every wrapped link on screen (a rectangle at least two lines tall, lines being 1.5 em of 16 px)
// is underlined on each line. Returns how many links were checked.
async function checkWrappedLinks(page, widget, where, scale) {
  const links = (await widget.tree()).filter((n) => n.role === 'link' && n.rect && n.rect.h >= 2 * 24 - 1);
  for (const n of links) {
    const lines = await linkLines(page, widget, n, scale);
    expect(lines.length >= 2, `${where}: ${n.id} is ${Math.round(n.rect.h)} px tall but shows ${lines.length} line(s)`);
    lines.forEach((l, i) => {
      const share = l.rule / (l.right - l.left + 1);
      expect(share >= RULE_SHARE, `${where}: line ${i + 1} of ${lines.length} of the wrapped link ${n.id} has no ` +
        `underline (its longest run of ink is ${Math.round(share * 100)} % of the line)`);
    });
  }
  return links.length;
}

runTest('typography', async ({ problems, atExit }) => {
  if (!distArg || !shotDir) throw new Error('usage: typography.mjs <dist-dir> <screenshot-dir>');
  fs.mkdirSync(shotDir, { recursive: true });
  const { server, origin } = await serve(path.resolve(distArg));
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  let checked = 0;
  for (const width of [390, 1000]) {
    for (const theme of ['light', 'dark']) {
      for (const scale of [1, 2]) {
        const { page, widget } = await openWidget(browser, origin, problems, { width, scale, theme });
        const name = `typography-${width}-${theme}-${scale}x`;
        await widget.click('nav/articles');
        const list = await widget.until((t) => t.filter((n) => n.id.startsWith('articles/open/')).length &&
          t.filter((n) => n.id.startsWith('articles/open/')), 'the article list');
        await widget.settle();
        await page.screenshot({ path: path.join(shotDir, `${name}-list.png`), fullPage: true });
        if (width === 390) checked += await checkWrappedLinks(page, widget, `${name} list`, scale);
        await widget.click(list[list.length - 1].id);
        await widget.waitForNode('article/title');
        await widget.settle();
        await page.screenshot({ path: path.join(shotDir, `${name}-article.png`), fullPage: true });
        if (width === 390) checked += await checkWrappedLinks(page, widget, `${name} article`, scale);
        await page.close();
      }
    }
  }
  expect(checked >= 4, `only ${checked} wrapped links found to check at 390 px`);
  return `${checked} wrapped links at 390 px (DPR 1 and 2, light and dark) underlined on every line; ` +
    `screenshots in ${shotDir}`;
});
