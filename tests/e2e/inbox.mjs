// The demo flow end to end on a real ketascreen-server (tests/e2e/intake-server.mjs): a visitor
// answers the demo page's checklist and sends the referral; intake staff sign in to /inbox in
// another browser and find it there. The visitor's name is hostile (<script>alert(1)</script>),
// and a second referral, posted to the API, is named '); DROP TABLE referrals;-- : both must show
// as text, with no script run (no dialog, no script element) and nothing dropped. Also: an intake
// user gets 403 for the audit log, the admin sees it; screenshots of every inbox page at 390 and
// 1280 px (<screenshot-dir>/inbox-<width>-<page>.png), and axe-core finds nothing on any of them.
//   usage: node tests/e2e/inbox.mjs <dist-dir> <ketascreen-cli> <content-dir> <ketascreen-server> <screenshot-dir>
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { axe } from './axe.mjs';
import { launch, runTest, sleep, TIMEOUT_MS } from './harness.mjs';
import { signIn, staffPage, visitorAtResult } from './inbox-session.mjs';
import { startIntakeServer } from './intake-server.mjs';
import { CONTACT, fillReferral } from './widget.mjs';

const SCRIPT_NAME = '<script>alert(1)</script>';
const SQL_NAME = "'); DROP TABLE referrals;--";
const WIDTHS = [390, 1280];

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// A screenshot of every inbox page at every width, and axe-core (WCAG AA) on each.
async function shoot(page, shots, width, label) {
  await page.screenshot({ path: path.join(shots, `inbox-${width}-${label}.png`), fullPage: true });
  await axe(page, `the inbox's ${label} page at ${width} px`);
}

// No element the page's own markup did not write: no script element, no on* attribute anywhere.
async function expectNoInjectedMarkup(page, where) {
  const found = await page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
  }));
  expect(found.scripts === 0 && found.handlers === 0, `${where}: ${found.scripts} script elements, ${found.handlers} with on* attributes`);
}

const [distArg, cliArg, contentArg, serverArg, shotsArg] = process.argv.slice(2);
runTest('inbox', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: inbox.mjs <dist-dir> <ketascreen-cli> <content-dir> <ketascreen-server> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const server = await startIntakeServer({ serverBin: path.resolve(serverArg), cli: path.resolve(cliArg),
    contentDir: path.resolve(contentArg), dist: path.resolve(distArg) });
  atExit(server.stop);
  const { origin } = server;
  const browser = await launch();
  atExit(() => browser.close());

  // 1. The visitor, on the demo clinic's page served by the same server.
  const { page: visitor, widget } = await visitorAtResult(browser, origin, contentArg, problems);
  await widget.click('outcome/request');
  const posted = visitor.waitForResponse((r) => r.url() === `${origin}/api/referrals` && r.request().method() === 'POST',
    { timeout: TIMEOUT_MS });
  await fillReferral(widget, { ...CONTACT, name: SCRIPT_NAME });
  const answer = await posted;
  expect(answer.status() === 201, `the widget's referral got HTTP ${answer.status()}`);
  await widget.until((t) => t.find((n) => n.id === 'referral/status' && n.name), 'the referral status');

  // 2. A second request through the API (as a script would send it), named like an SQL injection.
  const example = JSON.parse(execFileSync(path.resolve(cliArg), ['example-referral', path.join(server.dir, 'site', 'content.json')],
    { stdio: ['ignore', 'pipe', 'pipe'] }).toString());
  example.contact.name = SQL_NAME;
  const sqlAnswer = await fetch(`${origin}/api/referrals`, {
    method: 'POST', body: JSON.stringify(example),
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': example.id },
  });
  const sqlReceipt = await sqlAnswer.text();
  expect(sqlAnswer.status === 201, `the API referral got HTTP ${sqlAnswer.status}: ${sqlReceipt}`);

  // 3. Intake staff, at each width, in a browser of their own.
  const forbidden = (r) => r.status() === 403 && new URL(r.url()).pathname === '/inbox/audit';
  for (const width of WIDTHS) {
    const { context, page } = await staffPage(browser, width, problems, forbidden);
    await page.goto(`${origin}/inbox/login`, { waitUntil: 'load' });
    await shoot(page, shotsArg, width, 'login');
    await signIn(page, origin, 'intake');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === '__Host-ketascreen-session');
    expect(session && session.httpOnly && session.secure && session.sameSite === 'Strict',
      `session cookie: ${JSON.stringify(session)}`);
    const listText = await page.locator('main').innerText();
    expect(listText.includes(SCRIPT_NAME), `the list does not show "${SCRIPT_NAME}" as text`);
    expect(listText.includes(SQL_NAME), `the list does not show "${SQL_NAME}" as text`);
    await expectNoInjectedMarkup(page, 'the list');
    await shoot(page, shotsArg, width, 'list');

    await Promise.all([page.waitForURL(/\/inbox\/referrals\//), page.getByRole('link', { name: SCRIPT_NAME }).click()]);
    const detail = await page.locator('main').innerText();
    for (const part of [SCRIPT_NAME, CONTACT.email, CONTACT.zip, 'a qualified provider decides']) {
      expect(detail.includes(part), `the request's page does not show ${part}`);
    }
    await expectNoInjectedMarkup(page, "the request's page");
    await shoot(page, shotsArg, width, 'referral');
    if (width === WIDTHS[0]) {
      await page.selectOption('#new-status', 'contacted');
      await Promise.all([page.waitForLoadState('load'), page.click('form.status button')]);
      await page.fill('#note-text', `Called at 10:05, ${SCRIPT_NAME} asked for a call back`);
      await Promise.all([page.waitForLoadState('load'), page.click('form.note button')]);
      const worked = await page.locator('main').innerText();
      expect(/Now: Contacted/.test(worked), 'the status did not change to Contacted');
      expect(worked.includes(`${SCRIPT_NAME} asked for a call back`), 'the note is not shown as text');
      await expectNoInjectedMarkup(page, 'the request with a note');
      await shoot(page, shotsArg, width, 'referral-worked');
    }
    const audit = await page.goto(`${origin}/inbox/audit`);
    expect(audit.status() === 403, `an intake user got HTTP ${audit.status()} for the audit log`);
    await context.close();
  }

  // 4. The admin: the audit log and the notifications, at each width.
  for (const width of WIDTHS) {
    const { context, page } = await staffPage(browser, width, problems, () => false);
    await signIn(page, origin, 'admin');
    await page.goto(`${origin}/inbox/audit`, { waitUntil: 'load' });
    const log = await page.locator('main').innerText();
    for (const action of ['login', 'view_list', 'view_referral', 'set_status', 'add_note', 'refused_admin_only']) {
      expect(log.includes(action), `the audit log has no ${action}`);
    }
    expect(!log.includes(SCRIPT_NAME), 'the audit log holds a contact name');
    await shoot(page, shotsArg, width, 'audit');
    await page.goto(`${origin}/inbox/notifications`, { waitUntil: 'load' });
    await shoot(page, shotsArg, width, 'notifications');
    await context.close();
  }
  await sleep(100);
  return `a visitor's referral from the demo page (201) and an API one are in the inbox as text, no script ran, ` +
    `nothing dropped; intake 403 on the audit log; axe-core clean on every inbox page; screenshots in ${shotsArg}`;
});
