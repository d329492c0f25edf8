// The integration log (migrations 2 and 7) over one SQLite connection: rows written, searched
// (newest first, keyset cursor on the row id) and pruned by age. The commerce store writes its
// background runs through it; the audit room writes capability calls and searches.
// Thread-safety: as the connection it is given (one thread at a time).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/commerce_store.hpp"
#include "store/db.hpp"

namespace ocean::tiktok::store {

struct AuditQuery {
  // An exact action ("orders.ship"), or a prefix ending in '.' or ':' ("fulfillment.", "sync:").
  std::optional<std::string> action;
  std::optional<std::string> outcome;     // ok, partial, failed
  std::optional<std::int64_t> since_ms;   // started at or after
  std::optional<std::int64_t> before_id;  // cursor: rows older than this id
  int limit = 50;
};

struct AuditRow {
  std::int64_t id = 0;
  LogEntry entry;
};

class AuditLog {
 public:
  explicit AuditLog(db::Database& db) : db_(db) {}

  void record(const LogEntry& e);
  // Up to limit + 1 rows (the extra one tells the caller there is a next page).
  std::vector<AuditRow> search(const AuditQuery& q);
  // Deletes rows that started before `before_ms`; returns how many.
  std::int64_t prune(std::int64_t before_ms);

 private:
  db::Database& db_;
};

}  // namespace ocean::tiktok::store
