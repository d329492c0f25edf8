// Routing and the guard in front of every console request: Host and Origin checks, the session
// cookie, and the CSRF token on everything that is not a GET.
#include "console/console.hpp"

#include "console/console_http.hpp"
#include "console/console_state.hpp"
#include "exit_codes.hpp"
#include "suggest.hpp"

#include <boost/json.hpp>

namespace erp_host {
namespace json = boost::json;
using namespace console;

namespace {
constexpr std::string_view kApi = "/console/api/";

bool is_read(const std::string& method) { return method == "GET" || method == "HEAD"; }

// Refuses requests for another Host (DNS rebinding), from another Origin, or that a browser marks
// cross-site; a state-changing request must say its Origin. Empty when the request may go on.
std::optional<HttpAnswer> origin_refusal(ConsoleState& s, const HttpRequest& req, bool api) {
  const auto host = header_value(req.headers, "Host");
  if (!host || !s.host_allowed(*host)) return error_answer(403, "this console is not served under that Host name");
  const auto origin = header_value(req.headers, "Origin");
  if (origin && *origin != "http://" + *host) return error_answer(403, "requests from another origin are refused");
  if (!origin && api && !is_read(req.method))
    return error_answer(403, "a state-changing request must carry an Origin header");
  const auto site = header_value(req.headers, "Sec-Fetch-Site");
  if (api && site && *site == "cross-site") return error_answer(403, "cross-site requests are refused");
  return std::nullopt;
}

HttpAnswer login_answer(ConsoleState& s, const HttpRequest& req) {
  if (req.method != "POST") return error_answer(405, "log in with POST");
  std::string error, field;
  const auto body = read_body(req.body, {"token"}, error, field);
  if (!body) return error_answer(400, error, field);
  const auto* token = body->if_contains("token");
  if (!token || !token->is_string()) return error_answer(400, "token: a string is required", "token");
  std::string session;
  switch (s.auth.login(token->get_string(), session)) {
    case ConsoleAuth::LoginResult::too_many_attempts: return error_answer(429, "too many failed logins; wait a minute");
    case ConsoleAuth::LoginResult::wrong_token: return error_answer(401, "wrong console token", "token");
    case ConsoleAuth::LoginResult::ok: break;
  }
  HttpAnswer a = json_answer(200, json::object{{"csrf", *s.auth.csrf_of(session)}});
  a.headers.emplace_back("Set-Cookie", ConsoleAuth::cookie(session));
  return a;
}

// /console/api/accounts/<id>/<action>[/<capability>]
HttpAnswer account_route(ConsoleState& s, const HttpRequest& req, std::string_view rest) {
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return error_answer(404, "no such console API");
  const std::string id(rest.substr(0, slash));
  const std::string action(rest.substr(slash + 1));
  if (action == "form" && is_read(req.method)) return form_answer(s, id);
  if (req.method != "POST") return error_answer(405, "use POST for " + action);
  if (action == "config") return save_config_answer(s, id, req.body);
  if (action == "authorize") return authorize_answer(s, id);
  if (action == "sync") return sync_answer(s, id, req.body);
  if (action.rfind("call/", 0) == 0) return call_answer(s, id, action.substr(5), req.body);
  return error_answer(404, "no console API accounts/<id>/" + action +
                               did_you_mean(action, {"form", "config", "authorize", "sync", "call"}));
}

HttpAnswer api_route(ConsoleState& s, const HttpRequest& req, const std::string& name) {
  if (name == "login") return login_answer(s, req);
  const std::string session = cookie_value(req.headers, kCookieName).value_or("");
  const auto csrf = s.auth.csrf_of(session);
  if (!csrf) return error_answer(401, "log in first");
  if (name == "session" && is_read(req.method)) return json_answer(200, json::object{{"csrf", *csrf}});
  if (!is_read(req.method) && !s.auth.csrf_matches(session, header_value(req.headers, kCsrfHeader).value_or("")))
    return error_answer(403, "missing or wrong CSRF token (X-CSRF-Token)");
  if (name == "logout" && req.method == "POST") {
    s.auth.logout(session);
    HttpAnswer a = json_answer(200, json::object{{"logged_out", true}});
    a.headers.emplace_back("Set-Cookie", ConsoleAuth::clearing_cookie());
    return a;
  }
  if (name == "plugins" && is_read(req.method)) return plugins_answer(s);
  if (name == "accounts" && is_read(req.method)) return accounts_answer(s);
  if (name == "events" && is_read(req.method)) return events_answer(s, req);
  if (name.rfind("accounts/", 0) == 0) return account_route(s, req, std::string_view(name).substr(9));
  return error_answer(404, "no console API " + name +
                               did_you_mean(name, {"login", "logout", "session", "plugins", "accounts", "events"}));
}
}  // namespace

Console::Console(ConsoleDeps deps) {
  const auto token = deps.runtime.secrets().lookup("console_token");
  if (!token || token->size() < 16)
    throw HostError(ExitCode::config,
                    "serve --console needs a login token of at least 16 characters: the host secret console_token "
                    "(OCEAN_SECRET_CONSOLE_TOKEN, or console_token in --secrets FILE)");
  deps.runtime.secrets().add_sensitive_value(*token);
  state_ = std::make_unique<ConsoleState>(std::move(deps), *token, find_console_dir());
}

Console::~Console() {
  state_->stopping = true;
  std::map<std::string, std::thread> workers;
  {
    std::lock_guard lock(state_->mutex);
    workers.swap(state_->sync_workers);
  }
  for (auto& [id, t] : workers)
    if (t.joinable()) t.join();
}

void Console::set_listening(const std::string& url) {
  const std::string host_port = url.substr(url.find("//") + 2);
  const std::string port = host_port.substr(host_port.rfind(':'));
  std::lock_guard lock(state_->hosts_mutex);
  state_->hosts = {host_port, "localhost" + port, "127.0.0.1" + port, "[::1]" + port};
}

void Console::on_event(std::string_view account, std::string_view json) {
  state_->events.push(account, state_->deps.runtime.secrets().redact(std::string(json)));
}

std::optional<HttpAnswer> Console::handle(const HttpRequest& req) {
  const std::string path = path_of(req.target);
  if (path != "/console" && path.rfind("/console/", 0) != 0) return std::nullopt;
  const bool api = path.rfind(kApi, 0) == 0;
  if (auto refused = origin_refusal(*state_, req, api)) return refused;
  if (api) return api_route(*state_, req, path.substr(kApi.size()));
  if (path == "/console/oauth/callback") return oauth_callback_answer(*state_, req.target);
  if (!is_read(req.method)) return error_answer(405, "the console's pages are read with GET");
  if (path == "/console") {
    HttpAnswer a(302, "");
    a.headers.emplace_back("Location", "/console/");
    return secured(a);
  }
  const std::string name = path == "/console/" ? "index.html" : path.substr(9);
  if (auto file = state_->files.get(name)) return file;
  return error_answer(404, "no console page " + name);
}

}  // namespace erp_host
