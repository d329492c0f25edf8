// Beast glue: accepts connections, reads HTTP/1.1 requests with keep-alive, hands a plain Request to the
// handler and writes its Response. Fault injection that needs the socket (delay, drop) lives here.
#include "server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tts_sandbox {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

struct Server::Impl {
  ServerConfig config;
  RequestHandler handler;
  asio::io_context ioc;
  ssl::context tls{ssl::context::tls_server};
  tcp::acceptor http_acceptor{ioc};
  tcp::acceptor https_acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};

  Impl(ServerConfig c, RequestHandler h) : config(std::move(c)), handler(std::move(h)) {}

  static Request to_request(const http::request<http::string_body>& in, bool tls_flag) {
    Request r;
    r.method = std::string(in.method_string());
    const std::string_view target = in.target();
    const auto q = target.find('?');
    r.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) r.raw_query = std::string(target.substr(q + 1));
    r.query = ocean::url::parse_query(r.raw_query);
    for (const auto& field : in) {
      std::string name(field.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers.emplace(std::move(name), std::string(field.value()));
    }
    r.body = in.body();
    r.tls = tls_flag;
    return r;
  }

  template <class Stream>
  awaitable<void> serve(Stream& stream, bool tls_flag) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.body_limit(config.body_limit);
      auto [ec, n] = co_await http::async_read(stream, buffer, parser, asio::as_tuple(use_awaitable));
      (void)n;
      if (ec) co_return;  // closed, malformed or too large: nothing sensible to answer
      const auto& req = parser.get();
      Request request = to_request(req, tls_flag);
      Response out;
      try {
        out = handler(request);
      } catch (...) {
        // Handlers report API errors themselves; anything escaping is a sandbox bug, answered like the
        // platform's internal error instead of taking the whole process down.
        out = Response{};
        out.status = 500;
        out.body = R"({"code":36009003,"message":"Internal error. Please try again.","request_id":"","data":null})";
      }
      if (out.delay_ms > 0) {
        asio::steady_timer timer(co_await asio::this_coro::executor);
        timer.expires_after(std::chrono::milliseconds(out.delay_ms));
        co_await timer.async_wait(asio::as_tuple(use_awaitable));
      }
      if (out.drop_connection) co_return;
      http::response<http::string_body> res{static_cast<http::status>(out.status), req.version()};
      res.set(http::field::server, "tts-sandbox");
      if (!out.content_type.empty()) res.set(http::field::content_type, out.content_type);
      for (const auto& [k, v] : out.headers) res.set(k, v);
      res.keep_alive(req.keep_alive());
      res.body() = std::move(out.body);
      res.prepare_payload();
      auto [wec, wn] = co_await http::async_write(stream, res, asio::as_tuple(use_awaitable));
      (void)wn;
      if (wec || !res.keep_alive()) co_return;
    }
  }

  awaitable<void> plain_session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    co_await serve(stream, false);
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  awaitable<void> tls_session(tcp::socket socket) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), tls);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, asio::as_tuple(use_awaitable));
    if (ec) co_return;
    co_await serve(stream, true);
    // A polite TLS close; the peer may already be gone, so errors are ignored.
    co_await stream.async_shutdown(asio::as_tuple(use_awaitable));
  }

  awaitable<void> accept_loop(tcp::acceptor& acceptor, bool tls_flag) {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(use_awaitable));
      if (ec) {
        if (!acceptor.is_open()) co_return;
        continue;
      }
      socket.set_option(tcp::no_delay(true), ec);
      if (tls_flag) {
        asio::co_spawn(ioc, tls_session(std::move(socket)), asio::detached);
      } else {
        asio::co_spawn(ioc, plain_session(std::move(socket)), asio::detached);
      }
    }
  }

  void open(tcp::acceptor& acceptor, std::uint16_t port) {
    const tcp::endpoint ep(asio::ip::make_address(config.bind_address), port);
    acceptor.open(ep.protocol());
    acceptor.set_option(asio::socket_base::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen(asio::socket_base::max_listen_connections);
  }
};

Server::Server(ServerConfig config, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler))) {}

Server::~Server() = default;

void Server::bind() {
  try {
    impl_->tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                           ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    impl_->tls.use_certificate_chain_file(impl_->config.cert_file);
    impl_->tls.use_private_key_file(impl_->config.key_file, ssl::context::pem);
    impl_->open(impl_->http_acceptor, impl_->config.http_port);
    impl_->open(impl_->https_acceptor, impl_->config.https_port);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot start listeners: ") + e.what());
  }
}

std::uint16_t Server::http_port() const { return impl_->http_acceptor.local_endpoint().port(); }
std::uint16_t Server::https_port() const { return impl_->https_acceptor.local_endpoint().port(); }

void Server::run() {
  auto& im = *impl_;
  asio::co_spawn(im.ioc, im.accept_loop(im.http_acceptor, false), asio::detached);
  asio::co_spawn(im.ioc, im.accept_loop(im.https_acceptor, true), asio::detached);
  im.signals.async_wait([this](const boost::system::error_code& ec, int) {
    if (!ec) stop();
  });
  const int n = im.config.threads < 1 ? 1 : im.config.threads;
  std::vector<std::thread> workers;
  for (int i = 1; i < n; ++i) workers.emplace_back([&im] { im.ioc.run(); });
  im.ioc.run();
  for (auto& t : workers) t.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] {
    beast::error_code ec;
    impl_->http_acceptor.close(ec);
    impl_->https_acceptor.close(ec);
    impl_->signals.cancel(ec);
    impl_->ioc.stop();
  });
}

}  // namespace tts_sandbox
