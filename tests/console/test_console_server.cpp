// The console's server side through erp-host serve --console (a real process, real HTTP): login,
// cookie flags, CSRF, Origin and Host checks, the security headers, request bodies refused naming
// the field, the rendered dialog's data without secrets, OAuth callback, Sync now as server-sent
// events, and no secret in any answer.
#include <catch2/catch.hpp>

#include "console_host.hpp"

#include <cctype>
#include <set>
#include <thread>

using namespace console_test;

namespace {
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

json::object body_of(const HttpResponse& r) { return json::parse(r.body).as_object(); }

// An inline event handler attribute: " on<letters>=" (onclick=, onload=, ...).
bool has_inline_handler(const std::string& html) {
  for (auto at = html.find(" on"); at != std::string::npos; at = html.find(" on", at + 1)) {
    auto end = at + 3;
    while (end < html.size() && std::isalpha(static_cast<unsigned char>(html[end]))) ++end;
    if (end > at + 3 && end < html.size() && html[end] == '=') return true;
  }
  return false;
}
}  // namespace

TEST_CASE("console login - a wrong token is 401, the right one sets an HttpOnly SameSite=Strict cookie") {
  ConsoleHost host;
  const std::vector<std::string> h{"Origin: " + host.base(), "Content-Type: application/json"};
  auto wrong = host.request("POST", "/console/api/login", R"({"token":"console-unit-login-token-wrong000"})", h);
  CHECK(wrong.status == 401);
  CHECK(wrong.headers.count("set-cookie") == 0);
  auto right = host.request("POST", "/console/api/login", R"({"token":")" + std::string(kToken) + R"("})", h);
  REQUIRE(right.status == 200);
  const std::string cookie = right.headers.at("set-cookie");
  CHECK(cookie.rfind("ocean_console=", 0) == 0);
  CHECK(has(cookie, "HttpOnly"));
  CHECK(has(cookie, "SameSite=Strict"));
  CHECK(has(cookie, "Path=/console"));
  CHECK(body_of(right).at("csrf").as_string().size() == 64);
  CHECK_FALSE(has(right.body, kToken));
}

TEST_CASE("console login - ten wrong tokens in a minute lock logins for everyone (429)") {
  ConsoleHost host;
  const std::vector<std::string> h{"Origin: " + host.base(), "Content-Type: application/json"};
  for (int i = 0; i < 10; ++i)
    CHECK(host.request("POST", "/console/api/login", R"({"token":"guess"})", h).status == 401);
  CHECK(host.request("POST", "/console/api/login", R"({"token":")" + std::string(kToken) + R"("})", h).status == 429);
}

TEST_CASE("console headers - every answer carries a strict CSP and the page has no inline script") {
  ConsoleHost host;
  for (const std::string path :
       {"/console/", "/console/app.js", "/console/console.css", "/console/api/session", "/console/nope.html"}) {
    auto r = host.request("GET", path);
    INFO(path);
    const std::string csp = r.headers["content-security-policy"];
    CHECK(has(csp, "default-src 'none'"));
    CHECK(has(csp, "script-src 'self'"));
    CHECK(has(csp, "frame-ancestors 'none'"));
    CHECK_FALSE(has(csp, "unsafe-inline"));
    CHECK_FALSE(has(csp, "unsafe-eval"));
    CHECK(r.headers["x-content-type-options"] == "nosniff");
    CHECK(r.headers["cache-control"] == "no-store");
  }
  auto index = host.request("GET", "/console/");
  CHECK(index.status == 200);
  CHECK(has(index.body, R"(<script type="module" src="/console/app.js"></script>)"));
  CHECK_FALSE(has(index.body, "<script>"));
  CHECK_FALSE(has_inline_handler(index.body));
  CHECK(has_inline_handler(R"(<a onclick="x">)"));
  CHECK_FALSE(has(index.body, "style="));
  CHECK(host.request("GET", "/console").headers["location"] == "/console/");
  // The rest of serve is unchanged beside the console.
  CHECK(host.request("GET", "/healthz").status == 200);
}

TEST_CASE("console guard - no session 401, no CSRF token 403, another Origin 403, unknown Host 403") {
  ConsoleHost host;
  CHECK(host.request("GET", "/console/api/accounts").status == 401);
  host.login();
  CHECK(host.get("/console/api/accounts").status == 200);
  const std::string sync = "/console/api/accounts/tts-us/sync";
  auto no_csrf = host.request("POST", sync, "{}", {"Cookie: " + host.cookie(), "Origin: " + host.base()});
  CHECK(no_csrf.status == 403);
  CHECK(has(no_csrf.body, "CSRF"));
  auto wrong_csrf =
      host.request("POST", sync, "{}",
                   {"Cookie: " + host.cookie(), "Origin: " + host.base(), "X-CSRF-Token: " + std::string(64, 'a')});
  CHECK(wrong_csrf.status == 403);
  auto other_origin = host.request(
      "POST", sync, "{}", {"Cookie: " + host.cookie(), "Origin: http://evil.example", "X-CSRF-Token: " + host.csrf()});
  CHECK(other_origin.status == 403);
  CHECK(has(other_origin.body, "another origin"));
  auto no_origin = host.request("POST", sync, "{}", {"Cookie: " + host.cookie(), "X-CSRF-Token: " + host.csrf()});
  CHECK(no_origin.status == 403);
  auto cross_site =
      host.request("GET", "/console/api/accounts", "", {"Cookie: " + host.cookie(), "Sec-Fetch-Site: cross-site"});
  CHECK(cross_site.status == 403);
  auto rebinding =
      host.request("GET", "/console/api/accounts", "", {"Cookie: " + host.cookie(), "Host: attacker.example"});
  CHECK(rebinding.status == 403);
  // Logging out ends the session for every later request.
  CHECK(host.post("/console/api/logout").status == 200);
  CHECK(host.get("/console/api/accounts").status == 401);
}

