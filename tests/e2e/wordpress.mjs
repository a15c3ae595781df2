// The WordPress plugin on a real WordPress (tests/e2e/wordpress-site.mjs: Debian's wordpress 6.1,
// MariaDB, PHP's built-in server, all in a throw-away folder) and a real ketascreen-server:
//  1. the administrator installs dist/ketascreen-wordpress-<version>.zip through Plugins → Upload
//     and activates it; Settings → KetaScreen refuses a changed bundle and a newer schema_version
//     with a clear message, refuses a save without its nonce, and takes the server's bundle;
//  2. adds the block through the block editor (inserter, sidebar setting, Publish);
//  3. a visitor completes the checklist on that post and sends a referral: 201 from the server
//     (screenshots of the post at 390 and 1280 px in <screenshot-dir>/wordpress-post-*.png);
//  4. a page with [ketascreen locale="es"]: the checklist in Spanish, referral sent;
//  5. a page with an unknown locale and hostile attributes next to it: one loader with integrity,
//     crossorigin and the optimiser opt-outs, English, nothing injected, two widgets running; then a
//     bundle whose clinic name holds quotes and markup: text in wp-admin, escaped on the page;
//  6. intake staff find both referrals in the inbox; PHP logged nothing about the plugin;
//  7. an editor can neither open nor save the settings (checked after 1), and deleting the plugin
//     removes its option and uploads.
//   usage: node tests/e2e/wordpress.mjs <dist-dir> <ketascreen-cli> <content-dir> <ketascreen-server> <screenshot-dir>
import fs from 'node:fs';
import path from 'node:path';
import { freePort, launch, newPage, runTest, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { signIn, staffPage } from './inbox-session.mjs';
import { startIntakeServer } from './intake-server.mjs';
import { answerAll, buildBundle, CANDIDATE_ANSWERS, CONTACT, fillReferral, loadQuestions, Widget } from './widget.mjs';
import { ADMIN_PASSWORD, startWordPress } from './wordpress-site.mjs';

const HOSTILE_LOCALE = 'es" onmouseover="alert(1)';
const HOSTILE_NAME = 'Harbor "Light" <img src=x onerror=alert(1)> & Co';
// (No tags: WordPress's own wptexturize splits a shortcode around an HTML tag before it runs.)
const HOSTILE_THEME = 'dark" autofocus onfocus="alert(1)';

function expect(ok, message) {
  if (!ok) throw new Error(message);
}

// wp-admin in a context of its own; a dialog or a page error there is a problem.
async function adminPage(browser, site, problems, user = 'admin', password = ADMIN_PASSWORD) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Nothing leaves the machine: wp-admin would ask gravatar.com and wordpress.org, and a request
  // that hangs there holds the page's load event.
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
  const page = await context.newPage();
  page.on('dialog', async (d) => { problems.push(`wp-admin: a dialog opened: ${d.message()}`); await d.dismiss(); });
  page.on('pageerror', (e) => problems.push(`wp-admin: page error: ${e.message}`));
  await page.goto(`${site.origin}/wp-login.php`, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.fill('#user_login', user);
  await page.fill('#user_pass', password);
  await Promise.all([page.waitForURL(/\/wp-admin\/?$/, { timeout: TIMEOUT_MS }), page.click('#wp-submit')]);
  return { context, page };
}

async function installPlugin(page, site, zip) {
  await page.goto(`${site.origin}/wp-admin/plugin-install.php?tab=upload`, { waitUntil: 'load' });
  await page.setInputFiles('#pluginzip', zip);
  await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/, { timeout: TIMEOUT_MS }), page.click('#install-plugin-submit')]);
  await page.waitForLoadState('load');
  const installed = await page.locator('#wpbody-content').innerText();
  expect(/Plugin installed successfully/.test(installed), `the zip did not install: ${installed.slice(0, 400)}`);
  await Promise.all([page.waitForURL(/plugins\.php/), page.getByRole('link', { name: 'Activate Plugin' }).click()]);
  const row = page.locator('tr[data-plugin="ketascreen/ketascreen.php"]');
  expect(await row.count() === 1 && /active/.test(await row.getAttribute('class')), 'KetaScreen is not active after activation');
}

// Saves Settings → KetaScreen with `bundle` (bytes) uploaded; returns the notices shown.
async function saveSettings(page, site, dir, bundle, referralServer) {
  await page.goto(`${site.origin}/wp-admin/options-general.php?page=ketascreen`, { waitUntil: 'load' });
  const file = path.join(dir, 'content.json');
  fs.writeFileSync(file, bundle);
  await page.setInputFiles('#ketascreen-bundle', file);
  await page.fill('#ketascreen-referral_server', referralServer);
  await page.click('#submit');
  // Every save leaves at least one notice ("Settings saved." or why not); the form's page had none.
  await page.locator('[class*="ketascreen-notice-"]').first().waitFor({ timeout: TIMEOUT_MS });
  const text = async (type) => page.locator(`.ketascreen-notice-${type}`).allInnerTexts();
  return { error: await text('error'), warning: await text('warning'), success: await text('success') };
}

