// A small HTTP/1.1 listener for `erp-host serve`. Beast stays inside serve_http.cpp (it compiles
// slowly); callers see plain strings. Every request is answered by one handler call, on one of
// the listener's own threads, so a slow plugin call never holds up the host's tick loop.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace erp_host {

struct HttpRequest {
  std::string method;   // "POST"
  std::string target;   // "/webhooks/shop-us?x=1", as sent
  std::string headers;  // "Name: value\r\n" per field, in arrival order
  std::string body;     // the exact bytes received (chunked transfer decoded)
};

struct HttpAnswer {
  HttpAnswer() = default;
  HttpAnswer(int status_code, std::string text, std::string type = "text/plain",
             std::vector<std::pair<std::string, std::string>> fields = {})
      : status(status_code), body(std::move(text)), content_type(std::move(type)), headers(std::move(fields)) {}
  int status = 200;
  std::string body;  // empty for most answers
  std::string content_type = "text/plain";
  std::vector<std::pair<std::string, std::string>> headers;  // extra fields, e.g. Allow
  // A long-lived answer (server-sent events): when set, `body` is ignored and the answer is sent
  // chunked, one chunk per call, until `stream` returns false, the peer goes away or the listener
  // stops. Each call runs on the connection's listener thread and should return within a second
  // (an empty chunk is fine), so a stopping listener is not held up.
  std::function<bool(std::string& chunk)> stream;
};

using HttpHandler = std::function<HttpAnswer(const HttpRequest&)>;

// What one listener allows hostile or unlucky clients. The defaults are documented in
// host_stub/README.md (serve); --max-connections changes the first.
struct ListenerLimits {
  // Open connections. A new one beyond this drops the oldest connection that has not sent a
  // complete request (an idle or slow client); when every connection is inside the plugin the
  // new one is closed at once.
  std::size_t max_connections = 256;
  // One request's body: TikTok's webhook payloads are a few KB, so 1 MiB is far above them and
  // far below OCEAN_MAX_PAYLOAD_BYTES (16 MiB). Larger: 413, judged from Content-Length before
  // the body is read (chunked bodies: when the limit is passed).
  std::size_t max_body_bytes = 1024 * 1024;
  // Body bytes reserved across every connection at once (Content-Length, or max_body_bytes for
  // a chunked body). A request that does not fit is answered 503 with Retry-After.
  std::size_t max_buffered_bytes = 16 * 1024 * 1024;
  // Bodies declared this small never wait on that budget, so a flood of large uploads cannot
  // starve real webhooks; max_connections bounds what they hold.
  std::size_t small_body_bytes = 64 * 1024;
  // Header block; larger: 431.
  std::size_t max_header_bytes = 64 * 1024;
  // Time to send a complete request (headers and body), from the connection or the previous
  // answer; a connection that has not is closed. Also the time allowed to take an answer.
  std::chrono::milliseconds request_timeout{10000};
};

class HttpListener {
 public:
  // Binds ADDR:PORT (port 0: the OS picks) and serves on `threads` threads. Throws
  // std::runtime_error when the address cannot be bound.
  HttpListener(const std::string& address, std::uint16_t port, const ListenerLimits& limits, HttpHandler handler,
               unsigned threads = 2);
  ~HttpListener();  // stop()
  HttpListener(const HttpListener&) = delete;
  HttpListener& operator=(const HttpListener&) = delete;

  std::uint16_t port() const;
  std::string address() const;
  // Stops accepting, closes connections, joins the threads. Requests in the handler finish first.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace erp_host
