// Which alerts were raised (migration 9), so each condition is announced once: keyed by the rule,
// what the alert is about (a session, a creator, an order, a run kind) and which occurrence of the
// condition it was (a problem, a week, an expiry, a failure streak). Over the instance's SQLite file.
#pragma once
#include <cstdint>
#include <string_view>

#include "store/db.hpp"

namespace ocean::tiktok::alerts {

class AlertStore {
 public:
  explicit AlertStore(db::Database& db) : db_(db) {}

  // Records the alert; false when this (rule, subject, occurrence) was raised before.
  bool mark(std::string_view rule, std::string_view subject, std::string_view occurrence, std::string_view alert_id,
            std::int64_t now_ms);
  // Forgets a subject's occurrences, so the next occurrence alerts again (a backlog that cleared).
  void clear(std::string_view rule, std::string_view subject);
  std::int64_t count();

 private:
  db::Database& db_;
};

}  // namespace ocean::tiktok::alerts
