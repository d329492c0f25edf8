// While it lives, prints the sync events a plugin emits as they come: `invoke sync.run` returns
// only when the sync is over, and a 100,000-order sync should not look frozen until then. Events
// it printed are left out of the report printed afterwards.
#pragma once
#include <ostream>

#include "progress.hpp"
#include "runtime.hpp"

namespace erp_host {

class LiveProgress {
 public:
  // `terminal`: redraw one line with '\r' (a bar); otherwise one plain line per event.
  LiveProgress(HostRuntime& runtime, std::ostream& out, bool terminal);
  ~LiveProgress();  // stops listening and ends a line being redrawn
  LiveProgress(const LiveProgress&) = delete;
  LiveProgress& operator=(const LiveProgress&) = delete;

 private:
  HostRuntime& runtime_;
  ProgressDisplay display_;  // used by the listener only, which the runtime serialises
};

}  // namespace erp_host
