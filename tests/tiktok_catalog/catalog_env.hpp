// The ops test environment (one HTTPS sandbox, the plugin through its C ABI, real OAuth) with helpers for
// listing: a PNG file on disk (only its header is real: the sandbox sniffs format and size from it), the
// sales warehouse, and a valid ERP product for the US shop (category tree v2, leaf Mugs & Cups).
#pragma once
#include <fstream>

#include "ops_env.hpp"

namespace catalog_test {
using namespace ops_test;

inline std::string be32(std::uint32_t v) {
  return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                     static_cast<char>(v)};
}

// Writes an 800x800 PNG header under the env's root and returns its absolute path.
inline std::string png_file(OpsEnv& env, const std::string& name) {
  const auto path = env.root.path() / (name + ".png");
  std::ofstream out(path, std::ios::binary);
  out << std::string("\x89PNG\r\n\x1a\n", 8) << be32(13) << "IHDR" << be32(800) << be32(800)
      << std::string("\x08\x02\0\0\0", 5) << name;
  return path.string();
}

inline ocean_instance* seller(OpsEnv& env) {
  json::object f = all_ops_features(false);
  f["product_catalog"] = true;
  f["logistics"] = true;
  return env.account("catalog", f);
}

inline std::string sales_warehouse(OpsEnv& env) {
  const auto w = env.ok(seller(env), "logistics.warehouses", json::object{});
  for (const auto& x : w.at("warehouses").as_array())
    if (str(x, "type") == "SALES_WAREHOUSE") return str(x, "id");
  throw std::runtime_error("no sales warehouse");
}

inline json::object erp_product(OpsEnv& env, const std::string& image, const std::string& prefix) {
  const std::string wh = sales_warehouse(env);
  auto sku = [&](const std::string& erp, const char* colour, const char* price, int qty) {
    return json::object{{"erp_sku", erp},
                        {"price", price},
                        {"stock", json::array{json::object{{"warehouse_id", wh}, {"quantity", qty}}}},
                        {"options", json::array{json::object{{"name", "Color"}, {"value", colour}}}}};
  };
  return json::object{
      {"title", "Ocean ceramic mug 350 ml"},
      {"description", "<p>Ceramic mug, 350 ml, dishwasher safe.</p>"},
      {"category_id", "900003"},
      {"images", json::array{image}},
      {"attributes", json::array{json::object{{"id", "100001"}, {"values", json::array{"1000011"}}}}},
      {"package", json::object{{"weight_kg", "0.4"}, {"length_cm", 12}, {"width_cm", 10}, {"height_cm", 11}}},
      {"skus", json::array{sku(prefix + "-BLUE", "Blue", "12.50", 40), sku(prefix + "-RED", "Red", "13.00", 7)}}};
}

inline json::object truth_product(OpsEnv& env, const std::string& id) {
  for (const auto& p : env.truth_list("products"))
    if (str(p, "id") == id) return p.as_object();
  throw std::runtime_error("product " + id + " is not in the sandbox");
}

// Decides the product's pending audit now by the sandbox's rules (the plugin signs with the host clock,
// so the tests do not move the sandbox clock).
inline void audit_now(OpsEnv& env, const std::string& product_id) {
  env.admin("POST", "/_sandbox/products/" + product_id + "/audit", json::object{{"result", "AUTO"}});
}

}  // namespace catalog_test
