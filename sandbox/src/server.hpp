// HTTP and HTTPS listeners on loopback (Boost.Beast, C++20 coroutines). The only Beast translation unit.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http_types.hpp"

namespace tts_sandbox {

using RequestHandler = std::function<Response(Request&)>;

struct ServerConfig {
  std::string bind_address = "127.0.0.1";
  std::uint16_t http_port = 0;   // 0: the OS picks
  std::uint16_t https_port = 0;  // 0: the OS picks
  std::string cert_file;         // server certificate chain (PEM)
  std::string key_file;          // server private key (PEM)
  int threads = 2;
  std::size_t body_limit = 32 * 1024 * 1024;
};

class Server {
 public:
  Server(ServerConfig config, RequestHandler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds both listeners; throws std::runtime_error on failure. Ports are known afterwards.
  void bind();
  std::uint16_t http_port() const;
  std::uint16_t https_port() const;
  // Serves until stop() or SIGINT/SIGTERM; returns after every worker thread has joined.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tts_sandbox
