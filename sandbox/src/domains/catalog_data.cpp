// Static catalogue data: see catalog_data.hpp. Leaf families share attributes and rules so the table stays
// small; v2 mirrors v1's shape with its own ids (9xxxxx instead of 6xxxxx), so using a v1 id with v2 fails
// as the real API does (12052230).
#include "catalog_data.hpp"

#include <algorithm>
#include <cstdint>

namespace tts_sandbox::catalog {
namespace {

std::vector<Category> v1_tree() {
  using P = Permission;
  return {
      {"600001", "0", "Home Supplies", "v1", false, P::kAvailable, {}, {}, ""},
      {"600002", "600001", "Kitchenware", "v1", false, P::kAvailable, {}, {}, ""},
      {"600003", "600002", "Mugs & Cups", "v1", true, P::kAvailable, {}, {"mug", "cup"}, "kitchen"},
      {"600004", "600002", "Cookware", "v1", true, P::kAvailable, {}, {"pan", "pot", "cookware"}, "kitchen"},
      {"601001", "0", "Womenswear & Underwear", "v1", false, P::kAvailable, {}, {}, ""},
      {"601002", "601001", "Women's Tops", "v1", false, P::kAvailable, {}, {}, ""},
      {"601003", "601002", "T-shirts", "v1", true, P::kAvailable, {}, {"t-shirt", "tee", "shirt"}, "apparel"},
      {"601004", "601002", "Dresses", "v1", true, P::kAvailable, {}, {"dress"}, "apparel"},
      {"602001", "0", "Phones & Electronics", "v1", false, P::kAvailable, {}, {}, ""},
      {"602002", "602001", "Power & Charging", "v1", false, P::kAvailable, {}, {}, ""},
      {"602003", "602002", "Power Banks", "v1", true, P::kAvailable, {}, {"power bank", "powerbank"}, "power"},
      {"602004", "602002", "Chargers", "v1", true, P::kAvailable, {}, {"charger"}, "power"},
      {"602005", "602001", "Smartwatches", "v1", true, P::kInviteOnly, {}, {"smartwatch"}, "watch"},
      {"603001", "0", "Food & Beverages", "v1", false, P::kAvailable, {}, {}, ""},
      {"603002", "603001", "Drinks", "v1", false, P::kAvailable, {}, {}, ""},
      {"603003", "603002", "Teas", "v1", true, P::kAvailable, {}, {"tea"}, "tea"},
      {"604001", "0", "Outdoor Tools", "v1", false, P::kAvailable, {}, {}, ""},
      {"604002", "604001", "Blades", "v1", false, P::kAvailable, {}, {}, ""},
      {"604003", "604002", "Knives", "v1", true, P::kProhibited, {}, {"knife"}, "blade"},
      {"605001", "0", "Muslim Fashion", "v1", false, P::kAvailable, {"ID", "MY"}, {}, ""},
      {"605002", "605001", "Headwear", "v1", false, P::kAvailable, {"ID", "MY"}, {}, ""},
      {"605003", "605002", "Hijabs", "v1", true, P::kAvailable, {"ID", "MY"}, {"hijab"}, "modest"},
  };
}

std::string to_v2(const std::string& id) { return id == "0" ? id : "9" + id.substr(1); }

const std::vector<Category>& all() {
  static const std::vector<Category> tree = [] {
    std::vector<Category> out = v1_tree();
    const std::size_t n = out.size();
    for (std::size_t i = 0; i < n; ++i) {
      Category c = out[i];
      c.id = to_v2(c.id);
      c.parent_id = to_v2(c.parent_id);
      c.version = "v2";
      out.push_back(std::move(c));
    }
    return out;
  }();
  return tree;
}

bool in(const std::string& v, std::initializer_list<const char*> set) {
  return std::any_of(set.begin(), set.end(), [&](const char* s) { return v == s; });
}

bool is_eu(const std::string& r) { return in(r, {"DE", "ES", "FR", "IE", "IT"}); }

Attribute color() {
  return {"100006",
          "Color",
          "SALES_PROPERTY",
          false,
          true,
          false,
          false,
          {{"1000061", "Red"}, {"1000062", "Blue"}, {"1000063", "Black"}, {"1000064", "White"}},
          {}};
}
Attribute size() {
  return {"100007",
          "Size",
          "SALES_PROPERTY",
          false,
          true,
          false,
          false,
          {{"1000071", "S"}, {"1000072", "M"}, {"1000073", "L"}, {"1000074", "XL"}},
          {}};
}

}  // namespace

std::vector<const Category*> categories(const std::string& region, const std::string& version,
                                        bool include_prohibited) {
  std::vector<const Category*> out;
  for (const auto& c : all()) {
    if (c.version != version || !open_in(c, region)) continue;
    if (c.permission == Permission::kProhibited && !(include_prohibited && lists_prohibited(region))) continue;
    out.push_back(&c);
  }
  return out;
}

const Category* find_category(const std::string& id) {
  for (const auto& c : all())
    if (c.id == id) return &c;
  return nullptr;
}

bool open_in(const Category& c, const std::string& region) {
  return c.regions.empty() || std::find(c.regions.begin(), c.regions.end(), region) != c.regions.end();
}

std::vector<Attribute> attributes(const Category& leaf) {
  if (leaf.kind == "kitchen") {
    return {{"100001",
             "Material",
             "PRODUCT_PROPERTY",
             true,
             false,
             false,
             false,
             {{"1000011", "Ceramic"}, {"1000012", "Glass"}, {"1000013", "Stainless steel"}},
             {}},
            {"100002", "Capacity (ml)", "PRODUCT_PROPERTY", false, true, false, true, {}, {}},
            color()};
  }
  if (leaf.kind == "apparel" || leaf.kind == "modest") {
    return {{"100005",
             "Fabric",
             "PRODUCT_PROPERTY",
             true,
             false,
             true,
             false,
             {{"1000051", "Cotton"}, {"1000052", "Polyester"}, {"1000053", "Silk"}},
             {}},
            color(),
            size()};
  }
  if (leaf.kind == "power") {
    return {{"100003",
             "Contains batteries",
             "PRODUCT_PROPERTY",
             true,
             false,
             false,
             false,
             {{"1000031", "Yes"}, {"1000032", "No"}},
             {}},
            {"100004",
             "Battery type",
             "PRODUCT_PROPERTY",
             false,
             false,
             false,
             false,
             {{"1000041", "Lithium-ion"}, {"1000042", "Lithium polymer"}, {"1000043", "Alkaline"}},
             {{"100003", "1000031"}}},
            color()};
  }
  if (leaf.kind == "tea") {
    return {{"100008",
             "Tea type",
             "PRODUCT_PROPERTY",
             true,
             true,
             false,
             false,
             {{"1000081", "Green tea"}, {"1000082", "Black tea"}, {"1000083", "Herbal tea"}},
             {}}};
  }
  if (leaf.kind == "blade")
    return {{"100009", "Blade length (cm)", "PRODUCT_PROPERTY", true, true, false, true, {}, {}}};
  return {{"100010",
           "Condition",
           "PRODUCT_PROPERTY",
           false,
           false,
           false,
           false,
           {{"1000101", "New"}, {"1000102", "Refurbished"}},
           {}},
          color()};
}

Rules rules(const Category& leaf, const std::string& region) {
  Rules r;
  r.cod_supported = in(region, {"ID", "MY", "PH", "TH", "VN"});
  r.package_dimension_required = !in(region, {"ID", "TH", "VN"});
  if (leaf.kind == "apparel" || leaf.kind == "modest") {
    r.size_chart_supported = true;
    r.size_chart_required = leaf.kind == "apparel";
  }
  if (leaf.kind == "power") {
    // Hazardous goods: the battery certificate becomes required when "Contains batteries" = Yes.
    r.certifications.push_back({"700001", "Battery Safety Test Report (UN38.3)", false, true, {{"100003", "1000031"}}});
  }
  if (leaf.kind == "tea") r.certifications.push_back({"700002", "Food Safety Certificate", true, false, {}});
  return r;
}

const std::vector<Brand>& brands() {
  static const std::vector<Brand> list{
      {"7082427311584347905", "Sandbox Home", true, false, true},
      {"7082427311584347906", "Ocean Basics", false, false, true},
      {"7082427311584347907", "Luxe Global", false, true, true},
      {"7082427311584347908", "Retired Label", true, false, false},
  };
  return list;
}

const Brand* find_brand(const std::string& id) {
  for (const auto& b : brands())
    if (b.id == id) return &b;
  return nullptr;
}

const std::vector<SizeChart>& size_charts() {
  static const std::vector<SizeChart> list{
      {"7362027385890244398", "Women's tops size chart", "tos-maliva-i-o3syd03w52-us/sizechart-tops"},
      {"7362027385890244399", "Dresses size chart", "tos-maliva-i-o3syd03w52-us/sizechart-dresses"},
  };
  return list;
}

const SizeChart* find_size_chart(const std::string& template_id) {
  for (const auto& s : size_charts())
    if (s.template_id == template_id) return &s;
  return nullptr;
}

std::string default_version(const std::string& region) { return region == "US" ? "v2" : "v1"; }

bool lists_prohibited(const std::string& region) {
  return is_eu(region) || in(region, {"BR", "MX", "ID", "MY", "PH", "SG", "TH", "VN"});
}

std::pair<std::size_t, std::size_t> title_limits(const std::string& region) {
  if (is_eu(region) || in(region, {"GB", "JP", "US"})) return {1, 255};
  if (in(region, {"BR", "MX"})) return {1, 300};
  return {25, 255};
}

std::size_t max_skus(const std::string& region) {
  return is_eu(region) || in(region, {"BR", "JP", "MX", "GB", "US"}) ? 300 : 100;
}

std::pair<std::int64_t, std::int64_t> price_range_minor(const std::string& region) {
  if (is_eu(region)) return {1, 630000};
  if (region == "BR") return {50, 1000000};
  if (region == "ID") return {100, 100000000};
  if (region == "JP") return {1, 500000};
  if (region == "MY") return {1, 32000000};
  if (region == "MX") return {100, 5000000};
  if (region == "PH") return {1, 40000000};
  if (region == "SG") return {1, 1000000};
  if (region == "TH") return {3000, 26000000};
  if (region == "GB") return {1, 560000};
  if (region == "VN") return {1, 180000000};
  return {1, 760000};  // US
}

std::vector<std::string> seo_words(const Category& leaf) {
  if (leaf.kind == "kitchen") return {"ceramic mug", "coffee mug", "gift for her", "kitchen essentials"};
  if (leaf.kind == "apparel" || leaf.kind == "modest") return {"summer outfit", "casual wear", "cotton top"};
  if (leaf.kind == "power") return {"fast charging", "portable charger", "travel essentials"};
  if (leaf.kind == "tea") return {"loose leaf tea", "organic tea"};
  return {"outdoor gear"};
}

}  // namespace tts_sandbox::catalog
