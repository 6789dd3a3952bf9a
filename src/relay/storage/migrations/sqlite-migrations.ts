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
  {
    version: 2,
    name: 'orders, payment_events, session_keys (verified revenue)',
    sql: `
      -- Orders the relay created (origin 'relay') or learned of from a client report in a verified game
      -- (origin 'claim': a game paying by itself under autoHook). Money columns are NULL until known.
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY,
        app_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        product_id TEXT,
        quantity INTEGER NOT NULL,
        unit_price INTEGER,
        amount INTEGER,
        currency TEXT,
        env INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('relay', 'claim')),
        state TEXT NOT NULL CHECK (state IN ('pending', 'paid', 'sandbox', 'unverified')),
        context TEXT NOT NULL,
        claim TEXT,
        client_ip TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        next_query_at INTEGER NOT NULL,
        queries INTEGER NOT NULL DEFAULT 0,
        last_query TEXT,
        proof TEXT,
        paid_amount INTEGER,
        refunded_amount INTEGER NOT NULL DEFAULT 0,
        settled_at INTEGER,
        UNIQUE (app_id, order_id)
      );
      CREATE INDEX orders_state_due ON orders (state, next_query_at);

      -- What the platforms told us about payments: proofs, refunds, and anomalies (a signed push that matched no
      -- order, or another player / product / quantity). One row per (app, kind, key): a repeated push is a no-op.
      CREATE TABLE payment_events (
        id INTEGER PRIMARY KEY,
        app_id TEXT NOT NULL,
        order_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        event_key TEXT NOT NULL,
        env INTEGER NOT NULL,
        amount INTEGER,
        detail TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (app_id, kind, event_key)
      );
      CREATE INDEX payment_events_order ON payment_events (app_id, order_id);
      CREATE INDEX payment_events_kind ON payment_events (kind, id);

      -- Platform session keys, sealed with session.keyEncryptionKey (AES-256-GCM); never stored in clear.
      CREATE TABLE session_keys (
        app_id TEXT NOT NULL,
        openid TEXT NOT NULL,
        sealed TEXT NOT NULL,
        stale INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (app_id, openid)
      );
    `,
  },
  {
    version: 3,
    name: 'payers (first pay outlives pruning), purchases.slim (retention)',
    sql: `
      -- Whether (app, uid) ever paid: first pay is decided here, so pruning old purchases never makes a player's next
      -- order a "first" pay again. Filled from the purchases stored so far.
      CREATE TABLE payers (
        app_id TEXT NOT NULL,
        uid TEXT NOT NULL,
        PRIMARY KEY (app_id, uid)
      ) WITHOUT ROWID;
      INSERT OR IGNORE INTO payers (app_id, uid) SELECT app_id, uid FROM purchases;
      -- Its only reader was the first-pay lookup.
      DROP INDEX purchases_app_uid;

      -- 1 once retention cut the purchase down to its identity (report holds only productId, no delivery rows).
      ALTER TABLE purchases ADD COLUMN slim INTEGER NOT NULL DEFAULT 0;
      -- The purchases retention still has to look at: as small as the last deliveredDays, plus the dead.
      CREATE INDEX purchases_unslim ON purchases (received_at) WHERE slim = 0;
    `,
  },
];
