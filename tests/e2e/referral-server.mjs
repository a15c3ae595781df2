// A clinic's referral endpoint for the tests: http://127.0.0.1:<port>/referrals on its own port,
// so the widget's POST is cross-origin (CORS preflight included), as on a real clinic site.
// `statuses` are the answers to successive POSTs (the last one repeats); a 3xx answer sends
// `location` as its Location. Every POST is recorded with its headers and parsed body (`received`),
// and every request of any kind as "METHOD /path" (`requests`).
import http from 'node:http';

export function referralServer(statuses = [201], { location } = {}) {
  const received = [], requests = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const cors = {
      'Access-Control-Allow-Origin': req.headers.origin || '*',
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
      'Vary': 'Origin',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (req.method !== 'POST' || req.url !== '/referrals') {
      res.writeHead(404, cors).end();
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body = null;
      try { body = JSON.parse(text); } catch { /* recorded as null: the test fails on it */ }
      const status = statuses[Math.min(received.length, statuses.length - 1)];
      received.push({ headers: req.headers, text, body, status, t: Date.now() });
      res.writeHead(status, { ...cors, 'Content-Type': 'application/json', ...(location && status >= 300 && status < 400 ? { Location: location } : {}) })
        .end(JSON.stringify(status < 300 ? { received: true } : { error: 'try again later' }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, received, requests, endpoint: `http://127.0.0.1:${server.address().port}/referrals` });
  }));
}
