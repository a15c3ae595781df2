// Referral delivery when the clinic's server has trouble (DESIGN.md "Referral").
//   retry: the endpoint answers 503 twice, then 201. The widget must retry with backoff, show it,
//          send the same payload under the same Idempotency-Key every time, and stop once it is
//          accepted: received exactly once.
//          Then handle.reset() while a retry waits (the next person on a shared device): the retry
//          never goes, and the next person's form is not "Request sent" (it was on the old build,
//          whose loader kept retrying after the reset and reported the result to the new session).
//   4xx:   the endpoint answers 422. The widget must not retry, must say it failed, and the page
//          hears ketascreen:error.
//   usage: node tests/e2e/referral-retry.mjs retry|4xx <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { events, runTest, sleep } from './harness.mjs';
import { checkReferral, runFlow, setUp } from './flow.mjs';
import { answerAll, CANDIDATE_ANSWERS, fillReferral } from './widget.mjs';

const QUIET_MS = 3000; // after the last answer, no further POST may come
const [mode, distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);
const statuses = { retry: [503, 503, 201], '4xx': [422] }[mode];

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// The page's handle.reset() while a retry waits: nothing more is posted, and the next person's
// form is the form, not "Request sent" from the reset person's retry.
async function resetDuringRetry(env, page, widget) {
  const reset = () => page.evaluate(() => document.getElementById('ketamine-check').__ketascreen.reset());
  await reset();
  await widget.waitForNode('checklist/question');
  await answerAll(widget, env.questions, CANDIDATE_ANSWERS);
  await widget.click('outcome/request');
  const before = env.received.length;
  statuses.push(503, 201); // this person's first attempt gets a 503; a retry would get 201
  await fillReferral(widget);
  await widget.until((t) => t.find((n) => n.id === 'referral/status' && /again/i.test(n.name)), 'a retry waiting');
  expect(env.received.length === before + 1, `${env.received.length - before} POSTs before the reset, expected 1`);
  await reset();
  await sleep(3000); // the retry was due after 1 s
  const posted = env.received.length - before - 1;
  await widget.waitForNode('checklist/question');
  await answerAll(widget, env.questions, CANDIDATE_ANSWERS);
  await widget.click('outcome/request');
  await widget.until((t) => t.find((n) => n.id === 'referral/name' || n.id === 'referral/status'), 'the referral screen');
  await sleep(1500);
  const status = await widget.node('referral/status');
  expect(!status || !/sent/i.test(status.name), `after handle.reset() during a retry, the next person's form says "${status && status.name}"`);
  expect(posted === 0, `the retry went ${posted} time(s) after handle.reset()`);
  const errors = (await events(page)).filter((e) => e.type === 'error');
  expect(errors.length === 0, `ketascreen:error after the reset: ${JSON.stringify(errors[0] && errors[0].detail)}`);
  return 'handle.reset() during a retry: no retry went, the next person sees the form';
}

runTest(`referral-${mode}`, async ({ problems, atExit }) => {
  if (!statuses || !shotsArg) {
    throw new Error('usage: referral-retry.mjs retry|4xx <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>');
  }
  fs.mkdirSync(shotsArg, { recursive: true });
  const env = await setUp({ distArg, cliArg, contentArg, statuses, atExit });
  // The endpoint's error answers are the point of this test, not problems (the browser logs them).
  const allow = (text) => /\b(503|422)\b/.test(text) && /referrals|status of/.test(text);
  const filtered = [];
  const { page, widget } = await runFlow({ ...env, problems: filtered, width: 390, shots: null });
  atExit(() => page.close());

  // Watch the status the widget shows until the server has given every planned answer and gone quiet.
  const shown = [];
  const watchUntil = async (done, timeout) => {
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const status = await widget.node('referral/status');
      if (status && status.name && shown[shown.length - 1] !== status.name) shown.push(status.name);
      if (done()) return true;
      await sleep(100);
    }
    return false;
  };
  const expected = statuses.length;
  await watchUntil(() => env.received.length >= expected, 20_000);
  expect(env.received.length >= expected, `${env.received.length} POSTs, expected ${expected}; statuses shown: ${shown.join(' | ')}`);
  await watchUntil(() => false, QUIET_MS);
  await page.screenshot({ path: path.join(shotsArg, `referral-${mode}-390.png`), fullPage: true });
  problems.push(...filtered.filter((p) => !allow(p)));

  const received = env.received;
  expect(received.length === expected, `${received.length} POSTs, expected ${expected} (${received.map((r) => r.status).join(', ')})`);
  const key = received[0].headers['idempotency-key'];
  for (const r of received) {
    expect(r.headers['idempotency-key'] === key, `Idempotency-Key changed: ${key} then ${r.headers['idempotency-key']}`);
    expect(r.text === received[0].text, 'the payload changed between attempts');
  }
  checkReferral(received[received.length - 1], CANDIDATE_ANSWERS);
  const accepted = received.filter((r) => r.status < 300).length;
  const errors = (await events(page)).filter((e) => e.type === 'error');
  if (mode === 'retry') {
    expect(accepted === 1, `accepted ${accepted} times`);
    const gaps = received.slice(1).map((r, i) => r.t - received[i].t);
    expect(gaps[0] >= 800 && gaps[1] >= gaps[0] * 1.5, `no backoff between attempts: ${gaps.join(', ')} ms`);
    expect(shown.length >= 2, `the status never changed while retrying: ${shown.join(' | ')}`);
    expect(errors.length === 0, `ketascreen:error ${JSON.stringify(errors[0] && errors[0].detail)}`);
    const reset = await resetDuringRetry(env, page, widget);
    return `503, 503, 201: received once under one Idempotency-Key after ${gaps.join(' + ')} ms of backoff; ` +
      `status shown: ${shown.join(' -> ')}; ${reset}`;
  }
  expect(accepted === 0, 'a 422 counted as accepted');
  expect(errors.length === 1 && /422/.test(errors[0].detail.message), `ketascreen:error events: ${JSON.stringify(errors)}`);
  return `422: one POST, no retry, ketascreen:error "${errors[0].detail.message}"; status shown: ${shown.join(' -> ')}`;
});
