// Reliability under faults (issue 6): no referral is lost or sent twice, and nobody's input is lost.
//   1. 200 submissions from 40 widget instances on 4 pages (canvas and plain-HTML rendering), made
//      through the accessibility overlay's DOM elements, against an endpoint that cuts connections
//      (before reading, or after storing but before answering), stalls past the widget's timeout
//      and answers 500/503, drawn from a seeded generator (KETASCREEN_FAULT_SEED). The clinic must
//      end up with every submission exactly once (it de-duplicates by Idempotency-Key), each
//      submission must use one key for all its attempts, and while requests are retried the form
//      must keep everything the person typed. When the widget gives up, the person presses Send
//      again (same key).
//   2. Offline: Send while the browser is offline says so, tries nothing and loses nothing; back
//      online, the request goes at once rather than at the next backoff step.
//   With a fifth argument, the path of ketascreen-server, the flaky endpoint is a faulty proxy in
//   front of a real server (tests/e2e/intake-server.mjs): the server must then have stored every
//   submission exactly once (one 201 per key, however many lost replies and retries), and each
//   stored request sent again directly is answered 200 with its first receipt.
//   usage: node tests/e2e/faults.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir> [<ketascreen-server>]
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, newPage, runTest, serve, sleep, waitForWidgets } from './harness.mjs';
import { flakyReceiver } from './flaky-receiver.mjs';
import { startIntakeServer } from './intake-server.mjs';
import { buildBundle, CANDIDATE_ANSWERS, CONTACT, loadQuestions } from './widget.mjs';

