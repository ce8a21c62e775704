// A throw-away database on the PostgreSQL server of TEST_DATABASE_URL (the main test command starts
// one), created and dropped with psql.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The server's URL, or undefined when the PostgreSQL tests are to be skipped. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

function psql(url: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'psql',
      [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql],
      { timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`psql: ${sql}\n${stderr || err.message}`));
        else resolve(stdout);
      },
    );
  });
}

export interface TempDatabase {
  name: string;
  /** postgres://… of the new database. */
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database with a fresh name on the server of `serverUrl`. */
export async function createDatabase(serverUrl: string, prefix = 'tdkt_e2e'): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await psql(serverUrl, `CREATE DATABASE "${name}"`);
  const u = new URL(serverUrl);
  u.pathname = '/' + name;
  return {
    name,
    url: u.toString(),
    async drop() {
      if (process.env.E2E_KEEP_DATA) return;
      await psql(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
