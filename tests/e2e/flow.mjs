// Browser end-to-end flow: from the first question to a referral received by a test server on
// 127.0.0.1, at 390 and 1000 CSS pixels wide. The bundle is the demo pack with its referral
// endpoint pointed at the test server (built with the CLI from a temporary copy of content/).
// Checks the POSTed JSON (DESIGN.md "Referral"), its Content-Type and that its Idempotency-Key is
// the payload id, that the page's events carried no health data, and saves a screenshot of every
// screen (<screenshot-dir>/flow-<width>-<screen>.png).
//   usage: node tests/e2e/flow.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { events, launch, newPage, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { referralServer } from './referral-server.mjs';
import { alwaysAsked, answerAll, buildBundle, CANDIDATE_ANSWERS, CONTACT, fillReferral, loadQuestions, Widget } from './widget.mjs';

const WIDTHS = [390, 1000];
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// The POSTed request against DESIGN.md "Referral" and what was entered.
export function checkReferral(request, answers, contact = CONTACT) {
  const { body, headers } = request;
  expect(body, `the POST body is not JSON: ${request.text.slice(0, 80)}`);
  expect(/^application\/json\b/.test(headers['content-type'] || ''), `Content-Type is ${headers['content-type']}`);
  expect(UUID.test(body.id), `payload id ${body.id} is not a UUID`);
  expect(headers['idempotency-key'] === body.id, `Idempotency-Key ${headers['idempotency-key']} != payload id ${body.id}`);
  expect(!headers.cookie, 'the POST carried cookies');
  expect(RFC3339.test(body.created_at), `created_at ${body.created_at}`);
  expect(body.clinic === 'demo-clinic', `clinic ${body.clinic}`);
  expect(body.locale === 'en', `locale ${body.locale}`);
  const c = body.contact || {};
  for (const k of ['name', 'email', 'zip']) expect(c[k] === contact[k], `contact.${k} is ${c[k]}, typed ${contact[k]}`);
  const digits = (s) => String(s || '').replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  expect(digits(c.phone) === digits(contact.phone), `contact.phone is ${c.phone}, typed ${contact.phone}`);
  expect(c.preferred_time === contact.time, `contact.preferred_time ${c.preferred_time}`);
  expect(body.consent && body.consent.version === '2026-12-06', `consent.version ${body.consent && body.consent.version}`);
  expect(RFC3339.test(body.consent.given_at), `consent.given_at ${body.consent.given_at}`);
  expect(body.screening && body.screening.outcome === 'likely_candidate', `screening.outcome ${body.screening && body.screening.outcome}`);
  for (const [id, value] of Object.entries(answers)) {
    expect(body.screening.answers[id] === value, `screening.answers.${id} is ${body.screening.answers[id]}, answered ${value}`);
  }
  const qr = body.questionnaire_response || {};
  expect(qr.resourceType === 'QuestionnaireResponse', `questionnaire_response.resourceType ${qr.resourceType}`);
}

// No page event may carry health data (DESIGN.md "Page embed"): steps are numbers, the outcome
// event says only that a result was shown without data-events="detailed", and the referral event
// shows only id and endpoint.
export function checkEventsCarryNoHealthData(list) {
  for (const e of list) {
    const keys = Object.keys(e.detail || {}).sort().join(',');
    const allowed = { ready: [''], step: ['step'], outcome: ['completed'], screen: ['screen'], referral: ['endpoint,id'],
                      error: ['message'] }[e.type];
    expect(allowed && allowed.includes(keys), `ketascreen:${e.type} carries ${JSON.stringify(e.detail)}`);
  }
}

// Runs the whole flow once at `width`; returns a summary. `statuses` is not used here (see retry).
export async function runFlow({ browser, origin, received, questions, problems, width, shots, page: pagePath = '/e2e/flow.html',
  answers = CANDIDATE_ANSWERS, init = null, openShadow = true }) {
  const page = await newPage(browser, { width, height: 900, problems, init, openShadow });
  try {
    await page.goto(origin + pagePath, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitForWidgets(page);
    const widget = new Widget(page);
    const shot = async (label) => {
      if (!shots) return;
      await widget.settle();
      await page.screenshot({ path: path.join(shots, `flow-${width}-${label}.png`), fullPage: true });
    };
    const asked = await answerAll(widget, questions, answers, shot);
    expect(asked.length === alwaysAsked(questions), `answered ${asked.length} of ${alwaysAsked(questions)} questions`);
    await widget.waitForNode('outcome/request');
    await shot('outcome');
    const before = received.length;
    await widget.click('outcome/request');
    await fillReferral(widget, CONTACT, shot);
    const end = Date.now() + 15_000;
    while (received.length === before && Date.now() < end) await sleep(50);
    expect(received.length > before, 'no referral reached the test server');
    await widget.until((t) => t.find((n) => n.id === 'referral/status' && n.name), 'a referral status');
    await sleep(500);
    await shot('referral-sent');
    const list = await events(page);
    checkEventsCarryNoHealthData(list);
    const count = (type) => list.filter((e) => e.type === type).length;
    expect(count('outcome') >= 1, 'no ketascreen:outcome event');
    expect(count('referral') === 1, `${count('referral')} ketascreen:referral events`);
    expect(count('step') >= alwaysAsked(questions) - 1, `only ${count('step')} ketascreen:step events`);
    return { page, widget, list, request: received[before] };
  } catch (e) {
    if (shots) await page.screenshot({ path: path.join(shots, `flow-${width}-FAILED.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

export async function setUp({ distArg, cliArg, contentArg, statuses, atExit, location, editContent }) {
  const referrals = await referralServer(statuses, { location });
  atExit(() => referrals.server.close());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ketascreen-e2e-'));
  atExit(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const bundle = buildBundle(path.resolve(cliArg), path.resolve(contentArg), referrals.endpoint, tmp, editContent);
  const { server, origin } = await serve(path.resolve(distArg), { routes: { '/e2e/referral-content.json': bundle } });
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  return { browser, origin, received: referrals.received, questions: loadQuestions(path.resolve(contentArg)), tmp,
           endpoint: referrals.endpoint };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);
  runTest('flow', async ({ problems, atExit }) => {
    if (!shotsArg) throw new Error('usage: flow.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>');
    fs.mkdirSync(shotsArg, { recursive: true });
    const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit });
    const ids = [];
    for (const width of WIDTHS) {
      const { request, page } = await runFlow({ ...env, problems, width, shots: shotsArg });
      checkReferral(request, CANDIDATE_ANSWERS);
      ids.push(request.body.id);
      await page.close();
    }
    expect(env.received.length === WIDTHS.length, `${env.received.length} POSTs for ${WIDTHS.length} referrals`);
    expect(new Set(ids).size === ids.length, 'two referrals had the same id');
    return `${alwaysAsked(env.questions)} questions -> likely_candidate -> referral received at ${WIDTHS.join(' and ')} px ` +
      `(JSON fields, Idempotency-Key = id); screenshots in ${shotsArg}`;
  });
}
