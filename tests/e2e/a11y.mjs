// Accessibility (issue 4): the widget through its DOM overlay, as assistive technology, a keyboard
// and a browser without WebGL meet it. Modes:
//   keyboard  the whole flow with the keyboard only (Tab, Shift+Tab, Space, arrows, Enter, typing),
//             checking the Tab order, that focus moves to each new screen's heading, that the
//             canvas never takes focus, that the canvas rings the focused node, and that Tab leaves
//             the widget (no trap); screenshots of the focus ring at 390 and 1000 px.
//   roles     the whole flow with Playwright's role-based locators only (getByRole, getByLabel), as
//             a screen reader user would find things, with axe-core on every screen (every
//             question, the outcome, the form empty, with its messages, filled, and sent), the
//             messages tied to their fields (aria-invalid, aria-describedby) and announced.
//   html      the same with WebGL disabled (harness NO_WEBGL): the widget as plain
//             DOM, axe on every screen, screenshots at 390 and 1000 px; then data-render="html" in
//             a browser with WebGL, and a WebGL context lost mid-flow (the answers survive).
//   axe       axe-core on every demo page (index, csp, two-widgets, broken), the crisis panel and
//             the urgent outcome, and the articles screens.
//   zoom      browser text zoom (Chrome's default font size 24 px instead of 16): the widget's text
//             is 1.5 times as large, on the canvas and as HTML.
//   providers the provider network's screen: keyboard only (Tab stops, a provider chosen with the
//             arrow keys, focus on each new heading), then as HTML without WebGL with axe.
// Every flow ends with the expected outcome and a referral received by the test server.
//   usage: node tests/e2e/a11y.mjs <mode> <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { axe } from './axe.mjs';
import { launch, newPage, NO_WEBGL, runTest, serve, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { checkEventsCarryNoHealthData, checkReferral, setUp } from './flow.mjs';
import { alwaysAsked, answerOption, CANDIDATE_ANSWERS, CONTACT, Widget } from './widget.mjs';

const OUTCOME_TITLE = 'Nothing in your answers rules out ketamine treatment';
const PROVIDER_ZIP = '66209';
const [mode, distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

async function poll(check, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}


// Over the canvas, every node's DOM element lies exactly on the node's rectangle (so a tap, a
// screen reader's highlight and the canvas agree). Returns the number of elements checked.
async function checkPlacement(page) {
  const wrong = await page.evaluate(() => {
    const el = document.querySelector('#ketamine-check');
    const c = el.querySelector('canvas');
    // The screen's origin: the canvas's left and, for a screen drawn in a slice, the top of the lead above it.
    const canvas = { x: c.getBoundingClientRect().x, y: c.previousElementSibling.getBoundingClientRect().y };
    const shadow = [...el.children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]')).shadowRoot;
    const nodes = new Map(el.__ketascreen.semantics().map((n) => [n.id, n]));
    const out = [];
    let count = 0;
    for (const e of shadow.querySelectorAll('*')) {
      const n = e.k && nodes.get(e.k);
      if (!n || !n.rect.w || !n.rect.h) continue;
      const r = e.getBoundingClientRect();
      const off = [r.x - canvas.x - n.rect.x, r.y - canvas.y - n.rect.y, r.width - n.rect.w, r.height - n.rect.h];
      if (off.some((d) => Math.abs(d) > 1)) out.push(`${n.id} off by ${off.map(Math.round).join(',')}`);
      count++;
    }
    return { out, count };
  });
  expect(!wrong.out.length, `overlay elements misplaced: ${wrong.out.slice(0, 3).join('; ')}`);
  expect(wrong.count > 3, `only ${wrong.count} overlay elements found`);
  return wrong.count;
}

// The contact time's label in the content pack (what a person reads on the radio).
function contactTimeLabel(contentDir, id) {
  const clinic = JSON.parse(fs.readFileSync(path.join(contentDir, 'clinic.json'), 'utf8'));
  return clinic.referral.contact_times.find((t) => t.id === id).label.en;
}

// The question on screen: the heading that shows one of the screening's questions.
async function questionOnScreen(widget, questions) {
  const texts = (await widget.getByRole('heading').allTextContents()).map((t) => t.trim());
  return questions.find((q) => texts.includes(q.text));
}

// The whole flow through role-based locators only. `check(label)` runs on every screen.
// Every question with role-based locators only, up to the outcome; `check(label)` on each screen.
async function answerByRoles(w, env, answers, check) {
  const consult = w.getByRole('button', { name: 'Request a consultation', exact: true });
  let count = 0;
  for (;;) {
    await w.getByRole('radiogroup').or(consult).first().waitFor({ timeout: 15_000 });
    if (await consult.count()) break;
    const q = await questionOnScreen(w, env.questions);
    expect(q, 'no known question on screen');
    await check(`q${String(++count).padStart(2, '0')}-${q.id}`);
    await w.getByRole('radio', { name: answerOption(q, answers[q.id]).label, exact: true }).check();
    await w.getByRole('button', { name: /^(Next|See my result)$/ }).click();
    await poll(async () => (await questionOnScreen(w, env.questions)) !== q, `leaving ${q.id}`);
  }
  expect(count === alwaysAsked(env.questions), `answered ${count} of ${alwaysAsked(env.questions)} questions`);
  await w.getByRole('heading', { name: OUTCOME_TITLE }).waitFor();
  return consult;
}

async function roleFlow(page, env, answers, check) {
  const w = page.locator('#ketamine-check');
  const consult = await answerByRoles(w, env, answers, check);
  await check('outcome');
  await consult.click();
  const name = w.getByLabel('Your name', { exact: true });
  await name.waitFor();
  await check('referral-form');

  // Send with nothing filled in: each field is marked invalid and described by its message; the
  // summary of them is announced.
  await w.getByRole('button', { name: 'Send request' }).click();
  await poll(async () => (await name.getAttribute('aria-invalid')) === 'true', 'the name field marked invalid');
  const described = await name.evaluate((e) => {
    const id = e.getAttribute('aria-describedby');
    const d = id && e.getRootNode().getElementById(id);
    return d ? d.textContent : null;
  });
  expect(described === 'Please enter your name.', `the name field is described by ${JSON.stringify(described)}`);
  // One announcement: the summary of the fields to fix (error-summary.mjs checks it in detail).
  const announced = await poll(() => w.evaluate((el) => {
    const live = [...el.children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]')).shadowRoot.querySelector('[aria-live]');
    return /^Please fix/.test(live.textContent) && live.textContent;
  }), 'the summary in the live region');
  expect(/Name.*ZIP/.test(announced), `the live region says only: ${announced}`);
  await check('referral-errors');

  await name.fill(CONTACT.name);
  // Typing the email makes the phone's message (above the email field) go away while the email
  // field has the focus: the field must keep the focus, and every key.
  const email = w.getByLabel('Email', { exact: true });
  await email.click();
  await page.keyboard.type(CONTACT.email, { delay: 40 });
  expect(await email.evaluate((e) => e.getRootNode().activeElement === e), 'the email field lost the focus while typing');
  expect(await email.inputValue() === CONTACT.email, `the email field holds ${await email.inputValue()}`);
  await w.getByLabel('Phone', { exact: true }).fill(CONTACT.phone);
  await w.getByLabel('ZIP code', { exact: true }).fill(CONTACT.zip);
  await w.getByRole('radio', { name: env.timeLabel, exact: true }).check();
  const consent = w.getByRole('checkbox', { name: /^I agree/ });
  await consent.check();
  // One click is one toggle (the canvas under the box never sees the click).
  await sleep(300);
  expect(await consent.isChecked(), 'the consent box unticked itself: the click was applied twice');
  await poll(async () => (await name.getAttribute('aria-invalid')) === null, 'the name field valid again');
  await check('referral-filled');
  const before = env.received.length;
  await w.getByRole('button', { name: 'Send request' }).click();
  await w.getByRole('heading', { name: 'Request sent' }).waitFor({ timeout: 15_000 });
  await poll(() => env.received.length > before, 'the referral at the test server');
  await check('referral-sent');
  return env.received[before];
}

// The focused element, through shadow roots.
function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    if (!a || a === document.body) return null;
    const text = a.labels && a.labels.length ? a.labels[0].textContent : a.textContent;
    return { tag: a.tagName.toLowerCase(), type: a.type || '', name: text.trim(), checked: !!a.checked,
             inWidget: !!a.getRootNode().host };
  });
}

