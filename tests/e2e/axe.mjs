// axe-core (npm, devDependency) on a page, for the accessibility checks of the widget
// (a11y.mjs) and of the intake inbox (inbox.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// axe-core's violations on the whole page (it looks into the widget's open shadow root). Injected
// through the DevTools protocol, not a <script>, so strict-CSP pages take it too.
export async function axe(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' >> ')).join(', '));
  });
  if (violations.length) throw new Error(`axe on ${label}: ${violations.join(' | ')}`);
}
