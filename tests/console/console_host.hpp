// erp-host serve --console with the real TikTok Shop plugin against tts-sandbox, for the server
// side tests of the console: a temp dir with the host config, the two processes, and a client
// that speaks to the console as a logged-in browser would (cookie, Origin, CSRF token).
#pragma once

#include "host_serve/serve_process.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"

#include <boost/json.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace console_test {
namespace fs = std::filesystem;
namespace json = boost::json;
using ocean::testing::HttpClient;
using ocean::testing::HttpResponse;

inline const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";
inline constexpr const char* kAppKey = "console_unit_key";
inline constexpr const char* kAppSecret = "console-unit-app-secret-0123456789";
inline constexpr const char* kServiceId = "7000000000000000088";
inline constexpr const char* kToken = "console-unit-login-token-0123456789";
inline constexpr const char* kStoreKey = "console-unit-store-key-000000000001";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ocean-console-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// The host config: one TikTok account against the sandbox; the console token among the config's
// secrets unless `with_token` is false.
inline fs::path write_config(const fs::path& dir, const ocean::testing::SandboxProcess& sb, bool with_token) {
  const std::string base = sb.https_base();
  json::object secrets{{"store_key", kStoreKey}};
  if (with_token) secrets["console_token"] = kToken;
  json::object config{
      {"app_key", kAppKey},       {"app_secret", kAppSecret}, {"service_id", kServiceId},   {"region", "US"},
      {"api_base_url", base},     {"auth_base_url", base},    {"authorize_base_url", base}, {"ca_bundle", sb.ca_file()},
      {"sync_interval", "manual"}};
  json::object doc{
      {"data_dir", (dir / "data").string()},
      {"default_account", "tts-us"},
      {"secrets", secrets},
      {"accounts", json::array{json::object{{"id", "tts-us"}, {"plugin", "tiktok_shop"}, {"config", config}}}}};
  const fs::path file = dir / "host.json";
  std::ofstream(file) << json::serialize(doc);
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return file;
}

// An empty --secrets FILE (mode 0600) in `dir`, where the console keeps the secrets it saves.
inline fs::path write_secrets_file(const fs::path& dir) {
  const fs::path file = dir / "secrets.json";
  std::ofstream(file) << "{}";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return file;
}

class ConsoleHost {
 public:
  // `secrets_file`: serve is started with --secrets <dir>/secrets.json (secrets_file()).
  explicit ConsoleHost(std::vector<std::string> sandbox_args = {}, bool secrets_file = false)
      : sandbox_(with_app(std::move(sandbox_args))),
        config_(write_config(dir_.path, sandbox_, true)),
        secrets_(secrets_file ? write_secrets_file(dir_.path) : fs::path()),
        serve_(serve_args(config_, secrets_), dir_.path),
        base_(serve_.wait_listening()),
        host_(base_.substr(7)) {}

  const std::string& base() const { return base_; }
  const std::string& host() const { return host_; }
  const fs::path& config() const { return config_; }
  const fs::path& secrets_file() const { return secrets_; }
  serve_test::ServeProcess& serve() { return serve_; }
  const ocean::testing::SandboxProcess& sandbox() const { return sandbox_; }

  // Every answer a client of this host received, to look for secrets in.
  std::vector<std::string> seen;

  HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "",
                       std::vector<std::string> headers = {}) {
    HttpResponse r = http_.request(method, base_ + path, body, headers);
    std::string all = r.body;
    for (const auto& [name, value] : r.headers) all += name + ": " + value + "\n";
    seen.push_back(all);
    return r;
  }

  // Logs in; afterwards cookie() and csrf() are set.
  void login() {
    auto r = request("POST", "/console/api/login", R"({"token":")" + std::string(kToken) + R"("})",
                     {"Origin: " + base_, "Content-Type: application/json"});
    if (r.status != 200) throw std::runtime_error("login failed: " + r.body);
    const std::string set = r.headers.at("set-cookie");
    cookie_ = set.substr(0, set.find(';'));
    csrf_ = std::string(json::parse(r.body).as_object().at("csrf").as_string());
  }
  const std::string& cookie() const { return cookie_; }
  const std::string& csrf() const { return csrf_; }

  // A state-changing request as the page sends it.
  HttpResponse post(const std::string& path, const std::string& body = "{}") {
    return request(
        "POST", path, body,
        {"Cookie: " + cookie_, "Origin: " + base_, "X-CSRF-Token: " + csrf_, "Content-Type: application/json"});
  }
  HttpResponse get(const std::string& path) { return request("GET", path, "", {"Cookie: " + cookie_}); }

  // Connect & Authorize as the browser does it: the authorization URL, the sandbox's consent
  // page (302 with code and state), then the console's callback.
  HttpResponse connect() {
    auto a = post("/console/api/accounts/tts-us/authorize");
    const std::string url(json::parse(a.body).as_object().at("url").as_string());
    HttpClient tls(sandbox_.ca_file());
    const auto consent = tls.request("GET", url);
    const std::string location = consent.headers.at("location");
    return request("GET", "/console/oauth/callback" + location.substr(location.find('?')));
  }

 private:
  static std::vector<std::string> serve_args(const fs::path& config, const fs::path& secrets) {
    std::vector<std::string> args{kHost, "--plugins", OCEAN_PLUGIN_DIR, "--config", config.string()};
    if (!secrets.empty()) args.insert(args.end(), {"--secrets", secrets.string()});
    args.insert(args.end(), {"serve", "--tick-interval", "500", "--console"});
    return args;
  }
  static std::vector<std::string> with_app(std::vector<std::string> args) {
    args.insert(args.end(), {"--shops", "1", "--app", std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId});
    return args;
  }

  TempDir dir_;
  ocean::testing::SandboxProcess sandbox_;
  fs::path config_;
  fs::path secrets_;
  serve_test::ServeProcess serve_;
  std::string base_;
  std::string host_;
  HttpClient http_;
  std::string cookie_;
  std::string csrf_;
};

// Reads a server-sent event stream over a plain socket until `until` appears or `seconds` pass.
inline std::string read_stream(const std::string& base, const std::string& request_text, const std::string& until,
                               int seconds) {
  const auto colon = base.rfind(':');
  const int port = std::stoi(base.substr(colon + 1));
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to " + base);
  }
  timeval tv{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  (void)::send(fd, request_text.data(), request_text.size(), MSG_NOSIGNAL);
  std::string got;
  char buf[4096];
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline && got.find(until) == std::string::npos) {
    const auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0) break;
    if (n > 0) got.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return got;
}

}  // namespace console_test
