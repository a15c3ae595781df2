// The provider network end to end, as `./build-wasm.sh serve` runs it: on the demo page served by a
// real ketascreen-server, a visitor enters ZIP 66209, chooses the second-nearest provider and sends
// the request. That provider's staff find it in their inbox and accept it; the nearest provider's
// staff do not see it (not in the list, and its page is "not found"); the network admin sees the
// chain. Screenshots of the provider's inbox pages at 390 and 1280 px
// (<screenshot-dir>/network-<width>-<page>.png), axe-core on each.
//   usage: node tests/e2e/network-inbox.mjs <dist-dir> <ketascreen-cli> <content-dir> <ketascreen-server> <screenshot-dir>
import fs from 'node:fs';
import path from 'node:path';
import { axe } from './axe.mjs';
import { launch, runTest, TIMEOUT_MS } from './harness.mjs';
import { signIn, staffPage, visitorAtResult } from './inbox-session.mjs';
import { startIntakeServer, STAFF_PASSWORD } from './intake-server.mjs';
import { CONTACT } from './widget.mjs';

const ZIP = '66209';
const CHOSEN = { id: 'olathe-spravato-clinic', name: 'Olathe Spravato Treatment Center', staff: 'olathe' };
const OTHER = { id: 'prairie-mind-overland-park', name: 'Prairie Mind Ketamine Center', staff: 'prairie' };
const VISITOR = { ...CONTACT, name: 'Nadia Network', zip: ZIP };
const WIDTHS = [390, 1280];

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

async function signedIn(browser, origin, name, width, problems, allow) {
  const { context, page } = await staffPage(browser, width, problems, allow);
  await signIn(page, origin, name);
  return { context, page };
}

const [distArg, cliArg, contentArg, serverArg, shotsArg] = process.argv.slice(2);
runTest('network-inbox', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: network-inbox.mjs <dist-dir> <ketascreen-cli> <content-dir> <ketascreen-server> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const server = await startIntakeServer({ serverBin: path.resolve(serverArg), cli: path.resolve(cliArg),
    contentDir: path.resolve(contentArg), dist: path.resolve(distArg) });
  atExit(server.stop);
  for (const p of [CHOSEN, OTHER]) {
    server.run(['user', 'add', p.staff, '--role', 'intake', '--provider', p.id, '--password-stdin'], STAFF_PASSWORD + '\n');
  }
  const { origin } = server;
  const browser = await launch();
  atExit(() => browser.close());

  // 1. The visitor: the checklist, then ZIP 66209 on the provider screen, the chosen provider, Send.
  const { page: visitor, widget } = await visitorAtResult(browser, origin, contentArg, problems);
  await widget.click('outcome/providers');
  await widget.type('providers/zip', ZIP);
  const listed = await widget.until((t) => t.some((n) => n.id === `providers/choice/${OTHER.id}`) &&
    t.some((n) => n.id === `providers/choice/${CHOSEN.id}`) && t, `${OTHER.id} and ${CHOSEN.id} listed for ${ZIP}`);
  const order = listed.filter((n) => n.id.startsWith('providers/choice/')).map((n) => n.id.slice(17));
  expect(order[0] === OTHER.id, `the nearest for ${ZIP} is ${order[0]}, not ${OTHER.id}`);
  await widget.click(`providers/choice/${CHOSEN.id}`);
  await widget.until((t) => t.find((n) => n.id === `providers/choice/${CHOSEN.id}` && n.checked), `${CHOSEN.id} chosen`);
  await widget.click('providers/continue');
  await widget.waitForNode('referral/name');
  await widget.type('referral/name', VISITOR.name);
  await widget.type('referral/phone', VISITOR.phone);
  await widget.type('referral/email', VISITOR.email);
  await widget.click(`referral/time/${VISITOR.time}`);
  await widget.click('referral/consent');
  await widget.until((t) => t.find((n) => n.id === 'referral/consent' && n.checked), 'consent ticked');
  const posted = visitor.waitForResponse((r) => r.url() === `${origin}/api/referrals` && r.request().method() === 'POST',
    { timeout: TIMEOUT_MS });
  await widget.click('referral/send');
  const answer = await posted;
  expect(answer.status() === 201, `the referral got HTTP ${answer.status()}`);
  const payload = JSON.parse(answer.request().postData());
  expect(payload.provider === CHOSEN.id, `the payload names provider ${payload.provider}`);
  const id = payload.id;

  // 2. The chosen provider's staff: the request is theirs; they accept it.
  for (const width of WIDTHS) {
    const { context, page } = await signedIn(browser, origin, CHOSEN.staff, width, problems);
    const list = await page.locator('main').innerText();
    expect(list.includes(VISITOR.name), `${CHOSEN.staff}'s list does not show the request`);
    await page.screenshot({ path: path.join(shotsArg, `network-${width}-provider-list.png`), fullPage: true });
    await axe(page, `${CHOSEN.staff}'s list at ${width} px`);
    await Promise.all([page.waitForURL(/\/inbox\/referrals\//), page.getByRole('link', { name: VISITOR.name }).click()]);
    const detail = await page.locator('main').innerText();
    expect(detail.includes(CHOSEN.name), `the request's page does not name ${CHOSEN.name}`);
    expect(!detail.includes(OTHER.name), `${CHOSEN.staff} sees ${OTHER.name} on the request's page`);
    await page.screenshot({ path: path.join(shotsArg, `network-${width}-provider-request.png`), fullPage: true });
    await axe(page, `the request's page for ${CHOSEN.staff} at ${width} px`);
    if (width === WIDTHS[0]) {
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: /^Accept/ }).click()]);
      const accepted = await page.locator('main').innerText();
      expect(/accepted/i.test(accepted), 'the page does not say the request was accepted');
      await page.screenshot({ path: path.join(shotsArg, `network-${width}-provider-accepted.png`), fullPage: true });
    }
    await context.close();
  }

  // 3. The nearest provider's staff: not in their list, and "not found" by its address.
  const notFound = (r) => r.status() === 404 && r.url().endsWith(`/inbox/referrals/${id}`);
  const { context: otherContext, page: other } = await signedIn(browser, origin, OTHER.staff, 390, problems, notFound);
  expect(!(await other.locator('main').innerText()).includes(VISITOR.name), `${OTHER.staff}'s list shows the request`);
  const direct = await other.goto(`${origin}/inbox/referrals/${id}`);
  expect(direct.status() === 404, `${OTHER.staff} got HTTP ${direct.status()} for another provider's request`);
  expect(!(await other.locator('body').innerText()).includes(VISITOR.name), `${OTHER.staff} sees the name on the 404 page`);
  await otherContext.close();

  // 4. The network admin: the whole chain, and the reassign form.
  for (const width of WIDTHS) {
    const { context, page } = await signedIn(browser, origin, 'admin', width, problems);
    await page.goto(`${origin}/inbox/referrals/${id}`, { waitUntil: 'load' });
    const chain = await page.locator('main').innerText();
    expect(chain.includes('Routing chain') && chain.includes(CHOSEN.name), 'the admin does not see the routing chain');
    await page.screenshot({ path: path.join(shotsArg, `network-${width}-admin-chain.png`), fullPage: true });
    await axe(page, `the routing chain at ${width} px`);
    await context.close();
  }
  return `ZIP ${ZIP}: ${CHOSEN.id} chosen (the nearest is ${OTHER.id}), 201; in ${CHOSEN.staff}'s inbox and accepted there; ` +
    `${OTHER.staff} gets 404; the admin sees the chain; screenshots in ${shotsArg}`;
});
