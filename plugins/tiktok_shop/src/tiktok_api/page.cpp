#include "tiktok_api/page.hpp"

#include "transport/json_spans.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::tiktok_api {
namespace json = boost::json;

Page read_page(json::value data, const char* list_key, const char* what, std::shared_ptr<const std::string> body) {
  if (!data.is_object()) throw Failure(Status::permanent, std::string(what) + ": the answer has no data object");
  auto& d = data.as_object();
  auto* list = d.if_contains(list_key);
  Page p;
  if (list != nullptr && !list->is_null()) {
    if (!list->is_array())
      throw Failure(Status::permanent, std::string(what) + ": data." + list_key + " is not an array");
    // Same storage on both sides, so this moves the parsed list rather than copying it.
    p.items = json::array(data.storage());
    p.items = std::move(list->as_array());
  }
  if (const auto* t = d.if_contains("next_page_token"); t != nullptr && !t->is_null()) {
    if (!t->is_string()) throw Failure(Status::permanent, std::string(what) + ": data.next_page_token is not a string");
    p.next_page_token = std::string(t->as_string());
  }
  if (const auto* c = d.if_contains("total_count"); c != nullptr && c->is_int64()) p.total_count = c->as_int64();
  if (!p.next_page_token.empty() && p.items.empty()) {
    // A "more" token with nothing on the page would loop forever on a broken server.
    throw Failure(Status::permanent, std::string(what) + ": an empty page came with a next_page_token");
  }
  if (body != nullptr && !p.items.empty()) {
    auto spans = array_element_spans(*body, {"data", list_key});
    if (spans && spans->size() == p.items.size()) {
      p.raw_items = std::move(*spans);
      p.raw_body = std::move(body);
    }
  }
  return p;
}

}  // namespace ocean::tiktok::tiktok_api
