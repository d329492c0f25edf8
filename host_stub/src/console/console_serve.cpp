#include "console/console_serve.hpp"

namespace erp_host {

ConsoleHook::ConsoleHook(ConsoleDeps deps) : runtime_(deps.runtime), console_(std::make_unique<Console>(deps)) {
  // serve prints events from the runtime's collection; this listener only copies them (false:
  // it printed nothing).
  runtime_.set_live_listener([console = console_.get()](std::string_view account, std::string_view json) {
    console->on_event(account, json);
    return false;
  });
}

ConsoleHook::~ConsoleHook() { runtime_.set_live_listener({}); }

HttpHandler ConsoleHook::wrap(HttpHandler inner) {
  return [console = console_.get(), inner = std::move(inner)](const HttpRequest& req) -> HttpAnswer {
    if (auto answer = console->handle(req)) return std::move(*answer);
    return inner(req);
  };
}

void ConsoleHook::listening(const std::string& url) { console_->set_listening(url); }

}  // namespace erp_host