async function tab(page, shift = false) {
  await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
  const a = await focused(page);
  expect(!a || a.tag !== 'canvas', 'the canvas took the keyboard focus');
  return a;
}

// Presses Tab until `match(focused)`; fails after `max` presses.
async function tabTo(page, match, what, max = 20) {
  for (let i = 0; i < max; i++) {
    const a = await tab(page);
    if (a && match(a)) return a;
  }
  throw new Error(`Tab never reached ${what} (now on ${JSON.stringify(await focused(page))})`);
}

// The next Tab stop must be `what`.
async function tabExpect(page, match, what) {
  const a = await tab(page);
  expect(a && match(a), `after Tab expected ${what}, focus is on ${JSON.stringify(a)}`);
  return a;
}

async function keyboardFlow(page, env, width, shots) {
  const widget = new Widget(page);
  const focusedNode = async () => (await widget.tree()).find((n) => n.focused);
  let count = 0;
  for (;;) {
    const tree = await widget.until((t) => t.some((n) => n.role === 'radio' || n.id === 'outcome/request') && t,
      'a question or the outcome');
    if (tree.some((n) => n.id === 'outcome/request')) break;
    const text = tree.find((n) => n.id === 'checklist/question').name;
    const q = env.questions.find((x) => x.text === text);
    expect(q, `no known question: ${text}`);
    if (count > 0) {
      // A new question: the focus is on its heading, so a screen reader reads it next.
      const a = await focused(page);
      expect(a && a.tag === 'h2' && a.name === text, `after Next the focus is on ${JSON.stringify(a)}, not the question`);
    }
    count++;
    const first = await tabTo(page, (a) => a.type === 'radio', 'the answers');
    expect(first.name === q.options[0].label, `the first answer reached is ${first.name}`);
    if (count === 1) {
      const n = await poll(focusedNode, 'a focused node in the tree');
      expect(n.id === 'checklist/answer/yes', `the canvas rings ${n.id}, not the focused "Yes"`);
      await widget.settle();
      await page.locator('#ketamine-check').screenshot({ path: path.join(shots, `focus-ring-${width}.png`) });
    }
    // The first answer is taken with Space, a later one with the arrow keys (each moves and checks).
    const { index, id } = answerOption(q, CANDIDATE_ANSWERS[q.id]);
    if (index === 0) await page.keyboard.press('Space');
    for (let k = 0; k < index; k++) await page.keyboard.press('ArrowDown');
    await widget.until((t) => t.find((n) => n.id === id && n.checked), `${id} chosen`);
    await tabTo(page, (a) => a.tag === 'button' && /^(Next|See my result)$/.test(a.name), 'Next', 3);
    await page.keyboard.press('Enter');
    await widget.until((t) => !t.some((n) => n.id === 'checklist/question' && n.name === text), `leaving ${q.id}`);
  }
  expect(count === alwaysAsked(env.questions), `answered ${count} of ${alwaysAsked(env.questions)} questions`);
  await poll(async () => { const a = await focused(page); return a && a.tag === 'h2' && a.name === OUTCOME_TITLE; },
    'the focus on the outcome title');
  await tabTo(page, (a) => a.tag === 'button' && a.name === 'Request a consultation', 'Request a consultation');
  await page.keyboard.press('Enter');
  await poll(async () => { const a = await focused(page); return a && a.name === 'Request a consultation' && a.tag === 'h2'; },
    'the focus on the form\'s heading');
  // The form in reading order, one Tab each.
  const field = (label) => (a) => a.tag === 'input' && a.name === label;
  await tabExpect(page, field('Your name'), 'the name field');
  await page.keyboard.type(CONTACT.name);
  await tabExpect(page, field('Phone'), 'the phone field');
  await page.keyboard.type(CONTACT.phone);
  await tabExpect(page, field('Email'), 'the email field');
  await page.keyboard.type(CONTACT.email);
  await tabExpect(page, field('ZIP code'), 'the ZIP field');
  await page.keyboard.type(CONTACT.zip);
  const firstTime = await tabExpect(page, (a) => a.type === 'radio', 'the contact times');
  if (firstTime.name !== env.timeLabel) await page.keyboard.press('ArrowDown'); // CONTACT.time is the first one
  else await page.keyboard.press('Space');
  await tabExpect(page, (a) => a.type === 'checkbox' && /^I agree/.test(a.name), 'the consent box');
  await page.keyboard.press('Space');
  for (const [id, value] of [['referral/name', CONTACT.name], ['referral/email', CONTACT.email], ['referral/zip', CONTACT.zip]]) {
    await poll(async () => (await widget.fieldValue(id)) === value, `${id} = ${value}`);
  }
  await widget.until((t) => t.find((n) => n.id === 'referral/consent' && n.checked), 'consent given');
  await widget.until((t) => t.find((n) => n.id === `referral/time/${CONTACT.time}` && n.checked), 'the contact time');
  await tabExpect(page, (a) => a.tag === 'button' && a.name === 'Send request', 'Send');
  const before = env.received.length;
  await page.keyboard.press('Enter');
  await widget.waitForNode('referral/sent-body');
  await poll(() => env.received.length > before, 'the referral at the test server');
  // No trap: Tab goes on past the widget to the page's next link, and Shift+Tab comes back.
  const out = await tabTo(page, (a) => !a.inWidget, 'out of the widget', 10);
  expect(out.name === 'After the widget', `Tab left the widget to ${JSON.stringify(out)}`);
  const back = await tab(page, true);
  expect(back && back.inWidget, `Shift+Tab from the page went to ${JSON.stringify(back)}`);
  return env.received[before];
}

