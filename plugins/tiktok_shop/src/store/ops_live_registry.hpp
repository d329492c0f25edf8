// The host-wide LIVE calendar: one SQLite file shared by every TikTok Shop account of the host,
// so a session planned on one account can be checked against the others (a plugin instance only
// sees its own store). It lives in the module data dir the host gives init (erp-host:
// <data_dir>/.plugins/tiktok_shop/), or in the account's own directory when the host gives none
// (then only that account's sessions are checked). Every instance
// that plans a session reserves its window here first; the check and the insert happen in one
// BEGIN IMMEDIATE transaction, so two accounts (even in two processes) cannot both win.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/db.hpp"
#include "store/location.hpp"

namespace ocean::tiktok::store {

struct LiveWindow {
  std::string account_id;
  std::string session_id;
  std::string title;
  std::int64_t start_time = 0, end_time = 0;
};

class LiveRegistry {
 public:
  static constexpr const char* kFileName = "tiktok_shop_live_calendar.db";

  // Opens (creating) the calendar in `host_dir` (the module data dir).
  explicit LiveRegistry(const std::string& host_dir);
  // Opens (creating) the calendar where `where` says (the file, or schema ocean_host).
  explicit LiveRegistry(const Location& where);
  // Where the calendar of a host lives: the file in `host_dir`, or ocean_host on `pg`'s server.
  static Location location(const std::string& host_dir, const std::optional<PgLocation>& pg);

  // Reserves [start, end) for the session unless it overlaps another reserved window: always
  // for the same account (one LIVE room at a time), and for other accounts unless
  // `allow_other_accounts`. Returns the conflicting windows; empty = reserved.
  std::vector<LiveWindow> reserve(const LiveWindow& w, bool allow_other_accounts, std::int64_t now_ms);
  void release(std::string_view account_id, std::string_view session_id);
  std::vector<LiveWindow> overlapping(std::int64_t start, std::int64_t end);
  const std::string& path() { return db().path(); }

 private:
  // Connected (and the table created) on first use: most accounts never plan a LIVE session.
  db::Database& db();

  Location where_;
  std::unique_ptr<db::Database> db_;
};

}  // namespace ocean::tiktok::store
