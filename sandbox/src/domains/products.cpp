// Product writes (reference §8, addendum §2.9-§2.14): create, full edit (202309 and 202509), partial edit
// (202309 and 202509), delete, activate, deactivate, recover, inventory and price updates. Listing a product
// (create, a content edit, activation) puts it in PENDING and queues its audit; the sandbox clock decides
// the audit kAuditSeconds later: a title or description with a prohibited word fails with reasons, anything
// else passes. Writes send PRODUCT_CREATION (16), PRODUCT_STATUS_CHANGE (5), PRODUCT_AUDIT_STATUS_CHANGE
// (37) and, for live products, PRODUCT_INFORMATION_CHANGE (15).
#include <algorithm>
#include <cctype>
#include <set>

#include "../body_fields.hpp"
#include "../generator.hpp"
#include "../world.hpp"
#include "catalog_rules.hpp"
#include "catalog_store.hpp"
#include "product_listing.hpp"
#include "product_view.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using catalog::product_error;
constexpr std::int64_t kAuditSeconds = 60;

Product& find_product(Shop& shop, const std::string& id) {
  auto it = shop.data.products.find(id);
  if (it == shop.data.products.end() || it->second.status == "DELETED") {
    throw product_error(12052048, "You cannot edit product " + id + " as it isn't listed in your shop");
  }
  return it->second;
}

std::string read_save_mode(const json::object& b) {
  const std::string mode = fields::opt_string(b, "save_mode").value_or("LISTING");
  if (mode != "LISTING" && mode != "AS_DRAFT") throw bad_param("save_mode must be LISTING or AS_DRAFT");
  return mode;
}

void status_hook(World& world, Shop& shop, const Product& p, const std::string& kind, const std::string& reason,
                 std::int64_t now) {
  world.emit_webhook(
      shop, 5, "PRODUCT_STATUS_CHANGE",
      json::object{
          {"product_id", p.id}, {"status", kind}, {"suspended_reason", reason}, {"update_time", p.update_time}},
      now);
}

void audit_hook(World& world, Shop& shop, const Product& p, std::int64_t now) {
  json::object data{
      {"product_id", p.id},
      {"audit", json::object{{"status", catalog::audit_status(p)}, {"pre_approved_reasons", json::array{}}}},
      {"update_time", p.update_time}};
  auto it = p.platform_status.find("TOKOPEDIA");
  if (it != p.platform_status.end()) {
    data["integrated_platform_statuses"] = json::object{{"platform", "TOKOPEDIA"}, {"status", it->second}};
  }
  world.emit_webhook(shop, 37, "PRODUCT_AUDIT_STATUS_CHANGE", data, now);
}

void set_status(World& world, Shop& shop, Product& p, const std::string& status, std::int64_t now) {
  if (p.status == status) return;
  p.status = status;
  world.touch_product(shop, p, now);
  status_hook(world, shop, p, "PRODUCT_STATUS_CHANGED", "", now);
}

bool lists_on(const Product& p, const std::string& platform) {
  if (p.listing_platforms.empty()) return platform == "TIKTOK_SHOP";
  return std::find(p.listing_platforms.begin(), p.listing_platforms.end(), platform) != p.listing_platforms.end();
}

// Puts the product under audit: PENDING now, decided kAuditSeconds later by `advance`.
void submit_for_audit(World& world, Shop& shop, Product& p, std::int64_t now) {
  auto& queue = catalog::store(shop).audits;
  if (p.audit_done_at != 0) queue.erase({p.audit_done_at, p.id});
  p.audit_done_at = now + kAuditSeconds;
  p.audit_failed_reasons.clear();
  queue.insert({p.audit_done_at, p.id});
  if (lists_on(p, "TOKOPEDIA")) p.platform_status["TOKOPEDIA"] = "PENDING";
  if (p.status != "PENDING") {
    p.status = "PENDING";
    world.touch_product(shop, p, now);
  }
  audit_hook(world, shop, p, now);
}

