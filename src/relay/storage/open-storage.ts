import type { RelayConfig } from '../config/config-schema';
import { SqliteStorage, type SqliteStorageOptions } from './sqlite-storage';
import type { Storage } from './storage';

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

/** Postgres is loaded only when a config asks for it, so a SQLite relay never loads `pg`. */
async function openPostgres(url: string): Promise<Storage> {
  const { openPostgresStorage } = await import('./postgres-storage');
  return openPostgresStorage(url);
}
