// Products (reference §8): search, get, create, full edit, partial edit, delete, activate, deactivate,
// inventory update and price update. Writes change later reads and send PRODUCT_* webhooks.
// Listing a product (create or full edit) puts it in PENDING; it passes audit 60 s of sandbox time later.
#include <algorithm>

#include "../body_fields.hpp"
#include "../generator.hpp"
#include "../paging.hpp"
#include "../world.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
constexpr std::int64_t kAuditSeconds = 60;

std::string weight_kg(std::int64_t grams) {
  std::string frac = std::to_string(grams % 1000);
  while (frac.size() < 3) frac.insert(0, "0");
  return std::to_string(grams / 1000) + "." + frac;
}

json::object sku_price(const Shop& shop, const Sku& s) {
  return json::object{{"currency", shop.currency},
                      {"sale_price", money(shop, s.price_minor)},
                      {"tax_exclusive_price", money(shop, s.price_minor)}};
}

json::array sku_inventory(const Sku& s) {
  json::array inv;
  for (const auto& [w, q] : s.inventory) inv.push_back(json::object{{"warehouse_id", w}, {"quantity", q}});
  return inv;
}

json::object product_json(const Shop& shop, const Product& p) {
  json::array skus;
  for (const auto& s : p.skus) {
    json::array attrs;
    for (const auto& [name, value] : s.sales_attributes)
      attrs.push_back(json::object{{"name", name}, {"value_name", value}});
    json::object sku{{"id", s.id},
                     {"seller_sku", s.seller_sku},
                     {"price", sku_price(shop, s)},
                     {"inventory", sku_inventory(s)},
                     {"sales_attributes", attrs}};
    if (s.list_price_minor > 0) {
      sku["list_price"] = json::object{{"amount", money(shop, s.list_price_minor)}, {"currency", shop.currency}};
    }
    skus.push_back(std::move(sku));
  }
  json::array images;
  for (const auto& uri : p.main_images) {
    images.push_back(json::object{
        {"uri", uri},
        {"urls", json::array{"https://p16-oec-va.ibyteimg.com/" + uri + "~tplv-o3syd03w52-origin-jpeg.jpeg"}},
        {"height", 800},
        {"width", 800}});
  }
  return json::object{
      {"id", p.id},
      {"title", p.title},
      {"description", p.description},
      {"status", p.status},
      {"create_time", p.create_time},
      {"update_time", p.update_time},
      {"category_chains",
       json::array{json::object{
           {"id", p.category_id}, {"local_name", p.category_name}, {"is_leaf", true}, {"parent_id", "0"}}}},
      {"main_images", images},
      {"package_weight", json::object{{"value", weight_kg(p.weight_grams)}, {"unit", "KILOGRAM"}}},
      {"external_product_id", p.external_product_id},
      {"is_cod_allowed", p.is_cod_allowed},
      {"audit", json::object{{"status", p.status == "PENDING" ? "AUDITING"
                                                              : (p.status == "FAILED" ? "AUDIT_FAILED" : "APPROVED")}}},
      {"skus", skus}};
}

json::object product_summary_json(const Shop& shop, const Product& p) {
  json::array skus;
  for (const auto& s : p.skus) {
    skus.push_back(json::object{
        {"id", s.id}, {"seller_sku", s.seller_sku}, {"price", sku_price(shop, s)}, {"inventory", sku_inventory(s)}});
  }
  return json::object{{"id", p.id},
                      {"title", p.title},
                      {"status", p.status},
                      {"create_time", p.create_time},
                      {"update_time", p.update_time},
                      {"sales_regions", json::array{shop.region}},
                      {"skus", skus}};
}

bool is_product_status(const std::string& s) {
  static const char* const all[] = {
      "DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE", "DELETED"};
  return std::any_of(std::begin(all), std::end(all), [&](const char* x) { return s == x; });
}

Product& find_product(Shop& shop, const std::string& id) {
  auto it = shop.data.products.find(id);
  if (it == shop.data.products.end() || it->second.status == "DELETED") {
    throw bad_param("product " + id + " does not exist in this shop");
  }
  return it->second;
}

const Warehouse& sales_warehouse(const Shop& shop, const std::string& id) {
  for (const auto& w : shop.data.warehouses) {
    if (w.id == id && w.type == "SALES_WAREHOUSE") return w;
  }
  throw bad_param("warehouse_id " + id + " is not a sales warehouse of this shop");
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
  return minor;
}