json::array created_skus(const Product& p) {
  json::array out;
  for (const auto& s : p.skus) {
    json::array attrs;
    for (const auto& [id, value_id] : s.sales_attribute_ids)
      attrs.push_back(json::object{{"id", id}, {"value_id", value_id}});
    out.push_back(json::object{{"id", s.id},
                               {"seller_sku", s.seller_sku},
                               {"sales_attributes", attrs},
                               {"external_sku_id", s.external_sku_id}});
  }
  return out;
}

json::value create_product(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const std::string mode = read_save_mode(b);
  const auto key = fields::opt_string(b, "idempotency_key");
  if (key && key->size() > 128) throw bad_param("idempotency_key must be at most 128 characters");
  auto& st = catalog::store(shop);
  if (key && st.idempotency.count(*key)) {  // a retried create answers the product it already made
    const Product& made = shop.data.products.at(st.idempotency.at(*key));
    return json::object{{"product_id", made.id}, {"skus", created_skus(made)}, {"warnings", json::array{}}};
  }
  Product p;
  json::array warnings;
  catalog::read_listing(c.world, shop, b, catalog::ListingInput{}, p, warnings);
  p.id = "17295" + c.world.new_numeric_id(14);
  p.create_time = c.now;
  p.update_time = c.now;
  p.status = "DRAFT";
  if (lists_on(p, "TOKOPEDIA")) p.platform_status["TOKOPEDIA"] = "DRAFT";
  const std::string id = p.id;
  c.world.insert_product(shop, std::move(p));
  if (key) st.idempotency[*key] = id;
  Product& stored = shop.data.products.at(id);
  c.world.emit_webhook(shop, 16, "PRODUCT_CREATION",
                       json::object{{"product_id", id}, {"product_types", json::array{}}, {"update_time", c.now}},
                       c.now);
  if (mode == "LISTING") submit_for_audit(c.world, shop, stored, c.now);
  return json::object{{"product_id", id}, {"skus", created_skus(stored)}, {"warnings", warnings}};
}

// What an audit looks at: everything except price, stock and times (those publish without audit).
std::string content_key(const Shop& shop, const Product& p) {
  auto o = catalog::product_detail(shop, p);
  for (const char* k : {"update_time", "create_time", "status", "audit", "audit_failed_reasons"}) o.erase(k);
  for (auto& s : o["skus"].as_array()) {
    s.as_object().erase("price");
    s.as_object().erase("inventory");
    s.as_object().erase("list_price");
  }
  return json::serialize(o);
}

json::array changed_fields(const Shop& shop, const Product& before, const Product& after) {
  json::array out;
  if (before.title != after.title) out.push_back("title");
  if (before.description != after.description) out.push_back("description");
  if (before.main_images != after.main_images) out.push_back("main_images");
  if (json::serialize(catalog::product_detail(shop, before)["product_attributes"]) !=
      json::serialize(catalog::product_detail(shop, after)["product_attributes"]))
    out.push_back("product_attributes");
  if (before.size_chart_image_uri != after.size_chart_image_uri) out.push_back("size_chart_image");
  if (before.size_chart_template_id != after.size_chart_template_id) out.push_back("size_chart_template");
  if (out.empty()) out.push_back("others");
  return out;
}

// Stores an edited copy: content changes go to audit (when listing), price and stock take effect at once.
json::value store_edit(ApiContext& c, Product& existing, Product edited, bool listing, const json::array& warnings) {
  Shop& shop = c.the_shop();
  const bool content = content_key(shop, existing) != content_key(shop, edited);
  const bool was_live = existing.status == "ACTIVATE";
  const json::array fields_changed = changed_fields(shop, existing, edited);
  existing = std::move(edited);
  c.world.touch_product(shop, existing, c.now);
  std::string audit = "APPROVED";
  if (content && listing && existing.status != "DRAFT") {
    submit_for_audit(c.world, shop, existing, c.now);
    audit = "AUDITING";
  } else if (content && listing) {
    audit = "NONE";
  }
  if (was_live) {
    c.world.emit_webhook(shop, 15, "PRODUCT_INFORMATION_CHANGE",
                         json::object{{"product_id", existing.id},
                                      {"change_source", "OPEN_API"},
                                      {"changed_fields", fields_changed},
                                      {"update_time", c.now}},
                         c.now);
  }
  return json::object{{"product_id", existing.id},
                      {"skus", created_skus(existing)},
                      {"warnings", warnings},
                      {"audit", json::object{{"status", audit}}}};
}

