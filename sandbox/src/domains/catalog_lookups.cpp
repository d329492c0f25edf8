// The look-ups a listing form needs (reference addendum §2.2-§2.7, §2.0): Get Categories, Get Category
// Rules, Get Attributes, Get Brands, Recommend Category, Check Listing Prerequisites (202312 list form),
// Search Size Charts (202407) and Get SEO words (202405). Admin: POST /_sandbox/shops/{shop_id}/prerequisites
// makes prerequisite checks fail (and product creation with them) so tests can see a blocked listing.
#include <algorithm>
#include <cctype>

#include "../body_fields.hpp"
#include "../world.hpp"
#include "catalog_rules.hpp"
#include "catalog_store.hpp"
#include "domain_support.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
using namespace catalog;

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

json::array permissions(const Category& c) {
  switch (c.permission) {
    case Permission::kInviteOnly: return json::array{"INVITE_ONLY"};
    case Permission::kProhibited: return json::array{"PROHIBITED"};
    default: return json::array{"AVAILABLE"};
  }
}

void check_listing_platform(const Shop& shop, const std::optional<std::string>& p) {
  if (!p) return;
  if (*p != "TIKTOK_SHOP" && *p != "TOKOPEDIA") throw bad_param("listing_platform is invalid: " + *p);
  if (*p == "TOKOPEDIA" && shop.region != "ID") throw bad_param("listing_platform TOKOPEDIA is for ID shops only");
}

bool query_bool(const ApiContext& c, const char* key) {
  const auto v = c.query(key);
  if (!v) return false;
  if (*v != "true" && *v != "false") throw bad_param(std::string(key) + " must be true or false");
  return *v == "true";
}

json::value get_categories(ApiContext& c) {
  const Shop& shop = c.the_shop();
  const std::string version = read_version(shop, c.query("category_version"));
  check_listing_platform(shop, c.query("listing_platform"));
  const std::string keyword = lower(c.query("keyword").value_or(""));
  json::array out;
  for (const Category* cat : categories(shop.region, version, query_bool(c, "include_prohibited_categories"))) {
    if (!keyword.empty() && lower(cat->name).find(keyword) == std::string::npos) continue;
    out.push_back(json::object{{"id", cat->id},
                               {"parent_id", cat->parent_id},
                               {"local_name", cat->name},
                               {"is_leaf", cat->is_leaf},
                               {"permission_statuses", permissions(*cat)}});
  }
  return json::object{{"categories", out}};
}

json::array conditions_json(const std::vector<Condition>& conds) {
  json::array out;
  for (const auto& k : conds) {
    out.push_back(json::object{
        {"condition_type", "VALUE_ID_MATCH"}, {"attribute_id", k.attribute_id}, {"attribute_value_id", k.value_id}});
  }
  return out;
}

json::value get_rules(ApiContext& c) {
  const Shop& shop = c.the_shop();
  const std::string version = read_version(shop, c.query("category_version"));
  const Category& leaf = usable_leaf(shop, c.path_param("category_id"), version, true);
  const Rules r = rules(leaf, shop.region);
  json::array certs;
  for (const auto& cert : r.certifications) {
    certs.push_back(json::object{{"id", cert.id},
                                 {"name", cert.name},
                                 {"is_required", cert.is_required},
                                 {"document_details", "Upload the certificate as an image or a PDF file."},
                                 {"sample_image_url", "https://p16-oec-va.ibyteimg.com/sandbox/sample-cert.jpeg"},
                                 {"requirement_conditions", conditions_json(cert.conditions)},
                                 {"expiration_date", json::object{{"is_required", cert.expiration_required}}}});
  }
  return json::object{
      {"product_certifications", certs},
      {"size_chart", json::object{{"is_supported", r.size_chart_supported}, {"is_required", r.size_chart_required}}},
      {"cod", json::object{{"is_supported", r.cod_supported}}},
      {"package_dimension", json::object{{"is_required", r.package_dimension_required}}},
      {"epr", json::object{{"is_required", false}}},
      {"responsible_person", json::object{{"is_required", false}}},
      {"manufacturer", json::object{{"is_required", false}}}};
}

json::value get_attributes(ApiContext& c) {
  const Shop& shop = c.the_shop();
  const std::string version = read_version(shop, c.query("category_version"));
  const Category& leaf = usable_leaf(shop, c.path_param("category_id"), version, false);
  json::array out;
  for (const auto& a : attributes(leaf)) {
    json::array values;
    for (const auto& v : a.values) values.push_back(json::object{{"id", v.id}, {"name", v.name}});
    json::object o{{"id", a.id},
                   {"name", a.name},
                   {"type", a.type},
                   {"is_requried", a.is_required},  // sic: the wire spelling
                   {"values", values},
                   {"is_customizable", a.is_customizable},
                   {"requirement_conditions", conditions_json(a.conditions)},
                   {"is_multiple_selection", a.is_multiple_selection}};
    if (a.numeric) o["value_data_format"] = "POSITIVE_INT_OR_DECIMAL";
    out.push_back(std::move(o));
  }
  return json::object{{"attributes", out}};
}

