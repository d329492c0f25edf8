// erp-host serve end to end: a real subprocess, real HTTP on loopback, the probe plugin
// recording what reaches it. No timing assertions: every wait is for an observable state.
#include <catch2/catch.hpp>

#include "serve_process.hpp"
#include "support/http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace fs = std::filesystem;
namespace json = boost::json;
using ocean::testing::HttpClient;
using serve_test::ServeProcess;
using serve_test::slurp;

namespace {
const std::string kHost = std::string(OCEAN_BIN_DIR) + "/erp-host";

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ocean-serve-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// One probe account "shop" with its data dir under a fresh temp dir.
struct ProbeHost {
  TempDir dir;
  fs::path config = dir.path() / "host.json";
  fs::path data = dir.path() / "data" / "shop";
  ProbeHost() {
    write(config, R"({"data_dir":")" + (dir.path() / "data").string() +
                      R"(","default_account":"shop","accounts":[{"id":"shop","plugin":"serveprobe","config":{}}]})");
    fs::create_directories(data);
  }
  std::vector<std::string> args(std::vector<std::string> extra) const {
    std::vector<std::string> a{kHost,      "--manifests",  OCEAN_SERVE_MANIFEST_DIR, "--plugins", OCEAN_SERVE_PROBE_DIR,
                               "--config", config.string()};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
};

// Sends raw bytes and returns whatever the server answers before closing (up to 64 KiB).
std::string raw_exchange(const std::string& url, const std::string& bytes) {
  const auto colon = url.rfind(':');
  const int port = std::atoi(url.c_str() + colon + 1);
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
  timeval timeout{60, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0 && answer.size() < 65536;)
    answer.append(buf, static_cast<std::size_t>(n));
  close(fd);
  return answer;
}

std::vector<json::object> json_lines(const std::string& out) {
  std::vector<json::object> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) lines.push_back(json::parse(line).as_object());
  return lines;
}
}  // namespace

