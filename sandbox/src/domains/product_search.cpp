// Search Products (POST /product/202309/products/search, also served at 202502) and Get Product: read paths
// over the shop's products with keyset paging (see HANDLERS.md), answering the shapes of product_view.hpp.
#include <algorithm>

#include "../body_fields.hpp"
#include "../paging.hpp"
#include "../world.hpp"
#include "product_view.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

bool is_product_status(const std::string& s) {
  static const char* const all[] = {
      "DRAFT", "PENDING", "FAILED", "ACTIVATE", "SELLER_DEACTIVATED", "PLATFORM_DEACTIVATED", "FREEZE", "DELETED"};
  return std::any_of(std::begin(all), std::end(all), [&](const char* x) { return s == x; });
}

json::value get_product(ApiContext& c) {
  Shop& shop = c.the_shop();
  auto it = shop.data.products.find(c.path_param("product_id"));
  if (it == shop.data.products.end() || it->second.status == "DELETED") {
    throw bad_param("product " + c.path_param("product_id") + " does not exist in this shop");
  }
  return catalog::product_detail(shop, it->second);
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
    products.push_back(catalog::product_summary(shop, p));
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
  r.add(ApiRoute{"POST", "/product/202502/products/search", shop, PageSizeRule{true, 1, 100}, search_products});
  r.add(ApiRoute{"GET", "/product/202309/products/{product_id}", shop, std::nullopt, get_product});
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"product_search", register_routes, nullptr, nullptr, nullptr, nullptr});

}  // namespace
}  // namespace tts_sandbox
