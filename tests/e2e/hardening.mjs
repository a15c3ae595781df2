// Hardening (issue 14): what the host page can learn from the widget and what it can change, in the
// browser. Modes:
//   outcome   data-events="detailed": a crisis answer, likely_candidate and an under-18 visitor get
//             the same page events up to the result (one per question every visitor is asked, then
//             {completed: true}); only what the visitor does next (opening the form) is added.
//   steps     a show_if question (asked only after "pregnant or breastfeeding: yes") adds no step
//             event: the same events with and without it.
//   values    typed contact details are not readable by page scripts before Send: no open shadow
//             root, semantics() without typed values, none of them in the page's DOM, while the
//             browser's accessibility tree still has each field with its value; the POST has them.
//   integrity a browser without modulepreload (Safari < 17, Firefox < 115): a glue or an overlay
//             that does not match the loader's hash is never run (the widget reports an error and
//             shows its fallback), and the real files still run there, each fetched once.
//   key       a page listener that changes ketascreen:referral's payload changes nothing that is
//             sent: the Idempotency-Key is the id the widget made, the body what it built.
//   redirect  the endpoint answers 307 to another server: nothing reaches that server, the POST is
//             not retried, the person sees that it failed and the page hears ketascreen:error.
//   usage: node tests/e2e/hardening.mjs <mode> <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { events, newPage, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { checkEventsCarryNoHealthData, checkReferral, runFlow, setUp } from './flow.mjs';
import { referralServer } from './referral-server.mjs';
import { alwaysAsked, answerAll, CANDIDATE_ANSWERS, CONTACT, Widget } from './widget.mjs';

