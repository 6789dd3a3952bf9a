/**
 * The SQLite schema, as versioned migrations applied in order, each in its own transaction. Never edit a
 * migration that has shipped: add the next version.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'purchases, deliveries, sync_state',
    sql: `
      CREATE TABLE purchases (
        id INTEGER PRIMARY KEY,
        app_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        paid_at INTEGER NOT NULL,
        is_first_pay INTEGER NOT NULL,
        client_ip TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        report TEXT NOT NULL,
        UNIQUE (app_id, order_id)
      );
      CREATE INDEX purchases_app_uid ON purchases (app_id, uid);
      CREATE INDEX purchases_app_paid_at ON purchases (app_id, paid_at);

      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        purchase_id INTEGER NOT NULL REFERENCES purchases (id),
        sink TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_until INTEGER,
        lease_token TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (purchase_id, sink)
      );
      CREATE INDEX deliveries_due ON deliveries (sink, status, next_attempt_at);

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
    `,
  },
];
