// Long screens (issue 14 item 11, issue 18 item 4): every part of a screen is drawn and usable,
// however long it is. Modes:
//   vertices  an article of ~36,000 characters (more than 65,536 vertices in one ImGui list, so
//             ImGui starts commands with a VtxOffset): at 1000 px and DPR 1 its title, middle and
//             last lines are drawn, and its Back button works.
//   text200   a phone (390 px, DPR 3) with the browser's text at 200 %: every demo article and the
//             longest result (every question's first answer but the crisis one's) are complete. Such screens
//             are taller than the largest canvas the GPU takes (8,192 device pixels with software
//             WebGL), so the canvas draws the slice around the viewport: the last lines and
//             controls are drawn when scrolled to, and the last button works.
// "Drawn" is measured on a screenshot of the node's rectangle as the visitor scrolled to it: at
// least 1 % of its pixels differ clearly from the background (text, a border or a fill), where a
// canvas cut short (or garbage from wrapped 16-bit indices) leaves the page's blank background.
//   usage: node tests/e2e/long-screens.mjs <mode> <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { newPage, runTest, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { setUp } from './flow.mjs';
import { decodePng, lumaOf } from './png.mjs';
import { answerAll, Widget } from './widget.mjs';

const [mode, distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);
const MIN_INK = 0.01;

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// The share of pixels whose luma differs from the most common luma (the background) by > 48.
function ink(png) {
  const { luma, background } = lumaOf(png);
  let marked = 0;
  for (const l of luma) if (Math.abs(l - background) > 48) marked++;
  return marked / luma.length;
}

// Scrolls node `n` into view as a visitor would, waits for the drawing to settle and measures the
// ink in its rectangle (the part inside the viewport).
async function inkOf(page, widget, n) {
  await widget.reveal(n);
  await widget.settle();
  const o = await widget.origin(), view = page.viewportSize();
  const x = Math.max(0, o.x + n.rect.x), y = Math.max(0, o.y + n.rect.y);
  const w = Math.min(view.width, o.x + n.rect.x + n.rect.w) - x, h = Math.min(view.height, o.y + n.rect.y + n.rect.h) - y;
  expect(w > 2 && h > 2, `${n.id} is not in the viewport after scrolling to it`);
  return ink(decodePng(await page.screenshot({ clip: { x, y, width: w, height: h } })));
}

// The screen's title, its middle node and its last three nodes are drawn; the element is as tall
// as the screen. Returns the screen's height in CSS px.
async function checkComplete(page, widget, what, shot) {
  await widget.settle();
  const nodes = (await widget.tree()).filter((n) => n.rect && n.rect.w > 4 && n.rect.h > 4);
  const bottom = Math.max(...nodes.map((n) => n.rect.y + n.rect.h));
  const height = await page.locator('#ketamine-check').evaluate((e) => e.getBoundingClientRect().height);
  expect(height >= bottom, `${what}: the widget is ${height} px tall for a screen of ${Math.ceil(bottom)} px`);
  const byBottom = [...nodes].sort((a, b) => a.rect.y + a.rect.h - (b.rect.y + b.rect.h));
  const picks = [byBottom[0], byBottom[Math.floor(byBottom.length / 2)], ...byBottom.slice(-3)];
  for (const n of picks) {
    const share = await inkOf(page, widget, n);
    if (share < MIN_INK) {
      await page.screenshot({ path: path.join(shotsArg, `long-${shot}-blank.png`) });
      throw new Error(`${what}: ${n.id} at y=${Math.round(n.rect.y)} of ${Math.ceil(bottom)} px is not drawn ` +
        `(${(share * 100).toFixed(2)} % ink)`);
    }
  }
  await page.screenshot({ path: path.join(shotsArg, `long-${shot}-end.png`) });
  return Math.ceil(bottom);
}

// Opens article `id` from the article list.
async function openArticle(widget, id) {
  await widget.click(`articles/open/${id}`);
  await widget.waitForNode('article/title');
}

// Presses the screen's last button (Back) and checks that it left the article: a tap at the bottom
// of a sliced screen reaches the control drawn there.
async function backFromBottom(widget, what) {
  await widget.click('articles/back');
  await widget.until((t) => !t.some((n) => n.id === 'article/title'), `${what}: Back at the bottom to leave the article`);
}