// Adds the block through the editor's inserter, sets its theme in the sidebar, publishes.
async function publishBlockPost(page, site, shots) {
  await page.goto(`${site.origin}/wp-admin/post-new.php`, { waitUntil: 'load' });
  const title = page.getByRole('textbox', { name: 'Add title' });
  await title.waitFor({ timeout: TIMEOUT_MS });
  await title.fill('Is ketamine therapy right for me?');
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  await page.getByPlaceholder('Search').fill('ketamine');
  await page.getByRole('option', { name: 'Ketamine pre-screening' }).click();
  const card = page.locator('.ketascreen-card');
  await card.waitFor({ timeout: TIMEOUT_MS });
  expect(/live widget appears on the published page/.test(await card.innerText()), 'the editor does not show the preview card');
  // The block's settings: the sidebar's Block tab (opened first if the sidebar is closed).
  const settings = page.getByRole('button', { name: 'Settings', exact: true });
  if (await settings.getAttribute('aria-pressed') !== 'true') await settings.click();
  await page.getByRole('button', { name: 'Block', exact: true }).first().click().catch(() => {});
  await page.screenshot({ path: path.join(shots, 'wordpress-editor-sidebar.png') });
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await page.waitForFunction(() => /Theme: light/.test(document.querySelector('.ketascreen-card').innerText));
  await page.screenshot({ path: path.join(shots, 'wordpress-editor.png') });
  const markup = await page.evaluate(() => window.wp.data.select('core/editor').getEditedPostContent());
  expect(markup.includes('<!-- wp:ketascreen/checklist {"theme":"light"} /-->'), `the editor saves: ${markup}`);
  await page.locator('.editor-post-publish-panel__toggle').click();
  await page.locator('.editor-post-publish-panel .editor-post-publish-button').click();
  await page.getByText('is now live').waitFor({ timeout: TIMEOUT_MS });
  return page.evaluate(() => window.wp.data.select('core/editor').getPermalink());
}

// A visitor opens `url`, answers every question (texts in `locale`), sends a referral as `name`.
async function visitorSends(browser, url, server, contentDir, locale, name, problems, shoot) {
  const page = await newPage(browser, { width: 390, height: 900, problems });
  await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
  await waitForWidgets(page);
  if (shoot) await shoot(page);
  const widget = new Widget(page);
  await answerAll(widget, loadQuestions(contentDir, locale), CANDIDATE_ANSWERS);
  await widget.click('outcome/request');
  const posted = page.waitForResponse((r) => r.url() === `${server.origin}/api/referrals` && r.request().method() === 'POST',
    { timeout: TIMEOUT_MS });
  await fillReferral(widget, { ...CONTACT, name });
  const answer = await posted;
  expect(answer.status() === 201, `${url}: the referral got HTTP ${answer.status()} from ketascreen-server`);
  const sent = JSON.parse(answer.request().postData());
  expect(sent.locale === locale, `${url}: the referral's locale is ${sent.locale}, not ${locale}`);
  await page.close();
}