void check_editable(const Product& p) {
  if (p.status == "FREEZE") throw product_error(12052901, "A frozen product cannot be edited: " + p.id);
}

json::value edit_product(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& existing = find_product(shop, c.path_param("product_id"));
  check_editable(existing);
  const auto& b = c.body();
  const std::string mode = read_save_mode(b);
  if (mode == "AS_DRAFT" && existing.status == "PENDING") {
    throw product_error(12052901, "A post-live draft is not allowed while the product is PENDING");
  }
  Product p = existing;
  json::array warnings;
  catalog::read_listing(c.world, shop, b, catalog::ListingInput{&existing}, p, warnings);
  return store_edit(c, existing, std::move(p), mode == "LISTING", warnings);
}

json::value partial_edit(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& existing = find_product(shop, c.path_param("product_id"));
  check_editable(existing);
  Product p = existing;
  json::array warnings;
  catalog::read_partial(c.world, shop, c.body(), p, warnings);
  return store_edit(c, existing, std::move(p), true, warnings);
}

struct BulkRequest {
  std::vector<std::string> ids;
  std::vector<std::string> platforms;  // empty = TIKTOK_SHOP
};

BulkRequest read_bulk(const Shop& shop, const json::object& b, bool platforms_allowed) {
  BulkRequest r;
  auto ids = fields::opt_string_array(b, "product_ids");
  if (!ids || ids->empty()) throw bad_param("product_ids is a required field");
  if (ids->size() > 20) throw product_error(12019120, "product_ids allows at most 20 ids");
  r.ids = *ids;
  if (auto lp = fields::opt_string_array(b, "listing_platforms")) {
    if (!platforms_allowed) throw bad_param("listing_platforms is not a field of this request");
    for (const auto& p : *lp) {
      if (p != "TIKTOK_SHOP" && p != "TOKOPEDIA") throw bad_param("listing_platforms is invalid: " + p);
      if (p == "TOKOPEDIA" && shop.region != "ID") {
        throw product_error(12052330, "TOKOPEDIA is a listing platform for Indonesian shops only");
      }
    }
    r.platforms = *lp;
  }
  return r;
}

json::object item_error(int code, const std::string& message, const std::string& id) {
  return json::object{{"code", code}, {"message", message}, {"detail", json::object{{"product_id", id}}}};
}

enum class BulkOp { kDelete, kActivate, kDeactivate, kRecover };

// One product of a bulk call; returns an error object, or null when it was applied.
json::value apply_bulk(ApiContext& c, Product& p, BulkOp op, const BulkRequest& r) {
  Shop& shop = c.the_shop();
  const bool tokopedia_only = r.platforms.size() == 1 && r.platforms[0] == "TOKOPEDIA";
  const bool touches_tokopedia = std::find(r.platforms.begin(), r.platforms.end(), "TOKOPEDIA") != r.platforms.end();
  const auto forbidden = [&](const std::string& why) { return item_error(12052901, why, p.id); };
  switch (op) {
    case BulkOp::kDelete:
      if (p.status == "FREEZE") return forbidden("A frozen product cannot be deleted.");
      if (p.audit_done_at) catalog::store(shop).audits.erase({p.audit_done_at, p.id});
      p.audit_done_at = 0;
      set_status(c.world, shop, p, "DELETED", c.now);
      return nullptr;
    case BulkOp::kRecover:
      if (p.status != "DELETED") return forbidden("Only deleted products can be recovered.");
      set_status(c.world, shop, p, "SELLER_DEACTIVATED", c.now);
      return nullptr;
    case BulkOp::kDeactivate:
      if (touches_tokopedia && p.platform_status.count("TOKOPEDIA")) {
        p.platform_status["TOKOPEDIA"] = "SELLER_DEACTIVATED";
        c.world.touch_product(shop, p, c.now);
      }
      if (tokopedia_only) return nullptr;
      if (p.status != "ACTIVATE") return forbidden("Only live (ACTIVATE) products can be deactivated.");
      set_status(c.world, shop, p, "SELLER_DEACTIVATED", c.now);
      return nullptr;
    case BulkOp::kActivate:
      if (p.status != "SELLER_DEACTIVATED" && p.status != "PLATFORM_DEACTIVATED" &&
          !(tokopedia_only && p.platform_status.count("TOKOPEDIA"))) {
        return forbidden("Only deactivated products can be activated.");
      }
      if (touches_tokopedia &&
          std::find(p.listing_platforms.begin(), p.listing_platforms.end(), "TOKOPEDIA") == p.listing_platforms.end()) {
        p.listing_platforms.push_back("TOKOPEDIA");
      }
      submit_for_audit(c.world, shop, p, c.now);
      return nullptr;
  }
  return nullptr;
}

