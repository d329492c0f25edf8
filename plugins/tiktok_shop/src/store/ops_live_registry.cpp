#include "store/ops_live_registry.hpp"

#include <filesystem>

#include "store/open.hpp"
#include "store/pg_dialect.hpp"

namespace ocean::tiktok::store {

namespace {
constexpr const char* kCalendarDdl = R"sql(
CREATE TABLE IF NOT EXISTS live_windows (
  account_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  title TEXT NOT NULL,
  start_time INTEGER NOT NULL,     -- Unix seconds, [start, end)
  end_time INTEGER NOT NULL,
  reserved_at_ms INTEGER NOT NULL,
  PRIMARY KEY (account_id, session_id)
);
CREATE INDEX IF NOT EXISTS live_windows_by_time ON live_windows (start_time, end_time);
)sql";
}  // namespace

LiveRegistry::LiveRegistry(const std::string& host_dir) : LiveRegistry(location(host_dir, std::nullopt)) {}

LiveRegistry::LiveRegistry(const Location& where) : where_(where) {}

db::Database& LiveRegistry::db() {
  if (db_) return *db_;
  auto opened = open_database(where_);
  {
    // Under the migration lock: nodes starting together must not both create the table.
    const auto lock = opened->migration_lock();
    opened->exec(opened->dialect() == db::Dialect::sqlite ? std::string(kCalendarDdl)
                                                          : pgsql::ddl_from_sqlite(kCalendarDdl));
  }
  db_ = std::move(opened);
  return *db_;
}

Location LiveRegistry::location(const std::string& host_dir, const std::optional<PgLocation>& pg) {
  if (pg) return Location{"", PgLocation{pg->conninfo, kHostSchema}};
  return Location::sqlite_file((std::filesystem::path(host_dir) / kFileName).string());
}

namespace {
std::vector<LiveWindow> read_windows(db::Statement& st) {
  std::vector<LiveWindow> out;
  while (st.step()) out.push_back(LiveWindow{st.text(0), st.text(1), st.text(2), st.int64(3), st.int64(4)});
  return out;
}
constexpr const char* kOverlapSql =
    "SELECT account_id, session_id, title, start_time, end_time FROM live_windows"
    " WHERE start_time < ?2 AND end_time > ?1 ORDER BY start_time, account_id, session_id";
}  // namespace

std::vector<LiveWindow> LiveRegistry::reserve(const LiveWindow& w, bool allow_other_accounts, std::int64_t now_ms) {
  std::vector<LiveWindow> conflicts;
  db().transaction([&] {
    auto st = db().prepare(kOverlapSql);
    st.bind(1, w.start_time).bind(2, w.end_time);
    for (auto& o : read_windows(st)) {
      if (o.account_id == w.account_id || !allow_other_accounts) conflicts.push_back(std::move(o));
    }
    if (!conflicts.empty()) return;
    auto ins = db().prepare(
        "INSERT INTO live_windows (account_id, session_id, title, start_time, end_time, reserved_at_ms)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    ins.bind(1, w.account_id).bind(2, w.session_id).bind(3, w.title).bind(4, w.start_time).bind(5, w.end_time);
    ins.bind(6, now_ms);
    ins.run();
  });
  return conflicts;
}

void LiveRegistry::release(std::string_view account_id, std::string_view session_id) {
  auto st = db().prepare("DELETE FROM live_windows WHERE account_id = ?1 AND session_id = ?2");
  st.bind(1, account_id).bind(2, session_id);
  st.run();
}

std::vector<LiveWindow> LiveRegistry::overlapping(std::int64_t start, std::int64_t end) {
  auto st = db().prepare(kOverlapSql);
  st.bind(1, start).bind(2, end);
  return read_windows(st);
}

}  // namespace ocean::tiktok::store
