// See product_listing.hpp. One function per body part; each throws the code the real API uses.
#include "product_listing.hpp"

#include <algorithm>
#include <set>

#include "../body_fields.hpp"
#include "../generator.hpp"
#include "../world.hpp"
#include "catalog_rules.hpp"
#include "catalog_store.hpp"

namespace tts_sandbox::catalog {
namespace {

namespace json = boost::json;

struct Ctx {
  World& world;
  Shop& shop;
  CatalogStore& store;
  const Category* leaf = nullptr;
  Rules rules;
  json::array& warnings;
  const Product* existing = nullptr;
};

std::size_t count_of(const std::string& s, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

// UTF-8 characters, not bytes, count towards the title and description limits.
std::size_t chars(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
}

void read_title(const Ctx& c, const json::object& b, Product& p) {
  if (!b.contains("title") || b.at("title").is_null()) throw bad_param("title is a required field");
  p.title = fields::opt_string(b, "title").value_or("");
  if (p.title.empty()) throw product_error(12052261, "product name is empty: title");
  const auto [lo, hi] = title_limits(c.shop.region);
  if (chars(p.title) < lo || chars(p.title) > hi) {
    throw product_error(12052051, "The product name must be " + std::to_string(lo) + "-" + std::to_string(hi) +
                                      " characters in this market: title");
  }
  for (unsigned char ch : p.title) {
    if (ch < 0x20 || ch == 0x7F) throw product_error(12052931, "The title cannot contain ASCII control characters");
  }
  if (p.title.find("&nbsp;") != std::string::npos) {
    throw product_error(12052931, "The title cannot contain HTML escape characters such as &nbsp;");
  }
}

void read_description(const json::object& b, Product& p) {
  if (!b.contains("description") || b.at("description").is_null()) {
    throw bad_param("description is a required field");
  }
  p.description = fields::opt_string(b, "description").value_or("");
  if (p.description.empty()) throw product_error(12052015, "The product description is required: description");
  if (chars(p.description) > 10000) {
    throw product_error(12052013, "The product description cannot exceed 10000 characters: description");
  }
  if (count_of(p.description, "<img") > 30) {
    throw product_error(12052056, "The number of <img> tags in description cannot exceed 30");
  }
}

const UploadedImage& known_image(const Ctx& c, const std::string& uri, int code, const std::string& field) {
  auto it = c.store.images.find(uri);
  if (it == c.store.images.end()) {
    throw product_error(code, field + " uri " + uri +
                                  " is not a TikTok Shop image: upload it with Upload Product Image and use the "
                                  "returned uri");
  }
  return it->second;
}

void read_images(const Ctx& c, const json::object& b, Product& p) {
  const auto* images = fields::opt_array(b, "main_images");
  if (images == nullptr) throw bad_param("main_images is a required field");
  if (images->empty()) throw product_error(12052028, "Main product image is required: main_images");
  if (images->size() > 9) throw product_error(12052306, "main_images allows at most 9 images");
  p.main_images.clear();
  for (const auto& v : *images) {
    if (!v.is_object()) throw bad_param("main_images entries must be objects with a uri");
    const std::string uri = fields::req_string(v.as_object(), "uri");
    const auto& img = known_image(c, uri, 12052300, "main_images");
    if (img.width != 0 && (img.width < 300 || img.height < 300)) {
      throw product_error(12052301, "Width and length of main image must be at least 300, check uri " + uri);
    }
    p.main_images.push_back(uri);
  }
}

void read_category(Ctx& c, const json::object& b, Product& p) {
  p.category_version = read_version(c.shop, fields::opt_string(b, "category_version"));
  const auto id = fields::opt_string(b, "category_id");
  if (!id || id->empty()) throw bad_param("category_id is a required field");
  c.leaf = &usable_leaf(c.shop, *id, p.category_version, true);
  c.rules = rules(*c.leaf, c.shop.region);
  p.category_id = c.leaf->id;
  p.category_name = c.leaf->name;
}

void read_brand(const Ctx& c, const json::object& b, Product& p) {
  p.brand_id = fields::opt_string(b, "brand_id").value_or("");
  if (p.brand_id.empty()) return;
  const Brand* brand = find_brand(p.brand_id);
  if (brand == nullptr) {
    c.warnings.push_back(json::object{{"message", "brand_id " + p.brand_id + " is invalid; reset to No Brand"}});
    p.brand_id.clear();
    return;
  }
  if (!brand->available) throw product_error(12052200, "brand is expired: brand_id " + p.brand_id);
  if (!brand->authorized && brand->t1) {
    throw product_error(12052201,
                        "You are not authorized to sell this brand in this category. Apply through the "
                        "Qualification Center in Seller Center: brand_id " +
                            p.brand_id);
  }
}

// Decimal text with at most `decimals` fraction digits, as an integer scaled by 10^decimals; -1 when bad.
std::int64_t scaled(const std::string& s, int decimals) {
  const auto dot = s.find('.');
  const std::string whole = s.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 9 || static_cast<int>(frac.size()) > decimals) return -1;
  if (dot != std::string::npos && frac.empty()) return -1;
  if ((whole + frac).find_first_not_of("0123456789") != std::string::npos) return -1;
  std::int64_t v = std::stoll(whole);
  for (int i = 0; i < decimals; ++i) v = v * 10 + (i < static_cast<int>(frac.size()) ? frac[i] - '0' : 0);
  return v;
}

void read_weight(const Ctx& c, const json::object& b, Product& p) {
  const auto* w = fields::opt_object(b, "package_weight");
  if (w == nullptr) throw bad_param("package_weight is a required field");
  p.weight_unit = fields::req_string(*w, "unit");
  p.weight_value = fields::req_string(*w, "value");
  const std::string& r = c.shop.region;
  const bool gram_ok = r == "BR" || r == "JP" || r == "MX";
  if (p.weight_unit == "POUND" && r != "US") {
    throw product_error(12019061, "package_weight.unit POUND: imperial units are for US products only");
  }
  if (p.weight_unit != "KILOGRAM" && p.weight_unit != "POUND" && !(p.weight_unit == "GRAM" && gram_ok)) {
    throw product_error(12019011, "product package weight is invalid: package_weight.unit " + p.weight_unit);
  }
  const int decimals = p.weight_unit == "GRAM" ? 0 : (p.weight_unit == "POUND" ? 2 : 3);
  const std::int64_t v = scaled(p.weight_value, decimals);
  if (v < 0) throw product_error(12052006, "Incorrect parcel weight format: package_weight.value " + p.weight_value);
  if (v == 0) throw product_error(12052181, "The package weight of the product can not be zero: package_weight");
  // Grams, exactly: centi-pounds x 4.5359237 g, rounded half up.
  p.weight_grams =
      p.weight_unit == "GRAM" ? v : (p.weight_unit == "KILOGRAM" ? v : (v * 45359237 + 5000000) / 10000000);
}

void read_dimensions(const Ctx& c, const json::object& b, Product& p) {
  const auto* d = fields::opt_object(b, "package_dimensions");
  p.dim_length = p.dim_width = p.dim_height = p.dim_unit = "";
  if (d == nullptr) {
    if (c.rules.package_dimension_required) {
      throw product_error(12019012,
                          "product package size is invalid: package_dimensions is required in this "
                          "category");
    }
    return;
  }
  const std::pair<const char*, int> members[] = {{"length", 12052005}, {"width", 12052004}, {"height", 12052003}};
  std::string* slots[] = {&p.dim_length, &p.dim_width, &p.dim_height};
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string v = fields::opt_string(*d, members[i].first).value_or("");
    if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 6 || std::stoll(v) <= 0) {
      throw product_error(members[i].second, std::string("Incorrect parcel ") + members[i].first +
                                                 " format: package_dimensions." + members[i].first +
                                                 " must be a positive whole number");
    }
    *slots[i] = v;
  }
  p.dim_unit = fields::req_string(*d, "unit");
  if (p.dim_unit != "CENTIMETER" && p.dim_unit != "INCH") {
    throw product_error(12019012, "product package size is invalid: package_dimensions.unit " + p.dim_unit);
  }
  if (p.dim_unit == "INCH" && c.shop.region != "US") {
    throw product_error(12019061, "package_dimensions.unit INCH: imperial units are for US products only");
  }
  if ((p.dim_unit == "INCH") != (p.weight_unit == "POUND")) {
    throw product_error(12052915, "package weight unit and dimension unit miss match: both metric or both imperial");
  }
}

