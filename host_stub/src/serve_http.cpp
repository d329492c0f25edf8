// The only translation unit of erp-host that includes Boost.Beast (see serve_http.hpp).
//
// Hostile clients (issue 15) meet four bounds here: a connection cap that drops the oldest
// connection still waiting for its request, a deadline for sending a complete request, a body
// limit judged before the body is read, and a budget for body bytes across all connections.
// When descriptors run out (EMFILE/ENFILE) accepting backs off instead of spinning.
#include "serve_http.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

namespace erp_host {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
class Connection;

// What every connection of one listener shares: the limits, the handler, the open connections
// in accept order (for the cap) and the body-byte budget.
struct Shared {
  ListenerLimits limits;
  HttpHandler handler;
  // Guards `open`. A connection's destructor never takes it: a weak_ptr locked under it may be
  // the last owner, and the destructor then runs right there.
  std::mutex mutex;
  std::list<std::weak_ptr<Connection>> open;  // expired entries are purged on each admit
  std::atomic<std::size_t> buffered{0};
  std::atomic<bool> stopping{false};  // set first by stop(): streaming answers end

  bool reserve(std::size_t bytes) {
    std::size_t now = buffered.load();
    do {
      if (now + bytes > limits.max_buffered_bytes) return false;
    } while (!buffered.compare_exchange_weak(now, now + bytes));
    return true;
  }
  void release(std::size_t bytes) { buffered -= bytes; }
  // Registers `c`; false when it must be turned away (cap reached, nobody to drop).
  bool admit(const std::shared_ptr<Connection>& c);
  // Under `mutex`: closes the oldest connection still waiting for a complete request; false
  // when there is none.
  bool drop_oldest_waiting();
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), shared_(std::move(shared)) {}
  ~Connection() { release(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void start() { read_header(); }
  // True while the peer owes us a complete request: such a connection may be dropped for a new one.
  bool waiting() const { return waiting_.load() && !dropping_.load(); }
  // From any thread: closes the connection on its own strand.
  void drop() {
    dropping_ = true;
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close(); });
  }

 private:
  void read_header() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->limits.max_header_bytes));
    parser_->body_limit(shared_->limits.max_body_bytes);
    waiting_ = true;
    stream_.expires_after(shared_->limits.request_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  void on_header(beast::error_code ec) {
    if (ec) return on_error(ec);
    // The budget is taken before any body byte is read: a chunked body may grow to the limit.
    const auto declared = parser_->content_length();
    if (!declared || *declared > shared_->limits.small_body_bytes) {
      const std::size_t bytes = declared.value_or(shared_->limits.max_body_bytes);
      if (!shared_->reserve(bytes))
        return answer({503, "too many uploads in progress; retry later\n", "text/plain", {{"Retry-After", "1"}}},
                      false);
      reserved_ = bytes;
    }
    if (parser_->is_done()) return on_body({});
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_body(e); });
  }

  void on_body(beast::error_code ec) {
    if (ec) return on_error(ec);
    waiting_ = false;
    auto& message = parser_->get();
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      request.headers.append(field.name_string().data(), field.name_string().size());
      request.headers += ": ";
      request.headers.append(field.value().data(), field.value().size());
      request.headers += "\r\n";
    }
    request.body = std::move(message.body());
    const bool keep_alive = message.keep_alive();
    HttpAnswer result;
    try {
      result = shared_->handler(request);
    } catch (const std::exception&) {
      result = {500, "internal error\n"};
    }
    request = {};
    release();
    answer(std::move(result), keep_alive);
  }

  void on_error(beast::error_code ec) {
    release();
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout)
      return close();
    if (ec == http::error::body_limit) return answer({413, "request body larger than the webhook limit\n"}, false);
    if (ec == http::error::header_limit) return answer({431, "header block too large\n"}, false);
    // A malformed request gets a 400 when a response can still be written; a reset peer none.
    if (ec.category() == http::make_error_code(http::error::bad_version).category())
      return answer({400, "malformed HTTP request\n"}, false);
    close();
  }

  void answer(HttpAnswer result, bool keep_alive) {
    if (result.stream) return stream_answer(std::move(result));
    waiting_ = false;
    auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(result.status), 11);
    response->set(http::field::server, "erp-host");
    if (!result.body.empty()) response->set(http::field::content_type, result.content_type);
    for (const auto& [name, value] : result.headers) response->set(name, value);
    response->body() = std::move(result.body);
    response->keep_alive(keep_alive);
    response->prepare_payload();
    stream_.expires_after(shared_->limits.request_timeout);  // a peer that never reads is dropped
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive || self->dropping_) return self->close();
                        self->read_header();
                      });
  }

  // Headers, then a chunk per stream() call, written synchronously on this thread (the answer is
  // long-lived by design: it holds one listener thread until it ends); the connection closes after.
  void stream_answer(HttpAnswer result) {
    waiting_ = false;
    http::response<http::empty_body> head(static_cast<http::status>(result.status), 11);
    head.set(http::field::server, "erp-host");
    head.set(http::field::content_type, result.content_type);
    for (const auto& [name, value] : result.headers) head.set(name, value);
    head.chunked(true);
    head.keep_alive(false);
    beast::error_code ec;
    http::response_serializer<http::empty_body> serializer(head);
    http::write_header(stream_.socket(), serializer, ec);
    std::string chunk;
    while (!ec && !shared_->stopping && !dropping_) {
      chunk.clear();
      const bool more = result.stream(chunk);
      if (!chunk.empty()) asio::write(stream_.socket(), http::make_chunk(asio::buffer(chunk)), ec);
      if (!more) break;
    }
    if (!ec) asio::write(stream_.socket(), http::make_chunk_last(), ec);
    close();
  }

  void release() {
    if (reserved_ == 0) return;
    shared_->release(reserved_);
    reserved_ = 0;
  }

  void close() {
    waiting_ = false;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  std::shared_ptr<Shared> shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::size_t reserved_ = 0;
  std::atomic<bool> waiting_{false};
  std::atomic<bool> dropping_{false};
};

