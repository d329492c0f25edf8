// The web console of `erp-host serve --console` (issue 18): an operator's page under /console/ on
// the serve listener, built on the same sessions and plugin capabilities as the command line.
// serve_command.cpp hands it every request; it answers the /console ones and leaves the rest.
#pragma once

#include "discovery.hpp"
#include "host_config.hpp"
#include "runtime.hpp"
#include "serve_http.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace erp_host {
class AccountSession;

struct ConsoleDeps {
  HostRuntime& runtime;
  const HostConfig& config;
  const Registry& registry;
  // The open session of an account, null when it was refused or is unknown.
  std::function<AccountSession*(const std::string& account_id)> session;
};

namespace console {
struct ConsoleState;
}

class Console {
 public:
  // Reads the login token (host secret "console_token") and the page's files; throws
  // HostError(config) when either is missing.
  explicit Console(ConsoleDeps deps);
  ~Console();  // waits for a running "Sync now"
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  // The URL serve listens on, "http://ADDR:PORT": requests must name it (or localhost) as Host.
  void set_listening(const std::string& url);
  // The answer to a /console request; nullopt for any other path.
  std::optional<HttpAnswer> handle(const HttpRequest& request);
  // Every event a plugin emits (the runtime's live listener): fed to the event streams.
  void on_event(std::string_view account, std::string_view json);

 private:
  std::unique_ptr<console::ConsoleState> state_;
};

}  // namespace erp_host
