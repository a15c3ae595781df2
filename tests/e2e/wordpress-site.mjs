// A throw-away WordPress for the browser tests, from Debian's packages: MariaDB (mariadb-install-db
// and mariadbd with their own datadir and a unix socket, no TCP port) and Debian's wordpress copied
// into a temporary folder, served by PHP's built-in server on a free loopback port, installed from
// the command line (tests/e2e/wordpress-cli.php; Debian has no wp-cli). stop() stops both servers
// and removes the folder; the caller registers it before anything can fail.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep, TIMEOUT_MS } from './harness.mjs';

const WORDPRESS = '/usr/share/wordpress';
const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'wordpress-cli.php');
export const ADMIN_PASSWORD = crypto.randomBytes(12).toString('hex');

// A child process whose output is kept (for the error message when it fails).
function start(cmd, args, options = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  child.output = '';
  child.stdout.on('data', (d) => { child.output += d; });
  child.stderr.on('data', (d) => { child.output += d; });
  return child;
}

// Each child leads its own process group (spawned detached): PHP's server forks its workers
// (PHP_CLI_SERVER_WORKERS) and does not stop them when it is stopped, so the whole group is.
function signalGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

async function stopChild(child) {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  signalGroup(child, 'SIGKILL'); // workers left behind by the leader
}

async function until(what, check, child) {
  const end = Date.now() + TIMEOUT_MS;
  for (;;) {
    if (await check()) return;
    if (child && child.exitCode !== null) throw new Error(`${what}: the process exited ${child.exitCode}: ${child.output.slice(-2000)}`);
    if (Date.now() > end) throw new Error(`${what} timed out${child ? `: ${child.output.slice(-2000)}` : ''}`);
    await sleep(200);
  }
}

// Starts the site; `atExit(stop)` is registered by the caller with the returned object's stop as
// soon as this returns, and `register(stop)` is called at once so a failure half-way still cleans up.
export async function startWordPress({ port, register }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ketascreen-wp-'));
  let mysqld = null, php = null;
  const site = { dir, origin: `http://127.0.0.1:${port}` };
  site.stop = async () => {
    await stopChild(php);
    await stopChild(mysqld);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  register(site.stop);
  // The servers run in process groups of their own: stopped too when this test is interrupted.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => site.stop().finally(() => process.exit(1)));

  // MariaDB: its own datadir, root without a password, a socket only.
  const datadir = path.join(dir, 'db'), socket = path.join(dir, 'mysqld.sock');
  const user = os.userInfo().username;
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${datadir}`, `--user=${user}`,
    '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS });
  mysqld = start('mariadbd', ['--no-defaults', `--datadir=${datadir}`, `--socket=${socket}`, `--user=${user}`,
    '--skip-networking', `--pid-file=${path.join(dir, 'mysqld.pid')}`, '--innodb-buffer-pool-size=32M',
    '--skip-log-bin', '--performance-schema=OFF']);
  const sql = (statement) => {
    try {
      execFileSync('mariadb', ['--no-defaults', `--socket=${socket}`, '-uroot', '-e', statement], { stdio: 'pipe', timeout: 10_000 });
      return true;
    } catch { return false; }
  };
  await until('MariaDB', () => fs.existsSync(socket) && sql('CREATE DATABASE IF NOT EXISTS wordpress'), mysqld);

  // WordPress: Debian's files copied (its wp-config.php reads /etc/wordpress; ours is here).
  const wp = path.join(dir, 'wordpress');
  execFileSync('cp', ['-rL', WORDPRESS, wp]); // -L: Debian's relative symlinks (underscore, ...) would break here
  fs.rmSync(path.join(wp, 'wp-config.php'));
  const salt = () => crypto.randomBytes(32).toString('hex');
  const keys = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT', 'NONCE_SALT'].map((k) => `define('${k}', '${salt()}');`).join('\n');
  fs.writeFileSync(path.join(wp, 'wp-config.php'), `<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${keys}
$table_prefix = 'wp_';
define('WP_HOME', '${site.origin}');
define('WP_SITEURL', '${site.origin}');
define('WP_DEFAULT_THEME', 'twentytwentyone');
define('FS_METHOD', 'direct');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '${path.join(dir, 'debug.log')}');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
  fs.writeFileSync(path.join(wp, '.ketascreen-home'), site.origin);
  site.debugLog = () => (fs.existsSync(path.join(dir, 'debug.log')) ? fs.readFileSync(path.join(dir, 'debug.log'), 'utf8') : '');
  site.cli = (...args) => {
    try {
      return execFileSync('php', [CLI, wp, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS }).toString();
    } catch (e) { // WordPress dies with an HTML page: its text says why
      const text = `${e.stdout || ''} ${e.stderr || ''}`.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
      throw new Error(`wordpress-cli.php ${args[0]}: ${text.slice(-300)} ${site.debugLog().slice(-1500)}`);
    }
  };
  site.cli('install', ADMIN_PASSWORD);

  // The router does what WordPress's .htaccess does on Apache: files and folders as they are,
  // anything else to index.php (so /favicon.ico and pretty URLs reach WordPress, not a 404).
  const router = path.join(dir, 'router.php');
  fs.writeFileSync(router, `<?php
$file = ${JSON.stringify(wp)} . urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (file_exists($file)) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = ${JSON.stringify(wp)} . '/index.php';
chdir(${JSON.stringify(wp)});
require 'index.php';
`);
  php = start('php', ['-d', 'upload_max_filesize=16M', '-d', 'post_max_size=16M', '-d', 'memory_limit=256M',
    '-S', `127.0.0.1:${port}`, '-t', wp, router], { cwd: wp, env: { ...process.env, PHP_CLI_SERVER_WORKERS: '8' } });
  await until('PHP\'s server', async () => {
    try { return (await fetch(`${site.origin}/wp-login.php`)).status === 200; } catch { return false; }
  }, php);
  return site;
}
