// Moves WAL checkpoints off a connection that is about to write a lot (a sync), onto a thread
// of their own with their own connection, for as long as this object lives.
//
// Why: with synchronous=NORMAL a checkpoint copies the WAL into the database file and fsyncs
// both. Done inline (SQLite's default, every 1,000 WAL pages) that stalls the writer for the
// copy and the disk flush on every few pages of orders; measured, it was half the writer's time.
// A PASSIVE checkpoint on another connection runs beside the writer instead. Durability and
// crash safety are those of WAL mode either way: committed transactions are in the WAL.
//
// The WAL cannot restart while a writer keeps appending behind a passive checkpoint, so once it
// passes `restart_pages` the writer waits, right after its commit, for one RESTART checkpoint
// (the copy finishes and its next transaction starts the file over). That keeps the WAL bounded
// for a sync of any size, and slows the writer only when the copying falls behind.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite_db.hpp"

namespace ocean::tiktok::sqlite {

class BackgroundCheckpoint {
 public:
  static constexpr int kDefaultAutocheckpointPages = 1000;  // SQLite's own default

  // `writer` must outlive this object; `path` is the file it has open.
  BackgroundCheckpoint(Database& writer, int checkpoint_pages = 8000, int restart_pages = 32000);
  // Stops the thread after one last checkpoint and gives `writer` back its inline checkpoints.
  ~BackgroundCheckpoint();
  BackgroundCheckpoint(const BackgroundCheckpoint&) = delete;
  BackgroundCheckpoint& operator=(const BackgroundCheckpoint&) = delete;

  std::int64_t checkpoints() const;

 private:
  static int on_commit(void* self, sqlite3* db, const char* schema, int wal_pages);
  void loop();

  Database& writer_;
  Database own_;
  const int checkpoint_pages_;
  const int restart_pages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;       // the thread: there is something to copy
  std::condition_variable restarted_;  // a writer held back: the RESTART it waits for is done
  int wal_pages_ = 0;                  // frames in the WAL as of the writer's last commit
  int backfilled_ = 0;                 // of those, already copied into the database file
  bool stop_ = false;
  std::int64_t checkpoints_ = 0;
  std::int64_t restarts_ = 0;
  std::thread thread_;
};

}  // namespace ocean::tiktok::sqlite
