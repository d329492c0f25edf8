// tts-sign run as a subprocess, the way a seller would run it.
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "test_dirs.hpp"

namespace json = boost::json;

namespace {

struct Run {
  int exit_code = -1;
  std::string out;
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

Run run_tool(const std::vector<std::string>& args) {
  std::string cmd = quote(std::string(OCEAN_BIN_DIR) + "/tts-sign");
  for (const auto& a : args) cmd += " " + quote(a);
  cmd += " 2>&1";
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

TEST_CASE("tts-sign reproduces every pinned public vector") {
  std::ifstream in(std::string(OCEAN_SHARED_DIR) + "/vectors/sign_public.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  const json::value vectors = json::parse(ss.str());
  for (const auto& v : vectors.as_array()) {
    const auto& o = v.as_object();
    std::vector<std::string> args{"--secret", std::string(o.at("app_secret").as_string()), "--path",
                                  std::string(o.at("path").as_string())};
    for (const auto& [k, val] : o.at("query").as_object()) {
      args.push_back("--query");
      args.push_back(std::string(k) + "=" + std::string(val.as_string()));
    }
    if (!o.at("body").is_null()) {
      args.push_back("--body");
      args.push_back(std::string(o.at("body").as_string()));
    }
    const auto r = run_tool(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out == std::string(o.at("expected_sign").as_string()) + "\n");
  }
}

TEST_CASE("tts-sign --verbose shows the signed string with the secret masked") {
  const auto r =
      run_tool({"--secret", "e59af819cc", "--path", "/authorization/202309/shops", "--query", "timestamp=1623812664",
                "--query", "app_key=29a39d", "--query", "access_token=x", "--verbose"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(
            "signed string: <app_secret>/authorization/202309/shopsapp_key29a39dtimestamp1623812664<app_secret>") !=
        std::string::npos);
  CHECK(r.out.find("e59af819cc") == std::string::npos);
  CHECK(r.out.find("b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8") != std::string::npos);
}

TEST_CASE("tts-sign reads bodies from files - skips multipart bodies - keeps '=' in values") {
  TempDir dir("tts-sign");
  const auto file = (dir.path() / "body.json").string();
  {
    std::ofstream out(file, std::ios::binary);
    out << R"({"event_type":"PACKAGE_UPDATE","address":"https://partner.tiktokshop.com"})";
  }
  const std::vector<std::string> common{
      "--secret", "e59af819cc",           "--path",  "/event/202309/webhooks",
      "--query",  "app_key=68xu9ks5p4i8", "--query", "shop_cipher=ROW_xkMbgAAAeVAQra0eZWebFQq5aIK",
      "--query",  "timestamp=1696909648"};
  auto with_file = common;
  with_file.insert(with_file.end(), {"--body-file", file});
  CHECK(run_tool(with_file).out == "701dd6deb2389fe4c469b89bd37fc56f96a6da6afeb4d01c9077a65169752fa7\n");
  auto multipart = with_file;
  multipart.push_back("--multipart");
  CHECK(run_tool(multipart).out == "ed58e1b5e59865c22a7b828c1cab65007441f43cc91a6cb2f2cdc638e0995a37\n");
  const auto token = run_tool({"--secret", "s", "--path", "/p", "--query", "page_token=abc==", "--verbose"});
  CHECK(token.out.find("page_tokenabc==") != std::string::npos);
}

TEST_CASE("tts-sign explains bad usage and exits 2 - --help exits 0") {
  CHECK(run_tool({"--help"}).exit_code == 0);
  CHECK(run_tool({"--help"}).out.find("--body-file") != std::string::npos);
  const auto no_secret = run_tool({"--path", "/x"});
  CHECK(no_secret.exit_code == 2);
  CHECK(no_secret.out.find("--secret") != std::string::npos);
  CHECK(run_tool({"--secret", "s"}).exit_code == 2);
  CHECK(run_tool({"--secret", "s", "--path", "https://host/x?y=1"}).exit_code == 2);
  CHECK(run_tool({"--secret", "s", "--path", "/x", "--query", "novalue"}).exit_code == 2);
  CHECK(run_tool({"--secret", "s", "--path", "/x", "--body", "a", "--body", "b"}).exit_code == 2);
  CHECK(run_tool({"--secret", "s", "--path", "/x", "--body-file", "/nonexistent"}).exit_code == 2);
  CHECK(run_tool({"--secret", "s", "--path", "/x", "--frobnicate"}).exit_code == 2);
}
