// Connect & Authorize: the page asks for the seller authorization URL (account.authorize_url)
// and opens it; the marketplace's consent page sends the browser back to /console/oauth/callback
// with ?code=&state=, where account.connect completes the connection. The callback arrives from
// another site, so the SameSite=Strict cookie is not sent with it: it is authenticated by the
// OAuth state instead, which the console handed out to a logged-in session moments before (single
// use, 10 minutes) and which the plugin checks again.
#include "console/console_http.hpp"
#include "console/console_state.hpp"

#include <boost/json.hpp>

namespace erp_host::console {
namespace json = boost::json;

namespace {
constexpr auto kStateLife = std::chrono::minutes(10);

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// A small page with no script (the CSP allows none inline): it says what happened and goes back
// to the accounts page.
HttpAnswer callback_page(int status, const std::string& title, const std::string& detail) {
  const std::string body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                           html_escape(title) +
                           "</title><meta http-equiv=\"refresh\" content=\"2;url=/console/#accounts\">"
                           "<link rel=\"stylesheet\" href=\"/console/console.css\"></head><body><main "
                           "class=\"callback\"><h1 id=\"result\">" +
                           html_escape(title) + "</h1><p>" + html_escape(detail) +
                           "</p><p><a href=\"/console/#accounts\">Back to the accounts</a></p></main></body></html>";
  HttpAnswer a(status, body, "text/html; charset=utf-8");
  return secured(a);
}

std::optional<std::string> take_state(ConsoleState& s, const std::string& state) {
  std::lock_guard lock(s.mutex);
  const auto now = std::chrono::steady_clock::now();
  for (auto it = s.oauth.begin(); it != s.oauth.end();)
    it = it->second.expires < now ? s.oauth.erase(it) : std::next(it);
  const auto it = s.oauth.find(state);
  if (it == s.oauth.end()) return std::nullopt;
  std::string account = it->second.account;
  s.oauth.erase(it);
  return account;
}

// The "state" parameter of the authorization URL.
std::string state_of(const std::string& url) {
  const auto params = query_params(url);
  const auto it = params.find("state");
  return it == params.end() ? std::string() : it->second;
}
}  // namespace

HttpAnswer authorize_answer(ConsoleState& s, const std::string& account) {
  int status = 0;
  json::value answer = invoke_json(s, account, "account.authorize_url", "{}", status);
  const auto* url = status == 200 && answer.is_object() ? answer.get_object().if_contains("url") : nullptr;
  if (!url || !url->is_string()) return json_answer(status == 200 ? 502 : status, answer);
  const std::string state = state_of(std::string(url->get_string()));
  if (state.empty()) return error_answer(502, "the authorization URL carries no state");
  {
    std::lock_guard lock(s.mutex);
    s.oauth[state] = PendingAuthorization{account, std::chrono::steady_clock::now() + kStateLife};
  }
  return json_answer(200, json::object{{"url", *url}});
}

HttpAnswer oauth_callback_answer(ConsoleState& s, const std::string& target) {
  auto params = query_params(target);
  const auto account = take_state(s, params["state"]);
  if (!account)
    return callback_page(403, "Authorization not accepted",
                         "This callback's state was not handed out by this console (or it was used or expired). "
                         "Start again with Connect & Authorize.");
  if (!params["error"].empty())
    return callback_page(400, "Authorization refused", "The seller did not authorize: " + params["error"]);
  const json::object request{{"code", params["code"]}, {"state", params["state"]}};
  int status = 0;
  const json::value answer = invoke_json(s, *account, "account.connect", json::serialize(request), status);
  if (status != 200) {
    const auto* e = answer.is_object() ? answer.get_object().if_contains("error") : nullptr;
    const auto* m = e && e->is_object() ? e->get_object().if_contains("message") : nullptr;
    return callback_page(400, "Connecting " + *account + " failed",
                         m && m->is_string() ? std::string(m->get_string()) : "account.connect failed");
  }
  std::string shop;
  if (const auto* o = answer.if_object())
    if (const auto* sh = o->if_contains("shop"); sh && sh->is_object())
      if (const auto* name = sh->get_object().if_contains("name"); name && name->is_string())
        shop = std::string(name->get_string());
  return callback_page(200, "Connected " + *account, shop.empty() ? "The shop is connected." : "Shop: " + shop);
}

}  // namespace erp_host::console
