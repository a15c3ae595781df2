// Drives a mounted widget the way a person would, through its semantics tree: the loader keeps the
// latest tree per mount (element.__ketascreen.semantics(), node rects in CSS pixels from the
// canvas's top-left corner), and the tests click the centres of those rects with the mouse (which
// lands on the accessibility overlay's element there, as a person's click does) and type with the
// keyboard. Node ids are "<plugin>/<thing>" (widgets/include/ketascreen/widgets/semantics.hpp).
// semantics() leaves out what was typed into text fields: the tests read a field through its
// overlay element (harness.mjs opens the overlay's shadow root for them), which holds the core's
// value whenever the field does not have the focus, and check the core's values in what is POSTed.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { sleep, TIMEOUT_MS } from './harness.mjs';

export class Widget {
  constructor(page, selector = '#ketamine-check') {
    this.page = page;
    this.selector = selector;
    this.canvas = page.locator(`${selector} canvas`);
  }

  tree() {
    return this.page.evaluate((sel) => {
      const handle = document.querySelector(sel).__ketascreen;
      return handle ? handle.semantics() : [];
    }, this.selector);
  }

  async node(id) {
    return (await this.tree()).find((n) => n.id === id);
  }

  // Waits until `predicate(tree)` is truthy; returns its value.
  async until(predicate, what, timeout = 15_000) {
    const end = Date.now() + timeout;
    for (;;) {
      const tree = await this.tree();
      const value = predicate(tree);
      if (value) return value;
      if (Date.now() > end) {
        const ids = tree.map((n) => n.id).join(', ');
        throw new Error(`${this.selector}: timed out waiting for ${what}; nodes: ${ids || 'none'}`);
      }
      await sleep(50);
    }
  }

  waitForNode(id, timeout) {
    return this.until((t) => t.find((n) => n.id === id && !n.disabled), `node ${id}`, timeout);
  }

  // Where the screen's top-left corner is in the viewport: the canvas's, unless a screen taller than
  // the GPU's largest canvas is drawn in a slice, which starts below the loader's lead block.
  origin() {
    return this.canvas.evaluate((c) => {
      const lead = c.previousElementSibling.getBoundingClientRect(), box = c.getBoundingClientRect();
      return { x: box.left, y: lead.top };
    });
  }

  // Scrolls node `n` (a tree node) to the middle of the viewport if it is not in view; returns the
  // screen's origin then.
  async reveal(n) {
    const o = await this.origin(), y = o.y + n.rect.y + n.rect.h / 2;
    if (y < 0 || y > (await this.page.evaluate(() => innerHeight))) {
      await this.page.evaluate((dy) => window.scrollBy(0, dy), y - (await this.page.evaluate(() => innerHeight)) / 2);
      return this.origin();
    }
    return o;
  }

  // Clicks the centre of node `id` (waiting for it to exist and be enabled), scrolled into view.
  async click(id) {
    // The widget may still be laying out what the last action changed (its tree comes from the
    // worker a moment later): click where the node is once its place holds for 50 ms.
    let n = await this.waitForNode(id);
    for (let tries = 0; tries < 20; tries++) {
      await sleep(50);
      const again = await this.waitForNode(id);
      const same = JSON.stringify(again.rect) === JSON.stringify(n.rect);
      n = again;
      if (same) break;
    }
    const o = await this.reveal(n);
    await this.page.mouse.click(o.x + n.rect.x + n.rect.w / 2, o.y + n.rect.y + n.rect.h / 2);
    return n;
  }

  // The value of text field `id` as its overlay element holds it (null without one).
  fieldValue(id) {
    return fieldValue(this.page, this.selector, id);
  }

  // Clicks the text field `id` and types `text` into it.
  async type(id, text) {
    await this.click(id);
    await sleep(100); // a frame to make the field active
    await this.page.keyboard.type(text, { delay: 10 });
    const end = Date.now() + 15_000;
    while ((await this.fieldValue(id)) !== text) {
      if (Date.now() > end) throw new Error(`${this.selector}: ${id} holds "${await this.fieldValue(id)}", typed "${text}"`);
      await sleep(50);
    }
    await this.settle(100); // what the text changed (a message gone) is laid out before the next action
  }

  // Frames drawn so far (the canvas's data-ketascreen-frames).
  async frames() {
    return Number(await this.canvas.getAttribute('data-ketascreen-frames'));
  }

  // Waits until no frame has been drawn for `quietMs`.
  async settle(quietMs = 300, timeout = 10_000) {
    const end = Date.now() + timeout;
    let last = await this.frames();
    for (;;) {
      await sleep(quietMs);
      const now = await this.frames();
      if (now === last) return;
      if (Date.now() > end) throw new Error(`${this.selector}: still drawing after ${timeout} ms`);
      last = now;
    }
  }
}

// The value of the overlay's input for node `id` in the widget at `selector` (through its shadow
// root, which the test harness opens), or null.
export function fieldValue(page, selector, id) {
  return page.evaluate(([sel, nodeId]) => {
    const host = [...document.querySelector(sel).children].find((c) => c.shadowRoot && c.shadowRoot.querySelector('[aria-live]'));
    const input = host && [...host.shadowRoot.querySelectorAll('input')].find((e) => e.k === nodeId);
    return input ? input.value : null;
  }, [selector, id]);
}

