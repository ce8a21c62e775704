// Starting and stopping the real `tdkt` binary for a test, and running its one-shot commands.
//
// The binary is the one the main test command built (env TDKT_BIN, default ../target/debug/tdkt
// relative to e2e/). A server is started on port 0 with a fresh --data directory; its URL is read
// from the one `listening on http://ADDR:PORT` line it prints on stdout (spec/cli.md).

import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** The demo's calendar date (spec/cli.md): `serve` is given it too, so both show the same year. */
export const DEMO_TODAY = '2024-12-16';

/** The absolute path of the tdkt binary under test. */
export function tdktBin(): string {
  const fromEnv = process.env.TDKT_BIN;
  const bin = fromEnv
    ? path.resolve(process.cwd(), fromEnv)
    : path.resolve(__dirname, '..', '..', 'target', 'debug', 'tdkt');
  if (!existsSync(bin)) {
    throw new Error(
      `tdkt binary not found at ${bin}: build it (cargo build -p tdkt) or set TDKT_BIN`,
    );
  }
  return bin;
}

/** A fresh temporary directory, removed by `removeTemp`. */
export function tempDir(prefix = 'tdkt-e2e-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeTemp(dir: string): void {
  if (process.env.E2E_KEEP_DATA) return;
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The child's environment: the parent's, less anything that would make tdkt use another database
 * or setting than the test asks for (a developer's DATABASE_URL must not leak into a SQLite test).
 */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'DATABASE_URL' || k.startsWith('TDKT_')) continue;
    env[k] = v;
  }
  env.RUST_LOG = process.env.E2E_RUST_LOG ?? 'warn';
  for (const [k, v] of Object.entries(extra)) {
    if (v !== undefined) env[k] = v;
  }
  return env;
}

/** Keeps the last lines a process wrote, for error messages. */
class Tail {
  private lines: string[] = [];
  constructor(private max = 60) {}
  push(line: string) {
    this.lines.push(line);
    if (this.lines.length > this.max) this.lines.shift();
  }
  toString() {
    return this.lines.join('\n');
  }
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of running) c.kill('SIGKILL');
});

export interface Server {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** The --data directory (SQLite database) the server was given. */
  dataDir: string;
  /** The last lines of stderr (logs). */
  logs(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its data directory if it made it. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Use this --data directory instead of a fresh one (it is then not removed on stop). */
  dataDir?: string;
  /** Extra environment, e.g. DATABASE_URL. */
  env?: Record<string, string | undefined>;
  /** How long to wait for the `listening on` line (a first `demo` run creates its database first). */
  timeoutMs?: number;
}

/**
 * Starts `tdkt <args> --data DIR --listen 127.0.0.1:0` and resolves once it listens.
 * `args` is the command and its own flags, e.g. `['demo']` or `['serve', '--today', DEMO_TODAY]`.
 */
export async function startTdkt(args: string[], opts: StartOptions = {}): Promise<Server> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? tempDir();
  const bin = tdktBin();
  const fullArgs = [...args, '--data', dataDir, '--listen', '127.0.0.1:0'];
  const child = spawn(bin, fullArgs, {
    env: childEnv(opts.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const stderr = new Tail();
  const stdout = new Tail();
  readline.createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
  const out = readline.createInterface({ input: child.stdout! });

  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      running.delete(child);
      resolve();
    });
  });

  const timeoutMs = opts.timeoutMs ?? 180_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `tdkt ${fullArgs.join(' ')}: no "listening on" line within ${timeoutMs} ms\n` +
            `stdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, timeoutMs);
    out.on('line', (line) => {
      stdout.push(line);
      const m = /^listening on (http:\/\/\S+)$/.exec(line.trim());
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    exitPromise.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `tdkt ${fullArgs.join(' ')} exited (${JSON.stringify(exited)}) before listening\n` +
            `stdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    });
  });

  return {
    url,
    dataDir,
    logs: () => stderr.toString(),
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exitPromise;
        clearTimeout(t);
      }
      if (ownDir) removeTemp(dataDir);
    },
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a one-shot tdkt command (`demo --no-serve`, `backup`, `restore`, …) to its end. */
export async function runTdkt(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 300_000,
): Promise<RunResult> {
  const child = spawn(tdktBin(), args, {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c) => resolve(c));
  });
  clearTimeout(timer);
  running.delete(child);
  return { code, stdout, stderr };
}

/** Like `runTdkt`, but throws with the command's output unless it exits 0. */
export async function runTdktOk(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  const r = await runTdkt(args, env);
  if (r.code !== 0) {
    throw new Error(
      `tdkt ${args.join(' ')} exited ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`,
    );
  }
  return r;
}
