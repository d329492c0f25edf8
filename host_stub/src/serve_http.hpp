// A small HTTP/1.1 listener for `erp-host serve`. Beast stays inside serve_http.cpp (it compiles
// slowly); callers see plain strings. Every request is answered by one handler call, on one of
// the listener's own threads, so a slow plugin call never holds up the host's tick loop.
#pragma once

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
};

using HttpHandler = std::function<HttpAnswer(const HttpRequest&)>;

class HttpListener {
 public:
  // Binds ADDR:PORT (port 0: the OS picks) and serves on `threads` threads. Requests whose
  // header block plus body would exceed `max_request_bytes` are answered 413 without calling
  // the handler. Throws std::runtime_error when the address cannot be bound.
  HttpListener(const std::string& address, std::uint16_t port, std::size_t max_request_bytes, HttpHandler handler,
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