async function open(env, problems, viewport) {
  const page = await newPage(env.browser, { ...viewport, problems });
  if (viewport.fontSize) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: viewport.fontSize, fixed: Math.round(viewport.fontSize * 0.8) } });
  }
  await page.goto(`${env.origin}/e2e/flow.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await waitForWidgets(page);
  return { page, widget: new Widget(page) };
}

// ~36,000 characters of plain sentences (varied, so no run of text repeats a glyph pattern).
function longText() {
  const words = ['provider', 'clinic', 'blood', 'pressure', 'treatment', 'question', 'answer', 'visit', 'screening',
    'infusion', 'nasal', 'spray', 'medicine', 'sleep', 'heart', 'check', 'follow', 'up', 'plan', 'care'];
  const paragraphs = [];
  for (let p = 0; p < 24; p++) {
    const sentence = [];
    for (let i = 0; i < 240; i++) sentence.push(words[(i * 7 + p * 3) % words.length]);
    paragraphs.push(`Paragraph ${p + 1}: ${sentence.join(' ')}.`);
  }
  return paragraphs.join('\n\n') + '\n';
}

const modes = {
  async vertices(env, problems) {
    const { page, widget } = await open(env, problems, { width: 1000, height: 900, scale: 1 });
    await widget.click('nav/articles');
    await openArticle(widget, 'cost-and-insurance');
    const height = await checkComplete(page, widget, 'the long article', 'vertices');
    await backFromBottom(widget, 'the long article');
    return `an article of ${longText().length} extra characters (${height} px): title, middle and end drawn; Back works`;
  },

  async text200(env, problems) {
    const { page, widget } = await open(env, problems, { width: 390, height: 844, scale: 3, fontSize: 32 });
    await widget.click('nav/articles');
    const links = (t) => t.filter((n) => n.id.startsWith('articles/open/'));
    const ids = (await widget.until((t) => links(t).length && links(t), 'the article list'))
      .map((n) => n.id.slice('articles/open/'.length));
    expect(ids.length >= 5, `only ${ids.length} articles listed`);
    const heights = [];
    for (const [i, id] of ids.entries()) {
      await openArticle(widget, id);
      heights.push(await checkComplete(page, widget, `article ${id}`, `text200-${id}`));
      if (i + 1 < ids.length) {
        await widget.click('articles/back-to-list');
        await widget.waitForNode(`articles/open/${ids[i + 1]}`);
      } else {
        await backFromBottom(widget, `article ${id}`);
      }
    }
    // The longest result: every question's first answer ("yes", or the first option) except the crisis one's.
    await page.goto(`${env.origin}/e2e/flow.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitForWidgets(page);
    const answers = Object.fromEntries(env.questions.map((q) => [q.id, q.id === 'thoughts_of_self_harm' ? false : q.options[0].id]));
    await answerAll(widget, env.questions, answers);
    await widget.waitForNode('outcome/title');
    const flags = (await widget.tree()).filter((n) => /^outcome\/reason\/[^/]+$/.test(n.id)).length;
    const result = await checkComplete(page, widget, 'the longest result', 'text200-result');
    const tallest = Math.max(...heights);
    expect(tallest * 3 > 8192, `no article is taller than the largest canvas at DPR 3 (${tallest} px): the test proves nothing`);
    return `${ids.length} articles (up to ${tallest} CSS px = ${tallest * 3} device px) and the result with ${flags} flags ` +
      `(${result} px) complete at 200 % text and DPR 3`;
  },
};

runTest(`long-screens-${mode}`, async ({ problems, atExit }) => {
  if (!modes[mode] || !shotsArg) {
    throw new Error(`usage: long-screens.mjs ${Object.keys(modes).join('|')} <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>`);
  }
  fs.mkdirSync(shotsArg, { recursive: true });
  const editContent = mode !== 'vertices' ? undefined : (dir) => {
    const file = path.join(dir, 'articles', 'cost-and-insurance.en.md');
    fs.appendFileSync(file, '\n' + longText());
  };
  const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit, editContent });
  return modes[mode](env, problems);
});