json::value get_brands(ApiContext& c) {
  const Shop& shop = c.the_shop();
  read_version(shop, c.query("category_version"));
  if (auto cat = c.query("category_id"))
    usable_leaf(shop, *cat, read_version(shop, c.query("category_version")), false);
  const auto auth = c.query("is_authorized");
  if (auth && *auth != "0" && *auth != "1") throw bad_param("is_authorized must be 1 or 0");
  const std::string prefix = lower(c.query("brand_name").value_or(""));
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (std::size_t i = 0; i < brands().size(); ++i) {
    const Brand& b = brands()[i];
    if (auth == std::optional<std::string>("1") && !b.authorized) continue;
    if (!prefix.empty() && lower(b.name).rfind(prefix, 0) != 0) continue;
    entries.emplace_back(static_cast<std::int64_t>(i), b.id);
  }
  const std::string sort = "brand:index:ASC";
  const auto page =
      support::page_entries(entries, sort, true, c.page_size, support::read_cursor(c.query("page_token"), sort), c.now);
  json::array out;
  for (const auto& id : page.ids) {
    const Brand& b = *find_brand(id);
    out.push_back(json::object{{"id", b.id},
                               {"name", b.name},
                               {"authorized_status", b.authorized ? "AUTHORIZED" : "UNAUTHORIEZD"},  // sic
                               {"is_t1_brand", b.t1},
                               {"brand_status", b.available ? "AVAILABLE" : "UNAVAILABLE"}});
  }
  return json::object{{"brands", out}, {"total_count", page.total}, {"next_page_token", page.next_page_token}};
}

// Title format of §2.7: no HTML escapes, control characters, or a character repeated more than 9 times.
void check_title_format(const std::string& t) {
  bool bad = t.find("&nbsp;") != std::string::npos || t.find("&amp;") != std::string::npos;
  int run = 1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto ch = static_cast<unsigned char>(t[i]);
    if (ch < 0x20 || ch == 0x7F) bad = true;
    run = (i > 0 && t[i] == t[i - 1]) ? run + 1 : 1;
    if (run > 9) bad = true;
  }
  if (bad) {
    throw product_error(12052931,
                        "The title must follow these formatting rules: it cannot contain HTML escape "
                        "characters, emojis, or ASCII control characters, and no character may repeat "
                        "more than 9 times.");
  }
}

json::value recommend_category(ApiContext& c) {
  const Shop& shop = c.the_shop();
  const auto& b = c.body();
  const std::string title = fields::req_string(b, "product_title");
  check_title_format(title);
  if (title.size() > 255) throw product_error(12052051, "The product name exceed max limit characters (255)");
  const std::string version = read_version(shop, fields::opt_string(b, "category_version"));
  check_listing_platform(shop, fields::opt_string(b, "listing_platform"));
  const std::string text = lower(title + " " + fields::opt_string(b, "description").value_or(""));
  const Category* best = nullptr;
  for (const Category* cat : categories(shop.region, version, false)) {
    if (!cat->is_leaf) continue;
    for (const auto& k : cat->keywords)
      if (best == nullptr && text.find(k) != std::string::npos) best = cat;
  }
  if (best == nullptr) {
    throw product_error(12019064,
                        "No matching categories. Provide the full name of your product, edit its product "
                        "properties, and try again.");
  }
  json::array chain;
  std::vector<const Category*> path;
  for (const Category* at = best; at != nullptr; at = find_category(at->parent_id)) path.insert(path.begin(), at);
  for (std::size_t i = 0; i < path.size(); ++i) {
    chain.push_back(json::object{{"id", path[i]->id},
                                 {"name", path[i]->name},
                                 {"level", static_cast<int>(i + 1)},
                                 {"is_leaf", path[i]->is_leaf},
                                 {"permission_statuses", permissions(*path[i])}});
  }
  return json::object{{"leaf_category_id", best->id}, {"categories", chain}};
}

json::value prerequisites(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& failing = store(shop).failing_checks;
  bool has_return = false, has_sales = false;
  for (const auto& w : shop.data.warehouses) {
    has_return = has_return || w.type == "RETURN_WAREHOUSE";
    has_sales = has_sales || w.type == "SALES_WAREHOUSE";
  }
  json::array out;
  for (const char* item :
       {"SHOP_STATUS", "SHOP_TAX", "PICKUP_WAREHOUSE", "RETURN_WAREHOUSE", "DELIVERY_OPTION", "SHIPPING_TEMPLATE",
        "PRODUCT_QUANTITY_LIMIT", "EXTENDED_PRODUCER_RESPONSIBILITY", "BANk_ACCOUNT", "CONTACT_INFO"}) {
    json::array reasons;
    if (auto it = failing.find(item); it != failing.end()) reasons.push_back(json::string(it->second));
    if (std::string(item) == "RETURN_WAREHOUSE" && !has_return && reasons.empty())
      reasons.push_back("Couldn't publish this product as you haven't set the return warehouse for your shop.");
    if (std::string(item) == "PICKUP_WAREHOUSE" && !has_sales && reasons.empty())
      reasons.push_back("Set a pickup warehouse for your shop in Seller Center.");
    out.push_back(json::object{{"check_item", item}, {"is_failed", !reasons.empty()}, {"fail_reasons", reasons}});
  }
  return json::object{{"check_results", out}};
}