std::map<std::string, std::int64_t> read_inventory(const Shop& shop, const json::array& inventory) {
  std::map<std::string, std::int64_t> out;
  for (const auto& v : inventory) {
    if (!v.is_object()) throw bad_param("inventory entries must be objects");
    const auto& o = v.as_object();
    const std::string w = fields::req_string(o, "warehouse_id");
    sales_warehouse(shop, w);
    const auto q = fields::opt_int(o, "quantity");
    if (!q) throw bad_param("inventory.quantity is a required field");
    if (*q < 0 || *q > 99999) throw bad_param("inventory.quantity must be between 0 and 99999");
    out[w] = *q;
  }
  return out;
}

// Reads a SKU of a create/full-edit body; `existing` keeps ids of SKUs the body names by id.
Sku read_sku(World& world, const Shop& shop, const json::object& o, const Product* existing) {
  Sku s;
  if (auto id = fields::opt_string(o, "id"); id && existing != nullptr) {
    const auto it =
        std::find_if(existing->skus.begin(), existing->skus.end(), [&](const Sku& k) { return k.id == *id; });
    if (it == existing->skus.end()) throw bad_param("skus.id " + *id + " does not belong to this product");
    s.id = *id;
  } else {
    s.id = "17295" + world.new_numeric_id(14);
  }
  s.seller_sku = fields::opt_string(o, "seller_sku").value_or("");
  const auto* price = fields::opt_object(o, "price");
  if (price == nullptr) throw bad_param("skus.price is a required field");
  s.price_minor = read_price(shop, *price, "skus.price");
  if (const auto* lp = fields::opt_object(o, "list_price"))
    s.list_price_minor = read_price(shop, *lp, "skus.list_price");
  const auto* inv = fields::opt_array(o, "inventory");
  if (inv == nullptr || inv->empty()) throw bad_param("skus.inventory is a required field");
  s.inventory = read_inventory(shop, *inv);
  if (const auto* attrs = fields::opt_array(o, "sales_attributes")) {
    for (const auto& a : *attrs) {
      if (!a.is_object()) throw bad_param("sales_attributes entries must be objects");
      s.sales_attributes.emplace_back(fields::req_string(a.as_object(), "name"),
                                      fields::opt_string(a.as_object(), "value_name").value_or(""));
    }
  }
  return s;
}

// Validates a create / full-edit body into `p` (everything is checked before anything is stored).
void read_listing(World& world, const Shop& shop, const json::object& b, Product& p, const Product* existing) {
  p.title = fields::req_string(b, "title");
  if (p.title.size() > 255) throw bad_param("title must be at most 255 characters");
  p.description = fields::req_string(b, "description");
  p.category_id = fields::req_string(b, "category_id");
  p.category_name = existing ? existing->category_name : "Category " + p.category_id;
  const auto* images = fields::opt_array(b, "main_images");
  if (images == nullptr || images->empty()) throw bad_param("main_images is a required field");
  if (images->size() > 9) throw bad_param("main_images allows at most 9 images");
  p.main_images.clear();
  for (const auto& img : *images) {
    if (!img.is_object()) throw bad_param("main_images entries must be objects with a uri");
    p.main_images.push_back(fields::req_string(img.as_object(), "uri"));
  }
  const auto* weight = fields::opt_object(b, "package_weight");
  if (weight == nullptr) throw bad_param("package_weight is a required field");
  const std::string unit = fields::req_string(*weight, "unit");
  if (unit != "KILOGRAM" && unit != "POUND") throw bad_param("package_weight.unit must be KILOGRAM or POUND");
  const std::string value = fields::req_string(*weight, "value");
  char* end = nullptr;
  const double kg = std::strtod(value.c_str(), &end) * (unit == "POUND" ? 0.45359237 : 1.0);
  if (*end != '\0' || !(kg > 0) || kg > 1000) throw bad_param("package_weight.value must be a positive number");
  p.weight_grams = static_cast<std::int64_t>(kg * 1000 + 0.5);
  p.external_product_id = fields::opt_string(b, "external_product_id").value_or("");
  p.is_cod_allowed = fields::opt_bool(b, "is_cod_allowed").value_or(false);
  const auto* skus = fields::opt_array(b, "skus");
  if (skus == nullptr || skus->empty()) throw bad_param("skus is a required field");
  if (skus->size() > 300) throw bad_param("skus allows at most 300 entries");
  p.skus.clear();
  for (const auto& v : *skus) {
    if (!v.is_object()) throw bad_param("skus entries must be objects");
    p.skus.push_back(read_sku(world, shop, v.as_object(), existing));
  }
}