enum class WarehouseCheck { kUnknown, kSales, kNotSales };

const Attribute* attribute_of(const std::vector<Attribute>& all, const std::string& id) {
  for (const auto& a : all)
    if (a.id == id) return &a;
  return nullptr;
}

bool has_value(const Product& p, const Condition& k) {
  for (const auto& a : p.attributes) {
    if (a.id != k.attribute_id) continue;
    for (const auto& v : a.values)
      if (v.id == k.value_id) return true;
  }
  return false;
}

ProductAttributeValue read_attribute_value(const Ctx& c, const Attribute& a, const json::object& o) {
  const std::string id = fields::opt_string(o, "id").value_or("");
  const std::string name = fields::opt_string(o, "name").value_or("");
  if (!id.empty()) {  // the id wins over a name
    for (const auto& v : a.values)
      if (v.id == id) return ProductAttributeValue{v.id, v.name};
    c.warnings.push_back(json::object{
        {"message", "product_attributes " + a.id + " value id " + id + " does not exist; the value was dropped"}});
    return {};
  }
  if (name.empty()) throw product_error(12052248, "The product attribute value name or value id is empty: " + a.id);
  if (!a.is_customizable) throw product_error(12052247, "Do not support custom product attribute: " + a.name);
  if (chars(name) > 2000) throw product_error(12052249, "The attribute value name cannot exceed 2000 characters");
  if (a.numeric && scaled(name, 6) <= 0) {
    throw product_error(12052256, "The " + a.name + " value need to be positive integers or positive decimals");
  }
  return ProductAttributeValue{"", name};
}

