// See listing_request.hpp.
#include "catalog/listing_request.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;
using capability::Request;

namespace {

std::size_t chars(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

// A decimal with at most `decimals` fraction digits, printed with exactly that many.
std::string fixed(const Request& r, std::string_view key, int decimals, bool positive) {
  const model::Decimal d = r.decimal(key);
  std::int64_t unit = 1;
  for (int i = decimals; i < 6; ++i) unit *= 10;
  if (d.micros % unit != 0) r.fail(key, "must have at most " + std::to_string(decimals) + " decimals");
  if (positive && d.micros <= 0) r.fail(key, "must be greater than 0");
  std::string s = d.str(decimals);
  if (decimals == 0) s = s.substr(0, s.find('.'));
  return s;
}

std::string whole_cm(const Request& p, std::string_view key) {
  const auto v = p.opt_int(key);
  if (!v) p.fail(key, "is required (a whole number of centimetres)");
  if (*v <= 0 || *v > 999999) p.fail(key, "must be a whole number of centimetres between 1 and 999999");
  return std::to_string(*v);
}

void read_text(const Request& r, const Market& m, bool partial, json::object& b) {
  if (!partial || r.has("title")) {
    const std::string title = r.str("title");
    if (chars(title) < m.title_min || chars(title) > m.title_max) {
      r.fail("title", "must be " + std::to_string(m.title_min) + "-" + std::to_string(m.title_max) + " characters in " +
                          m.region);
    }
    if (std::any_of(title.begin(), title.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }))
      r.fail("title", "must not contain control characters");
    b["title"] = title;
  }
  if (!partial || r.has("description")) {
    const std::string d = r.str("description");
    if (chars(d) > 10000) r.fail("description", "must be at most 10000 characters");
    b["description"] = d;
  }
}

std::vector<std::string> read_images(const Request& r) {
  const auto images = r.strings("images", true);
  if (images.size() > 9) r.fail("images", "allows at most 9 images");
  for (std::size_t i = 0; i < images.size(); ++i) {
    const std::string& s = images[i];
    const std::string path = r.path_of("images") + "[" + std::to_string(i) + "]";
    if (s.rfind("http://", 0) == 0) throw Failure(Status::invalid_argument, path + " must be https, a file or a uri");
    const bool looks_local = s.front() == '/' || s.rfind("./", 0) == 0 || s.rfind("../", 0) == 0;
    if (looks_local && !std::filesystem::is_regular_file(s))
      throw Failure(Status::invalid_argument, path + " names a file that does not exist: " + s);
  }
  return images;
}

void read_package(const Request& r, bool partial, json::object& b) {
  if (partial && !r.has("package")) return;
  const Request p = r.object("package", {"weight_kg", "length_cm", "width_cm", "height_cm"});
  b["package_weight"] = json::object{{"value", fixed(p, "weight_kg", 3, true)}, {"unit", "KILOGRAM"}};
  b["package_dimensions"] = json::object{{"length", whole_cm(p, "length_cm")},
                                         {"width", whole_cm(p, "width_cm")},
                                         {"height", whole_cm(p, "height_cm")},
                                         {"unit", "CENTIMETER"}};
}

void read_attributes(const Request& r, json::object& b) {
  if (!r.has("attributes")) return;
  json::array out;
  std::set<std::string> seen;
  for (const auto& a : r.objects("attributes", {"id", "values"})) {
    const std::string id = a.id("id");
    if (!seen.insert(id).second) a.fail("id", "repeats attribute " + id);
    json::array values;
    for (const auto& v : a.strings("values", true)) {
      const bool is_id = v.find_first_not_of("0123456789") == std::string::npos;
      values.push_back(is_id ? json::object{{"id", v}} : json::object{{"name", v}});
    }
    out.push_back(json::object{{"id", id}, {"values", values}});
  }
  b["product_attributes"] = out;
}

json::array read_options(const Request& sku, std::string& combo, std::string& names) {
  json::array out;
  std::vector<std::string> seen;
  const auto options = sku.objects("options", {"name", "value"});
  if (options.size() > 3) sku.fail("options", "allows at most 3 options");
  for (const auto& o : options) {
    const std::string name = o.str("name"), value = o.str("value");
    if (chars(name) > 20) o.fail("name", "must be at most 20 characters");
    if (chars(value) > 50) o.fail("value", "must be at most 50 characters");
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) o.fail("name", "repeats option " + name);
    seen.push_back(name);
    out.push_back(json::object{{"name", name}, {"value_name", value}});
  }
  std::sort(seen.begin(), seen.end());
  for (const auto& n : seen) names += n + "|";
  for (const auto& v : out) {
    combo += std::string(v.as_object().at("name").as_string()) + "=" +
             std::string(v.as_object().at("value_name").as_string()) + ";";
  }
  return out;
}

