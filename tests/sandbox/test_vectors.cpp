// The pinned public signing vectors (shared/vectors/sign_public.json) replayed byte for byte against the
// sandbox with its clock at the vector's timestamp: accepted end to end (app, shop and token registered
// as the vector implies), and rejected when any byte of path, query, body or sign changes.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "fixture.hpp"

using namespace sandbox_test;

namespace {

struct Vector {
  std::string app_key, app_secret, path, body, sign, timestamp, shop_cipher;
  ocean::url::QueryParams query;  // in the file's order
};

std::vector<Vector> load_vectors() {
  std::ifstream in(std::string(OCEAN_SHARED_DIR) + "/vectors/sign_public.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<Vector> out;
  const json::value parsed = json::parse(ss.str());
  for (const auto& v : parsed.as_array()) {
    const auto& o = v.as_object();
    Vector x;
    x.app_secret = std::string(o.at("app_secret").as_string());
    x.path = std::string(o.at("path").as_string());
    x.body = o.at("body").is_null() ? "" : std::string(o.at("body").as_string());
    x.sign = std::string(o.at("expected_sign").as_string());
    for (const auto& [k, val] : o.at("query").as_object()) {
      x.query.emplace_back(std::string(k), std::string(val.as_string()));
      if (k == "app_key") x.app_key = std::string(val.as_string());
      if (k == "timestamp") x.timestamp = std::string(val.as_string());
      if (k == "shop_cipher") x.shop_cipher = std::string(val.as_string());
    }
    out.push_back(std::move(x));
  }
  return out;
}

std::string method_of(const Vector& v) { return v.body.empty() ? "GET" : "PUT"; }

std::string target_of(const Vector& v, const std::string& sign) {
  auto q = v.query;
  q.emplace_back("sign", sign);
  return v.path + "?" + ocean::url::build_query(q);
}

}  // namespace

TEST_CASE("public vectors are accepted when replayed at their timestamp, rejected when a byte changes") {
  const auto vectors = load_vectors();
  REQUIRE(vectors.size() >= 3);
  std::vector<std::string> args{"--shops", "1", "--orders", "5", "--products", "3"};
  std::set<std::string> apps;
  for (const auto& v : vectors) {
    if (apps.insert(v.app_key).second) {
      args.push_back("--app");
      args.push_back(v.app_key + ":" + v.app_secret);
    }
  }
  SandboxProcess sb(args);

  for (const auto& v : vectors) {
    INFO(v.path << " " << v.sign);
    TtsClient c(sb.http_base(), "", v.app_key, v.app_secret);
    // The vector's shop exists with the vector's cipher (registered once).
    if (!v.shop_cipher.empty()) {
      const auto shops = c.admin("GET", "/_sandbox/shops").as_object().at("shops").as_array();
      bool present = false;
      for (const auto& s : shops) present = present || s.as_object().at("cipher").as_string() == v.shop_cipher;
      if (!present) c.admin("POST", "/_sandbox/shops", json::object{{"cipher", v.shop_cipher}, {"region", "GB"}});
    }
    // Clock at the vector's timestamp, then a token issued at that time for every shop.
    c.admin("POST", "/_sandbox/clock", json::object{{"set", std::stoll(v.timestamp)}});
    const auto token = c.admin("POST", "/_sandbox/tokens", json::object{{"app_key", v.app_key}});
    c.access_token = std::string(token.as_object().at("access_token").as_string());

    const std::string method = method_of(v);
    const auto ok = c.send(method, target_of(v, v.sign), v.body);
    INFO(ok.body);
    CHECK(ok.status == 200);
    CHECK(ok.code() == 0);

    // Every single-byte change is refused: in the sign, in each query value, and in the body.
    for (std::size_t i = 0; i < v.sign.size(); i += 7) {
      std::string s = v.sign;
      s[i] = s[i] == 'a' ? 'b' : 'a';
      const auto r = c.send(method, target_of(v, s), v.body);
      CHECK(r.status == 401);
      CHECK(r.code() == 106001);
    }
    for (std::size_t k = 0; k < v.query.size(); ++k) {
      Vector changed = v;
      auto& value = changed.query[k].second;
      value.back() = value.back() == '1' ? '2' : '1';
      const auto r = c.send(method, target_of(changed, v.sign), v.body);
      INFO(changed.query[k].first);
      CHECK(r.code() != 0);
      // app_key changes are an unknown app (400/36009004); any other change breaks the signature.
      if (changed.query[k].first == "app_key") {
        CHECK(r.code() == 36009004);
      } else {
        CHECK(r.code() == 106001);
      }
    }
    for (std::size_t i = 0; i < v.body.size(); i += 5) {
      std::string b = v.body;
      b[i] = b[i] == ' ' ? '_' : ' ';
      const auto r = c.send(method, target_of(v, v.sign), b);
      CHECK(r.code() == 106001);
    }
    // A changed path byte is a different (unknown) path.
    Vector other_path = v;
    other_path.path.back() = 'x';
    CHECK(c.send(method, target_of(other_path, v.sign), v.body).code() == 36009009);
    // The same bytes five minutes and one second later are stale.
    c.admin("POST", "/_sandbox/clock", json::object{{"set", std::stoll(v.timestamp) + 301}});
    const auto late = c.send(method, target_of(v, v.sign), v.body);
    CHECK(late.status == 400);
    CHECK(late.code() == 36009004);
  }
}
