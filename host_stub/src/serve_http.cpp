// The only translation unit of erp-host that includes Boost.Beast (see serve_http.hpp).
#include "serve_http.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
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
// A peer that sends nothing for this long is dropped, so idle sockets cannot pile up.
constexpr auto kIdleTimeout = std::chrono::seconds(120);
// Header blocks larger than this are refused (431) before any body is read.
constexpr std::size_t kHeaderLimit = 64 * 1024;

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(tcp::socket socket, std::size_t max_bytes, const HttpHandler& handler)
      : stream_(std::move(socket)), max_bytes_(max_bytes), handler_(handler) {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(kHeaderLimit));
    parser_->body_limit(max_bytes_);
    stream_.expires_after(kIdleTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout)
      return close();
    if (ec == http::error::body_limit) return answer({413, "request larger than the plugin payload limit\n"}, false);
    if (ec == http::error::header_limit) return answer({431, "header block too large\n"}, false);
    if (ec) {
      // A malformed request gets a 400 when a response can still be written; a reset peer none.
      if (ec.category() == http::make_error_code(http::error::bad_version).category())
        return answer({400, "malformed HTTP request\n"}, false);
      return close();
    }
    const auto& message = parser_->get();
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      request.headers.append(field.name_string().data(), field.name_string().size());
      request.headers += ": ";
      request.headers.append(field.value().data(), field.value().size());
      request.headers += "\r\n";
    }
    request.body = message.body();
    if (request.headers.size() + request.body.size() > max_bytes_)
      return answer({413, "request larger than the plugin payload limit\n"}, false);
    HttpAnswer result;
    try {
      result = handler_(request);
    } catch (const std::exception&) {
      result = {500, "internal error\n"};
    }
    answer(std::move(result), message.keep_alive());
  }

  void answer(HttpAnswer result, bool keep_alive) {
    auto response = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(result.status), 11);
    response->set(http::field::server, "erp-host");
    if (!result.body.empty()) response->set(http::field::content_type, result.content_type);
    for (const auto& [name, value] : result.headers) response->set(name, value);
    response->body() = std::move(result.body);
    response->keep_alive(keep_alive);
    response->prepare_payload();
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response, keep_alive](beast::error_code ec, std::size_t) {
                        if (ec || !keep_alive) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::size_t max_bytes_;
  const HttpHandler& handler_;
};
}  // namespace

struct HttpListener::Impl {
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  HttpHandler handler;
  std::size_t max_bytes = 0;
  std::vector<std::thread> threads;
  std::atomic<bool> stopped{false};
  tcp::endpoint bound;  // kept: the acceptor is closed after stop()

  void accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) std::make_shared<Connection>(std::move(socket), max_bytes, handler)->start();
      accept();
    });
  }
};

HttpListener::HttpListener(const std::string& address, std::uint16_t port, std::size_t max_request_bytes,
                           HttpHandler handler, unsigned threads)
    : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->max_bytes = max_request_bytes;
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
  asio::post(impl_->ioc, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
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
