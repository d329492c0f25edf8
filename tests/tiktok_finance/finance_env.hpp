// A tts-sandbox (fixed seed and start time) and the TikTok Shop plugin loaded through its C ABI, with
// accounts connected through the real OAuth flow to one chosen shop each; helpers to call capabilities,
// read the sandbox's truth and open the plugin's SQLite file as the finance mirror.
#pragma once
#include <boost/json.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include "finance/finance_store.hpp"
#include "finance/money.hpp"
#include "ocean_common/url.hpp"
#include "plugin_module.hpp"
#include "support/http_client.hpp"
#include "support/sandbox_process.hpp"
#include "test_dirs.hpp"
#include "test_host.hpp"

namespace finance_test {
namespace json = boost::json;

inline constexpr const char* kAppKey = "fin-app-key";
inline constexpr const char* kAppSecret = "fin-app-secret-0123456789abcdef";
inline constexpr const char* kServiceId = "7002";
// The sandbox follows the real clock (the plugin checks token expiry against it), so data is
// generated over the 30 days before the test runs.
inline constexpr std::int64_t kStart = 1767225600;  // 2026-01-01T00:00:00Z, a time before any test data

struct Reply {
  ocean_status_t status;
  json::value body;  // null unless OK
  std::string message;
};

inline std::string str(const json::value& v) { return std::string(v.as_string()); }

inline PluginModule& module() {
  static PluginModule m;
  return m;
}

class FinanceEnv {
 public:
  // Shops cycle through the regions (US, GB, ID, SG, MY, TH, VN, PH, ES, IE, MX, DE, FR, IT, BR, JP).
  explicit FinanceEnv(int shops = 1, int orders = 300, std::vector<std::string> extra = {})
      : sb(args(shops, orders, std::move(extra))) {}

  ~FinanceEnv() {
    for (auto& [id, a] : accounts_) module().api().destroy(a.instance);
  }

  ocean::testing::SandboxProcess sb;
  TempDir root{"finance"};
  ocean::testing::HttpClient http{sb.ca_file()};

  struct Account {
    std::unique_ptr<TestHost> host;
    ocean_instance* instance = nullptr;
    std::string shop_id, region, data_dir;
  };

  // A connected account on shop `shop_index`, with the finance feature on or off.
  Account& account(const std::string& id, std::size_t shop_index = 0, bool finance = true) {
    if (auto it = accounts_.find(id); it != accounts_.end()) return it->second;
    const auto shop = admin("GET", "/_sandbox/shops").as_object().at("shops").as_array().at(shop_index).as_object();
    Account a;
    a.shop_id = str(shop.at("id"));
    a.region = str(shop.at("region"));
    a.data_dir = (root.path() / id).string();
    a.host = std::make_unique<TestHost>(a.data_dir);
    a.host->set_secret("store_key", "fin-store-key-0123456789");
    a.instance = module().create(id.c_str(), a.host->table());
    if (module().configure(a.instance, json::serialize(config(a.region, finance))) != OCEAN_OK)
      throw std::runtime_error("configure: " + module().last_message(a.instance));
    if (module().api().start(a.instance) != OCEAN_OK)
      throw std::runtime_error("start: " + module().last_message(a.instance));
    connect(a);
    return accounts_.emplace(id, std::move(a)).first->second;
  }

  json::object config(const std::string& region, bool finance) const {
    return json::object{{"app_key", kAppKey},
                        {"app_secret", kAppSecret},
                        {"region", region},
                        {"service_id", kServiceId},
                        {"api_base_url", sb.https_base()},
                        {"auth_base_url", sb.https_base()},
                        {"authorize_base_url", sb.https_base()},
                        {"ca_bundle", sb.ca_file()},
                        {"features", json::object{{"finance", finance}}}};
  }

  Reply call(Account& a, const std::string& capability, const json::value& request) {
    auto [s, body] = module().invoke(a.instance, capability, json::serialize(request));
    Reply r{s, nullptr, s == OCEAN_OK ? "" : module().last_message(a.instance)};
    if (s == OCEAN_OK) r.body = json::parse(body);
    return r;
  }
  json::object ok(Account& a, const std::string& capability, const json::value& request) {
    Reply r = call(a, capability, request);
    INFO(capability << ": " << r.message);
    REQUIRE(r.status == OCEAN_OK);
    return r.body.as_object();
  }

