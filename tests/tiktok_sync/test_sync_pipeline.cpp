// The two pieces that let a sync's reading and writing run side by side: ReadAhead (pages
// fetched on their own thread, in order, bounded, failures handed over after the pages before
// them) and BackgroundCheckpoint (the WAL copied into the database file off the writer's thread,
// and bounded in size).
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include "store/background_checkpoint.hpp"
#include "store/sqlite_db.hpp"
#include "mirror/read_ahead.hpp"
#include "test_dirs.hpp"

using namespace ocean::tiktok;

namespace {

struct FakePage {
  int number = 0;
  std::string next_page_token;
};

// Pages "1".."n": token k returns page k whose next token is k+1, or "" after the last.
auto numbered_pages(int n, std::atomic<int>& fetched, int fail_at = 0) {
  return [n, &fetched, fail_at](const std::string& token) {
    const int k = std::stoi(token);
    if (k == fail_at) throw std::runtime_error("page " + token + " could not be fetched");
    ++fetched;
    return FakePage{k, k < n ? std::to_string(k + 1) : ""};
  };
}

std::int64_t file_size(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<std::int64_t>(n);
}

}  // namespace

TEST_CASE("ReadAhead hands out every page once, in order, and stops after the last") {
  std::atomic<int> fetched{0};
  mirror::ReadAhead<FakePage> ahead(numbered_pages(25, fetched), "1", 3);
  for (int k = 1; k <= 25; ++k) {
    const FakePage p = ahead.next();
    REQUIRE(p.number == k);
  }
  CHECK(fetched == 25);
  CHECK_THROWS_AS(ahead.next(), std::logic_error);  // asking past the end is a bug, not a hang
}

TEST_CASE("ReadAhead stays at most `depth` pages ahead of its consumer") {
  std::atomic<int> fetched{0};
  mirror::ReadAhead<FakePage> ahead(numbered_pages(100, fetched), "1", 4);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (fetched < 5 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // room to overrun, if it would
  CHECK(fetched == 5);  // four waiting in the queue, the fifth fetched and held until there is room
  CHECK(ahead.ready());
  CHECK(ahead.next().number == 1);
  // Destroying it with pages unread stops the thread (the test would hang otherwise).
}

TEST_CASE("ReadAhead passes on a fetch failure after the pages fetched before it") {
  std::atomic<int> fetched{0};
  mirror::ReadAhead<FakePage> ahead(numbered_pages(10, fetched, 4), "1", 8);
  CHECK(ahead.next().number == 1);
  CHECK(ahead.next().number == 2);
  CHECK(ahead.next().number == 3);
  CHECK_THROWS_WITH(ahead.next(), "page 4 could not be fetched");
}

TEST_CASE("BackgroundCheckpoint copies the WAL off the writer's thread and keeps it bounded") {
  TempDir dir("bg-checkpoint");
  const std::string path = (dir.path() / "t.db").string();
  sqlite::Database db(path);
  db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  const std::string body(3000, 'x');
  std::int64_t largest_wal = 0;
  std::int64_t checkpoints = 0;
  {
    // Small thresholds so the test writes little: checkpoint every 64 WAL pages, restart at 256.
    sqlite::BackgroundCheckpoint bg(db, 64, 256);
    auto insert = db.prepare("INSERT INTO t (body) VALUES (?1)");
    for (int txn = 0; txn < 200; ++txn) {
      db.transaction([&] {
        for (int i = 0; i < 10; ++i) {
          insert.reset();
          insert.bind(1, body);
          insert.run();
        }
      });
      largest_wal = std::max(largest_wal, file_size(path + "-wal"));
    }
    checkpoints = bg.checkpoints();
  }
  CHECK(checkpoints > 0);
  // 2,000 rows of 3 kB went through (~6 MB); without restarts the WAL would hold all of it.
  CHECK(largest_wal < 4 * 1024 * 1024);
  {
    auto count = db.prepare("SELECT COUNT(*) FROM t");
    REQUIRE(count.step());
    CHECK(count.int64(0) == 2000);
  }

  // Afterwards the writer checkpoints inline again, as SQLite does by default.
  int log = -1;
  int copied = -1;
  REQUIRE(sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied) == SQLITE_OK);
  CHECK(log == copied);
}
