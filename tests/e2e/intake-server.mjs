// A real ketascreen-server for browser tests, as `./build-wasm.sh serve` runs it: in a throw-away
// folder, on a free loopback port, SQLite, serving a copy of dist/ whose content.json posts its
// referrals to this server, with an intake user and an admin. Stopped (and the folder removed) by
// the returned stop(). `bundle` (bytes) makes the server check referrals against that bundle
// instead (one built for another endpoint, e.g. a proxy in front of this server); `rateLimit`
// ({new_referrals_per_hour, burst}) replaces the default per-address limit (many widgets on one
// loopback address); `allowedOrigins` are further page origins whose widgets may post to it (CORS).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, TIMEOUT_MS } from './harness.mjs';

export const STAFF_PASSWORD = 'a long demo passphrase';

export async function startIntakeServer({ serverBin, cli, contentDir, dist, bundle, rateLimit, allowedOrigins = [] }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketascreen-intake-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // A copy of dist/ (the server serves only files inside its static folder) with the demo content
  // pointed at this server.
  const site = path.join(dir, 'site');
  fs.mkdirSync(site);
  for (const name of fs.readdirSync(dist)) {
    const from = path.join(dist, name);
    if (fs.statSync(from).isFile()) fs.copyFileSync(from, path.join(site, name));
  }
  if (bundle) {
    fs.writeFileSync(path.join(site, 'content.json'), bundle);
  } else {
    execFileSync(cli, ['bundle', contentDir, '-o', path.join(site, 'content.json'), '--referral-endpoint', `${origin}/api/referrals`],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: TIMEOUT_MS });
  }
  const config = path.join(dir, 'server.json');
  fs.writeFileSync(config, JSON.stringify({
    listen: { address: '127.0.0.1', port }, public_url: origin, database: 'intake.sqlite3', key_file: 'intake.key',
    content: 'site/content.json', static_dir: 'site', allowed_origins: [origin, ...allowedOrigins], threads: 4,
    ...(rateLimit ? { rate_limit: rateLimit } : {}),
  }));
  const run = (args, input) => execFileSync(serverBin, [...args, '--config', config],
    { input, stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
  run(['init']);
  run(['user', 'add', 'intake', '--role', 'intake', '--password-stdin'], STAFF_PASSWORD + '\n');
  run(['user', 'add', 'admin', '--role', 'admin', '--password-stdin'], STAFF_PASSWORD + '\n');

  const child = spawn(serverBin, ['serve', '--config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ketascreen-server did not start: ${log}`)), TIMEOUT_MS);
    child.stdout.on('data', (d) => { if (String(d).includes('listening on')) { clearTimeout(timer); resolve(); } });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`ketascreen-server exited ${code}: ${log}`)); });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { origin, dir, config, stop, log: () => log, run };
}
