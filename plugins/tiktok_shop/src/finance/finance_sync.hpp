// sync.run with kinds ["finance"]: mirrors statements, payments (outside SEA, where the API exists),
// withdrawals and every statement's transactions, incrementally.
//
// Listings (statements, payments, withdrawals) re-read from their watermark (the newest record time a
// finished run saw) minus an overlap of three days, so payment statuses that move after a record was
// first read are caught; a full run reads from the beginning. Transactions are read once per statement
// (a full run reads them all again).
//
// Crash safety, as the order sync: every page is written in the same transaction as the cursor that
// points past it (next page_token, counters, and on the last page the new watermark or the statement's
// "transactions done" mark). A kill at any moment resumes from the last committed page; rows read twice
// are idempotent upserts.
// Thread-safety: one run at a time (the caller holds the sync lease); not for concurrent use.
#pragma once
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <string>

#include "finance/finance_api.hpp"
#include "finance/finance_store.hpp"
#include "util/host.hpp"

namespace ocean::tiktok::finance {

// Called after each committed page; tests use it to crash at chosen points.
using FinancePageHook = std::function<void(const std::string& kind, std::int64_t page)>;

class FinanceSync {
 public:
  static constexpr std::int64_t kOverlapSeconds = 3 * 86400;
  static constexpr int kPageSize = 100;

  FinanceSync(FinanceStore& store, FinanceApi& api, Host& host, std::string account_id)
      : store_(store), api_(api), host_(host), account_id_(std::move(account_id)) {}

  // Throws Failure when a page cannot be fetched or read; what was committed stays committed.
  boost::json::object run(bool full);
  void set_page_hook(FinancePageHook hook) { hook_ = std::move(hook); }

 private:
  struct Counts {
    std::int64_t pages = 0, records = 0, inserted = 0;
    bool resumed = false;
    boost::json::object to_json() const;
  };
  using StoreItem = std::function<std::int64_t(const boost::json::object&, std::string raw, Counts&)>;
  using FetchPage = std::function<tiktok_api::Page(const TimeRange&, const std::string& token)>;
  Counts listing(const std::string& kind, bool full, const FetchPage& fetch, const StoreItem& store_item);
  Counts transactions();
  void statement_transactions(const std::string& statement_id, Counts& counts);
  void emit(const char* type, boost::json::object data);
  void flush_events();

  FinanceStore& store_;
  FinanceApi& api_;
  Host& host_;
  std::string account_id_;
  FinancePageHook hook_;
  std::vector<std::pair<const char*, boost::json::object>> pending_events_;  // sent once their page committed
};

}  // namespace ocean::tiktok::finance