void read_attributes(const Ctx& c, const json::object& b, Product& p) {
  if (c.leaf == nullptr) throw product_error(12052025, "The category is invalid: product " + p.id);
  const auto all = attributes(*c.leaf);
  p.attributes.clear();
  std::set<std::string> seen;
  if (const auto* list = fields::opt_array(b, "product_attributes")) {
    for (const auto& v : *list) {
      if (!v.is_object()) throw bad_param("product_attributes entries must be objects");
      const auto& o = v.as_object();
      const std::string id = fields::req_string(o, "id");
      if (!seen.insert(id).second) throw product_error(12052254, "Duplicate attribute id: " + id);
      const Attribute* a = attribute_of(all, id);
      if (a == nullptr || a->type != "PRODUCT_PROPERTY") {
        c.warnings.push_back(json::object{
            {"message", "product_attributes id " + id + " is not a product attribute of this category; dropped"}});
        continue;
      }
      const auto* values = fields::opt_array(o, "values");
      if (values == nullptr || values->empty()) throw bad_param("product_attributes.values is a required field");
      if (values->size() > 1 && !a->is_multiple_selection) {
        throw product_error(12052246, "The product attribute does not support multiple values, attribute id is: " + id);
      }
      ProductAttribute pa{a->id, a->name, {}};
      for (const auto& val : *values) {
        if (!val.is_object()) throw bad_param("product_attributes.values entries must be objects");
        auto pv = read_attribute_value(c, *a, val.as_object());
        if (pv.id.empty() && pv.name.empty()) continue;
        for (const auto& prev : pa.values)
          if (prev.id == pv.id && prev.name == pv.name) throw product_error(12052253, "Duplicate attribute value");
        pa.values.push_back(std::move(pv));
      }
      if (!pa.values.empty()) p.attributes.push_back(std::move(pa));
    }
  }
  for (const auto& a : all) {  // required ones, then the hazardous-goods style conditional ones
    const bool present =
        std::any_of(p.attributes.begin(), p.attributes.end(), [&](const ProductAttribute& x) { return x.id == a.id; });
    if (a.type != "PRODUCT_PROPERTY" || present) continue;
    if (a.is_required) {
      throw product_error(12052104, "property is required: product_attributes " + a.id + " (" + a.name + ")");
    }
    for (const auto& k : a.conditions) {
      if (has_value(p, k)) {
        throw product_error(12052182, "The '" + a.name + "' field (product_attributes " + a.id +
                                          ") is required as you've selected value " + k.value_id + " for attribute " +
                                          k.attribute_id + ".");
      }
    }
  }
}

