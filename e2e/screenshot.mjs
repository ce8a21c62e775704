// The README's screenshot (docs/screenshot.png): the Office's dashboard (vanphong) on the demo as
// of 16/12/2024, 1366×768, in the same headless Chromium the browser tests use (Debian's
// /usr/bin/chromium, driven by playwright-core from e2e/node_modules).
//
//   cargo build -p tdkt
//   (cd e2e && npm ci)                        # once, if e2e/node_modules is missing (e2e/run does it)
//   node e2e/screenshot.mjs [PATH-TO-TDKT] [OUT.png]
//
// PATH-TO-TDKT defaults to $TDKT_BIN, then target/debug/tdkt; OUT.png to docs/screenshot.png.
// It creates a fresh demo in a temporary --data folder (`tdkt demo --no-serve`), serves it on a
// free port with the demo's date, signs in through the login page, waits for the dashboard and
// saves the viewport. The PNG is then made smaller with pngquant and/or optipng when installed
// (`apt-get install pngquant optipng`); without them it is written as Chromium made it.

import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const bin = path.resolve(process.argv[2] ?? process.env.TDKT_BIN ?? path.join(root, 'target', 'debug', 'tdkt'));
const out = path.resolve(process.argv[3] ?? path.join(root, 'docs', 'screenshot.png'));
const TODAY = '2024-12-16';
if (!existsSync(bin)) {
  console.error(`screenshot: no tdkt binary at ${bin} (build it with: cargo build -p tdkt)`);
  process.exit(2);
}

// Only the settings this script gives: no developer's DATABASE_URL or TDKT_* leaks in.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('TDKT_')),
);
env.RUST_LOG = 'warn';
env.TDKT_LOG = 'warn';

const data = mkdtempSync(path.join(tmpdir(), 'tdkt-screenshot-'));
let server;
try {
  const made = spawnSync(bin, ['demo', '--no-serve', '--data', data], { env, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`tdkt demo --no-serve failed:\n${made.stderr}`);

  server = spawn(bin, ['demo', '--data', data, '--today', TODAY, '--listen', '127.0.0.1:0'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tdkt did not say where it listens within 60 s')), 60_000);
    server.once('exit', (code) => reject(new Error(`tdkt exited with ${code} before listening`)));
    readline.createInterface({ input: server.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
  });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    await page.goto(`${url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('vanphong');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    // The header's bell fills its count with htmx after load: let it finish.
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: out, fullPage: false });
  } finally {
    await browser.close();
  }
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(data, { recursive: true, force: true });
}

const tool = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
// pngquant leaves the file as it was when it cannot do better (exit 98/99): not an error.
if (tool('pngquant')) {
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--strip', '--quality=70-95', '--output', out, out], {
    stdio: 'inherit',
  });
}
if (tool('optipng')) {
  execFileSync('optipng', ['-quiet', '-o2', '-strip', 'all', out], { stdio: 'inherit' });
}
console.log(`screenshot: ${path.relative(process.cwd(), out)} (${Math.round(statSync(out).size / 1024)} KB)`);
