// The provider network in the browser (issue 13, "In the widget"), at 390 and 1280 CSS pixels: after
// a likely_candidate result the visitor finds providers near a ZIP code, typed into the overlay's
// labelled field; ZIP 66209 (Overland Park, KS) lists the demo pack's nearest providers in the
// order this test works out itself from the bundle (haversine from the 3-digit prefix centroid,
// DESIGN.md "Provider network"); 58501 (Bismarck, ND: no demo provider within hundreds of miles)
// offers the telehealth provider licensed in North Dakota; 04101 (Portland, ME) the network's
// phone. The visitor chooses a provider by its radio's accessible name, the form names it, and the
// POSTed payload carries its id. No request at all leaves the page between the widget's start and
// Send (so neither the ZIP code nor the choice), the page's events carry neither, and axe-core finds
// nothing on the provider screen. Screenshots: <screenshot-dir>/providers-<width>-<screen>.png.
//   usage: node tests/e2e/providers.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { axe } from './axe.mjs';
import { events, newPage, runTest, sleep, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { checkEventsCarryNoHealthData, checkReferral, setUp } from './flow.mjs';
import { answerAll, CANDIDATE_ANSWERS, CONTACT, Widget } from './widget.mjs';

const WIDTHS = [390, 1280];
const NEAR_ZIP = '66209';
const FAR_ZIP = '58501';   // Bismarck, ND
const NOBODY_ZIP = '04101'; // Portland, ME: nobody near, nobody licensed
const LIMIT = 5;

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// Great-circle miles, computed here independently of the core.
function miles([lat1, lon1], [lat2, lon2]) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.sqrt(Math.min(1, h)));
}

// The providers the widget should list for a ZIP code whose prefix is in the bundle: in person
// within the radius nearest first, then telehealth licensed in `state`, ties by id.
function expectedNear(network, zip, state) {
  const prefix = network.prefixes.find(([p]) => p === zip.slice(0, 3));
  expect(prefix, `the bundle has no prefix centroid for ${zip}`);
  const from = [prefix[1], prefix[2]];
  const order = (a, b) => (Math.abs(a.mi - b.mi) > 1e-9 ? a.mi - b.mi : a.id < b.id ? -1 : 1);
  const all = network.providers.map((p) => ({ ...p, mi: miles(from, p.location) }));
  const near = all.filter((p) => !p.telehealth_only && p.mi <= network.radius_miles).sort(order);
  const tele = all.filter((p) => !near.includes(p) && (p.offers || []).includes('telehealth') &&
    (p.telehealth_states || []).includes(state)).sort(order);
  return [...near, ...tele].slice(0, LIMIT);
}

const tiles = (tree) => tree.filter((n) => n.id.startsWith('providers/choice/')).map((n) => n.id.slice(17));