void read_certifications(const Ctx& c, const json::object& b, Product& p) {
  p.certifications.clear();
  std::set<std::string> given;
  if (const auto* list = fields::opt_array(b, "certifications")) {
    if (list->size() > 10) throw bad_param("certifications allows at most 10 entries");
    for (const auto& v : *list) {
      if (!v.is_object()) throw bad_param("certifications entries must be objects");
      const auto& o = v.as_object();
      ProductCertification pc;
      pc.id = fields::req_string(o, "id");
      const auto rule = std::find_if(c.rules.certifications.begin(), c.rules.certifications.end(),
                                     [&](const Certification& x) { return x.id == pc.id; });
      if (rule == c.rules.certifications.end()) throw product_error(12052655, "qualification id not exist: " + pc.id);
      if (!given.insert(pc.id).second) throw product_error(12052656, "qualification id duplicate: " + pc.id);
      if (const auto* imgs = fields::opt_array(o, "images")) {
        for (const auto& img : *imgs) {
          if (!img.is_object()) throw bad_param("certifications.images entries must be objects with a uri");
          const std::string uri = fields::req_string(img.as_object(), "uri");
          known_image(c, uri, 12052650, "certifications.images");
          pc.image_uris.push_back(uri);
        }
      }
      if (pc.image_uris.empty()) {
        throw product_error(12052657, "certifications " + pc.id + " needs at least one image (CERTIFICATION_IMAGE)");
      }
      pc.expiration_date = fields::opt_int(o, "expiration_date").value_or(0);
      if (rule->expiration_required && pc.expiration_date <= 0) {
        throw product_error(12052385, "Please enter valid certificate expiration date: certifications " + pc.id);
      }
      p.certifications.push_back(std::move(pc));
    }
  }
  for (const auto& rule : c.rules.certifications) {
    bool required = rule.is_required;
    for (const auto& k : rule.conditions) required = required || has_value(p, k);
    if (required && !given.count(rule.id)) {
      throw product_error(12052105, "required qualification miss: certifications " + rule.id + " (" + rule.name + ")");
    }
  }
}

void read_size_chart(const Ctx& c, const json::object& b, Product& p) {
  p.size_chart_template_id.clear();
  p.size_chart_image_uri.clear();
  const auto* sc = fields::opt_object(b, "size_chart");
  if (sc != nullptr && c.rules.size_chart_supported) {  // an unsupported size chart is silently dropped
    if (const auto* t = fields::opt_object(*sc, "template")) {
      p.size_chart_template_id = fields::req_string(*t, "id");
      if (find_size_chart(p.size_chart_template_id) == nullptr) {
        throw product_error(12052128, "Size chart not found: size_chart.template.id " + p.size_chart_template_id);
      }
    } else if (const auto* img = fields::opt_object(*sc, "image")) {
      p.size_chart_image_uri = fields::req_string(*img, "uri");
      known_image(c, p.size_chart_image_uri, 12052670, "size_chart.image");
    }
  }
  if (c.rules.size_chart_required && p.size_chart_template_id.empty() && p.size_chart_image_uri.empty()) {
    throw product_error(12052673, "Product sizechart image is required in this category: size_chart");
  }
}

