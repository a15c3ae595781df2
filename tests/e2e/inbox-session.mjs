// The two sides of a real ketascreen-server in the browser tests: a visitor on the demo page it
// serves, answering the checklist; intake staff in a browser context of their own (their own
// cookies) that records what should not happen, and signing in there.
import path from 'node:path';
import { newPage, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { STAFF_PASSWORD } from './intake-server.mjs';
import { answerAll, CANDIDATE_ANSWERS, loadQuestions, Widget } from './widget.mjs';

// A visitor at 390 px on the demo page at `origin`, through the checklist to the result.
export async function visitorAtResult(browser, origin, contentDir, problems) {
  const page = await newPage(browser, { width: 390, height: 900, problems });
  await page.goto(`${origin}/index.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
  await waitForWidgets(page);
  const widget = new Widget(page);
  await answerAll(widget, loadQuestions(path.resolve(contentDir)), CANDIDATE_ANSWERS);
  return { page, widget };
}

// A page in a fresh context that records problems: any dialog (a hostile name that ran as script
// would open one), page errors, HTTP errors that `allow` does not expect, console errors.
export async function staffPage(browser, width, problems, allow = () => false) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400 && !allow(r)) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (403|404)/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });
  return { context, page };
}

// Signs `name` in from an anonymous /inbox (which must send the page to the login form).
export async function signIn(page, origin, name) {
  const first = await page.goto(`${origin}/inbox`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  if (new URL(page.url()).pathname !== '/inbox/login') {
    throw new Error(`an anonymous /inbox went to ${page.url()} (${first.status()})`);
  }
  await page.fill('#name', name);
  await page.fill('#password', STAFF_PASSWORD);
  await Promise.all([page.waitForURL(`${origin}/inbox`, { timeout: TIMEOUT_MS }), page.click('button[type=submit]')]);
}
