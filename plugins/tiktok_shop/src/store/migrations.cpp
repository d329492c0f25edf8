#include "store/migrations.hpp"

#include <stdexcept>
#include <string>

#include "store/db.hpp"
#include "store/pg_dialect.hpp"

namespace ocean::tiktok::store {
namespace {

constexpr Migration kMigrations[] = {
    {1, "secrets, oauth states and the connected account",
     R"sql(
CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  sealed BLOB NOT NULL,            -- AES-256-GCM (crypto_store/secret_box.hpp)
  updated_at_ms INTEGER NOT NULL
);
CREATE TABLE oauth_states (
  state TEXT PRIMARY KEY,
  created_at_ms INTEGER NOT NULL
);
CREATE TABLE account (
  id INTEGER PRIMARY KEY CHECK (id = 1),   -- one shop account per instance
  link_state TEXT NOT NULL CHECK (link_state IN ('connected', 'needs_reauth', 'disconnected')),
  reason TEXT NOT NULL DEFAULT '',
  shop_id TEXT NOT NULL,
  shop_name TEXT NOT NULL DEFAULT '',
  shop_region TEXT NOT NULL DEFAULT '',
  shop_seller_type TEXT NOT NULL DEFAULT '',
  shop_cipher TEXT NOT NULL,
  shop_code TEXT NOT NULL DEFAULT '',
  open_id TEXT NOT NULL DEFAULT '',
  seller_name TEXT NOT NULL DEFAULT '',
  seller_base_region TEXT NOT NULL DEFAULT '',
  granted_scopes_json TEXT NOT NULL DEFAULT '[]',
  authorized_shops_json TEXT NOT NULL DEFAULT '[]',
  access_expires_at INTEGER NOT NULL,      -- Unix seconds, as the token endpoint gives them
  refresh_expires_at INTEGER NOT NULL,
  tokens_obtained_at INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
)sql"},
    {2, "commerce mirror: products, orders, sync cursors, webhook inbox, stock outbox, integration log",
     R"sql(
CREATE TABLE products (
  product_id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL,            -- TikTok word (ACTIVATE, ...)
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,    -- a stored row is only replaced by one at least as new
  raw_json TEXT NOT NULL,
  synced_at_ms INTEGER NOT NULL
);
CREATE INDEX products_by_update ON products (update_time, product_id);
CREATE TABLE product_skus (
  sku_id TEXT PRIMARY KEY,
  product_id TEXT NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
  seller_sku TEXT NOT NULL,
  price_amount TEXT NOT NULL,      -- decimal string
  currency TEXT NOT NULL
);
CREATE INDEX product_skus_by_product ON product_skus (product_id);
CREATE TABLE sku_stock (           -- per-warehouse stock as TikTok reports it
  sku_id TEXT NOT NULL,
  warehouse_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  PRIMARY KEY (sku_id, warehouse_id)
) WITHOUT ROWID;
CREATE INDEX sku_stock_by_product ON sku_stock (product_id);
CREATE TABLE sku_map (             -- external-id map: ERP SKU <-> TikTok product + SKU
  erp_sku TEXT PRIMARY KEY,
  product_id TEXT NOT NULL,
  sku_id TEXT NOT NULL UNIQUE,
  origin TEXT NOT NULL             -- 'seller_sku' (automatic) or 'erp' (mapped explicitly)
);
CREATE TABLE orders (
  order_id TEXT PRIMARY KEY,       -- UNIQUE per shop: one instance, one shop
  status TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  synced_at_ms INTEGER NOT NULL
);
CREATE INDEX orders_by_update ON orders (update_time, order_id);
CREATE INDEX orders_by_status ON orders (status, update_time);
CREATE TABLE order_lines (         -- one row per SKU; quantity = line items of that SKU
  order_id TEXT NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
  sku_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  unit_price TEXT NOT NULL,
  line_item_ids TEXT NOT NULL,     -- comma-separated
  PRIMARY KEY (order_id, sku_id)
) WITHOUT ROWID;
CREATE TABLE order_status_history (
  order_id TEXT NOT NULL,
  status TEXT NOT NULL,
  update_time INTEGER NOT NULL,
  recorded_at_ms INTEGER NOT NULL,
  source TEXT NOT NULL,            -- sync, webhook, backfill
  PRIMARY KEY (order_id, update_time, status)
) WITHOUT ROWID;
CREATE TABLE sync_rejects (        -- API records that could not be read, kept verbatim
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  record_id TEXT NOT NULL,
  error TEXT NOT NULL,
  raw TEXT NOT NULL,
  seen_at_ms INTEGER NOT NULL
);
CREATE TABLE sync_cursors (
  kind TEXT PRIMARY KEY,
  watermark INTEGER NOT NULL DEFAULT 0,
  full_done INTEGER NOT NULL DEFAULT 0,
  page_token TEXT NOT NULL DEFAULT '',
  run_json TEXT NOT NULL DEFAULT '',
  run_max_seen INTEGER NOT NULL DEFAULT 0,
  run_pages INTEGER NOT NULL DEFAULT 0,
  run_records INTEGER NOT NULL DEFAULT 0,
  run_started_ms INTEGER NOT NULL DEFAULT 0,
  last_finished_ms INTEGER NOT NULL DEFAULT 0,
  last_outcome TEXT NOT NULL DEFAULT ''
);
CREATE TABLE sync_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  owner TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE TABLE webhook_inbox (
  id INTEGER PRIMARY KEY,
  notification_id TEXT NOT NULL UNIQUE,
  type INTEGER NOT NULL,
  shop_id TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  body TEXT NOT NULL,              -- exact bytes as received
  received_at_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'applied', 'ignored', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  applied_at_ms INTEGER
);
CREATE INDEX webhook_inbox_pending ON webhook_inbox (state, id);
CREATE TABLE stock_levels (        -- the ERP's figures and the newest value to push, per SKU + warehouse
  sku_id TEXT NOT NULL,
  warehouse_id TEXT NOT NULL,
  erp_sku TEXT NOT NULL,
  product_id TEXT NOT NULL,
  on_hand INTEGER NOT NULL,
  reserved INTEGER NOT NULL,
  safety_buffer INTEGER NOT NULL,
  available INTEGER NOT NULL CHECK (available >= 0),
  version INTEGER NOT NULL,
  push_status TEXT NOT NULL CHECK (push_status IN ('pending', 'pushed', 'failed', 'superseded')),
  pushed_at_ms INTEGER,
  error TEXT NOT NULL DEFAULT '',
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (sku_id, warehouse_id)
) WITHOUT ROWID;
CREATE TABLE stock_outbox (
  id INTEGER PRIMARY KEY,
  product_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  warehouse_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  version INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'superseded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
);
-- at most one pending push per SKU + warehouse: a newer value supersedes the older one
CREATE UNIQUE INDEX stock_outbox_one_pending ON stock_outbox (sku_id, warehouse_id) WHERE state = 'pending';
CREATE INDEX stock_outbox_due ON stock_outbox (state, next_attempt_ms);
CREATE TABLE integration_log (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  finished_at_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  pages INTEGER NOT NULL,
  records INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  message TEXT NOT NULL
);
CREATE TABLE commerce_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql"},
    {3, "operations: idempotency keys, LIVE session planner, affiliate orders, analytics snapshots",
     R"sql(
CREATE TABLE ops_idempotency (     -- one key per (operation, target, request): retries reuse it
  operation TEXT NOT NULL,
  target TEXT NOT NULL,
  fingerprint TEXT NOT NULL,       -- the request body sent with the key
  key TEXT NOT NULL UNIQUE,
  created_at_ms INTEGER NOT NULL,
  completed_at_ms INTEGER,
  PRIMARY KEY (operation, target, fingerprint)
) WITHOUT ROWID;
CREATE TABLE live_sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  start_time INTEGER NOT NULL,     -- Unix seconds, [start, end)
  end_time INTEGER NOT NULL CHECK (end_time > start_time),
  status TEXT NOT NULL CHECK (status IN ('planned', 'cancelled')),
  activity_id TEXT NOT NULL DEFAULT '',
  products_json TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  performance_json TEXT NOT NULL DEFAULT '',
  performance_fetched_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX live_sessions_by_time ON live_sessions (start_time, end_time);
CREATE TABLE affiliate_order_lines (
  order_id TEXT NOT NULL,
  line_no INTEGER NOT NULL,
  product_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  creator_username TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  gmv TEXT NOT NULL,               -- decimal string
  commission TEXT NOT NULL,        -- decimal string
  create_time INTEGER NOT NULL,
  content_type TEXT NOT NULL DEFAULT '',
  content_id TEXT NOT NULL DEFAULT '',
  raw_json TEXT NOT NULL,
  fetched_at_ms INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no)
) WITHOUT ROWID;
CREATE INDEX affiliate_lines_by_creator ON affiliate_order_lines (creator_username, create_time);
CREATE INDEX affiliate_lines_by_content ON affiliate_order_lines (content_id);
CREATE TABLE analytics_snapshots (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,              -- shop, product, product_list, sku, sku_list, video, video_list
  params_json TEXT NOT NULL,
  data_json TEXT NOT NULL,         -- the API's data, whole
  fetched_at_ms INTEGER NOT NULL
);
CREATE INDEX analytics_snapshots_by_kind ON analytics_snapshots (kind, fetched_at_ms);
)sql"},
    {4, "order lines and status history keyed by the order's row number, so new orders append",
     R"sql(
-- Lines and history were keyed by order_id, a random-looking string, so every new order put its
-- rows on random B-tree pages: a page of 100 orders dirtied hundreds of pages, and those writes
-- were over half of a sync's cost (measured: 5.5-6.1 ms vs 2.6-2.7 ms per 100 orders in SQLite
-- alone). Keyed by an increasing row number they append. order_id stays in every table for
-- people reading the file with plain SQL.
CREATE TABLE orders_v4 (
  order_row INTEGER PRIMARY KEY,   -- stable: an alias of the rowid, which VACUUM keeps
  order_id TEXT NOT NULL UNIQUE,   -- one instance, one shop
  status TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  first_seen_ms INTEGER NOT NULL,
  synced_at_ms INTEGER NOT NULL
);
INSERT INTO orders_v4 (order_id, status, create_time, update_time, raw_json, first_seen_ms, synced_at_ms)
  SELECT order_id, status, create_time, update_time, raw_json, first_seen_ms, synced_at_ms FROM orders ORDER BY rowid;
CREATE TABLE order_lines_v4 (      -- one row per SKU; quantity = line items of that SKU
  order_row INTEGER NOT NULL REFERENCES orders_v4 (order_row) ON DELETE CASCADE,
  sku_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  seller_sku TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  unit_price TEXT NOT NULL,
  line_item_ids TEXT NOT NULL,     -- comma-separated
  PRIMARY KEY (order_row, sku_id)
) WITHOUT ROWID;
INSERT INTO order_lines_v4 (order_row, sku_id, order_id, product_id, seller_sku, quantity, unit_price, line_item_ids)
  SELECT o.order_row, l.sku_id, l.order_id, l.product_id, l.seller_sku, l.quantity, l.unit_price, l.line_item_ids
  FROM order_lines l JOIN orders_v4 o ON o.order_id = l.order_id;
CREATE TABLE order_status_history_v4 (
  order_row INTEGER NOT NULL,
  update_time INTEGER NOT NULL,
  status TEXT NOT NULL,
  order_id TEXT NOT NULL,
  recorded_at_ms INTEGER NOT NULL,
  source TEXT NOT NULL,            -- sync, webhook, backfill
  PRIMARY KEY (order_row, update_time, status)
) WITHOUT ROWID;
INSERT INTO order_status_history_v4 (order_row, update_time, status, order_id, recorded_at_ms, source)
  SELECT o.order_row, h.update_time, h.status, h.order_id, h.recorded_at_ms, h.source
  FROM order_status_history h JOIN orders_v4 o ON o.order_id = h.order_id;
DROP TABLE order_status_history;
DROP TABLE order_lines;
DROP TABLE orders;
ALTER TABLE orders_v4 RENAME TO orders;
ALTER TABLE order_lines_v4 RENAME TO order_lines;
ALTER TABLE order_status_history_v4 RENAME TO order_status_history;
CREATE INDEX orders_by_update ON orders (update_time, order_id);
CREATE INDEX orders_by_status ON orders (status, update_time);
)sql"},
    {5, "finance: statements, their transactions, payments, withdrawals and the finance cursors",
     R"sql(
-- Statements, their transactions, payments and withdrawals as TikTok reports them (finance/), amounts
-- as signed integers in the currency's minor unit beside the API object kept verbatim.
CREATE TABLE finance_statements (
  statement_id TEXT PRIMARY KEY,
  statement_time INTEGER NOT NULL,    -- 00:00 UTC ending the day the statement covers
  currency TEXT NOT NULL,
  settlement_minor INTEGER NOT NULL,
  payment_status TEXT NOT NULL,       -- TikTok word: PAID, PROCESSING, FAILED
  payment_id TEXT NOT NULL,
  transactions_done INTEGER NOT NULL DEFAULT 0,   -- 1 once every transaction is mirrored
  transaction_count INTEGER NOT NULL DEFAULT 0,
  raw_json TEXT NOT NULL,
  synced_at_ms INTEGER NOT NULL
);
CREATE INDEX finance_statements_by_time ON finance_statements (statement_time, statement_id);
CREATE TABLE finance_transactions (
  transaction_id TEXT PRIMARY KEY,
  statement_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('order', 'adjustment', 'reserve')),
  type TEXT NOT NULL,                 -- TikTok word (ORDER, SHIPPING_FEE_ADJUSTMENT, ...)
  order_id TEXT NOT NULL,             -- the settled order, or the order an adjustment names; '' when none
  order_create_time INTEGER NOT NULL,
  currency TEXT NOT NULL,
  settlement_minor INTEGER NOT NULL,
  revenue_minor INTEGER NOT NULL,
  shipping_minor INTEGER NOT NULL,
  fee_tax_minor INTEGER NOT NULL,
  adjustment_minor INTEGER NOT NULL,
  sales_minor INTEGER NOT NULL,       -- gross sales less seller discount, before refunds
  raw_json TEXT NOT NULL
);
CREATE INDEX finance_transactions_by_statement ON finance_transactions (statement_id);
CREATE INDEX finance_transactions_by_order ON finance_transactions (order_id);
CREATE TABLE finance_payments (
  payment_id TEXT PRIMARY KEY,
  create_time INTEGER NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  synced_at_ms INTEGER NOT NULL
);
CREATE TABLE finance_withdrawals (
  withdrawal_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  create_time INTEGER NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor INTEGER NOT NULL,
  raw_json TEXT NOT NULL,
  synced_at_ms INTEGER NOT NULL
);
CREATE TABLE finance_cursors (        -- one per listing, plus 'transactions'
  kind TEXT PRIMARY KEY,
  watermark INTEGER NOT NULL DEFAULT 0,     -- newest record time a finished run saw
  run_json TEXT NOT NULL DEFAULT '',        -- the run in progress ('' = none)
  page_token TEXT NOT NULL DEFAULT '',
  run_pages INTEGER NOT NULL DEFAULT 0,
  run_max_seen INTEGER NOT NULL DEFAULT 0,
  last_finished_ms INTEGER NOT NULL DEFAULT 0
);
)sql"},
    {6, "the order after import: ERP order numbers set on TikTok, the carrier map, order alerts sent",
     R"sql(
CREATE TABLE order_external_refs (  -- the ERP's order number, as set on TikTok (External Order References)
  order_id TEXT PRIMARY KEY,
  external_order_id TEXT NOT NULL,
  platform TEXT NOT NULL,
  set_at_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE carrier_map (          -- ERP carrier code -> TikTok shipping provider, per delivery option
  carrier_code TEXT NOT NULL,
  delivery_option_id TEXT NOT NULL,
  shipping_provider_id TEXT NOT NULL,
  shipping_provider_name TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (carrier_code, delivery_option_id)
) WITHOUT ROWID;
CREATE TABLE order_alerts (         -- events about an order's deadlines, each sent once
  order_id TEXT NOT NULL,
  kind TEXT NOT NULL,               -- dispatch_due
  due_at INTEGER NOT NULL,          -- the deadline it announced (Unix seconds)
  sent_at_ms INTEGER NOT NULL,
  PRIMARY KEY (order_id, kind, due_at)
) WITHOUT ROWID;
)sql"},
    {7, "the integration log as an audit trail (status, TikTok request id, API calls) and dead-letter dismissals",
     R"sql(
-- One row per capability call and background action (issue 17). kind = the action ("orders.ship",
-- "sync:orders", "webhooks", "stock_push", "token_refresh"); outcome = ok, partial or failed; status =
-- the status name of a failure; message = the error (redacted, never a secret).
ALTER TABLE integration_log ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE integration_log ADD COLUMN request_id TEXT NOT NULL DEFAULT '';
ALTER TABLE integration_log ADD COLUMN api_calls INTEGER NOT NULL DEFAULT 0;
CREATE INDEX integration_log_by_time ON integration_log (started_at_ms);
CREATE INDEX integration_log_by_kind ON integration_log (kind, id);
-- Dead letters are the webhook_inbox and stock_outbox rows in state 'failed'; one dismissed by the
-- operator is kept (the audit trail) but leaves the list.
CREATE TABLE dead_letter_dismissals (
  source TEXT NOT NULL CHECK (source IN ('webhook', 'stock_push')),
  item_id INTEGER NOT NULL,
  dismissed_at_ms INTEGER NOT NULL,
  PRIMARY KEY (source, item_id)
) WITHOUT ROWID;
)sql"},
    {8, "catalog.publish: bulk listing jobs and one row per product, resumable after a crash",
     R"sql(
CREATE TABLE publish_jobs (
  job_id TEXT PRIMARY KEY,
  products_sha256 TEXT NOT NULL,    -- the products it was made from: a reused job_id must bring the same
  source TEXT NOT NULL,             -- 'request' or the JSON file's path
  total INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'finished')),
  owner TEXT NOT NULL DEFAULT '',   -- the process running it ("<host>:<pid>:<random>"), '' = none
  lease_until_ms INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  finished_at_ms INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX publish_jobs_by_created ON publish_jobs (created_at_ms);
CREATE TABLE publish_items (        -- one product of a job; its outcome commits with the mirrored product
  job_id TEXT NOT NULL REFERENCES publish_jobs (job_id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,             -- its index in the request's products
  erp_product_id TEXT NOT NULL,     -- '' when the ERP gave none
  erp_skus TEXT NOT NULL,           -- JSON array of the ERP SKUs (TikTok seller SKUs)
  request_json TEXT NOT NULL,       -- the product as the ERP gave it (checked when the job was made)
  state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'listed', 'failed')),
  product_id TEXT NOT NULL DEFAULT '',
  skus_json TEXT NOT NULL DEFAULT '[]',  -- [{"erp_sku", "sku_id"}]
  reason TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,   -- times it was sent in flight
  updated_at_ms INTEGER NOT NULL,
  PRIMARY KEY (job_id, idx)
) WITHOUT ROWID;
CREATE INDEX publish_items_by_state ON publish_items (job_id, state, idx);
)sql"},
    // Version 7 is reserved for work merged in parallel (see above).
    {9, "alerts raised: each condition alerted once (alerts/)",
     R"sql(
CREATE TABLE alerts_raised (        -- an alert.v1 already emitted, so a condition is announced once
  rule TEXT NOT NULL,               -- live_session, affiliate_gmv_drop, token_expiry, ...
  subject TEXT NOT NULL,            -- what it is about: a session id, a creator, an order id, a run kind
  occurrence TEXT NOT NULL,         -- which occurrence: a problem, a week, an expiry, a failure streak
  alert_id TEXT NOT NULL,
  raised_at_ms INTEGER NOT NULL,
  PRIMARY KEY (rule, subject, occurrence)
) WITHOUT ROWID;
)sql"},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations[std::size(kMigrations) - 1].version; }

int schema_version(db::Database& db) { return db.schema_version(); }

std::string step_sql(const Migration& m, db::Dialect dialect) {
  if (dialect == db::Dialect::sqlite) return m.sql;
  return m.pg_sql != nullptr ? std::string(m.pg_sql) : pgsql::ddl_from_sqlite(m.sql);
}

void migrate(db::Database& db) {
  // Under the lock the version is read again: another process may have migrated meanwhile.
  const auto lock = db.migration_lock();
  const int current = db.schema_version();
  if (current > latest_schema_version()) {
    throw std::runtime_error("database " + db.path() + " has schema version " + std::to_string(current) +
                             ", newer than this plugin understands (" + std::to_string(latest_schema_version()) + ")");
  }
  for (const auto& m : kMigrations) {
    if (m.version <= current) continue;
    const std::string sql = step_sql(m, db.dialect());
    db.transaction([&] {
      db.exec(sql);
      db.set_schema_version(m.version);
    });
  }
}

}  // namespace ocean::tiktok::store
