// The benchmark's web server: serves the host pages and every variant's files on 127.0.0.1 with
// gzip (zlib level 9, as build-wasm.sh measures its budgets; compressed once per file and kept in
// memory, so compression time is not part of any measurement), HTTP/1.1 keep-alive, no caching
// headers (each run starts a fresh browser, so every load is cold anyway). It counts the bytes it
// sends per URL (body bytes after gzip; `stats()`, `reset()`), which the driver compares with what
// Chromium reports (CDP Network.loadingFinished encodedDataLength, headers included).
//
// Routes (mounts are set by the caller; see run.mjs):
//   /<name>.html, /gen/*   generated files (host pages per variant, the peers' init scripts)
//   /host/*                the host page's own assets (web/demo/)
//   /ks/*                  dist/ (the KetaScreen loader, glue, overlay, wasm, content.json)
//   /vendor/<pkg>/*        bench/node_modules/<pkg>/ (SurveyJS, LHC-Forms; only files asked for)
//
//   node bench/web/server.mjs [port]   serves the last generated site (bench/out/site) by hand
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
};
// Already-compressed formats are sent as they are.
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.wasm', '.svg', '.ttf', '.map', '.txt']);

// mounts: [[urlPrefix, directory], ...] (first match wins; prefix '/' for the root).
export function startServer(mounts, { port = 0 } = {}) {
  const cache = new Map(); // file -> {mtimeMs, size, raw, gz}
  let counts = new Map(); // url path -> {requests, bytes, rawBytes}

  const read = (file) => {
    const st = fs.statSync(file);
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    const raw = fs.readFileSync(file);
    const gz = COMPRESSIBLE.has(path.extname(file)) ? zlib.gzipSync(raw, { level: 9 }) : null;
    const entry = { mtimeMs: st.mtimeMs, size: st.size, raw, gz };
    cache.set(file, entry);
    return entry;
  };

  const resolve = (rel) => {
    for (const [prefix, dir] of mounts) {
      if (!rel.startsWith(prefix)) continue;
      let sub = rel.slice(prefix.length);
      if (sub === '' || sub.endsWith('/')) sub += 'index.html';
      const root = path.resolve(dir);
      const file = path.resolve(root, sub);
      if (!file.startsWith(root + path.sep)) return null;
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = resolve(rel);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const { raw, gz } = read(file);
    const acceptsGzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const body = gz && acceptsGzip ? gz : raw;
    const headers = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length };
    if (body === gz) headers['Content-Encoding'] = 'gzip';
    if (gz) headers.Vary = 'Accept-Encoding';
    // Static files cacheable, as a CDN or a clinic's server sends them (every load here is cold: a
    // new browser): KetaScreen's worker then takes its script from the cache its loader's
    // integrity check filled, as README "Start-up" asks of a clinic's server.
    headers['Cache-Control'] = 'public, max-age=31536000, immutable';
    const c = counts.get(rel) || { requests: 0, bytes: 0, rawBytes: 0 };
    c.requests += 1;
    c.bytes += req.method === 'HEAD' ? 0 : body.length;
    c.rawBytes += raw.length;
    counts.set(rel, c);
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 5000;

  return new Promise((done, fail) => {
    server.on('error', fail);
    server.listen(port, '127.0.0.1', () => done({
      server,
      origin: `http://127.0.0.1:${server.address().port}`,
      reset: () => { counts = new Map(); },
      stats: () => Object.fromEntries(counts),
      close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
    }));
  });
}

// The mounts the benchmark uses, from the repository root.
export function benchMounts(root) {
  const bench = path.join(root, 'bench');
  return [
    ['/ks/', path.join(root, 'dist')],
    ['/host/', path.join(root, 'web', 'demo')],
    ['/vendor/', path.join(bench, 'node_modules')],
    ['/', path.join(bench, 'out', 'site')],
  ];
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const port = Number(process.argv[2] || 8090);
  const s = await startServer(benchMounts(root), { port });
  console.log(`serving on ${s.origin}/ (none.html, ketascreen.html, surveyjs.html, lhcforms.html); Ctrl-C stops`);
}
