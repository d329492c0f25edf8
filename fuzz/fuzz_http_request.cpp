// erp-host serve's HTTP intake on arbitrary bytes: each input is sent on a fresh loopback
// connection to the real listener (with its limits), the write side is closed, and whatever
// comes back is read to the end. The handler answers like a webhook route would.
#include "serve_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace {
erp_host::HttpListener& listener() {
  static erp_host::HttpListener* instance = [] {
    erp_host::ListenerLimits limits;
    limits.request_timeout = std::chrono::milliseconds(2000);
    limits.max_body_bytes = 64 * 1024;
    limits.small_body_bytes = 1024;
    limits.max_buffered_bytes = 256 * 1024;
    return new erp_host::HttpListener("127.0.0.1", 0, limits, [](const erp_host::HttpRequest& r) {
      if (r.target.rfind("/webhooks/", 0) != 0) return erp_host::HttpAnswer{404, "no such route\n"};
      return erp_host::HttpAnswer{r.body.size() % 2 ? 400 : 200, ""};
    });
  }();
  return *instance;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) std::abort();
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(listener().port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) std::abort();
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  for (std::size_t done = 0; done < size;) {
    const ssize_t n = send(fd, data + done, size - done, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may refuse early (413, 431) and stop reading
    done += static_cast<std::size_t>(n);
  }
  shutdown(fd, SHUT_WR);
  char buffer[4096];
  while (recv(fd, buffer, sizeof buffer, 0) > 0) {
  }
  close(fd);
  return 0;
}
