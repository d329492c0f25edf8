// The sandbox's fixed product catalogue reference data (reference addendum §2.3-§2.7): a category tree per
// region and version (v1 = the 3-level tree, v2 = the newer tree with its own ids), the attributes and
// listing rules of each leaf, the brands and size-chart templates of every shop. Everything is static and
// deterministic so tests can name ids; the region decides which categories are open, prohibited or COD-able.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace tts_sandbox::catalog {

enum class Permission { kAvailable, kInviteOnly, kProhibited };

struct Category {
  std::string id;
  std::string parent_id;  // "0" for a root
  std::string name;
  std::string version;  // "v1" or "v2"
  bool is_leaf = false;
  Permission permission = Permission::kAvailable;
  std::vector<std::string> regions;   // empty = open in every region
  std::vector<std::string> keywords;  // recommend-category matching (lower case)
  std::string kind;                   // leaf family: kitchen, apparel, power, tea, blade, modest
};

struct AttributeValue {
  std::string id;
  std::string name;
};

struct Condition {  // VALUE_ID_MATCH: required when attribute_id has attribute_value_id
  std::string attribute_id;
  std::string value_id;
};

struct Attribute {
  std::string id;
  std::string name;
  std::string type;  // SALES_PROPERTY or PRODUCT_PROPERTY
  bool is_required = false;
  bool is_customizable = false;
  bool is_multiple_selection = false;
  bool numeric = false;  // value_data_format POSITIVE_INT_OR_DECIMAL
  std::vector<AttributeValue> values;
  std::vector<Condition> conditions;
};

struct Certification {
  std::string id;
  std::string name;
  bool is_required = false;
  bool expiration_required = false;
  std::vector<Condition> conditions;
};

struct Rules {
  std::vector<Certification> certifications;
  bool size_chart_supported = false;
  bool size_chart_required = false;
  bool cod_supported = false;
  bool package_dimension_required = true;
};

struct Brand {
  std::string id;
  std::string name;
  bool authorized = false;
  bool t1 = false;
  bool available = true;
};

struct SizeChart {
  std::string template_id;
  std::string name;
  std::string image_uri;
};

// The tree of `version` as `region` sees it (prohibited categories only when asked and allowed there).
std::vector<const Category*> categories(const std::string& region, const std::string& version, bool include_prohibited);
// Any category of any version with this id, or nullptr.
const Category* find_category(const std::string& id);
// Whether the category is open in the region (regional categories exist only in some markets).
bool open_in(const Category& c, const std::string& region);
std::vector<Attribute> attributes(const Category& leaf);
Rules rules(const Category& leaf, const std::string& region);
const std::vector<Brand>& brands();
const Brand* find_brand(const std::string& id);
const std::vector<SizeChart>& size_charts();
const SizeChart* find_size_chart(const std::string& template_id);
// The version a region must use when it sends none (US: v2 is mandatory, others default to v1).
std::string default_version(const std::string& region);
// Regions where prohibited categories may be listed on request (BR, MX, EU, SEA).
bool lists_prohibited(const std::string& region);
// Regions whose title may be 1-255 (or 1-300) characters; others need 25-255.
std::pair<std::size_t, std::size_t> title_limits(const std::string& region);
// The SKU count limit: 300 in BR, EU, JP, MX, UK, US, 100 elsewhere.
std::size_t max_skus(const std::string& region);
// Local-seller price range in minor units of the region's currency.
std::pair<std::int64_t, std::int64_t> price_range_minor(const std::string& region);
// SEO words for a leaf (suggestions derived from the category's keywords).
std::vector<std::string> seo_words(const Category& leaf);

}  // namespace tts_sandbox::catalog
