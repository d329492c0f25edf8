#include "alerts/alert_store.hpp"

namespace ocean::tiktok::alerts {

bool AlertStore::mark(std::string_view rule, std::string_view subject, std::string_view occurrence,
                      std::string_view alert_id, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO alerts_raised (rule, subject, occurrence, alert_id, raised_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT DO NOTHING");
  st.bind(1, rule).bind(2, subject).bind(3, occurrence).bind(4, alert_id).bind(5, now_ms);
  st.run();
  return db_.changes() > 0;
}

void AlertStore::clear(std::string_view rule, std::string_view subject) {
  auto st = db_.prepare("DELETE FROM alerts_raised WHERE rule = ?1 AND subject = ?2");
  st.bind(1, rule).bind(2, subject);
  st.run();
}

std::int64_t AlertStore::count() {
  auto q = db_.prepare("SELECT COUNT(*) FROM alerts_raised");
  return q.step() ? q.int64(0) : 0;
}

}  // namespace ocean::tiktok::alerts
