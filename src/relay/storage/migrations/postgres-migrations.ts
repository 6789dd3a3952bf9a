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
  {
    version: 2,
    name: 'orders, payment_events, session_keys (verified revenue)',
    sql: `
      -- Orders the relay created (origin 'relay') or learned of from a client report in a verified game
      -- (origin 'claim': a game paying by itself under autoHook). Money columns are NULL until known.
      CREATE TABLE orders (
        id BIGSERIAL PRIMARY KEY,
        app_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        product_id TEXT,
        quantity INTEGER NOT NULL,
        unit_price BIGINT,
        amount BIGINT,
        currency TEXT,
        env INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('relay', 'claim')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'sandbox', 'unverified')),
        context TEXT NOT NULL,
        claim TEXT,
        client_ip TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        next_query_at BIGINT NOT NULL,
        queries INTEGER NOT NULL DEFAULT 0,
        last_query TEXT,
        proof TEXT,
        paid_amount BIGINT,
        refunded_amount BIGINT NOT NULL DEFAULT 0,
        settled_at BIGINT,
        UNIQUE (app_id, order_id)
      );
      CREATE INDEX orders_state_due ON orders (state, next_query_at);

      -- What the platforms told us about payments: proofs, refunds, and anomalies (a signed push that matched no
      -- order, or another player / product / quantity). One row per (app, kind, key): a repeated push is a no-op.
      CREATE TABLE payment_events (
        id BIGSERIAL PRIMARY KEY,
        app_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        event_key TEXT NOT NULL,
        env INTEGER NOT NULL,
        amount BIGINT,
        detail TEXT NOT NULL,
        received_at BIGINT NOT NULL,
        UNIQUE (app_id, kind, event_key)
      );
      CREATE INDEX payment_events_order ON payment_events (app_id, order_id);
      CREATE INDEX payment_events_kind ON payment_events (kind, id);

      -- Platform session keys, sealed with session.keyEncryptionKey (AES-256-GCM); never stored in clear.
      CREATE TABLE session_keys (
        app_id TEXT NOT NULL,
        openid TEXT NOT NULL,
        sealed TEXT NOT NULL,
        stale BOOLEAN NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (app_id, openid)
      );
    `,
  },
  {
    version: 3,
    name: 'payers (first pay outlives pruning), purchases.slim (retention)',
    sql: `
      CREATE TABLE payers (
        app_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        PRIMARY KEY (app_id, uid)
      );
      INSERT INTO payers (app_id, uid) SELECT DISTINCT app_id, uid FROM purchases ON CONFLICT DO NOTHING;
      DROP INDEX purchases_app_uid;
      ALTER TABLE purchases ADD COLUMN slim BOOLEAN NOT NULL DEFAULT false;
      CREATE INDEX purchases_unslim ON purchases (received_at) WHERE NOT slim;
    `,
  },
];
