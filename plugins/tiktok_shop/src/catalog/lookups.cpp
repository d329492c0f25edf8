// The look-ups a listing form needs: categories (tree, rules, attributes, recommend), brands,
// listing prerequisites, size charts, images (upload, white background) and SEO words.
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "catalog/catalog_capabilities.hpp"
#include "catalog/images.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;

namespace {

std::string version_of(CatalogContext& c, const Request& r) {
  return r.one_of("category_version", {"v1", "v2"}, shop_market(c).category_version.c_str());
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

json::object categories_search(CatalogContext& c, const Request& r) {
  url::QueryParams q{{"category_version", version_of(c, r)}};
  if (const auto k = r.opt_str("keyword")) q.emplace_back("keyword", *k);
  if (r.has("listing_platform"))
    q.emplace_back("listing_platform", r.one_of("listing_platform", {"TIKTOK_SHOP", "TOKOPEDIA"}, nullptr));
  if (r.opt_bool("include_prohibited", false)) q.emplace_back("include_prohibited_categories", "true");
  const bool leaves_only = r.opt_bool("leaves_only", false);
  const json::object data = c.ops.call("GET", "/product/202309/categories", q);
  json::array out;
  for (const auto& v : ops::api_array(data, "categories", "categories")) {
    const auto& o = ops::api_object(v, "categories");
    const bool leaf = o.contains("is_leaf") && o.at("is_leaf").is_bool() && o.at("is_leaf").as_bool();
    if (leaves_only && !leaf) continue;
    out.push_back(
        json::object{{"id", ops::api_string(o, "id")},
                     {"parent_id", ops::api_string(o, "parent_id")},
                     {"name", ops::api_string(o, "local_name")},
                     {"is_leaf", leaf},
                     {"permission_statuses",
                      o.contains("permission_statuses") ? o.at("permission_statuses") : json::value(json::array{})}});
  }
  return json::object{{"categories", out}, {"category_version", q.front().second}};
}

json::object categories_rules(CatalogContext& c, const Request& r) {
  const std::string id = r.id("category_id");
  return c.ops.call("GET", "/product/202309/categories/" + id + "/rules", {{"category_version", version_of(c, r)}});
}

json::object categories_attributes(CatalogContext& c, const Request& r) {
  const std::string id = r.id("category_id");
  const json::object data =
      c.ops.call("GET", "/product/202309/categories/" + id + "/attributes", {{"category_version", version_of(c, r)}});
  json::array out;
  for (const auto& v : ops::api_array(data, "attributes", "categories/attributes")) {
    json::object a = ops::api_object(v, "categories/attributes");
    // The wire spells it is_requried; the answer gives both spellings' meaning under one name.
    const bool required = a.contains("is_requried") && a.at("is_requried").is_bool() && a.at("is_requried").as_bool();
    a.erase("is_requried");
    a["is_required"] = required;
    out.push_back(std::move(a));
  }
  return json::object{{"attributes", out}};
}

json::object categories_recommend(CatalogContext& c, const Request& r) {
  json::object body{{"product_title", r.str("title")}, {"category_version", version_of(c, r)}};
  if (const auto d = r.opt_str("description")) body["description"] = *d;
  if (r.has("images")) {
    json::array images;
    for (const auto& u : r.strings("images", true)) images.push_back(json::object{{"uri", u}});
    body["images"] = images;
  }
  return c.ops.call("POST", "/product/202309/categories/recommend", {}, body);
}

json::object brands_search(CatalogContext& c, const Request& r) {
  const auto page = r.paging(1, 100, 100);
  url::QueryParams q{{"page_size", std::to_string(page.page_size)}, {"category_version", version_of(c, r)}};
  if (!page.page_token.empty()) q.emplace_back("page_token", page.page_token);
  if (r.has("category_id")) q.emplace_back("category_id", r.id("category_id"));
  if (const auto n = r.opt_str("brand_name")) q.emplace_back("brand_name", *n);
  if (r.opt_bool("authorized_only", false)) q.emplace_back("is_authorized", "1");
  const json::object data = c.ops.call("GET", "/product/202309/brands", q);
  json::array items;
  for (const auto& v : ops::api_array(data, "brands", "brands")) {
    const auto& b = ops::api_object(v, "brands");
    const bool authorized = ops::api_string(b, "authorized_status") == "AUTHORIZED";
    const bool t1 = b.contains("is_t1_brand") && b.at("is_t1_brand").is_bool() && b.at("is_t1_brand").as_bool();
    const bool available = ops::api_string(b, "brand_status") != "UNAVAILABLE";
    items.push_back(json::object{{"id", ops::api_string(b, "id")},
                                 {"name", ops::api_string(b, "name")},
                                 {"authorized", authorized},
                                 {"is_t1_brand", t1},
                                 {"available", available},
                                 // Selectable: authorized and available, or unauthorized and not T1 (§2.6).
                                 {"selectable", (authorized && available) || (!authorized && !t1)}});
  }
  return ops::page_response(std::move(items), data);
}

json::object products_prerequisites(CatalogContext& c, const Request&) {
  const json::object data = c.ops.call("GET", "/product/202312/prerequisites");
  json::array failing;
  for (const auto& v : ops::api_array(data, "check_results", "prerequisites")) {
    const auto& o = ops::api_object(v, "prerequisites");
    if (o.contains("is_failed") && o.at("is_failed").is_bool() && o.at("is_failed").as_bool()) {
      failing.push_back(json::object{{"check", ops::api_string(o, "check_item")},
                                     {"reasons", o.contains("fail_reasons") ? o.at("fail_reasons") : json::array{}}});
    }
  }
  return json::object{{"ready", failing.empty()}, {"failing", failing}, {"checks", data.at("check_results")}};
}

json::object size_charts_search(CatalogContext& c, const Request& r) {
  const auto page = r.paging(1, 100, 100);
  json::object body;
  if (const auto k = r.opt_str("keyword")) body["keyword"] = *k;
  if (r.has("ids")) {
    const auto ids = r.strings("ids", true);
    if (ids.size() > 50) r.fail("ids", "allows at most 50 ids");
    body["ids"] = json::array(ids.begin(), ids.end());
  }
  ApiCall call;
  call.method = "POST";
  call.path = "/product/202407/sizecharts/search";
  call.query = {{"page_size", std::to_string(page.page_size)}};
  if (!page.page_token.empty()) call.query.emplace_back("page_token", page.page_token);
  call.body = json::serialize(body);  // no shop_cipher: the endpoint declares none
  const ApiResult res = c.ops.api.call(call);
  const json::object data = res.data.is_object() ? res.data.as_object() : json::object{};
  return ops::page_response(ops::api_array(data, "size_chart", "sizecharts/search"), data);
}

json::object images_upload(CatalogContext& c, const Request& r) {
  const std::string use_case = r.one_of(
      "use_case", {"MAIN_IMAGE", "ATTRIBUTE_IMAGE", "DESCRIPTION_IMAGE", "CERTIFICATION_IMAGE", "SIZE_CHART_IMAGE"},
      "MAIN_IMAGE");
  const std::string source = r.str("source");
  if (source.rfind("https://", 0) != 0 && source.front() != '/' && source.rfind("./", 0) != 0)
    r.fail("source", "must be an absolute file path or an https URL");
  if (source.front() != 'h' && !std::filesystem::is_regular_file(source)) r.fail("source", "names no file: " + source);
  const std::string uri = resolve_image(c, source, use_case);
  return json::object{{"uri", uri}, {"use_case", use_case}};
}

json::object images_optimize(CatalogContext& c, const Request& r) {
  const auto uris = r.strings("uris", true);
  if (uris.size() > 200) r.fail("uris", "allows at most 200 images");
  return json::object{{"images", optimize(c, uris)}};
}

json::object products_seo_words(CatalogContext& c, const Request& r) {
  const auto ids = r.strings("ids", true);
  if (ids.size() > 20) r.fail("ids", "allows at most 20 product ids");
  const bool apply = r.opt_bool("apply", false);
  std::string joined;
  for (const auto& id : ids) joined += (joined.empty() ? "" : ",") + id;
  const json::object data = c.ops.call("GET", "/product/202405/products/seo_words", {{"product_ids", joined}});
  json::array out;
  for (const auto& v : ops::api_array(data, "products", "seo_words")) {
    const auto& p = ops::api_object(v, "seo_words");
    json::array words;
    for (const auto& w : ops::api_array(p, "seo_words", "seo_words"))
      words.push_back(json::string(ops::api_string(w.as_object(), "text")));
    json::object item{{"id", ops::api_string(p, "id")}, {"seo_words", words}, {"applied", false}};
    if (apply && !words.empty()) {  // only with the seller's approval: the request says apply
      const json::object product = c.ops.call("GET", "/product/202309/products/" + ops::api_string(p, "id"));
      std::string title = ops::api_string(product, "title");
      for (const auto& w : words) {
        const std::string word(w.as_string());
        if (lower(title).find(lower(word)) == std::string::npos && title.size() + word.size() + 3 <= 255)
          title += " | " + word;
      }
      c.ops.call("POST", "/product/202509/products/" + ops::api_string(p, "id") + "/partial_edit", {},
                 json::object{{"title", title}});
      item["applied"] = true;
      item["title"] = title;
    }
    out.push_back(std::move(item));
  }
  return json::object{{"products", out}};
}

}  // namespace ocean::tiktok::catalog
