// Text fields behave like text fields (issue 18, item 3), on a 390 px phone at DPR 2: the canvas
// draws the caret where the overlay's input has it (Home puts it at the start, End after the
// text), draws the selection (Shift+Home, a double-click on a word), and scrolls a value longer
// than the field so the end is in view while typing there and the start after Home.
// Measured on screenshots of the email field's inner area: the caret is the column with the
// longest vertical run of text-coloured pixels (taller than any glyph); the selection is the
// area tinted with the theme's selection colour.
//   usage: node tests/e2e/fields.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { newPage, runTest, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { setUp } from './flow.mjs';
import { decodePng } from './png.mjs';
import { answerAll, CANDIDATE_ANSWERS, Widget } from './widget.mjs';

const [distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);
const SCALE = 2, PAD = 12; // device pixels per CSS px; the field's inner padding (widgets/src/ui.cpp)
const LONG = 'a.very.long.address.for.checking.the.scrolling@clinic-example-domain.org';

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

const luma = (p, i) => 0.2126 * p[i] + 0.7152 * p[i + 1] + 0.0722 * p[i + 2];

// The field's inner area (inside its border), as decoded pixels.
async function crop(page, widget, id, name) {
  await widget.settle();
  const o = await widget.origin(), n = await widget.node(id);
  const clip = { x: o.x + n.rect.x + 3, y: o.y + n.rect.y + 3, width: n.rect.w - 6, height: n.rect.h - 6 };
  const buf = await page.screenshot({ clip });
  if (name) fs.writeFileSync(path.join(shotsArg, `fields-${name}.png`), buf);
  return decodePng(buf);
}

// The caret: the x (CSS px from the inner area's left) of the column with the longest vertical run
// of dark pixels, if that run is taller than 0.9 of the field's text size; else null.
function caretX({ width, height, channels, pixels }, textPx) {
  let best = 0, at = -1;
  for (let x = 0; x < width; x++) {
    let run = 0;
    for (let y = 0; y < height; y++) {
      run = luma(pixels, (y * width + x) * channels) < 90 ? run + 1 : 0;
      if (run > best) best = run, at = x;
    }
  }
  return best >= 0.9 * textPx * SCALE ? at / SCALE : null;
}

// The share of pixels tinted with the selection colour (the primary colour at 35 % over white).
function selected({ width, height, channels, pixels }) {
  let n = 0;
  for (let i = 0; i < width * height * channels; i += channels) {
    const l = luma(pixels, i);
    if (l > 150 && l < 245 && pixels[i + 2] - pixels[i] > 12) n++;
  }
  return n / (width * height);
}

function differs(a, b) {
  let n = 0;
  for (let i = 0; i < a.pixels.length; i += a.channels) if (Math.abs(luma(a.pixels, i) - luma(b.pixels, i)) > 60) n++;
  return n / (a.width * a.height);
}

runTest('fields', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: fields.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit });
  const page = await newPage(env.browser, { width: 390, height: 844, scale: SCALE, problems });
  await page.goto(`${env.origin}/e2e/flow.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await waitForWidgets(page);
  const widget = new Widget(page);
  await answerAll(widget, env.questions, CANDIDATE_ANSWERS);
  await widget.click('outcome/request');
  await widget.waitForNode('referral/email');
  const field = 'referral/email';
  const textPx = 16; // the body text size at 100 %: the caret is taller than 0.9 of it

  // A short value: Home puts the caret at the start, End after the text.
  await widget.type(field, 'ab@c.de');
  await page.keyboard.press('Home');
  const home = caretX(await crop(page, widget, field, 'home'), textPx);
  await page.keyboard.press('End');
  const end = caretX(await crop(page, widget, field, 'end'), textPx);
  expect(home !== null && Math.abs(home - (PAD - 3)) <= 4, `after Home the caret is at ${home} px, not at the field's start`);
  expect(end !== null && end > home + 30, `after End the caret is at ${end} px (Home: ${home})`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const left = caretX(await crop(page, widget, field), textPx);
  expect(left !== null && left < end && left > home, `two ArrowLeft from the end put the caret at ${left} px (end ${end})`);

  // A selection: Shift+Home from the end.
  await page.keyboard.press('End');
  expect(selected(await crop(page, widget, field)) < 0.01, 'a selection is drawn with none made');
  await page.keyboard.press('Shift+Home');
  const tint = selected(await crop(page, widget, field, 'selected'));
  expect(tint > 0.05, `Shift+Home selected the text, but only ${(tint * 100).toFixed(1)} % of the field is drawn selected`);

  // A value longer than the field: the end is in view while typing there, the start after Home.
  await page.keyboard.press('End');
  await page.keyboard.type(LONG.slice(7), { delay: 5 });
  await sleep(200);
  const atEnd = await crop(page, widget, field, 'long-end');
  const caretAtEnd = caretX(atEnd, textPx);
  await page.keyboard.press('Home');
  const atStart = await crop(page, widget, field, 'long-start');
  const change = differs(atEnd, atStart);
  expect(change > 0.03, `a ${LONG.length}-character value looks the same with the caret at its end and its start ` +
    `(${(change * 100).toFixed(1)} % differ): the field does not scroll`);
  const width = atEnd.width / SCALE;
  expect(caretAtEnd !== null && caretAtEnd > width - 3 * PAD, `typing at the end of a long value, the caret is at ${caretAtEnd} of ${width} px`);
  const value = await widget.fieldValue(field);
  expect(value === 'ab@c.de' + LONG.slice(7), `the field holds "${value}"`);

  // A double-click on a word selects it.
  await page.keyboard.press('End');
  const n = await widget.node(field), o = await widget.origin();
  await page.mouse.dblclick(o.x + n.rect.x + n.rect.w - 40, o.y + n.rect.y + n.rect.h / 2);
  const word = selected(await crop(page, widget, field, 'double-click'));
  expect(word > 0.02, `a double-click selected a word, but ${(word * 100).toFixed(1)} % of the field is drawn selected`);
  return `caret at Home ${home} px, End ${end} px, two left ${left} px; Shift+Home ${(tint * 100).toFixed(0)} % selected; ` +
    `a ${LONG.length}-character value scrolls (${(change * 100).toFixed(0)} % of the field changes between End and Home); ` +
    `a double-click selects a word`;
});
