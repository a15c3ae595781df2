// Traces one cold load of a benchmark page (Chromium tracing, as run.mjs loads it) and says where
// the time to the first question went on the page's main thread: busy time, the longest tasks and
// what they spent most in, time blocked in synchronous GPU calls, idle gaps, and wasm compilation
// on other threads. The trace is kept in bench/out/trace-<variant>.json (open it in Perfetto or
// chrome://tracing to look further).
//   usage: node bench/web/trace.mjs [variant]   (default ketascreen; after gen.mjs)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWarm } from './browser.mjs';
import { benchMounts, startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(ROOT, 'bench', 'out');
const info = JSON.parse(fs.readFileSync(path.join(OUT, 'site', 'variants.json'), 'utf8'));
const variant = info.variants.find((v) => v.id === (process.argv[2] || 'ketascreen'));
if (!variant) throw new Error(`no variant ${process.argv[2]}: ${info.variants.map((v) => v.id).join(', ')}`);
const probe = fs.readFileSync(path.join(HERE, 'probe.js'), 'utf8');
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.wasm', 'blink', 'gpu', 'toplevel',
  'disabled-by-default-gpu.service', 'cc', 'viz', 'benchmark', 'loading', 'blink.user_timing', 'rail'];

const server = await startServer(benchMounts(ROOT));
const file = path.join(OUT, `trace-${variant.id}.json`);
const browser = await launchWarm();
let t;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cfg = { target: info.target, firstQuestion: info.firstQuestion, probe: variant.probe };
  await page.addInitScript({ content: `${probe}\nbenchProbe(${JSON.stringify(cfg)});` });
  await browser.startTracing(page, { path: file, categories: CATEGORIES });
  await page.goto(server.origin + variant.path, { waitUntil: 'load' });
  if (variant.probe !== 'none') await page.waitForFunction(() => window.__bench.t.question !== undefined, null, { timeout: 60_000 });
  t = await page.evaluate(() => window.__bench.t);
  await page.waitForTimeout(300);
  await browser.stopTracing();
} finally {
  await browser.close();
  await server.close();
}

const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
const events = Array.isArray(raw) ? raw : raw.traceEvents;
const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
const nav = events.find((e) => e.name === 'navigationStart' && JSON.stringify(e.args || {}).includes(variant.path));
if (!nav) throw new Error('no navigationStart for the page in the trace');
const main = `${nav.pid}:${nav.tid}`;
const t0 = nav.ts;
const end = t0 + (t.question ?? 5000) * 1000;
const ms = (us) => Math.round(us / 1000);
const onMain = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main && e.ts >= t0 && e.ts <= end);
const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask').sort((a, b) => a.ts - b.ts);
const total = (name) => ms(onMain.filter((e) => e.name === name).reduce((s, e) => s + e.dur, 0));

console.log(`${variant.name}: first question at ${Math.round(t.question ?? NaN)} ms after navigation`);
// Busy: the union of the main thread's toplevel events, as run.mjs counts it (RunTask alone leaves
// out the microtask checkpoints Blink runs after a task's event has closed).
let busy = 0, last = -Infinity;
for (const e of onMain.filter((x) => /\btoplevel\b/.test(x.cat)).sort((a, b) => a.ts - b.ts)) {
  const b = Math.min(e.ts + e.dur, end);
  if (b > last) busy += b - Math.max(e.ts, last);
  last = Math.max(last, b);
}
console.log(`main thread busy ${ms(busy)} ms before it (${ms(tasks.reduce((s, e) => s + e.dur, 0))} ms in ${tasks.length} RunTask events)`);
console.log(`  waiting for the GPU process (ImplementationBase::WaitForCmd): ${total('ImplementationBase::WaitForCmd')} ms`);
for (const name of ['EvaluateScript', 'v8.evaluateModule', 'FunctionCall', 'wasm.CompileLazy', 'Layout', 'UpdateLayoutTree', 'ParseHTML']) {
  console.log(`  ${name}: ${total(name)} ms`);
}
let prev = t0;
const gaps = [];
for (const e of tasks) {
  if (e.ts - prev > 100_000) gaps.push(`${ms(prev - t0)}+${ms(e.ts - prev)}`);
  prev = Math.max(prev, e.ts + e.dur);
}
console.log(`  idle gaps over 100 ms (start+length): ${gaps.join(', ') || 'none'}`);
const wrappers = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'Receive mojo message', 'ProxyMain::BeginMainFrame',
  'WebFrameWidgetImpl::BeginMainFrame', 'Blink.Animate.UpdateTime', 'PageAnimator::serviceScriptedAnimations',
  'FrameRequestCallbackCollection::ExecuteFrameCallbacks', 'AsyncTask Run', 'v8.callFunction', 'ScopedBlockingCallWithBaseSyncPrimitives',
  'ScopedAllowBaseSyncPrimitivesOutsideBlockingScope']);
console.log('  longest tasks:');
for (const e of [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 6)) {
  const inside = onMain.filter((c) => c !== e && !wrappers.has(c.name) && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur)
    .sort((a, b) => b.dur - a.dur).slice(0, 4).map((c) => `${c.name} ${ms(c.dur)}`);
  console.log(`    at ${ms(e.ts - t0)} ms, ${ms(e.dur)} ms: ${inside.join('; ')}`);
}
const bg = {};
for (const e of events) {
  if (e.ph !== 'X' || e.pid !== nav.pid || `${e.pid}:${e.tid}` === main || e.ts < t0 || e.ts > end) continue;
  if (/^wasm\.(ExecuteCompilationUnits|TopTierCompilation)$|^v8\.parseOnBackground$/.test(e.name)) bg[e.name] = (bg[e.name] || 0) + e.dur;
}
console.log(`  other threads of the renderer: ${Object.entries(bg).map(([k, v]) => `${k} ${ms(v)} ms`).join(', ') || 'nothing notable'}`);
const gpu = events.filter((e) => e.ph === 'X' && threadName.get(`${e.pid}:${e.tid}`) === 'CrGpuMain' && e.ts >= t0 && e.ts <= end &&
  e.name === 'ThreadControllerImpl::RunTask');
console.log(`GPU process main thread busy ${ms(gpu.reduce((s, e) => s + e.dur, 0))} ms in the same interval`);
console.log(`trace: ${path.relative(ROOT, file)}`);
