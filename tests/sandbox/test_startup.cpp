// Startup line, TLS with the generated CA (verification on), clean shutdown, --help and bad flags.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {
std::string run_capture(const std::string& command, int& status) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  status = ::pclose(p);
  return out;
}
}  // namespace

TEST_CASE("startup prints ports and CA - HTTPS verifies against the generated CA") {
  std::string temp;
  {
    SandboxProcess sb(with_app({}));
    temp = sb.temp_dir();
    CHECK(sb.http_port() != 0);
    CHECK(sb.https_port() != 0);
    CHECK(std::filesystem::exists(sb.ca_file()));
    ocean::testing::HttpClient https(sb.ca_file());
    const auto ok = https.request("GET", sb.https_base() + "/_sandbox/health");
    CHECK(ok.status == 200);
    CHECK(ok.code() == 0);
    // Same certificate by name: the SAN covers localhost too.
    CHECK(https.request("GET", "https://localhost:" + std::to_string(sb.https_port()) + "/_sandbox/health").status ==
          200);
    // Without the CA the system trust store must refuse the sandbox certificate.
    ocean::testing::HttpClient untrusting;
    CHECK_THROWS(untrusting.request("GET", sb.https_base() + "/_sandbox/health"));
    // Keep-alive: many requests over one connection work.
    for (int i = 0; i < 20; ++i) CHECK(https.request("GET", sb.https_base() + "/_sandbox/clock").status == 200);
  }
  CHECK_FALSE(std::filesystem::exists(temp));
}

TEST_CASE("the TLS directory is reused when present") {
  SandboxProcess first;
  const std::string dir = first.temp_dir() + "/shared-tls";
  {
    SandboxProcess a({"--tls-dir", dir});
    ocean::testing::HttpClient c(a.ca_file());
    CHECK(c.request("GET", a.https_base() + "/_sandbox/health").status == 200);
  }
  const auto ca_time = std::filesystem::last_write_time(dir + "/ca.pem");
  SandboxProcess b({"--tls-dir", dir});
  CHECK(std::filesystem::last_write_time(dir + "/ca.pem") == ca_time);
  ocean::testing::HttpClient c(dir + "/ca.pem");
  CHECK(c.request("GET", b.https_base() + "/_sandbox/health").status == 200);
}

TEST_CASE("--help documents every flag - a bad flag exits 2 with a reason") {
  int status = 0;
  const std::string help = run_capture(SandboxProcess::default_binary() + " --help", status);
  CHECK(WEXITSTATUS(status) == 0);
  for (const char* flag : {"--host",
                           "--http-port",
                           "--https-port",
                           "--tls-dir",
                           "--threads",
                           "--app",
                           "--seed",
                           "--shops",
                           "--products",
                           "--orders",
                           "--start-time",
                           "--access-token-ttl",
                           "--refresh-token-ttl",
                           "--rate-limit",
                           "--fault-5xx",
                           "--latency-ms",
                           "--drop-connections",
                           "--webhook-time-factor",
                           "--webhook-drop",
                           "--webhook-duplicate",
                           "--webhook-reorder",
                           "--webhook-redirect",
                           "--help"}) {
    INFO(flag);
    CHECK(help.find(flag) != std::string::npos);
  }
  const std::string bad = run_capture(SandboxProcess::default_binary() + " --rate-limit fast 2>&1", status);
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(bad.find("--rate-limit") != std::string::npos);
  run_capture(SandboxProcess::default_binary() + " --no-such-flag x 2>&1", status);
  CHECK(WEXITSTATUS(status) == 2);
  run_capture(SandboxProcess::default_binary() + " --app keyonly 2>&1", status);
  CHECK(WEXITSTATUS(status) == 2);
}

TEST_CASE("same seed and start time generate the same data") {
  const std::vector<std::string> args{"--seed", "42", "--start-time", "1700000000", "--orders", "30"};
  SandboxProcess a(args), b(args);
  TtsClient ca(a.http_base(), "", "k", "s"), cb(b.http_base(), "", "k", "s");
  const auto shops_a = ca.admin("GET", "/_sandbox/shops");
  CHECK(shops_a == cb.admin("GET", "/_sandbox/shops"));
  const std::string id = std::string(shops_a.as_object().at("shops").as_array()[0].as_object().at("id").as_string());
  auto ta = ca.admin("GET", "/_sandbox/truth?shop_id=" + id).as_object();
  auto tb = cb.admin("GET", "/_sandbox/truth?shop_id=" + id).as_object();
  CHECK(ta.at("orders") == tb.at("orders"));
  CHECK(ta.at("products") == tb.at("products"));
  SandboxProcess c({"--seed", "43", "--start-time", "1700000000", "--orders", "30"});
  TtsClient cc(c.http_base(), "", "k", "s");
  CHECK(cc.admin("GET", "/_sandbox/shops") != shops_a);
}

TEST_CASE("shops cover different regions with their real currencies") {
  SandboxProcess sb({"--shops", "16", "--orders", "0", "--products", "1"});
  TtsClient c(sb.http_base(), "", "k", "s");
  const auto shops = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
  REQUIRE(shops.size() == 16);
  std::map<std::string, std::string> currency;
  for (const auto& s : shops) {
    currency[std::string(s.as_object().at("region").as_string())] =
        std::string(s.as_object().at("currency").as_string());
  }
  CHECK(currency.count("UK") == 0);
  CHECK(currency.at("GB") == "GBP");
  CHECK(currency.at("US") == "USD");
  CHECK(currency.at("ID") == "IDR");
  CHECK(currency.at("DE") == "EUR");
  CHECK(currency.at("JP") == "JPY");
  CHECK(currency.at("BR") == "BRL");
  CHECK(currency.at("VN") == "VND");
}