  json::value admin(const std::string& method, const std::string& path, const json::value& body = nullptr) {
    auto r = http.request(method, sb.https_base() + path, body.is_null() ? "" : json::serialize(body),
                          {"Content-Type: application/json"});
    auto v = r.json();
    if (v.as_object().at("code").to_number<std::int64_t>() != 0)
      throw std::runtime_error("admin " + path + ": " + r.body);
    return v.as_object().at("data");
  }
  json::object truth(const Account& a) { return admin("GET", "/_sandbox/truth?shop_id=" + a.shop_id).as_object(); }
  std::int64_t now() { return admin("GET", "/_sandbox/clock").as_object().at("now").to_number<std::int64_t>(); }
  std::uint64_t last_seq() {
    std::uint64_t seq = 0;
    const json::value log = admin("GET", "/_sandbox/requests");  // kept: the loop reads into it
    for (const auto& e : log.as_object().at("requests").as_array())
      seq = std::max<std::uint64_t>(seq, e.as_object().at("seq").to_number<std::uint64_t>());
    return seq;
  }
  std::size_t api_calls_since(std::uint64_t seq) {
    std::size_t n = 0;
    const json::value log = admin("GET", "/_sandbox/requests?since=" + std::to_string(seq));
    for (const auto& e : log.as_object().at("requests").as_array()) {
      const std::string path = str(e.as_object().at("path"));
      if (e.as_object().at("seq").to_number<std::uint64_t>() > seq && path.rfind("/_sandbox", 0) != 0) ++n;
    }
    return n;
  }
  std::string db_path(const Account& a) const { return a.data_dir + "/tiktok_shop.db"; }

 private:
  static std::vector<std::string> args(int shops, int orders, std::vector<std::string> extra) {
    std::vector<std::string> a{
        "--app",    std::string(kAppKey) + ":" + kAppSecret + ":" + kServiceId + ":https://erp.example.com/cb",
        "--shops",  std::to_string(shops),
        "--orders", std::to_string(orders),
        "--seed",   "19"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }

  void connect(Account& a) {
    auto [s, body] = module().invoke(a.instance, "account.authorize_url", "{}");
    if (s != OCEAN_OK) throw std::runtime_error("authorize_url: " + module().last_message(a.instance));
    const auto consent = http.request("GET", str(json::parse(body).at("url")) + "&shop_id=" + a.shop_id);
    const std::string location = consent.headers.at("location");
    json::object cb;
    for (auto& [k, v] : ocean::url::parse_query(location.substr(location.find('?') + 1))) cb[k] = v;
    auto [s2, body2] = module().invoke(a.instance, "account.connect", json::serialize(cb));
    if (s2 != OCEAN_OK) throw std::runtime_error("connect: " + module().last_message(a.instance));
  }

  std::map<std::string, Account> accounts_;
};

// The mirror (the plugin's SQLite file) holds exactly the truth's statements with their transactions,
// payments and withdrawals, amounts equal to the minor unit.
inline void require_mirror_equals_truth(const std::string& db_path, const json::object& truth) {
  ocean::tiktok::finance::FinanceStore fs(db_path);
  const auto& statements = truth.at("statements").as_array();
  REQUIRE(fs.count("finance_statements") == static_cast<std::int64_t>(statements.size()));
  std::int64_t tx_total = 0;
  for (const auto& sv : statements) {
    const auto& s = sv.as_object();
    const auto row = fs.statement(str(s.at("id")));
    INFO("statement " << str(s.at("id")));
    REQUIRE(row.has_value());
    const int dec = ocean::tiktok::finance::currency_decimals(str(s.at("currency")));
    CHECK(row->currency == str(s.at("currency")));
    CHECK(ocean::tiktok::finance::format_minor(row->settlement, dec) == str(s.at("settlement_amount")));
    CHECK(row->payment_status == str(s.at("payment_status")));
    CHECK(fs.transactions_done(row->id));
    std::map<std::string, std::string> want;
    for (const auto& t : s.at("transactions").as_array()) want[str(t.at("id"))] = str(t.at("settlement_amount"));
    const auto got = fs.transactions_of(row->id);
    REQUIRE(got.size() == want.size());
    for (const auto& t : got) {
      REQUIRE(want.count(t.id));
      CHECK(ocean::tiktok::finance::format_minor(t.settlement, dec) == want.at(t.id));
    }
    tx_total += static_cast<std::int64_t>(got.size());
  }
  CHECK(fs.count("finance_transactions") == tx_total);
  std::map<std::string, std::string> payments;
  for (const auto& p : truth.at("payments").as_array()) payments[str(p.at("id"))] = str(p.at("status"));
  const auto mirrored = fs.payments();
  REQUIRE(mirrored.size() == payments.size());
  for (const auto& p : mirrored) {
    REQUIRE(payments.count(p.id));
    CHECK(p.status == payments.at(p.id));
  }
  std::map<std::string, std::string> withdrawals;
  for (const auto& w : truth.at("withdrawals").as_array()) withdrawals[str(w.at("id"))] = str(w.at("amount"));
  const auto ws = fs.withdrawals();
  REQUIRE(ws.size() == withdrawals.size());
  for (const auto& w : ws) {
    REQUIRE(withdrawals.count(w.id));
    CHECK(ocean::tiktok::finance::format_minor(w.amount, ocean::tiktok::finance::currency_decimals(w.currency)) ==
          withdrawals.at(w.id));
  }
}

}  // namespace finance_test