const [mode, distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// What a page listening to every ketascreen:* event saw, as comparable lines.
const seen = (list) => list.map((e) => `${e.type} ${JSON.stringify(e.detail)}`);

// Opens `pagePath`, answers every question with `answers` and waits for the result.
async function toResult(env, problems, answers, { pagePath = '/e2e/flow.html', questions = env.questions, shot } = {}) {
  const page = await newPage(env.browser, { width: 1000, height: 900, problems });
  await page.goto(env.origin + pagePath, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await waitForWidgets(page);
  const widget = new Widget(page);
  const asked = await answerAll(widget, questions, answers);
  await widget.waitForNode('outcome/title');
  await sleep(500); // time for any late event
  if (shot) await page.screenshot({ path: path.join(shotsArg, `hardening-${shot}.png`), fullPage: true });
  return { page, widget, asked, list: await events(page) };
}

const modes = {
  async outcome(env, problems) {
    const runs = {
      candidate: CANDIDATE_ANSWERS,
      crisis: { ...CANDIDATE_ANSWERS, thoughts_of_self_harm: true },
      under18: { ...CANDIDATE_ANSWERS, age_18_plus: false },
    };
    const results = {};
    for (const [name, answers] of Object.entries(runs)) {
      results[name] = await toResult(env, problems, answers, { pagePath: '/e2e/detailed.html', shot: `detailed-${name}` });
    }
    const crisisTree = await results.crisis.widget.tree();
    expect(crisisTree.some((n) => n.id === 'crisis/title'), 'the crisis answer did not show the crisis resources');
    const base = seen(results.candidate.list);
    for (const name of ['crisis', 'under18']) {
      const other = seen(results[name].list);
      const at = other.findIndex((line, i) => line !== base[i]);
      expect(at < 0 && other.length === base.length,
        `detailed events tell ${name} from likely_candidate at event ${at}: ${other[at]} vs ${base[at]}`);
    }
    expect(base.filter((l) => l.startsWith('step ')).length === alwaysAsked(env.questions), `step events: ${base.join(' | ')}`);
    // Detailed events add what the visitor did next: the candidate opens the form.
    const { page, widget } = results.candidate;
    await widget.click('outcome/request');
    await widget.waitForNode('referral/name');
    await sleep(300);
    const after = seen(await events(page)).slice(base.length);
    expect(after.join() === 'screen {"screen":"referral"}', `after opening the form the page heard: ${after.join(' | ') || 'nothing'}`);
    for (const r of Object.values(results)) checkEventsCarryNoHealthData(await events(r.page));
    return `detailed events: crisis, under 18 and likely_candidate identical to the result (${base.length} events), ` +
      'then only "opened the form"';
  },

  async steps(env, problems) {
    const extra = { id: 'pregnancy_over_12_weeks', text: 'Are you more than 12 weeks pregnant?', always: false,
      options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }] };
    const questions = [...env.questions, extra];
    const pregnant = { ...CANDIDATE_ANSWERS, pregnant_or_breastfeeding: true, [extra.id]: false };
    const notPregnant = { ...CANDIDATE_ANSWERS, [extra.id]: false };
    const a = await toResult(env, problems, pregnant, { questions });
    const b = await toResult(env, problems, notPregnant, { questions });
    expect(a.asked.includes(extra.id), `the show_if question was not asked: ${a.asked.join(', ')}`);
    expect(!b.asked.includes(extra.id), 'the show_if question was asked without its condition');
    const steps = (r) => seen(r.list).filter((l) => /^(step|outcome) /.test(l));
    expect(steps(a).join() === steps(b).join(),
      `the page can tell who was asked the show_if question: ${steps(a).length} events vs ${steps(b).length}`);
    return `${a.asked.length} questions asked or ${b.asked.length}: the same ${steps(a).length} step and outcome events`;
  },

  async values(env, problems) {
    const page = await newPage(env.browser, { width: 1000, height: 900, problems, openShadow: false });
    await page.goto(env.origin + '/e2e/flow.html', { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitForWidgets(page);
    const widget = new Widget(page);
    await answerAll(widget, env.questions, CANDIDATE_ANSWERS);
    await widget.click('outcome/request');
    const typed = { 'referral/name': CONTACT.name, 'referral/phone': CONTACT.phone, 'referral/email': CONTACT.email,
                    'referral/zip': CONTACT.zip };
    for (const [id, text] of Object.entries(typed)) {
      await widget.click(id);
      await sleep(100);
      await page.keyboard.type(text, { delay: 10 });
    }
    await widget.click(`referral/time/${CONTACT.time}`);
    await widget.click('referral/consent');
    await sleep(500);
    // What any script on the page (analytics, session replay) can read without asking.
    const reach = await page.evaluate(() => {
      const el = document.querySelector('#ketamine-check');
      const tree = el.__ketascreen.semantics();
      return {
        open: [...el.querySelectorAll('*')].filter((e) => e.shadowRoot).length,
        valued: tree.filter((n) => n.role === 'textbox' && 'value' in n).map((n) => `${n.id}=${n.value}`),
        text: JSON.stringify(tree) + document.documentElement.outerHTML,
      };
    });
    expect(reach.open === 0, `${reach.open} open shadow roots in the widget`);
    expect(reach.valued.length === 0, `semantics() hands out typed values: ${reach.valued.join(', ')}`);
    for (const text of Object.values(typed)) expect(!reach.text.includes(text), `the page can read "${text}"`);
    // Assistive technology still has every field, with what was typed.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const fields = nodes.filter((n) => n.role && n.role.value === 'textbox').map((n) => n.value && n.value.value);
    for (const text of [CONTACT.name, CONTACT.email, CONTACT.zip]) {
      expect(fields.includes(text), `no text field with "${text}" in the accessibility tree (${fields.join(', ')})`);
    }
    const before = env.received.length;
    await widget.click('referral/send');
    const end = Date.now() + 15_000;
    while (env.received.length === before && Date.now() < end) await sleep(50);
    expect(env.received.length > before, 'no referral reached the test server');
    checkReferral(env.received[before], CANDIDATE_ANSWERS);
    return 'typed details: no open shadow root, not in semantics() or the DOM, in the accessibility tree and the POST';
  },

  async integrity(env, problems) {
    const dist = path.resolve(distArg);
    const names = fs.readdirSync(dist);
    const glue = names.find((n) => /^ketascreen-[\d.]+-glue\.js$/.test(n));
    const overlay = glue.replace('-glue.js', '-overlay.js');
    const routes = { '/e2e/referral-content.json': fs.readFileSync(path.join(dist, 'content.json')) };
    const { server, origin, requests } = await serve(dist, { routes });
    env.atExit(() => server.close());
    // Safari before 17 and Firefox before 115: no modulepreload.
    const noPreload = () => {
      const supports = DOMTokenList.prototype.supports;
      DOMTokenList.prototype.supports = function (token) { return token !== 'modulepreload' && supports.call(this, token); };
    };
    const open = async (expectWhat, allow = () => false) => {
      const page = await newPage(env.browser, { width: 1000, height: 900, problems, init: noPreload, allow });
      const from = requests.length;
      await page.goto(`${origin}/e2e/flow.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
      await waitForWidgets(page, { expect: expectWhat });
      await sleep(500);
      const state = await page.evaluate(() => ({
        tampered: window.__ksTampered || null,
        fallback: !!document.querySelector('#ketamine-check .ketascreen-fallback'),
        preload: DOMTokenList.prototype.supports.call(document.createElement('link').relList, 'modulepreload'),
      }));
      await page.close();
      return { ...state, fetched: (name) => requests.slice(from).filter((r) => r === `/${name}`).length };
    };
    const real = await open('ready');
    expect(!real.preload, 'modulepreload is still supported in the test page');
    expect(real.fetched(glue) === 1 && real.fetched(overlay) === 1,
      `without modulepreload the glue was fetched ${real.fetched(glue)} times, the overlay ${real.fetched(overlay)}`);
    const allow = (text) => /integrity|digest|could not load|Failed to load/i.test(text);
    for (const name of [overlay, glue]) {
      routes[`/${name}`] = `window.__ksTampered = ${JSON.stringify(name)};\n` + fs.readFileSync(path.join(dist, name), 'utf8');
      const r = await open('error', allow);
      expect(!r.tampered, `a tampered ${r.tampered} ran without modulepreload`);
      expect(r.fallback, `no fallback after the tampered ${name} was refused`);
      delete routes[`/${name}`];
    }
    return 'without modulepreload: the real glue and overlay run (each fetched once); a tampered glue or overlay never runs';
  },

  async key(env, problems) {
    // A page listener that changes the payload it is handed.
    const init = () => document.addEventListener('ketascreen:referral', (e) => {
      const p = e.detail.payload;
      window.__ksMadeId = p.id;
      p.id = 'changed-by-the-page';
      p.contact.name = 'Changed by the page';
    });
    const { page, request } = await runFlow({ ...env, problems, width: 390, shots: null, init });
    const made = await page.evaluate(() => window.__ksMadeId);
    expect(made && request.headers['idempotency-key'] === made,
      `Idempotency-Key ${request.headers['idempotency-key']}, the widget made ${made}`);
    checkReferral(request, CANDIDATE_ANSWERS);
    return `a listener changed the payload: the request went out as the widget built it (key ${made})`;
  },

  async redirect(env, problems) {
    // The browser reports the redirect it did not follow as an aborted request: that is the point here.
    const filtered = [];
    const { page, widget } = await runFlow({ ...env, problems: filtered, width: 390, shots: null });
    await sleep(4000); // a retry would have come by now (the first after 1 s)
    const status = await widget.node('referral/status');
    const list = await events(page);
    const errors = list.filter((e) => e.type === 'error').map((e) => e.detail.message);
    await page.screenshot({ path: path.join(shotsArg, 'hardening-redirect.png'), fullPage: true });
    problems.push(...filtered.filter((p) => !(/ERR_ABORTED/.test(p) && p.includes(env.target.endpoint))));
    expect(env.target.requests.length === 0,
      `the referral followed the redirect to ${env.target.endpoint}: ${env.target.requests.join(', ')}`);
    expect(env.received.length === 1, `${env.received.length} POSTs to the endpoint: a redirect is not worth retrying`);
    expect(status && /could not be sent/i.test(status.name),
      `the person sees: ${status && status.name}`);
    expect(errors.includes('referral refused: redirect'), `ketascreen:error said: ${errors.join(' | ') || 'nothing'}`);
    return 'a 307 from the endpoint: not followed, not retried, the failure shown and reported';
  },
};

runTest(`hardening-${mode}`, async ({ problems, atExit }) => {
  if (!modes[mode] || !shotsArg) {
    throw new Error(`usage: hardening.mjs ${Object.keys(modes).join('|')} <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>`);
  }
  fs.mkdirSync(shotsArg, { recursive: true });
  let target = null, editContent;
  if (mode === 'redirect') {
    target = await referralServer([201]);
    atExit(() => target.server.close());
  }
  if (mode === 'steps') {
    editContent = (dir) => {
      const file = path.join(dir, 'screening.json');
      const screening = JSON.parse(fs.readFileSync(file, 'utf8'));
      const at = screening.questions.findIndex((q) => q.id === 'pregnant_or_breastfeeding');
      screening.questions.splice(at + 1, 0, {
        id: 'pregnancy_over_12_weeks', kind: 'yes_no', required: true,
        text: { en: 'Are you more than 12 weeks pregnant?', es: '¿Tiene más de 12 semanas de embarazo?' },
        show_if: { question: 'pregnant_or_breastfeeding', equals: true },
      });
      fs.writeFileSync(file, JSON.stringify(screening, null, 2));
    };
  }
  const env = await setUp({ distArg, cliArg, contentArg, atExit, editContent,
    statuses: mode === 'redirect' ? [307] : [201], location: target && target.endpoint });
  return modes[mode]({ ...env, target, atExit }, problems);
});
