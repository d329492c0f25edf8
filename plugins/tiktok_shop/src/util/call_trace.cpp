#include "util/call_trace.hpp"

namespace ocean::tiktok::call_trace {
namespace {
struct State {
  std::int64_t calls = 0;
  std::string last_id;
  std::int64_t last_id_at = 0;  // `calls` when last_id was noted
};
thread_local State state;
}  // namespace

Mark mark() { return Mark{state.calls}; }

Trace since(const Mark& m) {
  Trace t;
  t.api_calls = state.calls - m.calls;
  if (state.last_id_at > m.calls) t.request_id = state.last_id;
  return t;
}

void note_call(const std::string& request_id) {
  ++state.calls;
  if (!request_id.empty()) {
    state.last_id = request_id;
    state.last_id_at = state.calls;
  }
}

}  // namespace ocean::tiktok::call_trace