// The screening's questions with their text in `locale` (English unless asked), from the content pack: whether they are
// asked whatever the answers (`always`: no show_if; follow-ups appear only after a gateway's
// "yes"), and their answers in order as {id, label} (a yes/no question's are yes and no).
export function loadQuestions(contentDir, locale = 'en') {
  const screening = JSON.parse(fs.readFileSync(path.join(contentDir, 'screening.json'), 'utf8'));
  return screening.questions.map((q) => ({
    id: q.id, text: q.text[locale], always: !q.show_if,
    options: q.kind === 'single_choice' ? q.options.map((o) => ({ id: o.id, label: o.label[locale] }))
      : [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }],
  }));
}

// The questions everyone is asked: the number of steps of any walk through the checklist.
export const alwaysAsked = (questions) => questions.filter((q) => q.always).length;

// A planned answer (true/false for yes/no, an option id for a single choice) as the id of its
// answer node, and as the index and label of the answer among the question's.
export const answerId = (value) => (value === true ? 'yes' : value === false ? 'no' : String(value));
export function answerOption(question, value) {
  const index = question.options.findIndex((o) => o.id === answerId(value));
  if (index < 0) throw new Error(`${question.id} has no answer ${answerId(value)}`);
  return { index, label: question.options[index].label, id: `checklist/answer/${answerId(value)}` };
}

// The question on screen: the one whose text one of the nodes shows.
export function currentQuestion(tree, questions) {
  const names = new Set(tree.map((n) => n.name));
  return questions.find((q) => names.has(q.text));
}

// Answers every question (answers: {question id: true|false}), clicking Next when the answer does
// not move on by itself, until the outcome screen (any outcome); calls `onScreen(label)` for each
// screen shown.
export async function answerAll(widget, questions, answers, onScreen = async () => {}) {
  const given = [];
  for (let guard = 0; guard < 3 * questions.length; guard++) {
    const tree = await widget.until((t) => t.some((n) => n.id === 'checklist/question' || n.id === 'outcome/title') && t,
      'a question or the outcome');
    if (!tree.some((n) => n.id === 'checklist/question')) return given;
    const question = currentQuestion(tree, questions);
    if (!question) throw new Error(`no known question text on screen: ${tree.map((n) => n.name).join(' | ')}`);
    if (!(question.id in answers)) throw new Error(`no planned answer for ${question.id}`);
    await onScreen(`q${String(given.length + 1).padStart(2, '0')}-${question.id}`);
    await widget.click(answerOption(question, answers[question.id]).id);
    given.push(question.id);
    // Either the answer moved on, or it is selected and Next moves on.
    const moved = () => widget.until((t) => currentQuestion(t, questions) !== question || t.some((n) => n.id === 'outcome/title'),
      `leaving ${question.id}`, 1500).then(() => true, () => false);
    if (!(await moved())) {
      await widget.click('checklist/next');
      await widget.until((t) => currentQuestion(t, questions) !== question || t.some((n) => n.id === 'outcome/title'),
        `leaving ${question.id} after Next`);
    }
  }
  throw new Error('the checklist did not end');
}

// The answers that give likely_candidate: an adult with a qualifying condition who tried other
// treatments, nothing else (yes/no questions as true/false, single-choice ones by option id: the
// values the referral payload carries). Follow-ups stay hidden behind the gateways' "no".
export const CANDIDATE_ANSWERS = {
  age_18_plus: true, qualifying_condition: true, tried_other_treatments: true,
  thoughts_of_self_harm: false, pregnant_or_breastfeeding: false, heart_condition: 'no',
  uncontrolled_blood_pressure: 'no', high_cholesterol: false, liver_or_kidney_disease: false,
  aneurysm_or_brain_bleed: 'no', other_conditions: 'no', ketamine_reaction_history: 'no', psychosis_history: 'no',
  substance_use: 'no', medicines: 'no',
};

export const CONTACT = { name: 'Ada Example', phone: '(541) 555-0199', email: 'ada@example.org', zip: '97477', time: 'morning' };

// Fills and sends the referral form.
export async function fillReferral(widget, contact = CONTACT, onScreen = async () => {}) {
  await widget.waitForNode('referral/name');
  await onScreen('referral-form');
  await widget.type('referral/name', contact.name);
  await widget.type('referral/phone', contact.phone);
  await widget.type('referral/email', contact.email);
  await widget.type('referral/zip', contact.zip);
  await widget.click(`referral/time/${contact.time}`);
  await widget.until((t) => t.find((n) => n.id === `referral/time/${contact.time}` && n.checked), 'the contact time chosen');
  await widget.click('referral/consent');
  await widget.until((t) => t.find((n) => n.id === 'referral/consent' && n.checked), 'consent ticked');
  await onScreen('referral-filled');
  await widget.click('referral/send');
}

// A content bundle like the demo pack's, whose referral endpoint is `endpoint`: made with the CLI
// from a temporary copy of content/ (the honest way to point a bundle at a test server).
// `edit(copyDir)` may change the copy further first.
export function buildBundle(cli, contentDir, endpoint, outDir, edit = () => {}) {
  const copy = fs.mkdtempSync(path.join(outDir, 'content-'));
  fs.cpSync(contentDir, copy, { recursive: true });
  edit(copy);
  const clinicFile = path.join(copy, 'clinic.json');
  const clinic = JSON.parse(fs.readFileSync(clinicFile, 'utf8'));
  clinic.referral.endpoint = endpoint;
  fs.writeFileSync(clinicFile, JSON.stringify(clinic, null, 2));
  const out = path.join(copy, 'bundle.json');
  execFileSync(cli, ['bundle', copy, '-o', out], { stdio: ['ignore', 'ignore', 'pipe'], timeout: TIMEOUT_MS });
  return fs.readFileSync(out);
}