// The flow's end, as every mode checks it.
async function checkEnd(page, request) {
  checkReferral(request, CANDIDATE_ANSWERS);
  const list = await page.evaluate(() => window.__ksEvents);
  checkEventsCarryNoHealthData(list);
  expect(list.some((e) => e.type === 'outcome'), 'no ketascreen:outcome event');
}

async function open(browser, problems, origin, pagePath, width) {
  const page = await newPage(browser, { width, height: 900, problems });
  await page.goto(origin + pagePath, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
  await waitForWidgets(page);
  return page;
}

// The provider screen with the keyboard only: from the outcome to the form, choosing a provider.
async function keyboardProviders(page, env) {
  await answerByRoles(page.locator('#ketamine-check'), env, CANDIDATE_ANSWERS, async () => {});
  const widget = new Widget(page);
  await tabTo(page, (a) => a.tag === 'button' && a.name === 'Find a provider near you', 'Find a provider near you');
  await page.keyboard.press('Enter');
  await poll(async () => { const a = await focused(page); return a && a.tag === 'h2' && a.name === 'Providers near you'; },
    'the focus on the provider screen\'s heading');
  await tabTo(page, (a) => a.tag === 'input' && a.name === 'Your ZIP code', 'the ZIP field', 3);
  await page.keyboard.type(PROVIDER_ZIP);
  // As a person would, wait for the list near that ZIP code before moving on to it (on a busy
  // machine the Tabs can otherwise reach the list before its providers are there).
  await widget.until((t) => t.some((n) => n.id.startsWith('providers/choice/') && n.id !== 'providers/choice/nearest'),
    `the providers near ${PROVIDER_ZIP}`);
  const filter = await tabExpect(page, (a) => a.type === 'radio', 'the service filter');
  expect(filter.name === 'Any treatment' && filter.checked, `the filter's Tab stop is ${JSON.stringify(filter)}`);
  // One Tab stop per radio group: the next is the list, on its checked entry ("soonest").
  const entry = await tabExpect(page, (a) => a.type === 'radio' && a.checked, 'the provider list');
  expect(/^Whichever provider/.test(entry.name), `the list's Tab stop is ${JSON.stringify(entry)}`);
  await page.keyboard.press('ArrowUp');
  const chosen = await poll(async () => { const a = await focused(page); return a && a.checked && !/^Whichever/.test(a.name) && a; },
    'a provider chosen with the arrow keys');
  const node = await widget.until((t) => t.find((n) => n.id.startsWith('providers/choice/') && n.id !== 'providers/choice/nearest' &&
    n.checked), 'the chosen provider in the semantics tree');
  expect(chosen.name.startsWith(node.name.split('.')[0]), `the focused radio (${chosen.name}) is not the chosen node (${node.name})`);
  await tabTo(page, (a) => a.tag === 'button' && a.name === 'Continue to your request', 'Continue', 3);
  await page.keyboard.press('Enter');
  await poll(async () => { const a = await focused(page); return a && a.tag === 'h2' && a.name === 'Request a consultation'; },
    'the focus on the form\'s heading');
  const named = await widget.until((t) => t.find((n) => n.id === 'referral/provider'), 'the form naming the provider');
  expect(named.name === `Your request goes to ${node.name.split('.')[0]}.`, `the form says ${named.name}`);
  await widget.until((t) => t.find((n) => n.id === 'referral/zip'), 'the form\'s ZIP field');
  const zip = await widget.fieldValue('referral/zip');
  expect(zip === PROVIDER_ZIP, `the form's ZIP is ${zip}`);
  return node.id.slice(17);
}

// The provider screen as plain DOM (no WebGL), with role-based locators only, axe on it.
async function htmlProviders(page, env, shots, width) {
  const w = page.locator('#ketamine-check');
  await (await answerByRoles(w, env, CANDIDATE_ANSWERS, async () => {}));
  await w.getByRole('button', { name: 'Find a provider near you', exact: true }).click();
  await w.getByLabel('Your ZIP code', { exact: true }).fill(PROVIDER_ZIP);
  // The list fills once the ZIP is in: until then it holds only "whichever can see me soonest".
  const radios = w.getByRole('radiogroup', { name: 'Who should receive your request?' }).getByRole('radio');
  await poll(async () => (await radios.count()) > 1, `the providers for ${PROVIDER_ZIP}`);
  const first = radios.first();
  const name = (await first.getAttribute('aria-label')) || (await first.evaluate((e) => (e.labels[0] || e).textContent));
  await first.check();
  await axe(page, `the provider screen without WebGL at ${width} px`);
  await page.screenshot({ path: path.join(shots, `no-webgl-${width}-providers.png`), fullPage: true });
  await w.getByRole('button', { name: 'Continue to your request', exact: true }).click();
  await w.getByLabel('Your name', { exact: true }).waitFor();
  const text = await w.evaluate((el) => [...el.children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]')).shadowRoot.textContent);
  const provider = name.split('.')[0].trim();
  expect(text.includes(`Your request goes to ${provider}.`), `the form (no WebGL) does not name ${provider}`);
  return provider;
}

const modes = {
  async providers({ env, problems, shots, atExit }) {
    const keyboard = await open(env.browser, problems, env.origin, '/e2e/a11y.html', 390);
    const byKeys = await keyboardProviders(keyboard, env);
    await keyboard.close();
    const browser = await launch(NO_WEBGL);
    atExit(() => browser.close());
    const summary = [];
    for (const width of [390, 1000]) {
      const page = await open(browser, problems, env.origin, '/e2e/a11y.html', width);
      expect(await page.locator('#ketamine-check').getAttribute('data-ketascreen-render') === 'html', 'not rendered as HTML');
      summary.push(`${width} px: ${await htmlProviders(page, env, shots, width)}`);
      await page.close();
    }
    return `provider screen with the keyboard only (${PROVIDER_ZIP}, ${byKeys} chosen with the arrows, Tab to Continue, ` +
      `focus on the form's heading) and as HTML without WebGL, axe clean (${summary.join('; ')})`;
  },

  async keyboard({ env, problems, shots }) {
    const done = [];
    for (const width of [390, 1000]) {
      const page = await open(env.browser, problems, env.origin, '/e2e/a11y.html', width);
      await checkEnd(page, await keyboardFlow(page, env, width, shots));
      done.push(width);
      await page.close();
    }
    return `keyboard only at ${done.join(' and ')} px: ${alwaysAsked(env.questions)} questions -> outcome -> referral received; ` +
      'Tab order, focus to each new heading, canvas ring on the focused node, no trap; focus-ring-*.png';
  },

  async roles({ env, problems }) {
    const page = await open(env.browser, problems, env.origin, '/e2e/a11y.html', 390);
    const screens = [];
    let placed = 0;
    const request = await roleFlow(page, env, CANDIDATE_ANSWERS, async (label) => {
      await new Widget(page).settle();
      placed += await checkPlacement(page);
      await axe(page, label);
      screens.push(label);
    });
    await checkEnd(page, request);
    return `role locators only: outcome and referral received; axe clean on ${screens.length} screens; ` +
      `${placed} overlay elements on their nodes' rectangles`;
  },

  async html({ env, problems, shots, atExit }) {
    const browser = await launch(NO_WEBGL);
    atExit(() => browser.close());
    const summary = [];
    for (const width of [390, 1000]) {
      const page = await open(browser, problems, env.origin, '/e2e/a11y.html', width);
      expect(await page.locator('#ketamine-check').getAttribute('data-ketascreen-render') === 'html', 'not rendered as HTML');
      expect(!(await page.locator('#ketamine-check canvas').isVisible()), 'the canvas shows without WebGL');
      let screens = 0;
      const request = await roleFlow(page, env, CANDIDATE_ANSWERS, async (label) => {
        if (width === 390) await axe(page, `${label} (no WebGL)`);
        if (/^(q01|outcome|referral-errors|referral-sent)/.test(label)) {
          await page.screenshot({ path: path.join(shots, `no-webgl-${width}-${label.split('-')[0] === 'q01' ? 'q01' : label}.png`), fullPage: true });
        }
        screens++;
      });
      await checkEnd(page, request);
      summary.push(`${width} px: ${screens} screens${width === 390 ? ', axe clean' : ''}`);
      await page.close();
    }

    // data-render="html" in a browser that has WebGL.
    const asked = await open(env.browser, problems, env.origin, '/e2e/a11y-html.html', 390);
    expect(await asked.locator('#ketamine-check').getAttribute('data-ketascreen-render') === 'html', 'data-render="html" ignored');
    await asked.getByRole('radio', { name: 'Yes', exact: true }).check();
    await axe(asked, 'data-render="html"');
    await asked.close();

    // The WebGL context lost mid-flow: the widget goes on as HTML with the answer kept.
    const lost = await open(env.browser, problems, env.origin, '/e2e/a11y.html', 390);
    const w = lost.locator('#ketamine-check');
    await w.getByRole('radio', { name: 'Yes', exact: true }).check();
    await new Widget(lost).until((t) => t.find((n) => n.id === 'checklist/answer/yes' && n.checked), 'Yes chosen');
    // The GPU process crashes (as a driver reset does): every WebGL context is lost, the worker's
    // as well as one on the main thread.
    await (await env.browser.newBrowserCDPSession()).send('Browser.crashGpuProcess');
    await poll(async () => (await w.getAttribute('data-ketascreen-render')) === 'html', 'HTML after the context was lost');
    expect(await w.getByRole('radio', { name: 'Yes', exact: true }).isChecked(), 'the answer was lost with the context');
    await w.getByRole('button', { name: 'Next' }).click();
    await w.getByRole('heading', { name: env.questions[1].text }).waitFor();
    await lost.screenshot({ path: path.join(shots, 'context-lost-390.png'), fullPage: true });
    await lost.close();
    return `WebGL disabled: role-locator flow to the referral, ${summary.join('; ')}; ` +
      'data-render="html" honoured; a lost WebGL context goes on as HTML, answers kept';
  },

  async axe({ env, problems }) {
    const checked = [];
    const { server, origin } = await serve(path.resolve(distArg));
    try {
      for (const [pagePath, count, expectWhat] of [['/index.html', 1, 'ready'], ['/csp.html', 1, 'ready'],
        ['/two-widgets.html', 2, 'ready'], ['/broken.html', 1, 'error']]) {
        for (const width of [390, 1000]) {
          const page = await newPage(env.browser, { width, height: 900, problems });
          await page.goto(origin + pagePath, { waitUntil: 'load', timeout: TIMEOUT_MS });
          for (const el of await page.locator('[id^="ketamine-check"], [id^="check-"]').all()) await el.scrollIntoViewIfNeeded();
          await waitForWidgets(page, { count, expect: expectWhat });
          if (expectWhat === 'ready') await new Widget(page, count === 2 ? '#check-en' : '#ketamine-check').settle();
          await axe(page, `${pagePath} at ${width} px`);
          checked.push(`${pagePath}@${width}`);
          await page.close();
        }
      }
    } finally {
      server.close();
    }

    // The crisis panel (an answer that raises an urgent flag) and the urgent outcome.
    const page = await open(env.browser, problems, env.origin, '/e2e/a11y.html', 390);
    const w = page.locator('#ketamine-check');
    const answers = { ...CANDIDATE_ANSWERS, thoughts_of_self_harm: true };
    for (let guard = 0; guard < 3 * env.questions.length; guard++) {
      if (await w.getByRole('alert').count()) break;
      const q = await questionOnScreen(w, env.questions);
      expect(q, 'no known question on screen');
      await w.getByRole('radio', { name: answerOption(q, answers[q.id]).label, exact: true }).check();
      await poll(async () => (await w.getByRole('alert').count()) || !(await w.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')), 'the answer taken');
      if (await w.getByRole('alert').count()) break;
      await w.getByRole('button', { name: /^(Next|See my result)$/ }).click();
      await poll(async () => (await questionOnScreen(w, env.questions)) !== q, `leaving ${q.id}`);
    }
    const alert = w.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getByRole('button', { name: 'Call 988', exact: true }).count() === 1, 'no "Call 988" button in the crisis alert');
    // Issue 15: the 988 chat and the Veterans Crisis Line (988, then 1) are offered too.
    for (const name of ['Chat with 988', 'Veterans: call 988, press 1']) {
      expect(await alert.getByRole('button', { name, exact: true }).count() === 1, `no "${name}" button in the crisis alert`);
    }
    await new Widget(page).settle();
    await checkPlacement(page);
    await axe(page, 'the crisis panel');
    checked.push('crisis panel');

    // The articles: the list and one article.
    await w.getByRole('link', { name: 'Learn about ketamine therapy' }).click();
    await w.getByRole('heading', { level: 2 }).filter({ hasNotText: /danger|crisis|help/i }).first().waitFor();
    const first = w.getByRole('link').filter({ hasNotText: /Back|Learn about/ }).first();
    await new Widget(page).settle();
    await checkPlacement(page);
    await axe(page, 'the article list');
    checked.push('article list');
    const title = (await first.textContent()).trim();
    await first.click();
    await w.getByRole('heading', { name: title }).waitFor();
    await new Widget(page).settle();
    await checkPlacement(page);
    await axe(page, `the article "${title}"`);
    checked.push('article');
    await page.close();
    return `axe-core clean on ${checked.join(', ')}`;
  },

  async zoom({ env, problems, shots, atExit }) {
    const measure = async (browser, pagePath, fontSize) => {
      const page = await newPage(browser, { width: 390, height: 900, problems });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.enable');
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: fontSize, fixed: Math.round(fontSize * 0.8) } });
      await page.goto(env.origin + pagePath, { waitUntil: 'load', timeout: TIMEOUT_MS });
      await waitForWidgets(page);
      const widget = new Widget(page);
      await widget.settle();
      const node = (await widget.tree()).find((n) => n.id === 'checklist/help');
      const html = await page.locator('#ketamine-check').getAttribute('data-ketascreen-render') === 'html';
      const size = await page.locator('#ketamine-check').getByRole('heading', { level: 2 }).first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      await page.screenshot({ path: path.join(shots, `text-zoom-${html ? 'html' : 'canvas'}-${fontSize}.png`), fullPage: true });
      await page.close();
      return { help: node.rect.h, lineWidth: node.rect.w, size };
    };
    const plain = await measure(env.browser, '/e2e/a11y.html', 16);
    const big = await measure(env.browser, '/e2e/a11y.html', 24);
    // The help text wraps in the same column: 1.5 times the size is about 1.5 x 1.5 its height.
    const canvasRatio = big.help / plain.help;
    expect(canvasRatio > 1.6, `on the canvas the help text grew ${canvasRatio.toFixed(2)} times at 24 px`);
    const noGl = await launch(NO_WEBGL);
    atExit(() => noGl.close());
    const htmlPlain = await measure(noGl, '/e2e/a11y.html', 16);
    const htmlBig = await measure(noGl, '/e2e/a11y.html', 24);
    const htmlRatio = htmlBig.size / htmlPlain.size;
    expect(Math.abs(htmlRatio - 1.5) < 0.05, `as HTML the heading grew ${htmlRatio.toFixed(2)} times at 24 px`);
    return `default font 24 px instead of 16: help text ${canvasRatio.toFixed(2)}x as tall on the canvas, ` +
      `headings ${htmlRatio.toFixed(2)}x as large as HTML`;
  },
};

runTest(`a11y-${mode}`, async ({ problems, atExit }) => {
  if (!modes[mode] || !shotsArg) {
    throw new Error(`usage: a11y.mjs ${Object.keys(modes).join('|')} <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>`);
  }
  fs.mkdirSync(shotsArg, { recursive: true });
  const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit });
  env.timeLabel = contactTimeLabel(path.resolve(contentArg), CONTACT.time);
  env.answers = CANDIDATE_ANSWERS;
  return modes[mode]({ env, problems, shots: shotsArg, atExit });
});