const SEED = Number(process.env.KETASCREEN_FAULT_SEED || 20261123);
const PAGES = 4;
const PER_PAGE = 10;
const EACH = 5; // submissions per widget, one after another
const TIMEOUT_S = 3; // data-referral-timeout: a stall longer than this counts as failed
const SUBMISSION_DEADLINE_MS = 240_000;
const [distArg, cliArg, contentArg, shotsArg, serverArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// What a flaky endpoint makes the browser log is expected here, not a problem.
const allow = (text) => /\/referrals\b/.test(text) ||
  /Failed to load resource: (net::ERR_|the server responded with a status of 50[03])/.test(text);

async function openPage(browser, origin, problems, { count, render }) {
  const page = await newPage(browser, { width: 1640, height: 2800, problems, allow });
  await page.goto(origin + '/e2e/faults.html', { waitUntil: 'load' });
  await page.evaluate(({ count, render, timeout }) => {
    const main = document.getElementById('widgets');
    for (let i = 0; i < count; i++) {
      const div = document.createElement('div');
      div.id = `w${i}`;
      main.appendChild(div);
      window.KetaScreen.mount(div, { content: 'referral-content.json', locale: 'en', render, referralTimeout: timeout });
    }
  }, { count, render, timeout: TIMEOUT_S });
  await waitForWidgets(page, { count });
  return page;
}

runTest(serverArg ? 'faults_server' : 'faults', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: faults.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const receiver = await flakyReceiver({ seed: SEED, stallMs: 4 * TIMEOUT_S * 1000 });
  atExit(() => receiver.close());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ketascreen-faults-'));
  atExit(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const bundle = buildBundle(path.resolve(cliArg), path.resolve(contentArg), receiver.endpoint, tmp);
  let intake = null;
  if (serverArg) {
    intake = await startIntakeServer({ serverBin: path.resolve(serverArg), cli: path.resolve(cliArg),
      contentDir: path.resolve(contentArg), dist: path.resolve(distArg), bundle,
      rateLimit: { new_referrals_per_hour: 1000000, burst: 1000000 } });
    atExit(intake.stop);
    receiver.state.upstream = `${intake.origin}/api/referrals`;
  }
  const { server, origin } = await serve(path.resolve(distArg), { routes: { '/e2e/referral-content.json': bundle } });
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const questions = loadQuestions(path.resolve(contentArg));
  const { state } = receiver;

  // ---- 1. 200 submissions against the flaky endpoint ----
  const started = Date.now();
  const pages = [];
  for (let p = 0; p < PAGES; p++) pages.push(await openPage(browser, origin, problems, { count: PER_PAGE, render: p % 2 ? 'html' : undefined }));
  const expected = new Set();
  const perPage = await Promise.all(pages.map((page, p) => {
    const contacts = [];
    for (let w = 0; w < PER_PAGE; w++) {
      contacts.push([]);
      for (let k = 0; k < EACH; k++) {
        const name = `Ada Fault p${p} w${w} n${k}`;
        expected.add(name);
        contacts[w].push({ ...CONTACT, name, email: `ada.p${p}w${w}n${k}@example.org` });
      }
    }
    return page.evaluate(async ({ questions, answers, contacts, deadline }) => {
      const widgets = [...document.querySelectorAll('#widgets > div')];
      return Promise.all(widgets.map(async (el, w) => {
        const person = new window.__faults.Person(el, questions);
        const statuses = [];
        for (const contact of contacts[w]) statuses.push(await person.submit(answers, contact, deadline));
        return { inputChecks: person.inputChecks, lost: person.lost, resends: person.resends, statuses };
      }));
    }, { questions, answers: CANDIDATE_ANSWERS, contacts, deadline: SUBMISSION_DEADLINE_MS });
  }));
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  await pages[0].screenshot({ path: path.join(shotsArg, 'faults-canvas-page.png') });
  await pages[1].screenshot({ path: path.join(shotsArg, 'faults-html-page.png') });
  const people = perPage.flat();

  expect(state.conflicts.length === 0, state.conflicts[0]);
  const lost = people.flatMap((r) => r.lost);
  expect(lost.length === 0, `input lost while sending: ${lost[0]}`);
  const inputChecks = people.reduce((a, r) => a + r.inputChecks, 0);
  expect(inputChecks > 0, 'the form was never checked while a request was on its way');
  const stored = [...state.store.values()].map((v) => v.body.contact.name);
  expect(stored.length === expected.size, `the clinic has ${stored.length} referrals, expected ${expected.size}`);
  expect(new Set(stored).size === stored.length, 'a submission was stored twice');
  const missing = [...expected].filter((n) => !stored.includes(n));
  expect(missing.length === 0, `never arrived: ${missing.slice(0, 3).join(', ')}`);
  const keysByName = new Map();
  for (const post of state.posts) {
    if (!post.name) continue;
    if (!keysByName.has(post.name)) keysByName.set(post.name, new Set());
    keysByName.get(post.name).add(post.key);
  }
  const twoKeys = [...keysByName].find(([, keys]) => keys.size > 1);
  expect(!twoKeys, twoKeys && `${twoKeys[0]} was sent under ${twoKeys[1].size} keys`);
  const faults = {};
  for (const post of state.posts) faults[post.fault] = (faults[post.fault] || 0) + 1;
  const resends = people.reduce((a, r) => a + r.resends, 0);
  for (const page of pages) await page.close();

  // ---- 2. offline and back ----
  state.faults = false;
  const page = await openPage(browser, origin, problems, { count: 1 });
  const contact = { ...CONTACT, name: 'Ada Offline', email: 'ada.offline@example.org' };
  await page.evaluate(async ({ questions, answers, contact }) => {
    window.__offlinePerson = new window.__faults.Person(document.getElementById('w0'), questions);
    await window.__offlinePerson.fill(answers, contact);
  }, { questions, answers: CANDIDATE_ANSWERS, contact });
  const postsBefore = state.posts.length;
  await page.context().setOffline(true);
  await page.evaluate(() => window.__offlinePerson.send());
  const offlineStatus = await page.evaluate(() => window.__offlinePerson.until(() => {
    const n = window.__offlinePerson.node('referral/status');
    return n && /offline/i.test(n.name) && n.name;
  }, 'the offline message', 10000));
  await sleep(3000); // longer than the first backoff steps: nothing may be tried meanwhile
  expect(state.posts.length === postsBefore, 'a request reached the endpoint while offline');
  const offlineLost = await page.evaluate((contact) => {
    window.__offlinePerson.checkInput(contact);
    return window.__offlinePerson.lost;
  }, contact);
  expect(offlineLost.length === 0, `input lost while offline: ${offlineLost[0]}`);
  await page.screenshot({ path: path.join(shotsArg, 'faults-offline.png'), fullPage: true });
  const back = Date.now();
  await page.context().setOffline(false);
  await page.evaluate(() => window.__offlinePerson.until(() => !window.__offlinePerson.node('referral/name'), 'Request sent', 10000));
  const afterMs = Date.now() - back;
  const offlineStored = [...state.store.values()].filter((v) => v.body.contact.name === contact.name).length;
  expect(offlineStored === 1, `the offline submission was stored ${offlineStored} times`);
  expect(afterMs < 2000, `back online, sending took ${afterMs} ms`);

  let serverSummary = '';
  if (intake) {
    // The real server's side: one 201 per key, every other answer a 200 replay, nothing else.
    const statuses = [...state.upstreamStatuses.values()];
    const created = statuses.filter((s) => s.filter((x) => x === 201).length === 1).length;
    const odd = statuses.flat().filter((x) => x !== 201 && x !== 200);
    expect(odd.length === 0, `the server answered ${odd[0]}`);
    expect(created === state.store.size && statuses.length === state.store.size,
      `the server created ${created} referrals for ${state.store.size} stored keys`);
    let replays = 0;
    for (const [key, { text }] of state.store) {
      const r = await fetch(receiver.state.upstream, { method: 'POST', body: text,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key } });
      expect(r.status === 200, `sending ${key} again directly: HTTP ${r.status}`);
      await r.text();
      replays++;
    }
    serverSummary = `; ketascreen-server behind the faults created each once (${statuses.flat().length} forwarded, ` +
      `${replays} direct replays all 200)`;
  }
  const mix = Object.entries(faults).map(([k, v]) => `${v} ${k}`).join(', ');
  return `${expected.size} submissions from ${PAGES * PER_PAGE} widgets (seed ${SEED}) each stored once in ${seconds} s ` +
    `after ${state.posts.length} POSTs (${mix}); ${resends} Send presses after the widget gave up, same key; ` +
    `input intact at ${inputChecks} checks while sending; offline: "${offlineStatus}", nothing tried, sent ${afterMs} ms after reconnecting${serverSummary}`;
});