void read_options(const Ctx& c, const json::object& b, Product& p) {
  p.is_cod_allowed = fields::opt_bool(b, "is_cod_allowed").value_or(false);
  if (p.is_cod_allowed && !c.rules.cod_supported) {
    throw product_error(12052222, "category do not support cod: is_cod_allowed must be false in this market");
  }
  p.external_product_id = fields::opt_string(b, "external_product_id").value_or("");
  if (p.external_product_id.size() > 999) throw bad_param("external_product_id must be at most 999 characters");
  p.video_id.clear();
  if (const auto* video = fields::opt_object(b, "video")) {
    const std::string id = fields::req_string(*video, "id");
    throw product_error(12052360, "The video id is not exist: video.id " + id);
  }
  p.listing_platforms.clear();
  if (auto platforms = fields::opt_string_array(b, "listing_platforms")) {
    if (platforms->empty()) throw bad_param("listing_platforms must not be empty");
    for (const auto& lp : *platforms) {
      if (lp != "TIKTOK_SHOP" && lp != "TOKOPEDIA") throw bad_param("listing_platforms is invalid: " + lp);
      if (lp == "TOKOPEDIA" && c.shop.region != "ID") {
        throw product_error(12052330,
                            "product is not supported to list in designated sale platform: TOKOPEDIA is "
                            "for Indonesian shops");
      }
      if (std::find(p.listing_platforms.begin(), p.listing_platforms.end(), lp) == p.listing_platforms.end())
        p.listing_platforms.push_back(lp);
    }
  }
}

WarehouseCheck warehouse_check(const Shop& shop, const std::string& id) {
  for (const auto& w : shop.data.warehouses) {
    if (w.id == id) return w.type == "SALES_WAREHOUSE" ? WarehouseCheck::kSales : WarehouseCheck::kNotSales;
  }
  return WarehouseCheck::kUnknown;
}

std::map<std::string, std::int64_t> read_stock(const Ctx& c, const json::array& inventory) {
  std::map<std::string, std::int64_t> out;
  for (const auto& v : inventory) {
    if (!v.is_object()) throw bad_param("skus.inventory entries must be objects");
    const auto& o = v.as_object();
    const std::string w = fields::req_string(o, "warehouse_id");
    const auto check = warehouse_check(c.shop, w);
    if (check == WarehouseCheck::kUnknown) throw product_error(12052097, "The warehouse does not exist: " + w);
    if (check == WarehouseCheck::kNotSales) throw product_error(12052532, "the warehouse not delivery warehouse: " + w);
    const auto q = fields::opt_int(o, "quantity");
    if (!q) throw bad_param("skus.inventory.quantity is a required field");
    if (*q < 0 || *q > 99999) {
      throw product_error(12052055,
                          "The SKU inventory quantity for the warehouse must be within 0-99999: "
                          "skus.inventory.quantity");
    }
    out[w] = *q;
  }
  return out;
}

std::int64_t read_sku_price(const Ctx& c, const json::object& price, const char* field) {
  const std::string currency = fields::req_string(price, "currency");
  if (currency != c.shop.currency) {
    throw product_error(12052084, std::string(field) + ".currency " + currency + " is not available for this shop (" +
                                      c.shop.currency + ")");
  }
  const std::string amount = fields::req_string(price, "amount");
  std::int64_t minor = 0;
  if (!parse_money(c.shop, amount, minor) || minor <= 0) {
    throw product_error(12052073, "The product price is invalid: " + std::string(field) + ".amount " + amount);
  }
  const auto [lo, hi] = price_range_minor(c.shop.region);
  if (minor < lo || minor > hi) {
    throw product_error(12052570, "product price exceed limit: " + std::string(field) + ".amount " + amount +
                                      " is outside " + money(c.shop, lo) + "-" + money(c.shop, hi));
  }
  return minor;
}