std::string read_save_mode(const json::object& b) {
  const std::string mode = fields::opt_string(b, "save_mode").value_or("LISTING");
  if (mode != "LISTING" && mode != "AS_DRAFT") throw bad_param("save_mode must be LISTING or AS_DRAFT");
  return mode;
}

void set_status(World& world, Shop& shop, Product& p, const std::string& status, std::int64_t now) {
  if (p.status == status) return;
  p.status = status;
  world.touch_product(shop, p, now);
  world.emit_webhook(shop, 5, "PRODUCT_STATUS_CHANGE",
                     json::object{{"product_id", p.id},
                                  {"status", "PRODUCT_STATUS_CHANGED"},
                                  {"suspended_reason", ""},
                                  {"update_time", p.update_time}},
                     now);
}

json::array created_skus(const Product& p) {
  json::array out;
  for (const auto& s : p.skus) out.push_back(json::object{{"id", s.id}, {"seller_sku", s.seller_sku}});
  return out;
}

json::value create_product(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const std::string mode = read_save_mode(b);
  Product p;
  read_listing(c.world, shop, b, p, nullptr);
  p.id = "17295" + c.world.new_numeric_id(14);
  p.create_time = c.now;
  p.update_time = c.now;
  p.status = mode == "AS_DRAFT" ? "DRAFT" : "PENDING";
  p.audit_done_at = mode == "AS_DRAFT" ? 0 : c.now + kAuditSeconds;
  const std::string id = p.id;
  c.world.insert_product(shop, std::move(p));
  const Product& stored = shop.data.products.at(id);
  c.world.emit_webhook(shop, 16, "PRODUCT_CREATION",
                       json::object{{"product_id", id}, {"product_type", "LOCAL"}, {"update_time", c.now}}, c.now);
  return json::object{{"product_id", id}, {"skus", created_skus(stored)}, {"warnings", json::array{}}};
}

json::value edit_product(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& existing = find_product(shop, c.path_param("product_id"));
  const auto& b = c.body();
  const std::string mode = read_save_mode(b);
  Product p = existing;
  read_listing(c.world, shop, b, p, &existing);
  const std::string old_status = existing.status;
  existing = std::move(p);
  existing.status = old_status;
  c.world.touch_product(shop, existing, c.now);
  if (mode == "LISTING") {
    set_status(c.world, shop, existing, "PENDING", c.now);
    existing.audit_done_at = c.now + kAuditSeconds;
  }
  c.world.emit_webhook(
      shop, 15, "PRODUCT_INFORMATION_CHANGE",
      json::object{{"product_id", existing.id}, {"changed_fields", json::array{"ALL"}}, {"update_time", c.now}}, c.now);
  return json::object{{"product_id", existing.id}, {"skus", created_skus(existing)}, {"warnings", json::array{}}};
}

json::value partial_edit(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& existing = find_product(shop, c.path_param("product_id"));
  const auto& b = c.body();
  Product p = existing;
  json::array changed;
  if (auto t = fields::opt_string(b, "title")) {
    if (t->empty() || t->size() > 255) throw bad_param("title must be 1-255 characters");
    p.title = *t;
    changed.push_back("title");
  }
  if (auto d = fields::opt_string(b, "description")) {
    if (d->empty()) throw bad_param("description must not be empty");
    p.description = *d;
    changed.push_back("description");
  }
  if (auto e = fields::opt_string(b, "external_product_id")) {
    p.external_product_id = *e;
    changed.push_back("external_product_id");
  }
  if (const auto* skus = fields::opt_array(b, "skus")) {
    for (const auto& v : *skus) {
      if (!v.is_object()) throw bad_param("skus entries must be objects");
      const auto& o = v.as_object();
      const std::string id = fields::req_string(o, "id");
      auto it = std::find_if(p.skus.begin(), p.skus.end(), [&](const Sku& k) { return k.id == id; });
      if (it == p.skus.end()) throw bad_param("skus.id " + id + " does not belong to this product");
      if (auto s = fields::opt_string(o, "seller_sku")) it->seller_sku = *s;
      if (const auto* price = fields::opt_object(o, "price")) it->price_minor = read_price(shop, *price, "skus.price");
      if (const auto* inv = fields::opt_array(o, "inventory")) {
        for (const auto& [w, q] : read_inventory(shop, *inv)) it->inventory[w] = q;
      }
    }
    changed.push_back("skus");
  }
  if (changed.empty()) throw bad_param("partial_edit needs at least one field to change");
  existing = std::move(p);
  c.world.touch_product(shop, existing, c.now);
  c.world.emit_webhook(shop, 15, "PRODUCT_INFORMATION_CHANGE",
                       json::object{{"product_id", existing.id}, {"changed_fields", changed}, {"update_time", c.now}},
                       c.now);
  return json::object{{"product_id", existing.id}, {"skus", created_skus(existing)}, {"warnings", json::array{}}};
}

