// What the API client saw on this thread since a mark: how many API calls went out and the last
// TikTok request id. The router marks before a capability call and the background paths before a
// run, and read what happened since for the integration log. Thread-local, so a webhook intake on
// another thread never mixes its calls into a capability's row; marks nest (a sync.run call and the
// sync:<kind> runs inside it each see their own calls).
#pragma once
#include <cstdint>
#include <string>

namespace ocean::tiktok::call_trace {

struct Mark {
  std::int64_t calls = 0;
};

struct Trace {
  std::string request_id;  // the last one TikTok answered with since the mark ("" when none)
  std::int64_t api_calls = 0;
};

Mark mark();
Trace since(const Mark& m);
// The API client's note: one call, with the request id TikTok gave it ("" when none).
void note_call(const std::string& request_id);

}  // namespace ocean::tiktok::call_trace