TEST_CASE("serve prints its address, routes webhooks byte-exact and answers what the plugin says") {
  ProbeHost host;
  ServeProcess serve(host.args({"--json", "serve", "--listen", "127.0.0.1:0", "--tick-interval", "200"}),
                     host.dir.path());
  const std::string url = serve.wait_listening();
  INFO("stderr: " << serve.stderr_text());
  CHECK(url.rfind("http://127.0.0.1:", 0) == 0);
  HttpClient http;

  {
    auto wrong_method = http.request("GET", url + "/webhooks/shop");
    CHECK(wrong_method.status == 405);
    CHECK(wrong_method.headers["allow"] == "POST");
    CHECK(http.request("POST", url + "/elsewhere", "{}").status == 404);
    CHECK(http.request("POST", url + "/webhooks/", "{}").status == 404);
    CHECK(http.request("POST", url + "/webhooks/no-such-shop", "{}").status == 404);
  }

  // Bytes a re-serializer would change: key order, spacing, escapes, a trailing newline, UTF-8.
  const std::string body =
      "{\"type\":1,  \"tts_notification_id\":\"n-1\",\"data\":{\"b\":2,\"a\":\"\\u00e9 caf\xc3\xa9\"}}\r\n";
  auto accepted =
      http.request("POST", url + "/webhooks/shop", body,
                   {"Authorization: abc123signature", "X-Tts-Test: spaced  value", "Content-Type: application/json"});
  CHECK(accepted.status == 200);
  CHECK(accepted.body.empty());
  CHECK(slurp(host.data / "webhook_1.body") == body);
  const std::string headers = slurp(host.data / "webhook_1.headers");
  CHECK(headers.find("Authorization: abc123signature\r\n") != std::string::npos);
  CHECK(headers.find("X-Tts-Test: spaced  value\r\n") != std::string::npos);
  CHECK(headers.find("Content-Length: " + std::to_string(body.size()) + "\r\n") != std::string::npos);

  auto forged = http.request("POST", url + "/webhooks/shop", "{}", {"X-Probe-Answer: 401"});
  CHECK(forged.status == 401);
  CHECK(forged.body.find("probe answers 401") != std::string::npos);
  CHECK(http.request("POST", url + "/webhooks/shop", "{}", {"X-Probe-Answer: 400"}).status == 400);
  CHECK(http.request("POST", url + "/webhooks/shop", "{}", {"X-Probe-Answer: 503"}).status == 503);
  // No result at all, only OCEAN_RETRY: the status decides.
  CHECK(http.request("POST", url + "/webhooks/shop", "{}", {"X-Probe-Answer: retry"}).status == 503);
  CHECK(http.request("POST", url + "/webhooks/shop", "", {}).status == 200);  // an empty body is the plugin's call
  CHECK(slurp(host.data / "webhook_6.body").empty());

  // Over OCEAN_MAX_PAYLOAD_BYTES by Content-Length alone: refused before the body is read.
  const std::string too_big = raw_exchange(url, "POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                                                    std::to_string(16u * 1024u * 1024u + 1u) + "\r\n\r\n");
  CHECK(too_big.rfind("HTTP/1.1 413", 0) == 0);
  CHECK_FALSE(fs::exists(host.data / "webhook_7.body"));
  // Garbage instead of HTTP.
  CHECK(raw_exchange(url, "NOT HTTP AT ALL\r\n\r\n").rfind("HTTP/1.1 400", 0) == 0);

  CHECK_FALSE(fs::exists(host.data / "stopped"));
  CHECK(serve.stop(SIGTERM) == 0);
  CHECK(fs::exists(host.data / "stopped"));
  const auto lines = json_lines(serve.stdout_text());
  REQUIRE(lines.size() >= 2);
  CHECK(lines.front().at("listening") == json::value(url));
  const auto& final_report = lines.back();
  CHECK(final_report.at("command") == "serve");
  CHECK(final_report.at("exit_code") == 0);
  CHECK(final_report.at("accounts").as_array().at(0).as_object().at("state") == "stopped");
  // The first tick's progress events came out as JSON lines while serving.
  int progress = 0, finished = 0;
  for (const auto& l : lines)
    if (const auto* e = l.if_contains("event")) {
      CHECK(l.at("account") == "shop");
      progress += e->at("type") == "sync.progress";
      finished += e->at("type") == "sync.finished";
    }
  CHECK(progress == 3);
  CHECK(finished == 1);
  // Each delivery was logged with its outcome, to stderr.
  CHECK(serve.stderr_text().find("[shop] [webhook] ") != std::string::npos);
}

TEST_CASE("a tick that keeps running never blocks webhook intake - SIGINT stops cleanly") {
  ProbeHost host;
  write(host.data / "hold", "");  // the probe's tick waits while this exists
  ServeProcess serve(host.args({"serve", "--tick-interval", "100"}), host.dir.path());
  const std::string url = serve.wait_listening();
  INFO("stderr: " << serve.stderr_text());
  REQUIRE(serve_test::wait_for_file(host.data / "tick_running"));
  HttpClient http;
  auto r = http.request("POST", url + "/webhooks/shop", R"({"during":"tick"})");
  CHECK(r.status == 200);
  CHECK(slurp(host.data / "webhook_1.body") == R"({"during":"tick"})");
  CHECK(fs::exists(host.data / "tick_running"));  // the tick was still inside the plugin
  fs::remove(host.data / "hold");
  CHECK(serve.stop(SIGINT) == 0);
  CHECK(fs::exists(host.data / "stopped"));
  CHECK(serve.stderr_text().find("stopping on SIGINT") != std::string::npos);
}

TEST_CASE("serve --duration stops by itself - progress is plain lines when stdout is not a terminal") {
  ProbeHost host;
  ServeProcess serve(host.args({"serve", "--duration", "2", "--tick-interval", "100"}), host.dir.path());
  const std::string url = serve.wait_listening();
  CHECK(serve.wait_exit(120) == 0);
  INFO("stderr: " << serve.stderr_text());
  const std::string out = serve.stdout_text();
  CHECK(out.rfind("listening on http://127.0.0.1:", 0) == 0);
  CHECK(out.find('\r') == std::string::npos);
  CHECK(out.find("progress [shop] orders 100/300 records, 1 pages, 250/s, elapsed ") != std::string::npos);
  CHECK(out.find("progress [shop] orders 300/300 records, 3 pages, 250/s, done, elapsed ") != std::string::npos);
  // The 200/300 page came within the same second: off a terminal at most one line a second.
  CHECK(out.find("orders 200/300") == std::string::npos);
  CHECK(out.find("[shop] sync finished: ok in 1.2 s\n") != std::string::npos);
  CHECK(out.find("shop  plugin serveprobe  state stopped") != std::string::npos);
  CHECK(fs::exists(host.data / "stopped"));
}

TEST_CASE("serve refuses bad flags with exit 2") {
  for (const auto& bad : std::vector<std::vector<std::string>>{{"serve", "--listen", "localhost"},
                                                               {"serve", "--listen", "127.0.0.1:70000"},
                                                               {"serve", "--tick-interval", "0"},
                                                               {"serve", "--duration", "soon"},
                                                               {"serve", "--duration"}}) {
    ProbeHost host;
    ServeProcess serve(host.args(bad), host.dir.path());
    INFO(bad.back());
    CHECK(serve.wait_exit(120) == 2);
    CHECK(serve.stderr_text().find("erp-host: error: ") != std::string::npos);
    CHECK_FALSE(fs::exists(host.data / "stopped"));  // refused before any account started
  }
  // An address that is not an IP is found out when binding: the accounts started by then are stopped.
  ProbeHost host;
  ServeProcess serve(host.args({"serve", "--listen", "not-an-ip:0"}), host.dir.path());
  CHECK(serve.wait_exit(120) == 2);
  CHECK(serve.stderr_text().find("'not-an-ip' is not an IP address") != std::string::npos);
  CHECK(fs::exists(host.data / "stopped"));
}

TEST_CASE("serve on a taken port fails with exit 2 and stops what it started") {
  ProbeHost first;
  ServeProcess a(first.args({"serve"}), first.dir.path());
  const std::string url = a.wait_listening();
  const std::string port = url.substr(url.rfind(':') + 1);
  ProbeHost second;
  ServeProcess b(second.args({"serve", "--listen", "127.0.0.1:" + port}), second.dir.path());
  CHECK(b.wait_exit(120) == 2);
  CHECK(b.stderr_text().find("cannot listen on 127.0.0.1:" + port) != std::string::npos);
  CHECK(fs::exists(second.data / "stopped"));
  CHECK(a.stop() == 0);
}

TEST_CASE("invoke sync.run shows progress while it runs, as plain lines off a terminal and as JSON with --json") {
  ProbeHost host;
  TempDir io;
  write(host.data / "hold", "");  // the probe's sync.run emits its progress, then waits while this exists
  ServeProcess text(host.args({"invoke", "sync.run"}), io.path());
  // The progress is on stdout while the call is still running, not only once it returns.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (text.stdout_text().find("sync finished") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(text.stdout_text().find("progress [shop] orders 100/300 records") != std::string::npos);
  CHECK(text.stdout_text().find("\"outcome\"") == std::string::npos);  // the answer is not printed yet
  fs::remove(host.data / "hold");
  REQUIRE(text.wait_exit(120) == 0);
  const std::string out = text.stdout_text();
  CHECK(out.find("progress [shop] orders 300/300 records, 3 pages, 250/s, done, elapsed ") != std::string::npos);
  CHECK(out.find("[shop] sync finished: ok in 1.2 s\n") != std::string::npos);
  CHECK(out.find('\r') == std::string::npos);
  // Each event once: what was shown live is not printed again with the report.
  CHECK(out.find("orders 300/300") == out.rfind("orders 300/300"));
  CHECK(out.find("orders 200/300") == std::string::npos);  // within the same second as 100/300
  CHECK(out.find("\"outcome\"") > out.find("sync finished"));

  ServeProcess js(host.args({"--json", "invoke", "sync.run"}), io.path());
  REQUIRE(js.wait_exit(120) == 0);
  const auto report = json::parse(js.stdout_text()).as_object();
  const auto& events = report.at("events").as_array();
  REQUIRE(events.size() == 4);
  CHECK(events.at(0).at("event").at("type") == "sync.progress");
  CHECK(events.at(0).at("event").at("data").at("records") == 100);
  CHECK(events.at(3).at("event").at("type") == "sync.finished");
}