bool Shared::drop_oldest_waiting() {
  for (const auto& weak : open)
    if (auto c = weak.lock(); c && c->waiting()) {
      c->drop();
      return true;
    }
  return false;
}

bool Shared::admit(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(mutex);
  open.remove_if([](const std::weak_ptr<Connection>& w) { return w.expired(); });
  if (open.size() >= limits.max_connections && !drop_oldest_waiting()) return false;
  open.push_back(c);
  return true;
}

bool out_of_descriptors(const beast::error_code& ec) {
  return ec.category() == boost::system::system_category() &&
         (ec.value() == EMFILE || ec.value() == ENFILE || ec.value() == ENOBUFS || ec.value() == ENOMEM);
}
}  // namespace

struct HttpListener::Impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::steady_timer backoff_timer{ioc};
  std::chrono::milliseconds backoff{0};
  std::shared_ptr<Shared> shared = std::make_shared<Shared>();
  std::vector<std::thread> threads;
  std::atomic<bool> stopped{false};
  tcp::endpoint bound;  // kept: the acceptor is closed after stop()

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (ec) return accept_failed(ec);
      backoff = std::chrono::milliseconds(0);
      auto connection = std::make_shared<Connection>(std::move(socket), shared);
      if (shared->admit(connection)) connection->start();
      accept();  // a refused connection closes as `connection` goes out of scope
    });
  }

  // The connection that could not be accepted stays queued, so accepting again at once fails at
  // once: that was a busy loop on both threads. Free a descriptor if one is held by a client that
  // owes us a request, and wait a little longer each time.
  void accept_failed(const beast::error_code& ec) {
    if (out_of_descriptors(ec)) {
      std::lock_guard lock(shared->mutex);
      shared->drop_oldest_waiting();
    }
    backoff = std::clamp(backoff * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
    backoff_timer.expires_after(backoff);
    backoff_timer.async_wait([this](beast::error_code e) {
      if (!e && acceptor.is_open()) accept();
    });
  }
};

HttpListener::HttpListener(const std::string& address, std::uint16_t port, const ListenerLimits& limits,
                           HttpHandler handler, unsigned threads)
    : impl_(std::make_unique<Impl>()) {
  impl_->shared->handler = std::move(handler);
  impl_->shared->limits = limits;
  impl_->shared->limits.max_connections = std::max<std::size_t>(limits.max_connections, 1);
  beast::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) throw std::runtime_error("'" + address + "' is not an IP address");
  const tcp::endpoint endpoint(ip, port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message());
  impl_->bound = impl_->acceptor.local_endpoint();
  impl_->accept();
  for (unsigned i = 0; i < (threads == 0 ? 1 : threads); ++i) impl_->threads.emplace_back([this] { impl_->ioc.run(); });
}

HttpListener::~HttpListener() { stop(); }

std::uint16_t HttpListener::port() const { return impl_->bound.port(); }

std::string HttpListener::address() const { return impl_->bound.address().to_string(); }

void HttpListener::stop() {
  if (impl_->stopped.exchange(true)) return;
  impl_->shared->stopping = true;
  asio::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->backoff_timer.cancel();
  });
  // A handler already inside the plugin finishes; everything else is abandoned.
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  // The threads are gone, so nothing else touches the acceptor: close it now rather than at
  // destruction, so the kernel stops queueing connections nobody will serve.
  beast::error_code ignored;
  impl_->acceptor.close(ignored);
}

}  // namespace erp_host