const [distArg, cliArg, contentArg, serverArg, shotsArg] = process.argv.slice(2);
runTest('wordpress', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: wordpress.mjs <dist-dir> <ketascreen-cli> <content-dir> <ketascreen-server> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const dist = path.resolve(distArg), contentDir = path.resolve(contentArg);
  const zipName = fs.readdirSync(dist).find((n) => /^ketascreen-wordpress-[\d.]+\.zip$/.test(n));
  expect(zipName, `no ketascreen-wordpress-<version>.zip in ${dist} (run ./build-wasm.sh)`);
  const wpPort = await freePort();
  const server = await startIntakeServer({ serverBin: path.resolve(serverArg), cli: path.resolve(cliArg), contentDir,
    dist, allowedOrigins: [`http://127.0.0.1:${wpPort}`] });
  atExit(server.stop);
  const site = await startWordPress({ port: wpPort, register: atExit });
  const browser = await launch();
  atExit(() => browser.close());

  // 1. The administrator: plugin from the zip, then the settings.
  const { context: adminContext, page: admin } = await adminPage(browser, site, problems);
  await installPlugin(admin, site, path.join(dist, zipName));
  const bundle = fs.readFileSync(path.join(server.dir, 'site', 'content.json'), 'utf8');
  const changed = await saveSettings(admin, site, server.dir, bundle.replace('Harbor Light', 'Harbour Light'), server.origin);
  expect(changed.error.some((e) => /content_hash does not match/.test(e)), `a changed bundle: ${JSON.stringify(changed)}`);
  const newer = await saveSettings(admin, site, server.dir, bundle.replace('"schema_version":1', '"schema_version":2'), server.origin);
  expect(newer.error.some((e) => /Unsupported schema_version 2/.test(e)), `schema_version 2: ${JSON.stringify(newer)}`);
  const good = await saveSettings(admin, site, server.dir, bundle, server.origin);
  expect(good.error.length === 0 && good.warning.length === 0 && good.success.some((s) => /Content bundle saved/.test(s)),
    `the server's bundle: ${JSON.stringify(good)}`);
  const csp = await admin.locator('.ketascreen-csp').innerText();
  expect(csp.includes(`connect-src 'self' ${server.origin}`) && csp.includes("'wasm-unsafe-eval'"), `CSP lines: ${csp}`);
  await admin.screenshot({ path: path.join(shotsArg, 'wordpress-settings.png'), fullPage: true });
  // A save without the nonce (a cross-site form) is refused and changes nothing.
  const forged = await adminContext.request.post(`${site.origin}/wp-admin/admin-post.php`,
    { form: { action: 'ketascreen_save', referral_server: 'https://evil.example' }, maxRedirects: 0 });
  expect(forged.status() === 403, `a save without a nonce got HTTP ${forged.status()}`);
  // An editor (no manage_options) can neither open the page nor save.
  site.cli('user', 'editor1', 'editor', `${ADMIN_PASSWORD}-editor`);
  const { context: editorContext, page: editor } = await adminPage(browser, site, problems, 'editor1', `${ADMIN_PASSWORD}-editor`);
  const denied = await editor.goto(`${site.origin}/wp-admin/options-general.php?page=ketascreen`);
  expect(denied.status() === 403, `an editor got HTTP ${denied.status()} for Settings → KetaScreen`);
  const editorSave = await editorContext.request.post(`${site.origin}/wp-admin/admin-post.php`,
    { form: { action: 'ketascreen_save', referral_server: 'https://evil.example' }, maxRedirects: 0 });
  expect(editorSave.status() === 403, `an editor's save got HTTP ${editorSave.status()}`);
  await editorContext.close();
  await admin.reload({ waitUntil: 'load' });
  expect(await admin.inputValue('#ketascreen-referral_server') === server.origin, 'a save without a nonce or by an editor changed the settings');

  // 2. The block, through the block editor.
  const postUrl = await publishBlockPost(admin, site, shotsArg);

  // 3. A visitor on the post; screenshots at both widths.
  await visitorSends(browser, postUrl, server, contentDir, 'en', 'Ada Block', problems, async (page) => {
    await page.screenshot({ path: path.join(shotsArg, 'wordpress-post-390.png'), fullPage: true });
  });
  const wide = await newPage(browser, { width: 1280, height: 900, problems });
  await wide.goto(postUrl, { waitUntil: 'load', timeout: TIMEOUT_MS });
  await wide.locator('#ketamine-check').scrollIntoViewIfNeeded();
  await waitForWidgets(wide);
  await wide.screenshot({ path: path.join(shotsArg, 'wordpress-post-1280.png'), fullPage: true });
  await wide.close();

  // 4. The shortcode in Spanish.
  const esUrl = site.cli('page', 'Evaluación', '[ketascreen locale="es"]').trim();
  await visitorSends(browser, esUrl, server, contentDir, 'es', 'Eva Shortcode', problems, async (page) => {
    await page.screenshot({ path: path.join(shotsArg, 'wordpress-shortcode-es-390.png'), fullPage: true });
  });

  // 5. An unknown locale, hostile attributes, two widgets on one page.
  const oddUrl = site.cli('page', 'Odd attributes',
    `[ketascreen locale="xx"]\n\n[ketascreen render="html" locale='${HOSTILE_LOCALE}' theme='${HOSTILE_THEME}']`).trim();
  const odd = await newPage(browser, { width: 1280, height: 900, problems });
  odd.on('dialog', async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
  await odd.goto(oddUrl, { waitUntil: 'load', timeout: TIMEOUT_MS });
  const found = await odd.evaluate(() => {
    // The loader's tag (the glue and the overlay are module scripts the loader adds later).
    const loaders = [...document.querySelectorAll('script[src]')].filter((s) => /\/widget\/ketascreen-[\d.]+\.js$/.test(s.src));
    const mounts = [...document.querySelectorAll('[data-ketascreen-mount]')];
    return {
      loaders: loaders.map((s) => Object.fromEntries([...s.attributes].map((a) => [a.name, a.value]))),
      mounts: mounts.map((m) => Object.fromEntries([...m.attributes].map((a) => [a.name, a.value]))),
      injected: document.querySelectorAll('[onmouseover], [onfocus], [autofocus]').length,
    };
  });
  expect(found.loaders.length === 1, `${found.loaders.length} loader script tags on a page with two widgets`);
  const tag = found.loaders[0];
  const integrity = JSON.parse(fs.readFileSync(path.join(site.dir, 'wordpress/wp-content/plugins/ketascreen/widget/manifest.json'), 'utf8')).integrity;
  expect(tag.integrity === integrity && tag.crossorigin === 'anonymous' && 'async' in tag && tag['data-no-optimize'] === '1' &&
    tag['data-cfasync'] === 'false', `the loader's tag: ${JSON.stringify(tag)}`);
  expect(found.mounts.length === 2 && found.mounts[0].id === 'ketamine-check' && found.mounts[1].id === 'ketamine-check-2',
    `mount elements: ${JSON.stringify(found.mounts)}`);
  expect(!('data-locale' in found.mounts[0]) && !('data-locale' in found.mounts[1]) && !('data-theme' in found.mounts[1]) &&
    found.mounts[1]['data-render'] === 'html', `attributes not validated: ${JSON.stringify(found.mounts)}`);
  expect(found.injected === 0, `${found.injected} injected elements or handlers`);
  await odd.locator('#ketamine-check-2').scrollIntoViewIfNeeded();
  await waitForWidgets(odd, { count: 2 });
  const english = loadQuestions(contentDir, 'en')[0].text;
  const tree = await new Widget(odd).tree();
  expect(tree.some((n) => n.name === english), `the unknown locale did not fall back to English: ${tree.map((n) => n.name).join(' | ')}`);
  const wasm = await fetch(`${site.origin}/wp-content/plugins/ketascreen/widget/${tag.src.split('/').pop().replace(/\.js$/, '.wasm')}`);
  expect(wasm.headers.get('content-type') === 'application/wasm', `the wasm is served as ${wasm.headers.get('content-type')}`);
  await odd.close();

  // 5b. A clinic name with quotes and markup in an uploaded bundle: shown as text in wp-admin, its
  // tags stripped and its quotes escaped in the mount element's data-clinic-name.
  const hostileBundle = buildBundle(path.resolve(cliArg), contentDir, `${server.origin}/api/referrals`, server.dir, (copy) => {
    const file = path.join(copy, 'clinic.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), name: HOSTILE_NAME }, null, 2));
  });
  const renamed = await saveSettings(admin, site, server.dir, hostileBundle, server.origin);
  expect(renamed.success.some((t) => t.includes(HOSTILE_NAME)), `the hostile name is not shown as text: ${JSON.stringify(renamed)}`);
  expect(await admin.locator('#wpbody-content img, [onerror]').count() === 0, 'markup from the bundle reached wp-admin');
  await adminContext.close();
  const plain = await browser.newPage(); // only the markup: no widget is waited for
  await plain.goto(oddUrl, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  const named = await plain.evaluate(() => ({
    name: document.querySelector('#ketamine-check').getAttribute('data-clinic-name'),
    injected: document.querySelectorAll('.entry-content img, [onerror]').length,
  }));
  await plain.close();
  expect(named.injected === 0 && named.name.includes('"Light"') && !named.name.includes('<'),
    `data-clinic-name ${JSON.stringify(named.name)}, ${named.injected} injected elements`);

  // 6. Both referrals in the inbox; nothing from the plugin in PHP's log.
  const { context: staff, page: inbox } = await staffPage(browser, 1280, problems);
  await signIn(inbox, server.origin, 'intake');
  const list = await inbox.locator('main').innerText();
  expect(list.includes('Ada Block') && list.includes('Eva Shortcode'), `the inbox does not list both referrals: ${list.slice(0, 400)}`);
  await staff.close();
  const log = site.debugLog().split('\n').filter((l) => /plugins\/ketascreen\//.test(l));
  expect(log.length === 0, `PHP logged: ${log[0]}`);

  // 7. Deleting the plugin (uninstall.php) leaves neither its option nor the uploaded bundle.
  site.cli('delete-plugin', 'ketascreen/ketascreen.php');
  const content = path.join(site.dir, 'wordpress', 'wp-content');
  expect(site.cli('option', 'ketascreen_settings').trim() === 'null', 'the ketascreen_settings option outlived the plugin');
  expect(!fs.existsSync(path.join(content, 'uploads', 'ketascreen')) && !fs.existsSync(path.join(content, 'plugins', 'ketascreen')),
    'the plugin or its uploads folder outlived deletion');
  return `plugin installed from ${zipName} (${fs.statSync(path.join(dist, zipName)).size} B); changed/newer bundles refused, ` +
    'forged and editor saves refused; block added in the editor; block post and es shortcode page each sent a referral (201, in the inbox); ' +
    `unknown/hostile attributes fell back, one loader with integrity; a hostile clinic name escaped; uninstall clean; screenshots in ${shotsArg}`;
});