async function runAt({ browser, origin, received, questions, problems, width, shots, network, clinic }) {
  const page = await newPage(browser, { width, height: 900, problems });
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() || '' }));
  const shot = async (label) => {
    await new Widget(page).settle();
    await page.screenshot({ path: path.join(shots, `providers-${width}-${label}.png`), fullPage: true });
  };
  try {
    await page.goto(origin + '/e2e/a11y.html', { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitForWidgets(page);
    const widget = new Widget(page);
    const w = page.locator('#ketamine-check');
    await answerAll(widget, questions, CANDIDATE_ANSWERS);
    await widget.waitForNode('outcome/providers');
    const started = requests.length; // from here to Send, nothing may leave the page
    await widget.click('outcome/providers');
    await widget.waitForNode('providers/zip');
    await w.getByRole('heading', { name: 'Providers near you' }).waitFor();

    // Near: the demo's nearest, in order, with their distances from the prefix centroid.
    const zipField = w.getByLabel('Your ZIP code', { exact: true });
    await zipField.fill(NEAR_ZIP);
    const want = expectedNear(network, NEAR_ZIP, 'KS');
    expect(want.length === LIMIT, `the demo has only ${want.length} providers for ${NEAR_ZIP}`);
    const tree = await widget.until((t) => tiles(t).length > 1 && t, `providers for ${NEAR_ZIP}`);
    const shown = tiles(tree);
    expect(shown.join() === [...want.map((p) => p.id), 'nearest'].join(),
      `for ${NEAR_ZIP} the widget lists ${shown.join(', ')}; expected ${want.map((p) => p.id).join(', ')}, nearest`);
    for (const p of want) {
      const name = tree.find((n) => n.id === `providers/choice/${p.id}`).name;
      expect(name.startsWith(p.name), `the tile of ${p.id} is named ${name}`);
      if (!p.telehealth_only && p.mi <= network.radius_miles) {
        const mi = Math.round(p.mi);
        const distance = p.mi < 1 ? 'Less than 1 mile away' : mi === 1 ? 'About 1 mile away' : `About ${mi} miles away`;
        expect(name.includes(`${distance}, ${p.city}, ${p.state}`), `the tile of ${p.id} says ${name}, not ${distance}`);
      } else {
        expect(!/miles? away/.test(name), `the telehealth tile of ${p.id} shows a distance: ${name}`);
      }
      expect(name.includes('Offers: '), `the tile of ${p.id} does not say what it offers: ${name}`);
    }
    const status = tree.find((n) => n.id === 'providers/status').name;
    expect(/^\d providers? near you/.test(status), `the status line says ${status}`);
    await shot('list');
    await axe(page, `the provider list at ${width} px`);

    // Far from everyone: telehealth licensed in the state.
    await zipField.fill(FAR_ZIP);
    const far = await widget.until((t) => t.find((n) => n.id === 'providers/status' && /telehealth in ND/.test(n.name)) && t,
      `the telehealth offer for ${FAR_ZIP}`);
    const licensed = network.providers.filter((p) => (p.telehealth_states || []).includes('ND')).map((p) => p.id).sort();
    expect(licensed.length > 0, 'no demo provider is licensed in ND');
    expect(tiles(far).filter((id) => id !== 'nearest').sort().join() === licensed.join(),
      `for ${FAR_ZIP} the widget lists ${tiles(far).join(', ')}, not the telehealth providers licensed in ND (${licensed.join(', ')})`);
    expect(!far.some((n) => n.id.startsWith('providers/choice/') && /miles? away/.test(n.name)), 'a distance shows for telehealth');
    await shot('telehealth');

    // Nobody at all: the network's phone.
    await zipField.fill(NOBODY_ZIP);
    await widget.until((t) => t.find((n) => n.id === 'providers/call' && n.name === `Call ${clinic.phone}`) &&
      t.find((n) => n.id === 'providers/status' && n.name.includes(clinic.phone)), `the phone for ${NOBODY_ZIP}`);
    await shot('phone');

    // Back near, choose the second nearest by its radio's accessible name, and continue.
    await zipField.fill(NEAR_ZIP);
    const chosen = want[1];
    await w.getByRole('radio', { name: new RegExp(`^${chosen.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`) }).check();
    await widget.until((t) => t.find((n) => n.id === `providers/choice/${chosen.id}` && n.checked), `${chosen.id} chosen`);
    await shot('chosen');
    await w.getByRole('button', { name: 'Continue to your request' }).click();
    await widget.waitForNode('referral/name');
    const form = await widget.tree();
    const named = form.find((n) => n.id === 'referral/provider');
    expect(named && named.name === `Your request goes to ${chosen.name}.`, `the form says ${named && named.name}`);
    expect(form.some((n) => n.id === 'referral/zip'), 'no ZIP field on the form');
    const zipInForm = await widget.fieldValue('referral/zip');
    expect(zipInForm === NEAR_ZIP, `the form's ZIP code is "${zipInForm}", not the one typed on the provider screen`);
    await shot('form');

    const contact = { ...CONTACT, zip: NEAR_ZIP };
    await widget.type('referral/name', contact.name);
    await widget.type('referral/phone', contact.phone);
    await widget.type('referral/email', contact.email);
    await widget.click(`referral/time/${contact.time}`);
    await widget.until((t) => t.find((n) => n.id === `referral/time/${contact.time}` && n.checked), 'the contact time');
    await widget.click('referral/consent');
    await widget.until((t) => t.find((n) => n.id === 'referral/consent' && n.checked), 'consent');
    await sleep(300);
    const early = requests.slice(started);
    expect(early.length === 0, `before Send the page requested ${early.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    const before = received.length;
    await widget.click('referral/send');
    const end = Date.now() + 15_000;
    while (received.length === before && Date.now() < end) await sleep(50);
    expect(received.length === before + 1, `${received.length - before} referrals reached the test server`);
    const request = received[before];
    checkReferral(request, CANDIDATE_ANSWERS, contact);
    expect(request.body.provider === chosen.id, `the payload's provider is ${request.body.provider}, chosen ${chosen.id}`);
    await widget.waitForNode('referral/sent-provider');
    await shot('sent');

    // After Send, only the referral went out; the events never named the ZIP code or a provider.
    const after = requests.slice(started);
    const endpoint = new URL(clinic.referral.endpoint);
    const other = after.filter((r) => new URL(r.url).origin !== endpoint.origin);
    expect(!other.length, `the page also requested ${other.map((r) => r.url).join(', ')}`);
    const list = await events(page);
    checkEventsCarryNoHealthData(list);
    // (Not their times or the referral's random id, whose digits could match by chance.)
    const said = JSON.stringify(list.map(({ type, detail }) => ({ type, detail: { ...detail, id: undefined } })));
    for (const secret of [NEAR_ZIP, FAR_ZIP, NOBODY_ZIP, chosen.id, ...network.providers.map((p) => p.id)]) {
      expect(!said.includes(secret), `a ketascreen event carries ${secret}`);
    }
    return { page, chosen: chosen.id, listed: shown.length - 1 };
  } catch (e) {
    await page.screenshot({ path: path.join(shots, `providers-${width}-FAILED.png`), fullPage: true }).catch(() => {});
    throw e;
  }
}

const [distArg, cliArg, contentArg, shotsArg] = process.argv.slice(2);
runTest('providers', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: providers.mjs <dist-dir> <ketascreen-cli> <content-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const env = await setUp({ distArg, cliArg, contentArg, statuses: [201], atExit });
  // The bundle the page fetches (the demo pack pointed at the test server), for the expected lists.
  const bundle = JSON.parse(await (await fetch(`${env.origin}/e2e/referral-content.json`)).text());
  expect(bundle.network && bundle.network.providers.length >= 12, 'the demo bundle has no provider network');
  const done = [];
  for (const width of WIDTHS) {
    const r = await runAt({ ...env, problems, width, shots: shotsArg, network: bundle.network, clinic: bundle.clinic });
    done.push(`${width} px: ${r.listed} providers for ${NEAR_ZIP}, sent to ${r.chosen}`);
    await r.page.close();
  }
  return `${done.join('; ')}; telehealth for ${FAR_ZIP}, the phone for ${NOBODY_ZIP}; nothing requested before Send; ` +
    `screenshots in ${shotsArg}`;
});
