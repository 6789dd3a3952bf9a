import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';

/** Where Debian puts PostgreSQL 15's server binaries. @default /usr/lib/postgresql/15/bin */
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Drops a database made by `createDatabase`, cutting its connections. */
  dropDatabase(url: string): Promise<void>;
  /** Stops the cluster (when this helper started it) and removes its data directory. */
  stop(): Promise<void>;
}

/** The exact command a non-root developer runs to give the Postgres tests a server. */
export const PG_TEST_HELP =
  'The PostgreSQL tests need a server. Run them as root (they start a throwaway cluster as the postgres user), ' +
  'or start one yourself and point PG_TEST_URL at a superuser URL:\n' +
  `  ${PG_BIN}/initdb -D /tmp/pg-test -A trust -U postgres && ` +
  `${PG_BIN}/pg_ctl -D /tmp/pg-test -o "-p 54329 -k /tmp -c listen_addresses=127.0.0.1" -w start\n` +
  '  PG_TEST_URL=postgres://postgres@127.0.0.1:54329/postgres npx jest test/relay/storage';

/**
 * A PostgreSQL 15 cluster for one test file: `PG_TEST_URL` when set, otherwise a throwaway cluster (`initdb` +
 * `pg_ctl` as the `postgres` user, data under /tmp, a random loopback port) that `stop()` removes. Never skips:
 * without root and without `PG_TEST_URL` it fails with the command to run.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const given = process.env.PG_TEST_URL;
  if (given) return clusterAt(given, async () => undefined);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) throw new Error(PG_TEST_HELP);

  const dataDir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
  const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
  chownSync(dataDir, Number(ids), Number(gid));
  const asPostgres = (cmd: string, args: string[]) => {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, cmd), ...args], { encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-instructions']);
  } catch (err) {
    cleanup();
    throw err;
  }

  let lastError: unknown;
  // A free port can be taken between asking and binding: try a few.
  for (let attempt = 0; attempt < 4; attempt++) {
    const port = await freePort();
    try {
      asPostgres('pg_ctl', [
        '-D', dataDir, '-l', join(dataDir, 'server.log'), '-w', '-t', '60',
        '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start',
      ]);
    } catch (err) {
      lastError = err;
      continue;
    }
    const stop = async () => {
      spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', dataDir, '-m', 'immediate', '-w', 'stop'], { timeout: 60_000 });
      cleanup();
    };
    return clusterAt(`postgres://postgres@127.0.0.1:${port}/postgres`, stop);
  }
  cleanup();
  throw lastError;
}

function clusterAt(url: string, stopServer: () => Promise<void>): PgCluster {
  const made = new Set<string>();
  const admin = async <T>(fn: (c: Client) => Promise<T>): Promise<T> => {
    // Loaded here, once there is a server: the no-server path needs nothing from node_modules (the pg-cluster test
    // runs a copy of this file as `nobody`, who may not be able to read the checkout).
    const { Client: PgClient } = require('pg') as typeof import('pg');
    const c = new PgClient({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const dropByName = (c: Client, name: string) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  return {
    url,
    async createDatabase() {
      const name = `relay_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}"`));
      made.add(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    async dropDatabase(dbUrl) {
      const name = new URL(dbUrl).pathname.slice(1);
      if (!made.delete(name)) throw new Error(`not a database of this helper: ${name}`);
      await admin((c) => dropByName(c, name));
    },
    async stop() {
      if (made.size > 0) await admin(async (c) => void (await Promise.all([...made].map((n) => dropByName(c, n)))));
      made.clear();
      await stopServer();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts one cluster for the calling test file (beforeAll) and stops it (afterAll); returns a getter. */
export function usePgCluster(): () => PgCluster {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);
  return () => {
    if (!cluster) throw new Error('the Postgres cluster is not started (usePgCluster() runs in beforeAll)');
    return cluster;
  };
}