json::value search_size_charts(ApiContext& c) {
  const auto& b = c.body();
  const auto ids = fields::opt_string_array(b, "ids");
  if (ids && ids->size() > 50) throw bad_param("ids allows at most 50 ids");
  const std::string keyword = lower(fields::opt_string(b, "keyword").value_or(""));
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (std::size_t i = 0; i < size_charts().size(); ++i) {
    const SizeChart& s = size_charts()[i];
    if (ids && std::find(ids->begin(), ids->end(), s.template_id) == ids->end()) continue;
    if (!keyword.empty() && lower(s.name).find(keyword) == std::string::npos) continue;
    entries.emplace_back(static_cast<std::int64_t>(i), s.template_id);
  }
  const std::string sort = "sizechart:index:ASC";
  const auto page =
      support::page_entries(entries, sort, true, c.page_size, support::read_cursor(c.query("page_token"), sort), c.now);
  json::array out;
  for (const auto& id : page.ids) {
    const SizeChart& s = *find_size_chart(id);
    out.push_back(json::object{
        {"template_id", s.template_id},
        {"template_name", s.name},
        {"images", json::array{json::object{{"uri", s.image_uri},
                                            {"url", "https://p16-oec-va.ibyteimg.com/" + s.image_uri + ".jpeg"},
                                            {"locale", "en-US"}}}}});
  }
  return json::object{{"size_chart", out}, {"total_count", page.total}, {"next_page_token", page.next_page_token}};
}

json::value get_seo_words(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto raw = c.query("product_ids");
  if (!raw || raw->empty()) throw bad_param("product_ids is a required field");
  const auto ids = fields::comma_list(*raw, "product_ids");
  if (ids.size() > 20) throw bad_param("product_ids allows at most 20 ids");
  json::array out;
  for (const auto& id : ids) {
    auto it = shop.data.products.find(id);
    if (it == shop.data.products.end() || it->second.status == "DELETED") {
      throw product_error(12052048, "product " + id + " isn't listed in your shop");
    }
    if (it->second.status != "ACTIVATE") throw bad_param("product " + id + " is not live (ACTIVATE)");
    const Product& p = it->second;
    const Category* cat = find_category(p.category_id);
    json::array words;
    if (cat != nullptr) {
      for (const auto& w : seo_words(*cat))
        if (lower(p.title).find(w) == std::string::npos) words.push_back(json::object{{"text", w}});
    }
    out.push_back(json::object{{"id", id}, {"seo_words", words}});
  }
  return json::object{{"products", out}};
}

json::value set_prerequisites(AdminContext& c) {
  Shop* shop = c.world.shop_by_id(c.path_param("shop_id"));
  if (shop == nullptr) throw bad_param("shop_id is unknown");
  const auto* failing = fields::opt_object(c.body(), "failing");
  if (failing == nullptr) throw bad_param("failing is a required field (check_item -> reason)");
  auto& st = store(*shop).failing_checks;
  st.clear();
  for (const auto& [k, v] : *failing) {
    if (!v.is_string()) throw bad_param("failing values must be strings");
    st[std::string(k)] = std::string(v.as_string());
  }
  return json::object{{"failing", static_cast<std::int64_t>(st.size())}};
}

void register_routes(ApiRouter& r) {
  const auto shop = ShopScope::kRequired;
  r.add(ApiRoute{"GET", "/product/202309/categories", shop, std::nullopt, get_categories});
  r.add(ApiRoute{"GET", "/product/202309/categories/{category_id}/rules", shop, std::nullopt, get_rules});
  r.add(ApiRoute{"GET", "/product/202309/categories/{category_id}/attributes", shop, std::nullopt, get_attributes});
  r.add(ApiRoute{"GET", "/product/202309/brands", shop, PageSizeRule{true, 1, 100}, get_brands});
  r.add(ApiRoute{"POST", "/product/202309/categories/recommend", shop, std::nullopt, recommend_category});
  r.add(ApiRoute{"GET", "/product/202312/prerequisites", shop, std::nullopt, prerequisites});
  r.add(ApiRoute{"POST", "/product/202407/sizecharts/search", ShopScope::kForbidden, PageSizeRule{true, 1, 100},
                 search_size_charts});
  r.add(ApiRoute{"GET", "/product/202405/products/seo_words", shop, std::nullopt, get_seo_words});
}

void register_admin(AdminRouter& r) {
  r.add(AdminRoute{"POST", "/_sandbox/shops/{shop_id}/prerequisites", set_prerequisites});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"catalog_lookups", register_routes, register_admin, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