std::vector<std::string> read_product_ids(const json::object& b) {
  auto ids = fields::opt_string_array(b, "product_ids");
  if (!ids || ids->empty()) throw bad_param("product_ids is a required field");
  if (ids->size() > 20) throw bad_param("product_ids allows at most 20 ids");
  return *ids;
}

// Applies `status` to each listed product; ids that cannot take it are reported, not fatal.
json::value bulk_status(ApiContext& c, const std::string& status) {
  Shop& shop = c.the_shop();
  json::array errors;
  for (const auto& id : read_product_ids(c.body())) {
    auto it = shop.data.products.find(id);
    if (it == shop.data.products.end() || it->second.status == "DELETED") {
      errors.push_back(json::object{
          {"code", 12052048}, {"message", "Product does not exist."}, {"detail", json::object{{"product_id", id}}}});
      continue;
    }
    Product& p = it->second;
    if (status == "ACTIVATE" && p.status != "SELLER_DEACTIVATED" && p.status != "ACTIVATE") {
      errors.push_back(json::object{{"code", 12052049},
                                    {"message", "Only deactivated products can be activated."},
                                    {"detail", json::object{{"product_id", id}}}});
      continue;
    }
    if (status == "SELLER_DEACTIVATED" && p.status != "ACTIVATE" && p.status != "SELLER_DEACTIVATED") {
      errors.push_back(json::object{{"code", 12052050},
                                    {"message", "Only live products can be deactivated."},
                                    {"detail", json::object{{"product_id", id}}}});
      continue;
    }
    set_status(c.world, shop, p, status, c.now);
  }
  return json::object{{"errors", errors}};
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

json::value update_prices(ApiContext& c) {
  Shop& shop = c.the_shop();
  Product& p = find_product(shop, c.path_param("product_id"));
  const auto* skus = fields::opt_array(c.body(), "skus");
  if (skus == nullptr || skus->empty()) throw bad_param("skus is a required field");
  std::vector<std::tuple<Sku*, std::int64_t, std::int64_t>> changes;
  for (const auto& v : *skus) {
    if (!v.is_object()) throw bad_param("skus entries must be objects");
    const auto& o = v.as_object();
    const std::string id = fields::req_string(o, "id");
    auto it = std::find_if(p.skus.begin(), p.skus.end(), [&](const Sku& k) { return k.id == id; });
    if (it == p.skus.end()) throw bad_param("skus.id " + id + " does not belong to this product");
    const auto* price = fields::opt_object(o, "price");
    if (price == nullptr) throw bad_param("skus.price is a required field");
    const std::int64_t sale = read_price(shop, *price, "skus.price");
    std::int64_t list = it->list_price_minor;
    if (const auto* lp = fields::opt_object(o, "list_price")) list = read_price(shop, *lp, "skus.list_price");
    changes.emplace_back(&*it, sale, list);
  }
  for (auto& [sku, sale, list] : changes) {
    sku->price_minor = sale;
    sku->list_price_minor = list;
  }
  c.world.touch_product(shop, p, c.now);
  c.world.emit_webhook(
      shop, 15, "PRODUCT_INFORMATION_CHANGE",
      json::object{{"product_id", p.id}, {"changed_fields", json::array{"price"}}, {"update_time", c.now}}, c.now);
  return json::object{};
}

json::value get_product(ApiContext& c) {
  Shop& shop = c.the_shop();
  return product_json(shop, find_product(shop, c.path_param("product_id")));
}

json::value search_products(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const std::string status = fields::opt_string(b, "status").value_or("ALL");
  if (status != "ALL" && !is_product_status(status)) throw bad_param("status is invalid: " + status);
  const auto seller_skus = fields::opt_string_array(b, "seller_skus");
  const auto create_ge = fields::opt_int(b, "create_time_ge");
  const auto create_le = fields::opt_int(b, "create_time_le");
  const auto update_ge = fields::opt_int(b, "update_time_ge");
  const auto update_le = fields::opt_int(b, "update_time_le");
  auto matches = [&](const Product& p) {
    if (status != "ALL" && p.status != status) return false;
    if (create_ge && p.create_time < *create_ge) return false;
    if (create_le && p.create_time > *create_le) return false;
    if (update_ge && p.update_time < *update_ge) return false;
    if (update_le && p.update_time > *update_le) return false;
    if (seller_skus) {
      bool any = false;
      for (const auto& s : p.skus)
        for (const auto& want : *seller_skus) any = any || s.seller_sku == want;
      if (!any) return false;
    }
    return true;
  };
  const std::string sort = "product:create_time:ASC";
  std::optional<PageCursor> cursor;
  if (auto token = c.query("page_token"); token && !token->empty()) {
    cursor = decode_page_token(*token);
    if (!cursor || cursor->sort != sort) throw bad_param("page_token is invalid");
  }
  const auto& index = shop.data.products_by_create;
  std::int64_t total = 0;
  if (cursor) {
    total = cursor->total;
  } else {
    for (const auto& [t, id] : index) total += matches(shop.data.products.at(id)) ? 1 : 0;
  }
  json::array products;
  std::pair<std::int64_t, std::string> last;
  bool more = false;
  for (auto it = cursor ? index.upper_bound({cursor->key, cursor->id}) : index.begin(); it != index.end(); ++it) {
    const Product& p = shop.data.products.at(it->second);
    if (!matches(p)) continue;
    if (static_cast<int>(products.size()) == c.page_size) {
      more = true;
      break;
    }
    products.push_back(product_summary_json(shop, p));
    last = *it;
  }
  const std::int64_t snapshot = cursor ? cursor->snapshot : c.now;
  json::object data;
  data["products"] = std::move(products);
  data["next_page_token"] = more ? encode_page_token(PageCursor{sort, last.first, last.second, snapshot, total}) : "";
  data["total_count"] = total;
  return data;
}

void register_routes(ApiRouter& r) {
  const auto shop = ShopScope::kRequired;
  r.add(ApiRoute{"POST", "/product/202309/products/search", shop, PageSizeRule{true, 1, 100}, search_products});
  r.add(ApiRoute{"GET", "/product/202309/products/{product_id}", shop, std::nullopt, get_product});
  r.add(ApiRoute{"POST", "/product/202309/products", shop, std::nullopt, create_product});
  r.add(ApiRoute{"PUT", "/product/202309/products/{product_id}", shop, std::nullopt, edit_product});
  r.add(ApiRoute{"POST", "/product/202309/products/{product_id}/partial_edit", shop, std::nullopt, partial_edit});
  r.add(ApiRoute{"DELETE", "/product/202309/products", shop, std::nullopt,
                 [](ApiContext& c) { return bulk_status(c, "DELETED"); }});
  r.add(ApiRoute{"POST", "/product/202309/products/activate", shop, std::nullopt,
                 [](ApiContext& c) { return bulk_status(c, "ACTIVATE"); }});
  r.add(ApiRoute{"POST", "/product/202309/products/deactivate", shop, std::nullopt,
                 [](ApiContext& c) { return bulk_status(c, "SELLER_DEACTIVATED"); }});
  r.add(
      ApiRoute{"POST", "/product/202309/products/{product_id}/inventory/update", shop, std::nullopt, update_inventory});
  r.add(ApiRoute{"POST", "/product/202309/products/{product_id}/prices/update", shop, std::nullopt, update_prices});
}

// Pending products pass audit once their audit time has come.
void advance(World& world, std::int64_t now) {
  for (const auto& shop : world.shops()) {
    for (auto& [id, p] : shop->data.products) {
      if (p.status == "PENDING" && p.audit_done_at != 0 && p.audit_done_at <= now) {
        p.audit_done_at = 0;
        set_status(world, *shop, p, "ACTIVATE", now);
      }
    }
  }
}

void truth(const Shop& shop, json::object& out) {
  json::array products;
  for (const auto& [t, id] : shop.data.products_by_create)
    products.push_back(product_json(shop, shop.data.products.at(id)));
  out["products"] = std::move(products);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"products", register_routes, nullptr, nullptr, advance, truth});

}  // namespace
}  // namespace tts_sandbox
