// Shows a plugin's "sync.progress" / "sync.finished" events (event.v1): on a terminal one line
// per account that is redrawn in place with '\r' (a bar when the plugin knows the total), as
// plain lines otherwise. Each line says the time elapsed since the sync's first progress event and,
// when the total is known, an estimate of the time left. Off a terminal (logs, pipes) a sync
// prints at most one line a second (plus its last page), not one per page.
#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <ostream>
#include <string>

namespace erp_host {

// "orders [#######.............] 350/1000 records, 4 pages, 812/s" from a sync.progress data
// object; tolerant of missing or mistyped fields (they are left out, never guessed).
std::string progress_summary(const boost::json::value& data, bool with_bar);
// "finished: ok in 1.2 s" from a sync.finished data object.
std::string finished_summary(const boost::json::value& data);

// "12s", "3m05s", "1h02m".
std::string duration_text(std::chrono::seconds d);
// ", elapsed 12s, ETA 30s" (no ETA without a total, or before the first record).
std::string timing_text(const boost::json::value& data, std::chrono::steady_clock::duration elapsed);

class ProgressDisplay {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `clock` (for tests) defaults to the steady clock.
  ProgressDisplay(std::ostream& out, bool terminal, Clock clock = {});
  ~ProgressDisplay() { end_line(); }
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  // Shows `event` when it is a sync event and returns true; false (nothing printed) otherwise.
  bool show(const std::string& account, const boost::json::value& event);
  // Ends a line being redrawn, before anything else is printed.
  void end_line();

 private:
  struct Track {
    std::chrono::steady_clock::time_point started;
    std::chrono::steady_clock::time_point last_line{};
    bool printed = false;
  };
  static constexpr std::chrono::seconds kPlainLineEvery{1};

  std::ostream& out_;
  bool terminal_;
  Clock clock_;
  std::size_t open_width_ = 0;           // width of the line being redrawn; 0 when none
  std::map<std::string, Track> tracks_;  // "<account>/<kind>" of each sync under way
};

// True when `out` is the process's stdout and that is a terminal: only then are '\r' redraws
// welcome (logs and pipes get plain lines).
bool writes_to_terminal(const std::ostream& out);

// True when this is an event.v1 of type sync.progress or sync.finished.
bool is_sync_event(const boost::json::value& event);

}  // namespace erp_host