json::value bulk(ApiContext& c, BulkOp op) {
  Shop& shop = c.the_shop();
  const BulkRequest r = read_bulk(shop, c.body(), op == BulkOp::kActivate || op == BulkOp::kDeactivate);
  json::array errors;
  for (const auto& id : r.ids) {
    auto it = shop.data.products.find(id);
    const bool gone = it == shop.data.products.end() || (it->second.status == "DELETED" && op != BulkOp::kRecover);
    if (gone) {
      errors.push_back(item_error(12052048, "You cannot edit the product as it isn't listed in your shop.", id));
      continue;
    }
    json::value e = apply_bulk(c, it->second, op, r);
    if (!e.is_null()) errors.push_back(std::move(e));
  }
  return json::object{{"errors", errors}};
}

Sku& sku_of(Product& p, const std::string& id) {
  auto it = std::find_if(p.skus.begin(), p.skus.end(), [&](const Sku& k) { return k.id == id; });
  if (it == p.skus.end()) throw product_error(12052557, "SKU " + id + " does not belong to product " + p.id);
  return *it;
}

std::map<std::string, std::int64_t> read_inventory(const Shop& shop, const json::array& inventory) {
  std::map<std::string, std::int64_t> out;
  for (const auto& v : inventory) {
    if (!v.is_object()) throw bad_param("inventory entries must be objects");
    const auto& o = v.as_object();
    const std::string w = fields::req_string(o, "warehouse_id");
    const bool sales = std::any_of(shop.data.warehouses.begin(), shop.data.warehouses.end(),
                                   [&](const Warehouse& x) { return x.id == w && x.type == "SALES_WAREHOUSE"; });
    if (!sales) throw bad_param("warehouse_id " + w + " is not a sales warehouse of this shop");
    const auto q = fields::opt_int(o, "quantity");
    if (!q) throw bad_param("inventory.quantity is a required field");
    if (*q < 0 || *q > 99999) throw bad_param("inventory.quantity must be between 0 and 99999");
    out[w] = *q;
  }
  return out;
}

json::value update_inventory(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& p = find_product(shop, c.path_param("product_id"));
  const auto* skus = fields::opt_array(c.body(), "skus");
  if (skus == nullptr || skus->empty()) throw bad_param("skus is a required field");
  std::vector<std::pair<Sku*, std::map<std::string, std::int64_t>>> changes;
  for (const auto& v : *skus) {
    if (!v.is_object()) throw bad_param("skus entries must be objects");
    const auto& o = v.as_object();
    const std::string id = fields::req_string(o, "id");
    auto it = std::find_if(p.skus.begin(), p.skus.end(), [&](const Sku& k) { return k.id == id; });
    if (it == p.skus.end()) throw bad_param("skus.id " + id + " does not belong to this product");
    const auto* inv = fields::opt_array(o, "inventory");
    if (inv == nullptr || inv->empty()) throw bad_param("skus.inventory is a required field");
    changes.emplace_back(&*it, read_inventory(shop, *inv));
  }
  for (auto& [sku, inv] : changes)
    for (const auto& [w, q] : inv) sku->inventory[w] = q;
  c.world.touch_product(shop, p, c.now);
  return json::object{{"errors", json::array{}}};
}

