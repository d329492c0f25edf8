// Shows a plugin's "sync.progress" / "sync.finished" events (event.v1): on a terminal one line
// per account that is redrawn in place with '\r' (a bar when the plugin knows the total), as
// plain lines otherwise, so logs and pipes get one readable record per event.
#pragma once

#include <boost/json/value.hpp>

#include <ostream>
#include <string>

namespace erp_host {

// "orders [#######.............] 350/1000 records, 4 pages, 812/s" from a sync.progress data
// object; tolerant of missing or mistyped fields (they are left out, never guessed).
std::string progress_summary(const boost::json::value& data, bool with_bar);
// "finished: ok in 1.2 s" from a sync.finished data object.
std::string finished_summary(const boost::json::value& data);

class ProgressDisplay {
 public:
  ProgressDisplay(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}
  ~ProgressDisplay() { end_line(); }
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  // Shows `event` when it is a sync event and returns true; false (nothing printed) otherwise.
  bool show(const std::string& account, const boost::json::value& event);
  // Ends a line being redrawn, before anything else is printed.
  void end_line();

 private:
  std::ostream& out_;
  bool terminal_;
  std::size_t open_width_ = 0;  // width of the line being redrawn; 0 when none
};

// True when `out` is the process's stdout and that is a terminal: only then are '\r' redraws
// welcome (logs and pipes get plain lines).
bool writes_to_terminal(const std::ostream& out);

// True when this is an event.v1 of type sync.progress or sync.finished.
bool is_sync_event(const boost::json::value& event);

}  // namespace erp_host
