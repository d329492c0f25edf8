// Mirrors orders and products into the CommerceStore: a first full sync, then incremental syncs
// from the update_time watermark minus an overlap window, and backfills by status and time.
//
// Crash safety: every page is written in the same transaction as the cursor that points past
// it (next page_token, run counters, and on the last page the new watermark); a transaction may
// hold several pages (group commit) but never a page without its cursor. A kill at any moment
// therefore resumes from the last committed page; records re-read after a crash are idempotent
// upserts, and an older update_time never overwrites a newer one.
//
// Speed: pages are fetched and parsed on a read-ahead thread (sync/read_ahead.hpp) while this
// thread writes, and WAL checkpoints run beside both (store/background_checkpoint.hpp).
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "tiktok_api/products.hpp"
#include "store/commerce_store.hpp"
#include "tiktok_api/orders.hpp"
#include "util/host.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {

struct Backfill {
  std::optional<std::string> status;     // TikTok order status
  std::optional<std::int64_t> from, to;  // create_time range [from, to)
};

struct SyncSettings {
  std::string account_id;
  std::string shop_id;
  std::int64_t overlap_seconds = 300;  // re-read this much before the watermark: late writers, clock skew
  int page_size = tiktok_api::kMaxPageSize;
};

struct KindReport {
  std::string kind;
  std::string outcome = "ok";  // ok, failed
  bool resumed = false;        // continued a run a crash or failure interrupted
  std::int64_t pages = 0, records = 0, inserted = 0, changed = 0, unchanged = 0, stale = 0, rejected = 0;
  std::int64_t watermark = 0;
  std::string error;
  boost::json::object to_json() const;
};

// Called between pages with the page just committed; tests use it to crash at chosen points.
using PageHook = std::function<void(const std::string& kind, std::int64_t page)>;

class SyncEngine {
 public:
  SyncEngine(store::CommerceStore& store, tiktok_api::OrderApi& orders, tiktok_api::ProductApi& products, Host& host,
             SyncSettings settings);

  // Each throws Failure when a page cannot be fetched; what was committed stays committed.
  KindReport sync_orders(bool full);
  KindReport backfill_orders(const Backfill& b);
  KindReport sync_products(bool full);
  // Per-warehouse stock as TikTok reports it: a listing of every product (search carries stock).
  KindReport sync_inventory();

  void set_page_hook(PageHook hook) { page_hook_ = std::move(hook); }

  // Objects fetched outside a sync (webhooks), stored and announced with events. Many fetched
  // orders (webhook batches of up to 50 each) go in ONE transaction; unreadable ones are kept in
  // sync_rejects. Returns the ids it stored or rejected (both are done with).
  std::vector<std::string> apply_orders(const std::vector<boost::json::array>& batches, std::string_view source);
  store::UpsertOutcome apply_product(const boost::json::value& raw);
  // product.audit_passed (PENDING -> ACTIVATE) / product.audit_failed (-> FAILED, with the detail's
  // audit_failed_reasons when `raw` has them) for a product whose stored status moved.
  void audit_events(const std::string& id, const std::string& status, const std::string& previous_status,
                    const boost::json::value* raw, const char* source);

 private:
  // Group commit bounds: more pages per transaction write fewer B-tree pages per record, fewer
  // keep the write lock short for webhook intake and lose less work to a crash.
  static constexpr std::int64_t kMaxPagesPerCommit = 10;
  static constexpr std::int64_t kMaxCommitNs = 200'000'000;
  static constexpr std::size_t kReadAheadPages = 4;  // ~1 MB of parsed records each

  struct Applied {  // one stored record, for the events that follow the commit
    std::string id;
    std::string status;
    std::string previous_status;
    std::int64_t update_time = 0;
    store::UpsertOutcome outcome = store::UpsertOutcome::unchanged;
  };
  struct Rejected {
    std::string id, error, raw;
  };
  template <typename Record>
  struct ReadyPage;

  // How a run treats what it stores.
  struct RunMode {
    bool events = false;                // announce new and changed records (not on a first full sync)
    bool moves_watermark = false;       // a finished run advances the kind's watermark (backfills do not)
    bool watermark_is_ordered = false;  // records come sorted by update_time (orders, not products)
  };
  // What one transaction of a run committed, for the report, the events and the progress.
  struct Batch {
    KindReport counts;
    std::vector<Applied> applied;
    std::vector<std::int64_t> page_sizes;  // of the pages in the transaction
    bool last = false;                     // the run's last page is in it
    std::exception_ptr fetch_error;        // a read-ahead fetch failed after the batch's pages
  };

  template <typename Fetch, typename Parse, typename Store>
  KindReport run(const std::string& kind, const std::string& filter_json, RunMode mode, Fetch&& fetch, Parse&& parse,
                 Store&& store);
  // The run's cursor: the interrupted run to resume, or a new run of `filter_json`.
  store::SyncCursor open_run(const std::string& kind, const std::string& filter_json, KindReport& rep);
  template <typename Ready, typename FetchReady>
  Ready first_page(FetchReady& fetch_ready, store::SyncCursor& c, const KindReport& rep);
  template <typename Ready, typename Ahead, typename Store>
  Batch commit_batch(const std::string& kind, const RunMode& mode, std::optional<Ready>& page, Ahead* ahead,
                     store::SyncCursor& c, Store& store);
  void store_page_rejects(const std::string& kind, const std::vector<Rejected>& rejected, Batch& b);
  void finish_cursor(store::SyncCursor& next, const RunMode& mode);
  void report_batch(const std::string& kind, KindReport& rep, const Batch& b, const store::SyncCursor& c,
                    std::int64_t total, std::int64_t started_ns);
  void log_failure(const std::string& kind, KindReport& rep, std::int64_t started_ms, const Failure& f);
  std::function<tiktok_api::Page(const boost::json::object&, const std::string&)> order_fetch();
  std::function<tiktok_api::Page(const boost::json::object&, const std::string&)> product_fetch();
  std::function<Applied(const model::OrderRecord&)> order_store(std::string_view source);
  std::function<Applied(const model::ProductRecord&)> product_store();
  void record_event(const std::string& kind, const Applied& a);
  void emit(std::string_view type, boost::json::object data);
  // order.imported / order.status_changed for one stored order; `source` is sync, backfill or webhook.
  void order_events(const std::string& id, const std::string& status, const std::string& previous_status,
                    store::UpsertOutcome outcome, std::string_view source);

  store::CommerceStore& store_;
  tiktok_api::OrderApi& orders_;
  tiktok_api::ProductApi& products_;
  Host& host_;
  SyncSettings settings_;
  PageHook page_hook_;
};

}  // namespace ocean::tiktok::mirror
