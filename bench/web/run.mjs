// The web comparison (bench/RESULTS.md): the same 13-question screening on the same host page as
// KetaScreen, SurveyJS and LHC-Forms, plus the host page alone, served gzip from 127.0.0.1 and
// loaded cold (a new Chromium and a new browser context for every load) in headless Debian Chromium with software WebGL.
// Runs are interleaved (round r loads every variant, in an order rotated by r) so that load from
// other work on the machine spreads over all variants rather than landing on one.
// Per load it measures (details in RESULTS.md "Method"):
//   bytes          CDP Network.loadingFinished encodedDataLength, summed (gzip bodies + headers);
//                  the server's own count of body bytes is kept too
//   question_ms    navigation -> first frame with the first question on screen (probe.js): for
//                  KetaScreen the earliest of its semantics tree naming it and the frames after the
//                  loader's marks 'ketascreen-html' / 'ketascreen-canvas' (their own times are kept
//                  as mark_html_ms / mark_canvas_ms; an older loader sets neither)
//   answer_ms      navigation -> first frame showing the first option chosen after the driver
//                  clicked it as soon as it had a box (again every 100 ms if a click is lost)
//   main_busy_ms   the page's main-thread time from navigation to the first answer (the host page
//                  alone: to its load event): the union of the renderer main thread's events in a
//                  Chromium trace of the load (category toplevel only, plus navigationStart, to keep
//                  its cost small); worker_busy_ms is the same for the page's workers (apart)
//   idle_ms_per_s  CDP Performance.getMetrics TaskDuration delta over 3 s without input, after a
//                  2 s settle that follows the answer, divided by 3
//   heap_bytes     CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage
//   wasm_bytes     sum of buffer.byteLength of every WebAssembly.Memory the page's instances
//                  import or export (probe.js notes them as WebAssembly.instantiate* resolve)
// Then Lighthouse (performance category only) on each page, BENCH_LH_RUNS times.
// Writes bench/out/web-results.json and screenshots under bench/out/.
//   usage: node bench/web/run.mjs   (after gen.mjs; scripts/bench.sh runs both and report.mjs)
// Environment: BENCH_RUNS (default 5), BENCH_LH_RUNS (default 3, 0 skips Lighthouse),
// BENCH_LH_PRESET (mobile, the default, or desktop), BENCH_ONLY (comma-separated variant ids).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, launchWarm } from './browser.mjs';
import { benchMounts, startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(ROOT, 'bench', 'out');
const SITE = path.join(OUT, 'site');
const VIEWPORT = { width: 1280, height: 900 };
const RUNS = Number(process.env.BENCH_RUNS || 5);
const LH_RUNS = Number(process.env.BENCH_LH_RUNS ?? 3);
const LH_PRESET = process.env.BENCH_LH_PRESET || 'mobile';
const TIMEOUT_MS = 60_000;
const SETTLE_MS = 2000;
const IDLE_MS = 3000;
// Enough for top-level tasks (toplevel), navigationStart (blink.user_timing) and thread names.
const TRACE_CATEGORIES = ['toplevel', 'blink.user_timing', '__metadata'];
const MARKS = ['ketascreen-html', 'ketascreen-canvas'];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log('[bench]', ...a);

const info = JSON.parse(fs.readFileSync(path.join(SITE, 'variants.json'), 'utf8'));
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const variants = info.variants.filter((v) => !only || only.has(v.id));
const probeSource = fs.readFileSync(path.join(HERE, 'probe.js'), 'utf8');

// A fresh browser (its GPU process warmed up: browser.mjs) and a new context (own HTTP cache and
// code cache, a new renderer process) with one page, the probe and CDP listeners in place.
// `problems` collects page errors, console errors and failed or 4xx/5xx requests.
async function open(variant) {
  const browser = await launchWarm();
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message.split('\n')[0]}`));
  page.on('crash', () => problems.push('renderer crashed'));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text().slice(0, 200)}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  const cdp = await context.newCDPSession(page);
  const net = new Map(); // requestId -> {url, type, bytes}
  cdp.on('Network.responseReceived', (e) => {
    const r = net.get(e.requestId) || {};
    net.set(e.requestId, { ...r, url: e.response.url, status: e.response.status, type: e.type });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = net.get(e.requestId) || {};
    net.set(e.requestId, { ...r, bytes: e.encodedDataLength });
  });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  const cfg = { target: info.target, firstQuestion: info.firstQuestion, probe: variant.probe };
  await page.addInitScript({ content: `${probeSource}\nbenchProbe(${JSON.stringify(cfg)});` });
  return { browser, page, cdp, net, problems };
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

// Evaluates `expression` in the page at `url` with CDP (awaiting a promise), without Playwright's
// injected script; retries while that document and its probe are not there yet (just after the
// commit, CDP may still evaluate in the initial about:blank, whose promises would never settle).
async function cdpEval(cdp, url, expression) {
  const guarded = `(location.href === ${JSON.stringify(url)} && window.__bench) ? (${expression}) : Promise.reject(new Error('not yet'))`;
  for (let i = 0; ; i++) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from the page in ${TIMEOUT_MS + 10_000} ms: ${expression}`)), TIMEOUT_MS + 10_000);
    });
    const call = cdp.send('Runtime.evaluate', { expression: guarded, awaitPromise: true, returnByValue: true });
    const { result, exceptionDetails } = await Promise.race([call, timeout]).finally(() => clearTimeout(timer));
    if (!exceptionDetails) return result.value;
    if (i > 500) throw new Error(`${expression}: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
    await sleep(10);
  }
}

// Clicks the first option as soon as it has a box, again every 100 ms until a frame shows it
// chosen; returns the number of clicks it took.
async function answerFirst(page, cdp, url) {
  for (let attempt = 1; attempt <= 100; attempt++) {
    const rect = await cdpEval(cdp, url, `window.__bench.when('rect', ${TIMEOUT_MS})`);
    if (!rect) throw new Error('the first option never got a box');
    if (rect.y < 0 || rect.y + rect.h > VIEWPORT.height) {
      await cdpEval(cdp, url, `(window.scrollBy(0, ${rect.y + rect.h / 2} - innerHeight / 2), new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))`);
      continue;
    }
    await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
    if (await cdpEval(cdp, url, "window.__bench.when('answered', 100)")) return attempt;
  }
  throw new Error('the first option never registered a click');
}

// Main-thread time from navigation start to `endMs` (performance.now() of the page) in a Chromium
// trace: the union of the renderer main thread's complete events of category toplevel, clipped to
// the window (a union, as they nest). Not only ThreadControllerImpl::RunTask: Blink runs the
// microtask checkpoint that ends a task after that event has closed (as
// BlinkScheduler_PerformMicrotaskCheckpoint), and promise callbacks (a wasm instance arriving, a
// fetch's body) run there; in a traced KetaScreen load RunTask alone covered 130 of 520 ms. The union
// agrees with CDP Performance.getMetrics TaskDuration over the same trace within ~5%. The same over
// the renderer's worker threads, apart. Why a trace rather than that counter: the trace has the
// times, so the window is exactly navigation -> answer, whereas the counter can only be sampled by
// a CDP call that lands some ms after the answer, and it also counts the initial about:blank.
function busyFromTrace(trace, pagePath, endMs) {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const nav = events.find((e) => e.name === 'navigationStart' && JSON.stringify(e.args || {}).includes(pagePath));
  if (!nav || !Number.isFinite(endMs)) return { main_ms: null, worker_ms: null };
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const t0 = nav.ts, t1 = nav.ts + endMs * 1000;
  const union = (filter) => {
    const spans = events.filter((e) => e.ph === 'X' && /\btoplevel\b/.test(e.cat) && filter(e))
      .map((e) => [Math.max(t0, e.ts), Math.min(t1, e.ts + (e.dur || 0))]).filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
    let sum = 0, end = -Infinity;
    for (const [a, b] of spans) {
      if (b <= end) continue;
      sum += b - Math.max(a, end);
      end = b;
    }
    return sum / 1000;
  };
  return {
    main_ms: union((e) => e.pid === nav.pid && e.tid === nav.tid),
    // The page's own workers ("DedicatedWorker thread"), not Chromium's thread pool (ThreadPool*Worker).
    worker_ms: union((e) => e.pid === nav.pid && /^(Dedicated|Shared)Worker/.test(names.get(`${e.pid}:${e.tid}`) || '')),
  };
}

async function measure(server, variant, { shots = false } = {}) {
  const { browser, page, cdp, net, problems } = await open(variant);
  let tracing = false;
  try {
    server.reset();
    const url = server.origin + variant.path;
    const r = { variant: variant.id, loadavg: os.loadavg()[0] };
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    tracing = true;
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    if (variant.probe !== 'none') {
      if (!(await cdpEval(cdp, url, `window.__bench.when('question', ${TIMEOUT_MS})`))) throw new Error('the first question never showed');
      r.clicks = await answerFirst(page, cdp, url);
    }
    await page.waitForLoadState('load', { timeout: TIMEOUT_MS });
    const atAnswer = await metrics(cdp);
    r.busy_until_answer_ms = atAnswer.TaskDuration * 1000;
    const t = await page.evaluate(() => ({ ...window.__bench.t, label: window.__bench.label, error: window.__bench.error }));
    Object.assign(r, { question_ms: t.question, drawn_ms: t.drawn, html_frame_ms: t.htmlFrame, canvas_frame_ms: t.canvasFrame, clickable_ms: t.clickable, first_click_ms: t.firstClick, answer_ms: t.answered, option_label: t.label });
    if (t.error) problems.push(`probe: ${t.error}`);
    const nt = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    r.dcl_ms = nt.dcl;
    r.load_ms = nt.load;
    const trace = JSON.parse(await browser.stopTracing());
    tracing = false;
    const busy = busyFromTrace(trace, variant.path, variant.probe === 'none' ? nt.load : t.answered);
    r.main_busy_ms = busy.main_ms;
    r.worker_busy_ms = busy.worker_ms;

    await sleep(SETTLE_MS);
    // The marks' own times, read after the settle so that a canvas that came after the answer
    // (HTML first) is there too.
    const marks = await page.evaluate((names) => names.map((n) => {
      const m = performance.getEntriesByName(n, 'mark')[0];
      return m ? m.startTime : null;
    }), MARKS);
    [r.mark_html_ms, r.mark_canvas_ms] = marks;
    const frames = () => page.evaluate((sel) => {
      const c = document.querySelector(`${sel} canvas`);
      return c ? Number(c.getAttribute('data-ketascreen-frames')) : null;
    }, info.target);
    const m0 = await metrics(cdp), f0 = await frames(), w0 = Date.now();
    await sleep(IDLE_MS);
    const m1 = await metrics(cdp), f1 = await frames(), w1 = Date.now();
    r.idle_ms_per_s = ((m1.TaskDuration - m0.TaskDuration) * 1000) / ((w1 - w0) / 1000);
    r.idle_script_ms_per_s = ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / ((w1 - w0) / 1000);
    r.idle_frames = f0 === null ? null : f1 - f0;

    if (shots) await page.screenshot({ path: path.join(OUT, `${variant.id}-answered.png`) });

    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    r.heap_bytes = heap.usedSize;
    r.heap_total_bytes = heap.totalSize;
    if (heap.backingStorageSize !== undefined) r.backing_store_bytes = heap.backingStorageSize;
    const wasm = await page.evaluate(() => window.__bench.wasm());
    r.wasm_bytes = wasm.bytes;
    r.wasm_memories = wasm.count;
    const m2 = await metrics(cdp);
    r.dom_nodes = m2.Nodes;
    r.js_heap_used_metric = m2.JSHeapUsedSize;

    const requests = [...net.values()].filter((x) => x.url && !x.url.startsWith('data:'));
    r.bytes = requests.reduce((s, x) => s + (x.bytes || 0), 0);
    r.requests = requests.length;
    // bytes: Chromium's count (headers included); body: the server's gzip body bytes, which is what
    // the DESIGN.md budgets (and scripts/check-budgets.sh, gzip -9) count.
    const sent = server.stats();
    r.files = requests.map((x) => {
      const url = new URL(x.url).pathname;
      return { url, status: x.status, bytes: x.bytes, body: sent[decodeURIComponent(url)]?.bytes };
    });
    // What a worker fetched (KetaScreen's wasm, compiled in its worker) is not in the page's own
    // network events: counted from the server's side (gzip body bytes, no headers).
    const seen = new Set(r.files.map((f) => decodeURIComponent(f.url)));
    for (const [url, c] of Object.entries(sent)) {
      if (seen.has(url)) continue;
      r.files.push({ url, status: 200, bytes: c.bytes, body: c.bytes, worker: true });
      r.bytes += c.bytes;
      r.requests += c.requests;
    }
    r.server_body_bytes = Object.values(server.stats()).reduce((s, c) => s + c.bytes, 0);
    r.server_raw_bytes = Object.values(server.stats()).reduce((s, c) => s + c.rawBytes, 0);
    r.problems = problems;
    return r;
  } catch (e) {
    throw new Error(`${variant.id}: ${e.message.split('\n')[0]}` + (problems.length ? `; ${problems.join(' | ')}` : '') +
      (browser.isConnected() ? '' : '; the browser is gone'));
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {});
    await browser.close().catch(() => {});
  }
}

// Loads each variant once, untimed: the first question must show up; saves a screenshot of it.
async function screenshots(server) {
  const seen = {};
  for (const v of variants) {
    const { browser, page, problems } = await open(v);
    try {
      await page.goto(server.origin + v.path, { waitUntil: 'load', timeout: TIMEOUT_MS });
      if (v.probe !== 'none') {
        await page.waitForFunction(() => window.__bench.t.question !== undefined && window.__bench.rect, null,
          { polling: 'raf', timeout: TIMEOUT_MS });
        await page.locator(info.target).scrollIntoViewIfNeeded();
      }
      await sleep(1500);
      const file = path.join(OUT, `${v.id}-first-question.png`);
      await page.screenshot({ path: file });
      const label = await page.evaluate(() => window.__bench.label);
      seen[v.id] = { screenshot: path.relative(ROOT, file), option_label: label, problems };
      log(`${v.id}: first question on screen; first option "${label ?? '-'}"; ${problems.length} problems`);
    } finally {
      await browser.close();
    }
  }
  return seen;
}

function lighthouse(url, outFile) {
  const cli = path.join(ROOT, 'bench', 'node_modules', 'lighthouse', 'cli', 'index.js');
  const args = [cli, url, '--only-categories=performance', '--output=json', `--output-path=${outFile}`, '--quiet',
    '--max-wait-for-load=60000', `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`];
  if (LH_PRESET === 'desktop') args.push('--preset=desktop');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, maxBuffer: 64 << 20 }, (err, _o, stderr) => {
      if (err) return reject(new Error(`lighthouse ${url}: ${String(stderr).slice(-500)}`));
      const lhr = JSON.parse(fs.readFileSync(outFile, 'utf8'));
      const a = (id) => lhr.audits[id] && lhr.audits[id].numericValue;
      resolve({
        score: lhr.categories.performance.score === null ? null : Math.round(lhr.categories.performance.score * 100),
        tbt_ms: a('total-blocking-time'), fcp_ms: a('first-contentful-paint'), lcp_ms: a('largest-contentful-paint'),
        si_ms: a('speed-index'), cls: a('cumulative-layout-shift'), bytes: a('total-byte-weight'),
        runtime_error: lhr.runtimeError ? lhr.runtimeError.message : undefined,
        warnings: lhr.runWarnings,
      });
    });
  });
}

function versionOf(pkg) {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'bench', 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpu = os.cpus();
  const osRelease = fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '';
  return {
    cpu: cpu[0] ? cpu[0].model : 'unknown', cores: cpu.length, memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: (osRelease.match(/^PRETTY_NAME="?([^"\n]*)/m) || [])[1] || os.type(), kernel: os.release(),
    node: process.version, chromium: sh(CHROMIUM, ['--version']),
  };
}

async function main() {
  // Playwright closes its browsers on these signals but would leave this loop running (and
  // launching the next browser): stop for good.
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { log(`${sig}: stopping`); process.exit(130); });
  fs.mkdirSync(OUT, { recursive: true });
  fs.rmSync(path.join(OUT, 'web-results.json'), { force: true }); // a failed run leaves none behind
  const started = new Date();
  const load0 = os.loadavg();
  const server = await startServer(benchMounts(ROOT));
  log(`serving ${server.origin}; ${variants.length} variants x ${RUNS} runs, Lighthouse x ${LH_RUNS} (${LH_PRESET})`);
  const result = {
    date: started.toISOString(), machine: machine(), loadavg_start: load0,
    git: { commit: sh('git', ['-C', ROOT, 'rev-parse', 'HEAD']), dirty: !!sh('git', ['-C', ROOT, 'status', '--porcelain', '--', 'dist', 'web', 'core', 'widgets', 'content']) },
    versions: {
      ketascreen: info.loader.replace(/^ketascreen-|\.js$/g, ''), 'survey-core': versionOf('survey-core'),
      'survey-js-ui': versionOf('survey-js-ui'), lforms: versionOf('lforms'), lighthouse: versionOf('lighthouse'),
      'playwright-core': versionOf('playwright-core'),
    },
    config: { runs: RUNS, lighthouse_runs: LH_RUNS, lighthouse_preset: LH_PRESET, viewport: VIEWPORT, settle_ms: SETTLE_MS, idle_ms: IDLE_MS },
    first_question: info.firstQuestion, questions: info.questions,
    variants: variants.map((v) => ({ id: v.id, name: v.name, path: v.path })),
  };
  try {
    result.screenshots = await screenshots(server);
    result.runs = [];
    result.failed_loads = [];
    for (let round = 0; round < RUNS; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const v of order) {
        let r;
        for (let attempt = 1; ; attempt++) {
          try {
            r = await measure(server, v, { shots: round === 0 });
            break;
          } catch (e) {
            // A load that breaks (it happens rarely here: the page's CDP target goes away in
            // mid-load) is noted and done again, at most twice.
            result.failed_loads.push({ variant: v.id, round: round + 1, error: e.message });
            log(`round ${round + 1} ${v.id}: load failed (${e.message}); ${attempt < 3 ? 'again' : 'giving up'}`);
            if (attempt >= 3) throw e;
          }
        }
        r.round = round + 1;
        result.runs.push(r);
        const f = (x) => (x === undefined || x === null ? '-' : Math.round(x));
        log(`round ${round + 1} ${v.id}: ${(r.bytes / 1024).toFixed(1)} KiB, question ${f(r.question_ms)} ms ` +
          `(marks: html ${f(r.mark_html_ms)}, canvas ${f(r.mark_canvas_ms)}), main thread ${f(r.main_busy_ms)} ms, ` +
          `answer ${f(r.answer_ms)} ms (${r.clicks ?? 0} clicks), idle ${r.idle_ms_per_s.toFixed(1)} ms/s, ` +
          `heap ${(r.heap_bytes / 2 ** 20).toFixed(1)} MiB, wasm ${(r.wasm_bytes / 2 ** 20).toFixed(1)} MiB` +
          (r.problems.length ? `; problems: ${r.problems.join(' | ')}` : ''));
      }
    }
    result.lighthouse = [];
    for (let round = 0; round < LH_RUNS; round++) {
      const order = variants.map((_, i) => variants[(i + round) % variants.length]);
      for (const v of order) {
        const file = path.join(OUT, `lighthouse-${v.id}-${round + 1}.json`);
        const lh = await lighthouse(server.origin + v.path, file);
        lh.variant = v.id;
        lh.round = round + 1;
        result.lighthouse.push(lh);
        log(`lighthouse ${round + 1} ${v.id}: score ${lh.score}, TBT ${Math.round(lh.tbt_ms)} ms, LCP ${Math.round(lh.lcp_ms)} ms, CLS ${lh.cls?.toFixed(3)}` +
          (lh.runtime_error ? `, error ${lh.runtime_error}` : ''));
      }
    }
  } finally {
    await server.close();
  }
  result.loadavg_end = os.loadavg();
  result.seconds = Math.round((Date.now() - started) / 1000);
  fs.writeFileSync(path.join(OUT, 'web-results.json'), JSON.stringify(result, null, 2));
  log(`done in ${result.seconds} s: ${path.relative(ROOT, path.join(OUT, 'web-results.json'))}`);
}

main().catch((e) => {
  console.error('[bench] FAILED:', e && e.stack ? e.stack : e);
  process.exit(1);
});
