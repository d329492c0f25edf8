// A connected sandbox account (tests/tiktok/sandbox_fixture.hpp) plus the Mirror over
// its database file, and the sandbox's truth to compare the mirror with.
#pragma once
#include <boost/json.hpp>

#include <functional>
#include <memory>
#include <set>

#include "model/parse_api.hpp"
#include "sandbox_fixture.hpp"
#include "capability/router.hpp"
#include "mirror/mirror.hpp"

inline ocean::tiktok::mirror::MirrorSettings commerce_settings(SandboxAccount& sa, const std::string& shop_id) {
  ocean::tiktok::mirror::MirrorSettings s;
  s.db_path = sa.db_path();
  s.account_id = "acct-itest";
  s.shop_id = shop_id;
  s.app_key = kAppKey;
  s.app_secret = kAppSecret;
  s.sync_interval_seconds = 0;  // tests drive syncs themselves unless they say otherwise
  return s;
}

class SyncRig {
 public:
  // `connect_extra(sa)` goes with the consent callback (e.g. "shop_id" when the seller has several shops).
  explicit SyncRig(std::vector<std::string> sandbox_args, json::object config_extra = {}, int max_attempts = 4,
                   const std::function<json::object(SandboxAccount&)>& connect_extra = {})
      : sa(std::move(sandbox_args), std::move(config_extra), max_attempts) {
    auto [o, status] = sa.connect(connect_extra ? connect_extra(sa) : json::object{});
    if (!o.ok()) throw std::runtime_error("connect failed: " + o.message);
    shop_id = std::string(status.at("shop").at("id").as_string());
    settings = commerce_settings(sa, shop_id);
    rebuild();
  }

  // A fresh service on the same file (as after a restart).
  void rebuild(ocean::tiktok::mirror::AccountSignals signals = {}) {
    svc.reset();
    svc = std::make_unique<ocean::tiktok::mirror::Mirror>(
        settings, *sa.account().api(), [this] { return sa.account().accounts()->shop_cipher(); }, sa.host(),
        std::move(signals));
  }

  json::value call(const std::string& cap, const json::object& req = {}) {
    return json::parse(invoke(cap, json::serialize(req)));
  }

  // Runs a capability through the plugin's router over this account and mirror; throws Failure.
  std::string invoke(const std::string& cap, const std::string& request_json) {
    const ocean::tiktok::capability::Rooms rooms{&sa.account(), svc.get(), nullptr};
    return ocean::tiktok::capability::run_capability(rooms, cap, request_json);
  }

  json::object truth() { return sa.admin("GET", "/_sandbox/truth?shop_id=" + shop_id).as_object(); }

  // Runs fn between two identical truths, so the sandbox's own order flow cannot move under the
  // comparison; returns that truth. The pause lets the sandbox clock leave the second of the
  // last change: a search shows records as of its snapshot second, excluding that second itself
  // (a later incremental sync picks such records up through the overlap window).
  template <typename Fn>
  json::object stable(Fn&& fn) {
    for (int i = 0; i < 6; ++i) {
      const json::object before = truth();
      std::this_thread::sleep_for(std::chrono::milliseconds(1100));
      fn();
      const json::object after = truth();
      if (before == after) return after;
    }
    throw std::runtime_error("the sandbox kept changing during every attempt");
  }

  std::size_t events(const std::string& type) {
    std::size_t n = 0;
    for (const auto& e : sa.host().events())
      if (json::parse(e).at("type").as_string() == type) ++n;
    return n;
  }

  SandboxAccount sa;
  std::string shop_id;
  ocean::tiktok::mirror::MirrorSettings settings;
  std::unique_ptr<ocean::tiktok::mirror::Mirror> svc;
};

// The mirror holds exactly the truth's orders, each byte-for-byte the API object.
inline void require_orders_equal_truth(ocean::tiktok::store::CommerceStore& store, const json::object& truth) {
  const auto& orders = truth.at("orders").as_array();
  REQUIRE(store.order_count() == static_cast<std::int64_t>(orders.size()));
  for (const auto& o : orders) {
    const std::string id(o.at("id").as_string());
    const auto stored = store.order(id);
    INFO("order " << id);
    REQUIRE(stored.has_value());
    CHECK(json::parse(stored->raw_json) == o);
  }
}

// Products: status, update time, SKUs and per-warehouse stock as the truth has them.
inline void require_products_equal_truth(ocean::tiktok::store::CommerceStore& store, const json::object& truth) {
  std::int64_t expected = 0;
  for (const auto& p : truth.at("products").as_array()) {
    ++expected;
    const std::string id(p.at("id").as_string());
    INFO("product " << id);
    const auto stored = store.product(id);
    REQUIRE(stored.has_value());
    const auto want = ocean::tiktok::model::parse_product(p);
    const auto got = ocean::tiktok::model::parse_product(json::parse(stored->raw_json));
    CHECK(got.status == want.status);
    CHECK(got.update_time == want.update_time);
    REQUIRE(got.skus.size() == want.skus.size());
    for (std::size_t i = 0; i < want.skus.size(); ++i) {
      CHECK(got.skus[i].id == want.skus[i].id);
      CHECK(got.skus[i].stock == want.skus[i].stock);
      CHECK(store.mirrored_stock(want.skus[i].id).size() == want.skus[i].stock.size());
    }
  }
  CHECK(store.product_count() == expected);
}
