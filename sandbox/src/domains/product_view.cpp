// See product_view.hpp.
#include "product_view.hpp"

#include "../generator.hpp"
#include "catalog_data.hpp"

namespace tts_sandbox::catalog {
namespace {

namespace json = boost::json;

std::string weight_kg(std::int64_t grams) {
  const std::int64_t g = grams % 1000;
  const char* pad = g < 10 ? "00" : (g < 100 ? "0" : "");
  return std::to_string(grams / 1000) + "." + pad + std::to_string(g);
}

std::string image_url(const std::string& uri) {
  return "https://p16-oec-va.ibyteimg.com/" + uri + "~tplv-o3syd03w52-origin-jpeg.jpeg";
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

json::object sku_json(const Shop& shop, const Sku& s) {
  json::array attrs;
  for (std::size_t i = 0; i < s.sales_attributes.size(); ++i) {
    json::object a{{"name", s.sales_attributes[i].first}, {"value_name", s.sales_attributes[i].second}};
    if (i < s.sales_attribute_ids.size()) {
      a["id"] = s.sales_attribute_ids[i].first;
      a["value_id"] = s.sales_attribute_ids[i].second;
    }
    attrs.push_back(std::move(a));
  }
  json::object sku{{"id", s.id},
                   {"seller_sku", s.seller_sku},
                   {"price", sku_price(shop, s)},
                   {"inventory", sku_inventory(s)},
                   {"sales_attributes", attrs},
                   {"external_sku_id", s.external_sku_id}};
  if (!s.identifier_code.empty()) {
    sku["identifier_code"] = json::object{{"code", s.identifier_code}, {"type", s.identifier_type}};
  }
  if (s.list_price_minor > 0) {
    sku["list_price"] = json::object{{"amount", money(shop, s.list_price_minor)}, {"currency", shop.currency}};
  }
  return sku;
}

json::array category_chain(const Product& p) {
  json::array chain;
  const Category* c = find_category(p.category_id);
  if (c == nullptr) {  // generated products carry a category outside the fixed tree
    chain.push_back(
        json::object{{"id", p.category_id}, {"local_name", p.category_name}, {"is_leaf", true}, {"parent_id", "0"}});
    return chain;
  }
  std::vector<const Category*> path;
  for (; c != nullptr; c = find_category(c->parent_id)) path.insert(path.begin(), c);
  for (const Category* at : path) {
    chain.push_back(
        json::object{{"id", at->id}, {"local_name", at->name}, {"is_leaf", at->is_leaf}, {"parent_id", at->parent_id}});
  }
  return chain;
}

json::array attributes_json(const Product& p) {
  json::array out;
  for (const auto& a : p.attributes) {
    json::array values;
    for (const auto& v : a.values) values.push_back(json::object{{"id", v.id}, {"name", v.name}});
    out.push_back(json::object{{"id", a.id}, {"name", a.name}, {"values", values}});
  }
  return out;
}

json::array certifications_json(const Product& p) {
  json::array out;
  for (const auto& c : p.certifications) {
    json::array images;
    for (const auto& uri : c.image_uris)
      images.push_back(json::object{{"uri", uri}, {"urls", json::array{image_url(uri)}}});
    out.push_back(json::object{{"id", c.id}, {"images", images}, {"expiration_date", c.expiration_date}});
  }
  return out;
}

json::array audit_reasons_json(const Product& p) {
  json::array out;
  for (const auto& f : p.audit_failed_reasons) {
    json::array reasons, suggestions;
    for (const auto& r : f.reasons) reasons.push_back(json::string(r));
    for (const auto& s : f.suggestions) suggestions.push_back(json::string(s));
    out.push_back(json::object{{"position", f.position},
                               {"reasons", reasons},
                               {"suggestions", suggestions},
                               {"listing_platform", f.listing_platform}});
  }
  return out;
}

void add_listing_fields(const Product& p, json::object& o) {
  if (!p.brand_id.empty()) {
    const Brand* b = find_brand(p.brand_id);
    o["brand"] = json::object{{"id", p.brand_id}, {"name", b ? b->name : ""}};
  }
  if (!p.dim_unit.empty()) {
    o["package_dimensions"] =
        json::object{{"length", p.dim_length}, {"width", p.dim_width}, {"height", p.dim_height}, {"unit", p.dim_unit}};
  }
  o["product_attributes"] = attributes_json(p);
  o["certifications"] = certifications_json(p);
  if (!p.size_chart_template_id.empty()) {
    o["size_chart"] = json::object{{"template", json::object{{"id", p.size_chart_template_id}}}};
  } else if (!p.size_chart_image_uri.empty()) {
    o["size_chart"] = json::object{{"image", json::object{{"uri", p.size_chart_image_uri},
                                                          {"urls", json::array{image_url(p.size_chart_image_uri)}}}}};
  }
  if (!p.video_id.empty()) o["video"] = json::object{{"id", p.video_id}};
  if (!p.category_version.empty()) o["category_version"] = p.category_version;
  json::array platforms, integrated;
  for (const auto& lp : p.listing_platforms) platforms.push_back(json::string(lp));
  for (const auto& [platform, status] : p.platform_status)
    integrated.push_back(json::object{{"platform", platform}, {"status", status}});
  o["listing_platforms"] = platforms;
  o["integrated_platform_statuses"] = integrated;
  o["audit_failed_reasons"] = audit_reasons_json(p);
}

}  // namespace

std::string audit_status(const Product& p) {
  if (p.status == "PENDING") return "AUDITING";
  if (p.status == "FAILED") return "FAILED";
  if (p.status == "ACTIVATE") return "APPROVED";
  return "NONE";
}

json::object product_detail(const Shop& shop, const Product& p) {
  json::array skus;
  for (const auto& s : p.skus) skus.push_back(sku_json(shop, s));
  json::array images;
  for (const auto& uri : p.main_images) {
    images.push_back(
        json::object{{"uri", uri}, {"urls", json::array{image_url(uri)}}, {"height", 800}, {"width", 800}});
  }
  json::object weight{{"value", p.weight_value.empty() ? weight_kg(p.weight_grams) : p.weight_value},
                      {"unit", p.weight_value.empty() ? "KILOGRAM" : p.weight_unit}};
  json::object o{{"id", p.id},
                 {"title", p.title},
                 {"description", p.description},
                 {"status", p.status},
                 {"create_time", p.create_time},
                 {"update_time", p.update_time},
                 {"category_chains", category_chain(p)},
                 {"main_images", images},
                 {"package_weight", weight},
                 {"external_product_id", p.external_product_id},
                 {"is_cod_allowed", p.is_cod_allowed},
                 {"audit", json::object{{"status", audit_status(p)}, {"pre_approved_reasons", json::array{}}}},
                 {"skus", skus}};
  add_listing_fields(p, o);
  return o;
}

json::object product_summary(const Shop& shop, const Product& p) {
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
                      {"audit", json::object{{"status", audit_status(p)}}},
                      {"skus", skus}};
}

}  // namespace tts_sandbox::catalog