TEST_CASE("console request bodies - bad JSON and unknown fields are refused naming the field") {
  ConsoleHost host;
  host.login();
  auto not_json = host.post("/console/api/accounts/tts-us/config", "{");
  CHECK(not_json.status == 400);
  CHECK(has(not_json.body, "JSON object"));
  auto unknown = host.post("/console/api/accounts/tts-us/config", R"({"config":{},"confg":1})");
  CHECK(unknown.status == 400);
  CHECK(body_of(unknown).at("error").as_object().at("field") == "confg");
  auto wrong_type = host.post("/console/api/accounts/tts-us/config", R"({"config":"x"})");
  CHECK(body_of(wrong_type).at("error").as_object().at("field") == "config");
  auto login_typo = host.request("POST", "/console/api/login", R"({"tokn":"x"})", {"Origin: " + host.base()});
  CHECK(login_typo.status == 400);
  CHECK(has(login_typo.body, "did you mean 'token'"));
  auto kinds = host.post("/console/api/accounts/tts-us/sync", R"({"kinds":"orders"})");
  CHECK(body_of(kinds).at("error").as_object().at("field") == "kinds");
  auto not_callable = host.post("/console/api/accounts/tts-us/call/account.disconnect", "{}");
  CHECK(not_callable.status == 403);
}

