// The strict-CSP demo page (DESIGN.md "Budgets": works under script-src 'self' 'wasm-unsafe-eval',
// no eval, no inline): web/demo/csp.html carries the policy in a <meta> tag and the test server
// sends it as a header too. The widget must become ready with no CSP violation reported (neither
// securitypolicyviolation events nor console errors), and the loader must leave no global but
// window.KetaScreen.
//   usage: node tests/e2e/csp.mjs <dist-dir> <screenshot-dir>
// Exit 0 or 1 with a one-line reason.
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, runTest, serve, STRICT_CSP, TIMEOUT_MS, waitForWidgets } from './harness.mjs';
import { Widget } from './widget.mjs';

const [distArg, shotsArg] = process.argv.slice(2);
runTest('csp', async ({ problems, atExit }) => {
  if (!shotsArg) throw new Error('usage: csp.mjs <dist-dir> <screenshot-dir>');
  fs.mkdirSync(shotsArg, { recursive: true });
  const { server, origin } = await serve(path.resolve(distArg), { csp: { '/csp.html': STRICT_CSP } });
  atExit(() => server.close());
  const browser = await launch();
  atExit(() => browser.close());
  const summary = [];
  for (const width of [390, 1000]) {
    const page = await newPage(browser, { width, height: 900, problems });
    const response = await page.goto(`${origin}/csp.html`, { waitUntil: 'load', timeout: TIMEOUT_MS });
    if (!response.headers()['content-security-policy']) throw new Error('csp.html was served without its CSP header');
    await page.locator('#ketamine-check').scrollIntoViewIfNeeded();
    const [ready] = await waitForWidgets(page);
    const widget = new Widget(page);
    await widget.settle();
    await page.screenshot({ path: path.join(shotsArg, `csp-${width}.png`), fullPage: true });
    const violations = await page.evaluate(() => window.__ksViolations);
    if (violations.length) throw new Error(`CSP violation: ${violations[0]}`);
    const added = await page.evaluate(() => Object.getOwnPropertyNames(window)
      .filter((n) => !window.__ksGlobals.includes(n) && !n.startsWith('__ks')));
    if (added.join() !== 'KetaScreen') throw new Error(`globals added: ${added.join(', ') || 'none'}`);
    const nodes = (await widget.tree()).length;
    if (!nodes) throw new Error('no semantics tree');
    summary.push(`${width} px: ready after ${Math.round(ready.t)} ms, ${nodes} semantic nodes`);
    await page.close();
  }
  return `strict CSP (header and meta), no violations, only window.KetaScreen added; ${summary.join('; ')}`;
});
