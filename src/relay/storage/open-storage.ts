import type { RelayConfig } from '../config/config-schema';
import { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage';
import type { Storage } from './storage';

/**
 * What `postgres-storage.ts` exports. It is loaded only when a config asks for Postgres, so the SQLite relay never
 * loads `pg` and a build without the Postgres file still compiles.
 */
export interface PostgresStorageModule {
  /** Connects (a pool), without migrating: `openStorage` calls `migrate()`. */
  openPostgresStorage(connectionString: string): Promise<Storage> | Storage;
}

export interface OpenStorageOptions {
  /** Passed to SQLite only. @default {} */
  sqlite?: SqliteStorageOptions;
  /** Run the migrations before returning. @default true */
  migrate?: boolean;
}

/** Opens the storage a config names and brings its schema up to date. */
export async function openStorage(storage: RelayConfig['storage'], options: OpenStorageOptions = {}): Promise<Storage> {
  const opened = 'sqlite' in storage ? new SqliteStorage(storage.sqlite, options.sqlite) : await openPostgres(storage.postgres);
  if (options.migrate ?? true) {
    try {
      await opened.migrate();
    } catch (err) {
      await opened.close().catch(() => undefined);
      throw err;
    }
  }
  return opened;
}

async function openPostgres(url: string): Promise<Storage> {
  let mod: Partial<PostgresStorageModule>;
  // A computed path: the compiler must not require the file to exist, and a missing file is a clear runtime error.
  const path = './postgres-storage';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(path) as Partial<PostgresStorageModule>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && String((err as Error).message).includes('postgres-storage')) {
      throw new Error('storage.postgres: PostgreSQL storage is not available in this build (src/relay/storage/postgres-storage.ts is missing)');
    }
    throw err;
  }
  if (typeof mod.openPostgresStorage !== 'function') {
    throw new Error('storage.postgres: postgres-storage does not export openPostgresStorage(connectionString)');
  }
  return mod.openPostgresStorage(url);
}