TEST_CASE("console configure - the plugin's errors name their field, a good config replaces the file") {
  ConsoleHost host;
  host.login();
  auto form = body_of(host.get("/console/api/accounts/tts-us/form"));
  CHECK(form.at("schema").as_object().contains("x-ui"));
  CHECK_FALSE(form.at("values").as_object().contains("app_secret"));
  CHECK(form.at("secrets_set").as_array() == json::array{"app_secret"});
  json::object config = form.at("values").as_object();
  config["webhook_url"] = "http://erp.example.com/webhooks/tts-us";
  config["region"] = "XX";
  auto bad = host.post("/console/api/accounts/tts-us/config", json::serialize(json::object{{"config", config}}));
  CHECK(bad.status == 422);
  std::set<std::string> fields;
  const json::object bad_body = body_of(bad);  // kept: never range-for over a member of a temporary
  for (const auto& e : bad_body.at("errors").as_array()) fields.insert(std::string(e.at("field").as_string()));
  CHECK(fields.count("webhook_url") == 1);
  CHECK(fields.count("region") == 1);
  config["webhook_url"] = "https://erp.example.com/webhooks/tts-us";
  config["region"] = "US";
  auto good = host.post("/console/api/accounts/tts-us/config", json::serialize(json::object{{"config", config}}));
  REQUIRE(good.status == 200);
  CHECK(body_of(good).at("applied") == true);  // the running instance took it too
  CHECK(body_of(host.get("/console/api/accounts/tts-us/form")).at("values").at("webhook_url") ==
        "https://erp.example.com/webhooks/tts-us");
  CHECK(host.post("/console/api/accounts/tts-us/call/account.status").status == 200);
  std::ifstream in(host.config());
  const auto saved = json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
  const auto& account = saved.at("accounts").as_array().at(0).as_object().at("config").as_object();
  CHECK(account.at("webhook_url") == "https://erp.example.com/webhooks/tts-us");
  CHECK(account.at("app_secret") == kAppSecret);  // left empty in the page: kept
  CHECK((fs::status(host.config()).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
}

namespace {
std::string file_text(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("console configure secrets - a new app secret goes to the secrets file, the config keeps a reference") {
  ConsoleHost host({}, true);
  host.login();
  json::object config = body_of(host.get("/console/api/accounts/tts-us/form")).at("values").as_object();
  config["app_secret"] = kAppSecret;  // typed again in the page: a new value (the sandbox's app secret)
  auto saved = host.post("/console/api/accounts/tts-us/config", json::serialize(json::object{{"config", config}}));
  INFO(saved.body);
  REQUIRE(saved.status == 200);
  CHECK(body_of(saved).at("applied") == true);  // the running instance got the value, not the reference
  CHECK(host.post("/console/api/accounts/tts-us/call/account.status").status == 200);
  const std::string host_text = file_text(host.config());
  CHECK_FALSE(has(host_text, kAppSecret));
  const auto doc = json::parse(host_text);
  CHECK(doc.at("accounts").as_array().at(0).at("config").at("app_secret") ==
        json::object{{"secret", "tts_us_app_secret"}});
  CHECK(json::parse(file_text(host.secrets_file())).at("tts_us_app_secret") == kAppSecret);
  CHECK((fs::status(host.secrets_file()).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
        fs::perms::none);
  // Saved again with the secret left empty: the reference stays and the account still works.
  config.erase("app_secret");
  REQUIRE(host.post("/console/api/accounts/tts-us/config", json::serialize(json::object{{"config", config}})).status ==
          200);
  CHECK(json::parse(file_text(host.config())).at("accounts").as_array().at(0).at("config").at("app_secret") ==
        json::object{{"secret", "tts_us_app_secret"}});
  CHECK(host.post("/console/api/accounts/tts-us/call/account.status").status == 200);
  for (const auto& answer : host.seen) CHECK_FALSE(has(answer, kAppSecret));
}

TEST_CASE("console configure secrets - without --secrets a new secret is refused under its field, nothing written") {
  ConsoleHost host;
  host.login();
  const std::string before = file_text(host.config());
  json::object config = body_of(host.get("/console/api/accounts/tts-us/form")).at("values").as_object();
  config["app_secret"] = "a-brand-new-app-secret-0123456789";
  auto refused = host.post("/console/api/accounts/tts-us/config", json::serialize(json::object{{"config", config}}));
  CHECK(refused.status == 422);
  const json::object body = body_of(refused);
  REQUIRE(body.at("errors").as_array().size() == 1);
  CHECK(body.at("errors").as_array().at(0).at("field") == "app_secret");
  CHECK(has(std::string(body.at("errors").as_array().at(0).at("message").as_string()), "--secrets FILE"));
  CHECK_FALSE(has(refused.body, "a-brand-new-app-secret"));
  CHECK(file_text(host.config()) == before);
}

TEST_CASE("console oauth - a callback state the console did not hand out is refused, its own one connects") {
  ConsoleHost host;
  host.login();
  auto forged = host.request("GET", "/console/oauth/callback?code=abc&state=forged");
  CHECK(forged.status == 403);
  auto connected = host.connect();
  INFO(connected.body);
  CHECK(connected.status == 200);
  CHECK(has(connected.body, "Connected tts-us"));
  CHECK(has(connected.headers["content-security-policy"], "script-src 'self'"));
  auto accounts = body_of(host.get("/console/api/accounts"));
  CHECK(accounts.at("accounts").as_array().at(0).at("link").at("state") == "connected");
}

TEST_CASE("console sync - Sync now streams sync.progress then sync.finished as server-sent events") {
  ConsoleHost host({"--orders", "300", "--latency-ms", "50"});
  host.login();
  REQUIRE(host.connect().status == 200);
  const std::string request = "GET /console/api/events HTTP/1.1\r\nHost: " + host.host() +
                              "\r\nCookie: " + host.cookie() + "\r\nAccept: text/event-stream\r\n\r\n";
  std::string stream;
  std::thread reader([&] { stream = read_stream(host.base(), request, "event: sync.finished", 60); });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));  // the stream is open before the sync starts
  auto started = host.post("/console/api/accounts/tts-us/sync", "{}");
  CHECK(started.status == 202);
  CHECK(host.post("/console/api/accounts/tts-us/sync", "{}").status == 409);  // one at a time
  reader.join();
  CHECK(has(stream, "text/event-stream"));
  CHECK(has(stream, "event: sync.progress"));
  CHECK(has(stream, "\"kind\":\"orders\""));
  CHECK(has(stream, "event: sync.finished"));
  auto status = host.post("/console/api/accounts/tts-us/call/sync.status", "{}");
  CHECK(body_of(status).at("orders") == 300);
  for (const auto& answer : host.seen) {
    CHECK_FALSE(has(answer, kAppSecret));
    CHECK_FALSE(has(answer, kToken));
    CHECK_FALSE(has(answer, kStoreKey));
    CHECK_FALSE(has(answer, "access_token\":\"T"));
  }
  CHECK_FALSE(has(stream, kAppSecret));
  CHECK(host.serve().stop() == 0);
  CHECK_FALSE(has(host.serve().stderr_text(), kToken));
}

TEST_CASE("serve --console without a console token exits 3 naming the secret") {
  TempDir dir;
  ocean::testing::SandboxProcess sb;
  const auto config = write_config(dir.path, sb, false);
  serve_test::ServeProcess serve(
      {kHost, "--plugins", OCEAN_PLUGIN_DIR, "--config", config.string(), "serve", "--console"}, dir.path);
  CHECK(serve.wait_exit(60) == 3);
  CHECK(has(serve.stderr_text(), "OCEAN_SECRET_CONSOLE_TOKEN"));
}