void read_sales_attributes(const Ctx& c, const json::object& o, Sku& s) {
  s.sales_attributes.clear();
  s.sales_attribute_ids.clear();
  const auto* attrs = fields::opt_array(o, "sales_attributes");
  if (attrs == nullptr) return;
  if (attrs->size() > 3) throw product_error(12052525, "The attribute max num cannot exceed 3: skus.sales_attributes");
  const auto all = c.leaf ? attributes(*c.leaf) : std::vector<Attribute>{};
  for (const auto& v : *attrs) {
    if (!v.is_object()) throw bad_param("skus.sales_attributes entries must be objects");
    const auto& a = v.as_object();
    std::string id = fields::opt_string(a, "id").value_or("");
    std::string name = fields::opt_string(a, "name").value_or("");
    std::string value_id = fields::opt_string(a, "value_id").value_or("");
    std::string value = fields::opt_string(a, "value_name").value_or("");
    if (!id.empty()) {
      const Attribute* def = attribute_of(all, id);
      if (def == nullptr || def->type != "SALES_PROPERTY") {
        throw product_error(12052527, "The sale attribute id not exist: " + id);
      }
      name = def->name;
      if (!value_id.empty()) {
        const auto it = std::find_if(def->values.begin(), def->values.end(),
                                     [&](const AttributeValue& x) { return x.id == value_id; });
        if (it == def->values.end()) throw product_error(12052529, "The property value id not exist: " + value_id);
        value = it->name;
      }
    }
    if (name.empty()) throw product_error(12052241, "attribute name or attribute id is empty: skus.sales_attributes");
    if (value.empty()) throw product_error(12052248, "The sales attribute value name or value id is empty: " + name);
    if (chars(name) > 20) throw product_error(12052242, "The attribute name characters cannot exceed 20: " + name);
    if (chars(value) > 50) throw product_error(12052249, "The sales attribute value name cannot exceed 50: " + value);
    for (const auto& [n, _] : s.sales_attributes)
      if (n == name) throw product_error(12052560, "The SKU contains duplicate sales attribute: " + name);
    s.sales_attributes.emplace_back(name, value);
    s.sales_attribute_ids.emplace_back(id, value_id);
  }
}

// Identifier code digits per type (§2.9); a bad format is soft (dropped with a warning).
bool identifier_ok(const std::string& type, const std::string& code) {
  const std::string digits = code.substr(0, code.size() - (code.size() > 0 && code.back() == 'X' ? 1 : 0));
  if (digits.find_first_not_of("0123456789") != std::string::npos) return false;
  const auto n = code.size();
  if (type == "GTIN") return n == 14 && digits.size() == n;
  if (type == "EAN") return (n == 8 || n == 13 || n == 14) && digits.size() == n;
  if (type == "UPC") return n == 12 && digits.size() == n;
  if (type == "ISBN") return n == 13 || n == 10;
  if (type == "JAN") return (n == 8 || n == 13) && digits.size() == n;
  return false;
}

void read_identifier(const Ctx& c, const json::object& o, Sku& s) {
  s.identifier_code.clear();
  s.identifier_type.clear();
  const auto* id = fields::opt_object(o, "identifier_code");
  if (id == nullptr) return;
  const std::string code = fields::opt_string(*id, "code").value_or("");
  const std::string type = fields::opt_string(*id, "type").value_or("");
  if (type.empty()) throw product_error(12052600, "The identifier code type must be selected: skus.identifier_code");
  if (code.find('X') != std::string::npos && code.find('X') != code.size() - 1) {
    throw product_error(12052598, "Only the last digit supports input X: skus.identifier_code.code");
  }
  if (!identifier_ok(type, code)) {
    c.warnings.push_back(
        json::object{{"message", "skus.identifier_code " + code + " is not a valid " + type + "; it was dropped"}});
    return;
  }
  s.identifier_code = code;
  s.identifier_type = type;
}