json::object read_sku(const Request& s, const Market& m, std::string& combo, std::string& names) {
  const std::string erp = s.str("erp_sku");
  if (chars(erp) > 50 || erp.find(' ') != std::string::npos)
    s.fail("erp_sku", "must be 1-50 characters without spaces (it is sent as TikTok's seller_sku)");
  json::object sku{{"seller_sku", erp}, {"price", price_json(s, "price", m)}};
  json::array inventory;
  std::set<std::string> warehouses;
  for (const auto& w : s.objects("stock", {"warehouse_id", "quantity"}, true)) {
    const std::string wid = w.id("warehouse_id");
    if (!warehouses.insert(wid).second) w.fail("warehouse_id", "repeats warehouse " + wid);
    if (!w.has("quantity")) w.fail("quantity", "is required");
    inventory.push_back(json::object{{"warehouse_id", wid}, {"quantity", w.int_in("quantity", 0, 99999, 0)}});
  }
  sku["inventory"] = inventory;
  sku["sales_attributes"] = read_options(s, combo, names);
  if (s.has("list_price")) sku["list_price"] = price_json(s, "list_price", m);
  if (const auto code = s.opt_object("identifier_code", {"code", "type"})) {
    sku["identifier_code"] = json::object{
        {"code", code->str("code")}, {"type", code->one_of("type", {"GTIN", "EAN", "UPC", "ISBN", "JAN"}, nullptr)}};
  }
  if (const auto id = s.opt_str("sku_id")) sku["id"] = *id;
  return sku;
}

void read_skus(const Request& r, const Market& m, Listing& out) {
  const auto skus =
      r.objects("skus", {"erp_sku", "sku_id", "price", "list_price", "stock", "options", "identifier_code"}, true);
  if (skus.size() > m.max_skus) r.fail("skus", "allows at most " + std::to_string(m.max_skus) + " SKUs in " + m.region);
  json::array arr;
  std::set<std::string> erp, combos;
  std::string first_names;
  for (std::size_t i = 0; i < skus.size(); ++i) {
    std::string combo, names;
    json::object sku = read_sku(skus[i], m, combo, names);
    const std::string e(sku.at("seller_sku").as_string());
    if (!erp.insert(e).second) skus[i].fail("erp_sku", "repeats ERP SKU " + e);
    if (skus.size() > 1 && combo.empty()) skus[i].fail("options", "are required when a product has several SKUs");
    if (i == 0) first_names = names;
    if (names != first_names) skus[i].fail("options", "must name the same options as skus[0]");
    if (!combos.insert(combo).second) skus[i].fail("options", "repeat the option combination of another SKU");
    out.erp_skus.push_back(e);
    arr.push_back(std::move(sku));
  }
  out.body["skus"] = arr;
}

void read_extras(const Request& r, const Market& m, json::object& b) {
  if (const auto brand = r.opt_str("brand_id")) b["brand_id"] = *brand;
  if (r.has("is_cod_allowed")) b["is_cod_allowed"] = r.opt_bool("is_cod_allowed", false);
  if (const auto ext = r.opt_str("external_product_id")) b["external_product_id"] = *ext;
  if (r.has("listing_platforms")) {
    json::array platforms;
    for (const auto& p : r.strings("listing_platforms", true)) {
      if (p != "TIKTOK_SHOP" && p != "TOKOPEDIA")
        r.fail("listing_platforms", "allows TIKTOK_SHOP and TOKOPEDIA, not " + p);
      if (p == "TOKOPEDIA" && !m.tokopedia) r.fail("listing_platforms", "TOKOPEDIA is for Indonesian shops only");
      platforms.push_back(json::string(p));
    }
    b["listing_platforms"] = platforms;
  }
  if (const auto sc = r.opt_object("size_chart", {"template_id", "image"})) {
    if (const auto t = sc->opt_str("template_id"))
      b["size_chart"] = json::object{{"template", json::object{{"id", *t}}}};
    else
      b["size_chart"] = json::object{{"image", json::object{{"uri", sc->str("image")}}}};
  }
  if (r.has("certifications")) {
    json::array certs;
    for (const auto& c : r.objects("certifications", {"id", "images", "expiration_date"})) {
      json::array images;
      for (const auto& uri : c.strings("images", true)) images.push_back(json::object{{"uri", uri}});
      json::object o{{"id", c.id("id")}, {"images", images}};
      if (c.has("expiration_date")) o["expiration_date"] = c.time("expiration_date");
      certs.push_back(std::move(o));
    }
    b["certifications"] = certs;
  }
}

}  // namespace

json::object price_json(const Request& sku, std::string_view key, const Market& m) {
  return json::object{{"amount", fixed(sku, key, m.currency_decimals, true)}, {"currency", m.currency}};
}

Listing read_listing(const Request& r, const Market& m, ListingMode mode) {
  const bool partial = mode == ListingMode::kPartial;
  Listing out;
  read_text(r, m, partial, out.body);
  if (!partial) {
    out.category_id = r.id("category_id");
    out.category_version = r.one_of("category_version", {"v1", "v2"}, m.category_version.c_str());
    out.body["category_id"] = out.category_id;
    out.body["category_version"] = out.category_version;
  }
  if (!partial || r.has("images")) out.images = read_images(r);
  read_package(r, partial, out.body);
  read_attributes(r, out.body);
  if (!partial || r.has("skus")) read_skus(r, m, out);
  read_extras(r, m, out.body);
  out.white_background = r.opt_bool("white_background", false);
  if (!partial) {
    out.as_draft = r.opt_bool("as_draft", false);
    out.body["save_mode"] = out.as_draft ? "AS_DRAFT" : "LISTING";
  }
  if (mode == ListingMode::kCreate) {
    if (const auto key = r.opt_str("idempotency_key")) {
      if (key->size() > 128) r.fail("idempotency_key", "must be at most 128 characters");
      out.body["idempotency_key"] = *key;
    }
  }
  return out;
}

}  // namespace ocean::tiktok::catalog
