#include "util/call_trace.hpp"

#include <algorithm>
#include <cstring>

namespace ocean::tiktok::call_trace {
namespace {
// Trivially destructible on purpose: a thread_local with a destructor in a dlopen'ed plugin pins
// the library in memory until the thread ends. TikTok's request ids are about 34 characters.
struct State {
  std::int64_t calls = 0;
  char last_id[96] = {};
  std::size_t last_id_size = 0;
  std::int64_t last_id_at = 0;  // `calls` when last_id was noted
};
// initial-exec for the reason in store/fence.cpp (LeakSanitizer and dynamic TLS in a dlopen'ed plugin).
[[gnu::tls_model("initial-exec")]] thread_local State state;
}  // namespace

Mark mark() { return Mark{state.calls}; }

Trace since(const Mark& m) {
  Trace t;
  t.api_calls = state.calls - m.calls;
  if (state.last_id_at > m.calls) t.request_id.assign(state.last_id, state.last_id_size);
  return t;
}

void note_call(const std::string& request_id) {
  ++state.calls;
  if (request_id.empty()) return;
  state.last_id_size = std::min(request_id.size(), sizeof state.last_id);
  std::memcpy(state.last_id, request_id.data(), state.last_id_size);
  state.last_id_at = state.calls;
}

}  // namespace ocean::tiktok::call_trace