const Sku* existing_sku(const Ctx& c, const json::object& o) {
  auto id = fields::opt_string(o, "id");
  if (!id) return nullptr;
  if (c.existing == nullptr) throw bad_param("skus.id is only accepted when editing a product");
  for (const auto& k : c.existing->skus)
    if (k.id == *id) return &k;
  throw bad_param("skus.id " + *id + " does not belong to this product");
}

Sku read_sku(const Ctx& c, const json::object& o) {
  const Sku* old = existing_sku(c, o);
  Sku s;
  s.id = old ? old->id : "17295" + c.world.new_numeric_id(14);
  s.seller_sku = fields::opt_string(o, "seller_sku").value_or("");
  if (!s.seller_sku.empty() && (chars(s.seller_sku) > 50 || s.seller_sku.find(' ') != std::string::npos)) {
    throw product_error(12052054,
                        "The seller SKU must be 1-50 characters without spaces: skus.seller_sku " + s.seller_sku);
  }
  const auto* price = fields::opt_object(o, "price");
  if (price == nullptr && old == nullptr) throw bad_param("skus.price is a required field");
  s.price_minor = price ? read_sku_price(c, *price, "skus.price") : old->price_minor;
  s.list_price_minor = old ? old->list_price_minor : 0;
  if (const auto* lp = fields::opt_object(o, "list_price"))
    s.list_price_minor = read_sku_price(c, *lp, "skus.list_price");
  const auto* inv = fields::opt_array(o, "inventory");
  if ((inv == nullptr || inv->empty()) && old == nullptr) throw bad_param("skus.inventory is a required field");
  s.inventory = inv && !inv->empty() ? read_stock(c, *inv) : old->inventory;
  read_sales_attributes(c, o, s);
  read_identifier(c, o, s);
  s.external_sku_id = fields::opt_string(o, "external_sku_id").value_or("");
  if (s.external_sku_id.size() > 999) throw bad_param("skus.external_sku_id must be at most 999 characters");
  return s;
}

std::string names_of(const Sku& s) {
  std::vector<std::string> n;
  for (const auto& [name, _] : s.sales_attributes) n.push_back(name);
  std::sort(n.begin(), n.end());
  std::string out;
  for (const auto& x : n) out += x + "|";
  return out;
}

void read_skus(const Ctx& c, const json::object& b, Product& p) {
  const auto* skus = fields::opt_array(b, "skus");
  if (skus == nullptr || skus->empty()) throw bad_param("skus is a required field");
  const std::size_t limit = max_skus(c.shop.region);
  if (skus->size() > limit) {
    throw product_error(
        12052050, "A single product cannot have more than " + std::to_string(limit) + " different SKUs in this market");
  }
  p.skus.clear();
  std::set<std::string> combos, codes, ids;
  for (const auto& v : *skus) {
    if (!v.is_object()) throw bad_param("skus entries must be objects");
    Sku s = read_sku(c, v.as_object());
    if (!ids.insert(s.id).second) throw bad_param("skus.id " + s.id + " appears twice");
    if (skus->size() > 1 && s.sales_attributes.empty()) {
      throw product_error(12052550,
                          "SKU property must contain all properties: every SKU of a multi-SKU product "
                          "needs sales_attributes");
    }
    if (!p.skus.empty() && names_of(s) != names_of(p.skus.front())) {
      throw product_error(12052550,
                          "SKU property must contain all properties: every SKU needs the same sales "
                          "attribute names");
    }
    std::string combo;
    for (const auto& [n, val] : s.sales_attributes) combo += n + "=" + val + ";";
    if (!combos.insert(combo).second) {
      throw product_error(12052560, "Two SKUs have the same sales attribute combination: " + combo);
    }
    if (!s.identifier_code.empty() && !codes.insert(s.identifier_code).second) {
      throw product_error(12052592,
                          "Identifier code already entered, cannot enter the same code twice: " + s.identifier_code);
    }
    p.skus.push_back(std::move(s));
  }
}

