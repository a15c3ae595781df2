// A clinic's referral endpoint having a bad day, for the fault test: on its own port on 127.0.0.1
// (so the widget's POST is cross-origin, preflight included), each POST meets one of these, drawn
// from a seeded generator so a failing run can be replayed:
//   drop       the connection is cut before the request is read (nothing stored)
//   lost-reply the request is stored, then the connection is cut before the answer
//   stall      no answer at all, past the widget's timeout (stored or not, half and half)
//   500 / 503  a server error (nothing stored)
//   ok         stored, 201
// Like a real intake endpoint it de-duplicates by Idempotency-Key: a key seen before is answered
// 200 and not stored again. `store` (key -> body) is what the clinic ends up with; `posts` lists
// every POST with its fault; `faults` switches the faults off (201 for all) when false.
// With `state.upstream` set (a real ketascreen-server's /api/referrals), it is a faulty proxy in
// front of that server instead: "stored" means forwarded and answered 201 or 200 there (the
// server's answer is relayed for `ok`), and `upstreamStatuses` (key -> statuses) records every
// answer the server gave, so a test can check the server stored each referral exactly once.
import http from 'node:http';

// mulberry32: a small seeded generator (deterministic across runs and machines).
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIX = [['drop', 0.12], ['lost-reply', 0.10], ['stall', 0.08], ['500', 0.08], ['503', 0.10], ['ok', 0.52]];

export function flakyReceiver({ seed, stallMs }) {
  const random = seeded(seed);
  const draw = () => {
    let x = random();
    for (const [fault, p] of MIX) if ((x -= p) < 0) return fault;
    return 'ok';
  };
  const state = { store: new Map(), posts: [], conflicts: [], faults: true, sockets: new Set(),
    upstream: null, upstreamStatuses: new Map() };
  // Stores the request here, or forwards it to the real server; resolves to the status to answer.
  const keep = async (key, text, body) => {
    const seen = state.store.has(key);
    if (!state.upstream) {
      if (!seen) state.store.set(key, { text, body });
      return { status: seen ? 200 : 201, text: JSON.stringify({ received: true, duplicate: seen }) };
    }
    const r = await fetch(state.upstream, { method: 'POST', body: text,
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key } });
    const answer = { status: r.status, text: await r.text() };
    if (!state.upstreamStatuses.has(key)) state.upstreamStatuses.set(key, []);
    state.upstreamStatuses.get(key).push(r.status);
    if ((r.status === 201 || r.status === 200) && !seen) state.store.set(key, { text, body });
    return answer;
  };
  const server = http.createServer((req, res) => {
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin || '*',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
      'Access-Control-Max-Age': '600',
      'Vary': 'Origin',
    };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    if (req.method !== 'POST' || req.url !== '/referrals') return res.writeHead(404, cors).end();
    const fault = state.faults ? draw() : 'ok';
    const key = req.headers['idempotency-key'] || '';
    if (fault === 'drop') {
      state.posts.push({ key, fault, name: null });
      return req.socket.destroy();
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body = null;
      try { body = JSON.parse(text); } catch { /* a body that is not JSON: a conflict below */ }
      const name = body && body.contact ? body.contact.name : null;
      state.posts.push({ key, fault, name, t: Date.now() });
      const seen = state.store.get(key);
      if (seen !== undefined && seen.text !== text) state.conflicts.push(`key ${key} came with two different bodies`);
      if (!body || body.id !== key) state.conflicts.push(`key ${key} does not match the payload id ${body && body.id}`);
      if (fault === 'lost-reply') {
        await keep(key, text, body);
        return req.socket.destroy();
      }
      if (fault === 'stall') {
        if (random() < 0.5) await keep(key, text, body);
        // Never answered; cut long after the widget gave up, so the server can close.
        const timer = setTimeout(() => req.socket.destroy(), stallMs);
        req.socket.on('close', () => clearTimeout(timer));
        return;
      }
      if (fault === '500' || fault === '503') {
        return res.writeHead(Number(fault), { ...cors, 'Content-Type': 'application/json' }).end('{"error":"try again"}');
      }
      const answer = await keep(key, text, body);
      res.writeHead(answer.status, { ...cors, 'Content-Type': 'application/json' }).end(answer.text);
    });
  });
  server.on('connection', (s) => { state.sockets.add(s); s.on('close', () => state.sockets.delete(s)); });
  const close = () => {
    for (const s of state.sockets) s.destroy();
    server.close();
  };
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ state, close, endpoint: `http://127.0.0.1:${server.address().port}/referrals` });
  }));
}
