#include "store/audit_log.hpp"

namespace ocean::tiktok::store {

void AuditLog::record(const LogEntry& e) {
  auto s = db_.prepare(
      "INSERT INTO integration_log (kind, started_at_ms, finished_at_ms, outcome, pages, records, errors, message, "
      "status, request_id, api_calls) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  s.bind(1, e.kind).bind(2, e.started_ms).bind(3, e.finished_ms).bind(4, e.outcome).bind(5, e.pages);
  s.bind(6, e.records).bind(7, e.errors).bind(8, e.message).bind(9, e.status).bind(10, e.request_id);
  s.bind(11, e.api_calls);
  s.run();
}

std::vector<AuditRow> AuditLog::search(const AuditQuery& q) {
  // ?1 exact action, ?2 action prefix (LIKE with the prefix's own wildcards escaped), ?3 outcome,
  // ?4 since, ?5 cursor; NULL = no filter.
  auto s = db_.prepare(
      "SELECT id, kind, started_at_ms, finished_at_ms, outcome, pages, records, errors, message, status, request_id, "
      "api_calls FROM integration_log WHERE (CAST(?1 AS TEXT) IS NULL OR kind = ?1) "
      "AND (CAST(?2 AS TEXT) IS NULL OR kind LIKE ?2 ESCAPE '\\') AND (CAST(?3 AS TEXT) IS NULL OR outcome = ?3) "
      "AND (CAST(?4 AS BIGINT) IS NULL OR started_at_ms >= ?4) AND (CAST(?5 AS BIGINT) IS NULL OR id < ?5) ORDER BY id "
      "DESC LIMIT ?6");
  const bool prefix = q.action && !q.action->empty() && (q.action->back() == '.' || q.action->back() == ':');
  if (q.action && !prefix)
    s.bind(1, *q.action);
  else
    s.bind_null(1);
  if (prefix) {
    std::string like;
    for (char c : *q.action) {
      if (c == '%' || c == '_' || c == '\\') like += '\\';
      like += c;
    }
    s.bind(2, like + "%");
  } else {
    s.bind_null(2);
  }
  s.bind_optional(3, q.outcome).bind_optional(4, q.since_ms).bind_optional(5, q.before_id);
  s.bind(6, static_cast<std::int64_t>(q.limit) + 1);
  std::vector<AuditRow> out;
  while (s.step()) {
    LogEntry e{s.text(1),  s.int64(2), s.int64(3), s.text(4),  s.int64(5), s.int64(6),
               s.int64(7), s.text(8),  s.text(9),  s.text(10), s.int64(11)};
    out.push_back(AuditRow{s.int64(0), std::move(e)});
  }
  return out;
}

std::int64_t AuditLog::prune(std::int64_t before_ms) {
  auto s = db_.prepare("DELETE FROM integration_log WHERE started_at_ms < ?1");
  s.bind(1, before_ms);
  s.run();
  return db_.changes();
}

}  // namespace ocean::tiktok::store
