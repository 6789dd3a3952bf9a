import type { Migration } from './sqlite-migrations';

/**
 * The PostgreSQL schema, as versioned migrations: the same tables and meaning as `sqlite-migrations.ts`, in
 * Postgres types (times are ms since the epoch in BIGINT, as on SQLite, so both stores read alike). Never edit
 * a migration that has shipped: add the next version.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'purchases, deliveries, sync_state',
    sql: `
      CREATE TABLE purchases (
        id BIGSERIAL PRIMARY KEY,
        app_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        amount BIGINT NOT NULL,
        currency TEXT NOT NULL,
        paid_at BIGINT NOT NULL,
        is_first_pay BOOLEAN NOT NULL,
        client_ip TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        report TEXT NOT NULL,
        UNIQUE (app_id, order_id)
      );
      CREATE INDEX purchases_app_uid ON purchases (app_id, uid);
      CREATE INDEX purchases_app_paid_at ON purchases (app_id, paid_at);

      CREATE TABLE deliveries (
        id BIGSERIAL PRIMARY KEY,
        purchase_id BIGINT NOT NULL REFERENCES purchases (id),
        sink TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        lease_until BIGINT,
        lease_token TEXT,
        last_error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        UNIQUE (purchase_id, sink)
      );
      -- Only pending rows are ever claimed: a partial index stays small however many are delivered.
      CREATE INDEX deliveries_due ON deliveries (sink, next_attempt_at, id) WHERE status = 'pending';
      CREATE INDEX deliveries_status ON deliveries (status, sink);

      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at BIGINT NOT NULL
      );
    `,
  },
];
