// See publish_request.hpp.
#include "catalog/publish_request.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ocean_common/crypto.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::catalog {
namespace json = boost::json;
using capability::Request;

namespace {

// A products file holds 10,000 products of a few KB each at most; anything far larger is a mistake.
constexpr std::uintmax_t kMaxFileBytes = 256ull * 1024 * 1024;

json::array read_file_products(const Request& r) {
  const std::string path = r.str("file");
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec || !std::filesystem::is_regular_file(path)) r.fail("file", "names no readable file: " + path);
  if (size > kMaxFileBytes) r.fail("file", "is larger than 256 MB: " + path);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) r.fail("file", "could not be read: " + path);
  boost::system::error_code jec;
  json::value v = json::parse(text.str(), jec);
  if (jec) r.fail("file", "is not valid JSON (" + jec.message() + "): " + path);
  if (!v.is_array()) r.fail("file", "must hold a JSON array of products: " + path);
  return std::move(v.as_array());
}

struct Seen {
  std::map<std::string, std::size_t> erp_skus;         // ERP SKU -> product index
  std::map<std::string, std::size_t> erp_product_ids;  // erp_product_id -> product index
};

PublishInput read_one(const Request& p, std::size_t index, const Market& m, Seen& seen) {
  if (p.has("idempotency_key")) p.fail("idempotency_key", "is set by catalog.publish itself (one per job and product)");
  const Listing l = read_listing(p, m, ListingMode::kCreate);
  PublishInput in;
  if (const auto id = p.opt_str("erp_product_id")) {
    if (id->size() > 128) p.fail("erp_product_id", "must be at most 128 characters");
    const auto [it, fresh] = seen.erp_product_ids.emplace(*id, index);
    if (!fresh) p.fail("erp_product_id", "repeats the erp_product_id of products[" + std::to_string(it->second) + "]");
    in.erp_product_id = *id;
  }
  for (std::size_t k = 0; k < l.erp_skus.size(); ++k) {
    const auto [it, fresh] = seen.erp_skus.emplace(l.erp_skus[k], index);
    if (!fresh) {
      throw Failure(Status::invalid_argument, "request field '" + p.path_of("skus") + "[" + std::to_string(k) +
                                                  "].erp_sku' repeats ERP SKU " + l.erp_skus[k] + " of products[" +
                                                  std::to_string(it->second) + "]");
    }
  }
  in.request_json = json::serialize(p.json());
  in.listing = l;
  return in;
}

// The products as Requests named "products[i]".
std::vector<Request> product_requests(const Request& r, const json::array& products, bool from_file) {
  if (products.empty()) r.fail(from_file ? "file" : "products", "holds no products");
  if (products.size() > kMaxPublishProducts) {
    r.fail(from_file ? "file" : "products",
           "holds " + std::to_string(products.size()) + " products; at most 10000 per job");
  }
  std::vector<Request> out;
  out.reserve(products.size());
  for (std::size_t i = 0; i < products.size(); ++i) {
    const std::string path = "products[" + std::to_string(i) + "]";
    if (!products[i].is_object())
      throw Failure(Status::invalid_argument, "request field '" + path + "' must be an object (a product)");
    out.emplace_back(products[i].as_object(), publish_product_fields(), path);
  }
  return out;
}

}  // namespace

std::vector<std::string_view> publish_product_fields() {
  return {"title",
          "description",
          "category_id",
          "category_version",
          "brand_id",
          "images",
          "attributes",
          "package",
          "skus",
          "listing_platforms",
          "as_draft",
          "size_chart",
          "certifications",
          "is_cod_allowed",
          "external_product_id",
          "idempotency_key",
          "white_background",
          "erp_product_id"};
}

PublishBatch read_publish_batch(const Request& r, const Market& m) {
  const bool inline_products = r.has("products"), from_file = r.has("file");
  if (inline_products == from_file) r.fail("products", "give either products or file (a JSON array of products)");
  json::object holder;
  holder["products"] = from_file ? read_file_products(r) : r.json().at("products");
  if (!holder.at("products").is_array()) r.fail("products", "must be an array of products");
  const auto products = product_requests(r, holder.at("products").as_array(), from_file);
  PublishBatch out;
  out.source = from_file ? r.str("file") : "request";
  Seen seen;
  out.products.reserve(products.size());
  for (std::size_t i = 0; i < products.size(); ++i) out.products.push_back(read_one(products[i], i, m, seen));
  out.sha256 = crypto::to_hex(crypto::sha256_raw(json::serialize(holder.at("products"))));
  return out;
}

Listing read_publish_product(const json::object& product, std::size_t index, const Market& m) {
  const Request p(product, publish_product_fields(), "products[" + std::to_string(index) + "]");
  return read_listing(p, m, ListingMode::kCreate);
}

}  // namespace ocean::tiktok::catalog