std::int64_t read_price(const Shop& shop, const json::object& price, const char* what) {
  const std::string amount = fields::req_string(price, "amount");
  const std::string currency = fields::req_string(price, "currency");
  if (currency != shop.currency)
    throw bad_param(std::string(what) + ".currency must be " + shop.currency + " for this shop");
  std::int64_t minor = 0;
  if (!parse_money(shop, amount, minor) || minor <= 0) {
    throw bad_param(std::string(what) + ".amount must be a positive decimal string in " + shop.currency);
  }
  if (minor > catalog::price_range_minor(shop.region).second) {
    throw product_error(12052570, "product price exceed limit: " + std::string(what) + ".amount " + amount);
  }
  return minor;
}

json::value update_prices(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& p = find_product(shop, c.path_param("product_id"));
  const auto* skus = fields::opt_array(c.body(), "skus");
  if (skus == nullptr) throw bad_param("skus is a required field");
  if (skus->empty()) throw product_error(12052902, "The SKU list is empty: skus");
  std::vector<std::tuple<Sku*, std::int64_t, std::int64_t>> changes;
  std::set<std::string> seen;
  for (const auto& v : *skus) {
    if (!v.is_object()) throw bad_param("skus entries must be objects");
    const auto& o = v.as_object();
    const std::string id = fields::req_string(o, "id");
    if (!seen.insert(id).second) throw product_error(12052553, "Duplicate SKU in the request: " + id);
    Sku& sku = sku_of(p, id);
    const auto* price = fields::opt_object(o, "price");
    if (price == nullptr) throw bad_param("skus.price is a required field");
    const std::int64_t sale = read_price(shop, *price, "skus.price");
    std::int64_t list = sku.list_price_minor;
    if (const auto* lp = fields::opt_object(o, "list_price")) list = read_price(shop, *lp, "skus.list_price");
    changes.emplace_back(&sku, sale, list);
  }
  for (auto& [sku, sale, list] : changes) {
    sku->price_minor = sale;
    sku->list_price_minor = list;
  }
  c.world.touch_product(shop, p, c.now);
  if (p.status == "ACTIVATE") {
    c.world.emit_webhook(shop, 15, "PRODUCT_INFORMATION_CHANGE",
                         json::object{{"product_id", p.id},
                                      {"change_source", "OPEN_API"},
                                      {"changed_fields", json::array{"others"}},
                                      {"update_time", c.now}},
                         c.now);
  }
  return json::object{};
}

void register_routes(ApiRouter& r) {
  const auto shop = ShopScope::kRequired;
  r.add(ApiRoute{"POST", "/product/202309/products", shop, std::nullopt, create_product});
  for (const char* v : {"202309", "202509"}) {
    const std::string base = std::string("/product/") + v + "/products/{product_id}";
    r.add(ApiRoute{"PUT", base, shop, std::nullopt, edit_product});
    r.add(ApiRoute{"POST", base + "/partial_edit", shop, std::nullopt, partial_edit});
  }
  r.add(ApiRoute{"DELETE", "/product/202309/products", shop, std::nullopt,
                 [](ApiContext& c) { return bulk(c, BulkOp::kDelete); }});
  r.add(ApiRoute{"POST", "/product/202309/products/activate", shop, std::nullopt,
                 [](ApiContext& c) { return bulk(c, BulkOp::kActivate); }});
  r.add(ApiRoute{"POST", "/product/202309/products/deactivate", shop, std::nullopt,
                 [](ApiContext& c) { return bulk(c, BulkOp::kDeactivate); }});
  r.add(ApiRoute{"POST", "/product/202309/products/recover", shop, std::nullopt,
                 [](ApiContext& c) { return bulk(c, BulkOp::kRecover); }});
  r.add(
      ApiRoute{"POST", "/product/202309/products/{product_id}/inventory/update", shop, std::nullopt, update_inventory});
  r.add(ApiRoute{"POST", "/product/202309/products/{product_id}/prices/update", shop, std::nullopt, update_prices});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"products", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
