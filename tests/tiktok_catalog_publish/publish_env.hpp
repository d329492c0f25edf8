// Helpers for the catalog.publish tests: the shared ops environment (one HTTPS sandbox, the plugin
// through its C ABI) with a "publish" account, generated batches of ERP products (two colour SKUs each,
// prices and stock varying with the index), and the check that every product of a batch is in the
// sandbox's truth exactly once with its SKUs, prices and stock.
#pragma once
#include <fstream>
#include <map>

#include "catalog_env.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_store.hpp"

namespace publish_test {
using namespace catalog_test;

inline constexpr const char* kStoreKey = "ops-store-key-0123456789";  // as OpsEnv gives every account

inline json::object publish_features() {
  json::object f = all_ops_features(false);
  f["product_catalog"] = true;
  f["logistics"] = true;
  return f;
}

inline ocean_instance* publisher(OpsEnv& env) { return env.account("publish", publish_features()); }

// The configuration OpsEnv gives its accounts (for a child process opening the same account).
inline json::object publisher_config(OpsEnv& env) {
  return json::object{{"app_key", kAppKey},
                      {"app_secret", kAppSecret},
                      {"region", env.region},
                      {"service_id", kServiceId},
                      {"api_base_url", env.sb.https_base()},
                      {"auth_base_url", env.sb.https_base()},
                      {"authorize_base_url", env.sb.https_base()},
                      {"ca_bundle", env.sb.ca_file()},
                      {"features", publish_features()}};
}

inline std::string data_dir(OpsEnv& env) { return (env.root.path() / "publish").string(); }
inline std::string db_path(OpsEnv& env) { return data_dir(env) + "/" + ocean::tiktok::store::SqliteStore::kFileName; }

struct ExpectedSku {
  std::string price;
  std::int64_t quantity;
};

inline std::string blue_price(int i) { return std::to_string(10 + i % 50) + ".25"; }
inline std::string red_price(int i) { return std::to_string(11 + i % 37) + ".99"; }
inline std::int64_t blue_stock(int i) { return i % 100; }
inline std::int64_t red_stock(int i) { return (i * 7) % 500; }

// Product i of batch `prefix`: ERP SKUs "<prefix>-<i>-BLUE" and "-RED" in the Mugs & Cups leaf.
inline json::object batch_product(const std::string& wh, const std::string& image, const std::string& prefix, int i) {
  auto sku = [&](const std::string& colour, const std::string& price, std::int64_t qty) {
    return json::object{{"erp_sku", prefix + "-" + std::to_string(i) + "-" + colour},
                        {"price", price},
                        {"stock", json::array{json::object{{"warehouse_id", wh}, {"quantity", qty}}}},
                        {"options", json::array{json::object{{"name", "Color"}, {"value", colour}}}}};
  };
  return json::object{
      {"erp_product_id", prefix + "-P" + std::to_string(i)},
      {"title", "Ocean ceramic mug " + prefix + " number " + std::to_string(i)},
      {"description", "<p>Ceramic mug, dishwasher safe.</p>"},
      {"category_id", "900003"},
      {"images", json::array{image}},
      {"attributes", json::array{json::object{{"id", "100001"}, {"values", json::array{"1000011"}}}}},
      {"package", json::object{{"weight_kg", "0.4"}, {"length_cm", 12}, {"width_cm", 10}, {"height_cm", 11}}},
      {"skus", json::array{sku("BLUE", blue_price(i), blue_stock(i)), sku("RED", red_price(i), red_stock(i))}}};
}

inline json::array batch(OpsEnv& env, const std::string& prefix, int n) {
  const std::string wh = sales_warehouse(env);
  const std::string image = png_file(env, "publish-" + prefix);
  json::array out;
  for (int i = 0; i < n; ++i) out.push_back(batch_product(wh, image, prefix, i));
  return out;
}

inline std::map<std::string, ExpectedSku> expected_skus(const std::string& prefix, int n) {
  std::map<std::string, ExpectedSku> out;
  for (int i = 0; i < n; ++i) {
    out[prefix + "-" + std::to_string(i) + "-BLUE"] = {blue_price(i), blue_stock(i)};
    out[prefix + "-" + std::to_string(i) + "-RED"] = {red_price(i), red_stock(i)};
  }
  return out;
}

// Every ERP SKU of the batch is held by exactly one (not deleted) sandbox product, with its price and
// stock, and the batch's products are exactly `n` products at TikTok.
inline void require_listed_once(OpsEnv& env, const std::string& prefix, int n) {
  const auto want = expected_skus(prefix, n);
  std::map<std::string, int> seen;
  std::set<std::string> products;
  for (const auto& p : env.truth_list("products")) {
    if (str(p, "status") == "DELETED") continue;
    for (const auto& s : p.at("skus").as_array()) {
      const std::string sku = str(s, "seller_sku");
      const auto it = want.find(sku);
      if (it == want.end()) continue;
      ++seen[sku];
      products.insert(str(p, "id"));
      INFO("ERP SKU " << sku);
      CHECK(str(s.at("price"), "sale_price") == it->second.price);
      CHECK(s.at("inventory").as_array().at(0).as_object().at("quantity").to_number<std::int64_t>() ==
            it->second.quantity);
    }
  }
  CHECK(products.size() == static_cast<std::size_t>(n));
  CHECK(seen.size() == want.size());
  for (const auto& [sku, count] : seen) {
    INFO("ERP SKU " << sku);
    CHECK(count == 1);
  }
}

// The API calls since `seq` with this method and path.
inline int calls(OpsEnv& env, std::uint64_t seq, const std::string& method, const std::string& path) {
  int n = 0;
  for (const auto& e : env.api_calls_since(seq)) n += str(e, "method") == method && str(e, "path") == path ? 1 : 0;
  return n;
}

inline std::int64_t sql_count(const std::string& db, const std::string& sql) {
  ocean::tiktok::sqlite::Database d(db);
  auto q = d.prepare(sql);
  return q.step() ? q.int64(0) : -1;
}

}  // namespace publish_test
