// "Sync now" and the live event stream. A sync runs on a worker thread of its own (one per
// account at a time), so the request that starts it answers at once; its sync.progress and
// sync.finished events reach the page as server-sent events from GET /console/api/events, a
// bounded long-lived answer (kStreamLife; EventSource reconnects with Last-Event-ID).
#include "console/console_http.hpp"
#include "console/console_state.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace erp_host::console {
namespace json = boost::json;

namespace {
constexpr auto kStreamLife = std::chrono::seconds(60);
constexpr auto kPoll = std::chrono::milliseconds(500);
constexpr auto kKeepAlive = std::chrono::seconds(10);
constexpr int kMaxStreams = 4;
std::atomic<int> open_streams{0};

std::uint64_t last_event_id(const HttpRequest& req, std::uint64_t current) {
  const auto sent = header_value(req.headers, "Last-Event-ID");
  std::uint64_t id = 0;
  if (!sent || std::from_chars(sent->data(), sent->data() + sent->size(), id).ec != std::errc() || id > current)
    return current;
  return id;
}

void run_sync(ConsoleState* s, std::string account, std::string request) {
  int status = 0;
  const json::value answer = invoke_json(*s, account, "sync.run", request, status);
  if (status != 200) {
    const json::object failed{{"type", "sync.failed"}, {"data", answer}};
    s->events.push(account, json::serialize(failed));
  }
  std::lock_guard lock(s->mutex);
  s->syncing.erase(account);
}
}  // namespace

HttpAnswer sync_answer(ConsoleState& s, const std::string& account, const std::string& body) {
  std::string error, field;
  const auto request = read_body(body, {"kinds", "full"}, error, field);
  if (!request) return error_answer(400, error, field);
  if (const auto* k = request->if_contains("kinds"); k && !k->is_array())
    return error_answer(400, "kinds: must be an array of kind names", "kinds");
  if (!s.deps.session(account)) return error_answer(404, "account " + account + " is not open");
  std::lock_guard lock(s.mutex);
  if (s.stopping) return error_answer(503, "the host is stopping");
  if (s.syncing.count(account)) return error_answer(409, "a sync of " + account + " is already running");
  if (auto old = s.sync_workers.find(account); old != s.sync_workers.end()) {
    old->second.join();  // it finished: `syncing` no longer names the account
    s.sync_workers.erase(old);
  }
  s.syncing.insert(account);
  s.sync_workers.emplace(account, std::thread(run_sync, &s, account, json::serialize(*request)));
  return json_answer(202, json::object{{"started", true}, {"account", account}});
}

HttpAnswer events_answer(ConsoleState& s, const HttpRequest& req) {
  if (open_streams.fetch_add(1) >= kMaxStreams) {
    --open_streams;
    return error_answer(503, "too many open event streams");
  }
  // Lives as long as the answer: the slot is given back however the stream ends.
  struct Stream {
    std::uint64_t seq = 0;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_sent{};
    bool first = true;
    ~Stream() { --open_streams; }
  };
  auto st = std::make_shared<Stream>();
  st->seq = last_event_id(req, s.events.last_seq());
  HttpAnswer a(200, "", "text/event-stream");
  secured(a);
  a.stream = [&s, st](std::string& chunk) {
    if (st->first) chunk = "retry: 1000\n\n";  // EventSource reconnects after a second
    st->first = false;
    for (const auto& e : s.events.after(st->seq, kPoll)) {
      chunk += sse_frame(e);
      st->seq = e.seq;
    }
    const auto now = std::chrono::steady_clock::now();
    if (chunk.empty() && now - st->last_sent > kKeepAlive) chunk = ": keep-alive\n\n";
    if (!chunk.empty()) st->last_sent = now;
    return now - st->start < kStreamLife && !s.stopping;
  };
  return a;
}

}  // namespace erp_host::console
