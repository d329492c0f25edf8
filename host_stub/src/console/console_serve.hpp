// How `erp-host serve --console` plugs the console in: it wraps serve's request handler (the
// /console paths go to the console, the rest as before) and feeds the console every event the
// plugins emit. Destroyed before the accounts close, it removes its event listener first.
#pragma once

#include "console/console.hpp"

#include <memory>

namespace erp_host {

class ConsoleHook {
 public:
  // Throws HostError(config) when the console cannot run (no login token, no page files).
  explicit ConsoleHook(ConsoleDeps deps);
  ~ConsoleHook();
  ConsoleHook(const ConsoleHook&) = delete;
  ConsoleHook& operator=(const ConsoleHook&) = delete;

  HttpHandler wrap(HttpHandler inner);
  void listening(const std::string& url);

  // Listener threads serve needs: event streams hold one each while they are open.
  static constexpr unsigned kListenerThreads = 6;

 private:
  HostRuntime& runtime_;
  std::unique_ptr<Console> console_;
};

}  // namespace erp_host