void check_prerequisites(Ctx& c) {
  bool has_return = false;
  for (const auto& w : c.shop.data.warehouses) has_return = has_return || w.type == "RETURN_WAREHOUSE";
  const auto& failing = c.store.failing_checks;
  if (failing.count("SHOP_STATUS"))
    throw product_error(12052700, "The seller is inactive: " + failing.at("SHOP_STATUS"));
  if (!has_return || failing.count("RETURN_WAREHOUSE")) {
    throw product_error(12052535,
                        "Couldn't publish this product as you haven't set the return warehouse for your "
                        "shop. Add it in TikTok Shop Seller Center first and try again.");
  }
}

}  // namespace

void read_listing(World& world, Shop& shop, const json::object& b, const ListingInput& in, Product& p,
                  json::array& warnings) {
  Ctx c{world, shop, store(shop), nullptr, {}, warnings, in.existing};
  check_prerequisites(c);
  read_title(c, b, p);
  read_description(b, p);
  read_category(c, b, p);
  read_images(c, b, p);
  read_brand(c, b, p);
  read_weight(c, b, p);
  read_dimensions(c, b, p);
  read_attributes(c, b, p);
  read_certifications(c, b, p);
  read_size_chart(c, b, p);
  read_options(c, b, p);
  read_skus(c, b, p);
}

void read_partial(World& world, Shop& shop, const json::object& b, Product& p, json::array& warnings) {
  for (const char* fixed : {"category_id", "category_version", "delivery_option_ids", "shipping_insurance_requirement",
                            "is_pre_owned", "minimum_order_quantity", "shipping_template_id"}) {
    if (b.contains(fixed)) throw bad_param(std::string(fixed) + " cannot be changed by Partial Edit; use Edit Product");
  }
  Ctx c{world, shop, store(shop), find_category(p.category_id), {}, warnings, &p};
  if (c.leaf != nullptr && c.leaf->is_leaf) {
    c.rules = rules(*c.leaf, shop.region);
  } else {
    c.leaf = nullptr;
    c.rules.package_dimension_required = false;
  }
  const Product before = p;
  c.existing = &before;
  bool any = false;
  auto given = [&](const char* key) {
    const bool has = b.contains(key);
    any = any || has;
    return has;
  };
  if (given("title")) read_title(c, b, p);
  if (given("description")) read_description(b, p);
  if (given("main_images")) read_images(c, b, p);
  if (given("brand_id")) read_brand(c, b, p);
  if (given("package_weight")) read_weight(c, b, p);
  if (given("package_dimensions")) read_dimensions(c, b, p);
  if (given("product_attributes")) read_attributes(c, b, p);
  if (given("certifications")) read_certifications(c, b, p);
  if (given("size_chart")) read_size_chart(c, b, p);
  if (given("skus")) read_skus(c, b, p);
  const bool options =
      given("is_cod_allowed") | given("external_product_id") | given("video") | given("listing_platforms");
  if (options) {
    // Options not sent keep their stored value (per top-level property merge).
    json::object merged = b;
    if (!b.contains("is_cod_allowed")) merged["is_cod_allowed"] = before.is_cod_allowed;
    if (!b.contains("external_product_id")) merged["external_product_id"] = before.external_product_id;
    if (!b.contains("listing_platforms") && !before.listing_platforms.empty()) {
      json::array lp;
      for (const auto& x : before.listing_platforms) lp.push_back(json::string(x));
      merged["listing_platforms"] = lp;
    }
    read_options(c, merged, p);
  }
  if (!any) throw bad_param("partial_edit needs at least one product field to change");
}

}  // namespace tts_sandbox::catalog
