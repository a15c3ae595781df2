// An empty Send on the referral form, on a 390 px phone (issue 18, minor item 3): a screen reader
// hears one announcement, the summary at the top of the form that names the fields to fix (not
// each field's message: those describe their fields); the focus moves to the first field in
// error's input; a second Send with mistakes is announced again, once.
// "Heard" is measured in the overlay's shadow root (the harness opens it): every element with
// aria-live, or an alert/status/log role, whose content changed or that was added.
//   usage: node tests/e2e/error-summary.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { newPage, runTest, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { setUp } from './flow.mjs';
import { answerAll, CANDIDATE_ANSWERS, Widget } from './widget.mjs';

const [distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// Starts recording what the overlay's live regions say (window.__ksHeard: one entry per change).
function listen(page) {
  return page.evaluate(() => {
    const host = [...document.querySelector('#ketamine-check').children]
      .find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
    const live = (n) => {
      const e = n.nodeType === 1 ? n : n.parentElement;
      return e && e.closest('[aria-live],[role=alert],[role=status],[role=log]');
    };
    window.__ksHeard = [];
    window.__ksLive = [];
    new MutationObserver((list) => {
      for (const m of list) {
        for (const t of [m.target, ...m.addedNodes]) {
          const e = live(t);
          if (!e) continue;
          if (!window.__ksLive.includes(e)) window.__ksLive.push(e);
          window.__ksHeard.push({ at: window.__ksLive.indexOf(e), text: e.textContent.replace(/\u00a0/g, '').trim() });
        }
      }
    }).observe(host.shadowRoot, { subtree: true, childList: true, characterData: true });
  });
}

// What was heard since the last call: [{at: which live element, text}], and clears it.
const heard = (page) => page.evaluate(() => window.__ksHeard.splice(0));

// The node id behind the element that has the focus in the overlay (null: none).
const focused = (page) => page.evaluate(() => {
  const host = [...document.querySelector('#ketamine-check').children]
    .find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
  const e = host.shadowRoot.activeElement;
  return e ? `${e.tagName.toLowerCase()} ${e.k}` : null;
});

// Sends, and checks that one live element said the summary, and the focus is in the first field
// in error. Returns the summary.
async function sendWithMistakes(page, widget, what) {
  await heard(page);
  await widget.click('referral/send');
  await widget.until((t) => t.some((n) => n.invalid), `a field in error after ${what}`);
  await widget.settle();
  await sleep(300);
  const said = await heard(page);
  const tree = await widget.tree();
  const summary = tree.find((n) => n.id === 'referral/summary');
  const elements = new Set(said.map((h) => h.at));
  expect(elements.size === 1, `after ${what}, ${elements.size} live elements changed: ` +
    `${JSON.stringify(said.map((h) => h.text))}`);
  const last = said[said.length - 1].text;
  expect(summary && last === summary.name, `after ${what}, the live region said "${last}", ` +
    `not a summary of the fields to fix (${summary ? `"${summary.name}"` : 'none on screen'})`);
  const first = tree.find((n) => n.invalid);
  const at = await focused(page);
  expect(at === `input ${first.id}`, `after ${what}, the focus is on ${at}, not on the input of ${first.id}, the first field in error`);
  return summary;
}

runTest('error_summary', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: error-summary.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit });
  const page = await newPage(env.browser, { width: 390, height: 844, problems, touch: true });
  await page.goto(`${env.origin}/e2e/flow.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await waitForWidgets(page);
  const widget = new Widget(page);
  await answerAll(widget, env.questions, CANDIDATE_ANSWERS);
  await widget.click('outcome/request');
  await widget.waitForNode('referral/send');
  await widget.settle();
  await listen(page);

  const summary = await sendWithMistakes(page, widget, 'an empty Send');
  for (const field of ['Name', 'Phone', 'ZIP code', 'Consent']) {
    expect(summary.name.includes(field), `the summary "${summary.name}" does not name ${field}`);
  }
  const name = await widget.node('referral/name');
  expect(summary.rect.y < name.rect.y, 'the summary is not at the top of the form');
  await widget.settle();
  await page.screenshot({ path: path.join(shotsArg, 'error-summary-390.png') });

  // Some fixed, then Send again from the ZIP field: announced again, once; the focus goes to the
  // first field still in error.
  await widget.type('referral/name', 'Ada Example');
  await widget.type('referral/phone', '(541) 555-0199');
  await widget.click('referral/zip');
  const again = await sendWithMistakes(page, widget, 'a second Send');
  expect(!again.name.includes('Name') && again.name.includes('ZIP code'), `the second summary is "${again.name}"`);

  // The overlay alone, with a made-up tree: a status line that changes in the same update as a new
  // summary (as the providers' ZIP status can, when a slow frame brings both) does not talk over it.
  const overlay = fs.readdirSync(path.resolve(distArg)).find((n) => /^ketascreen-[\d.]+-overlay\.js$/.test(n));
  const last = await page.evaluate(async (url) => {
    const make = (await import(url)).default;
    const el = document.body.appendChild(document.createElement('div'));
    const o = make(el, el.appendChild(document.createElement('canvas')), () => {}, false);
    const rect = { x: 0, y: 0, w: 100, h: 20 };
    const status = (name) => ({ id: 'referral/providers/status', role: 'text', name, live: 'status', rect });
    o.update([status('Looking for providers.')]);
    o.update([{ id: 'referral/summary', role: 'text', name: 'Please fix 1 field: ZIP code.', live: 'summary', announce: 2, rect },
      { id: 'referral/zip', role: 'textbox', name: 'ZIP code', invalid: true, rect }, status('Enter your ZIP code.')]);
    const live = [...el.children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
    return live.shadowRoot.querySelector('[aria-live]').textContent;
  }, `/${overlay}`);
  expect(last.trim() === 'Please fix 1 field: ZIP code.', `a status changed with the summary talked over it: "${last}"`);
  return `an empty Send at 390 px: one live element said "${summary.name}", the focus went to the name's input; ` +
    `a second Send: "${again.name}", once, the focus on the ZIP code`;
});
