// An API answer on arbitrary bytes through what a search page goes through: the envelope parser,
// then read_page (the parsed list plus the raw-text spans of json_spans), then each order's
// record. The differential: whenever read_page keeps raw texts, each one must parse to exactly
// the element the parser kept (issue 15: a repeated key once made them differ).
#include "model/parse_api.hpp"
#include "tiktok_api/page.hpp"
#include "transport/classify.hpp"
#include "util/status.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace json = boost::json;
using namespace ocean::tiktok;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = std::make_shared<const std::string>(reinterpret_cast<const char*>(data), size);
  Envelope envelope = parse_envelope(*body);
  if (!envelope.valid || !envelope.data.is_object()) return 0;
  try {
    const tiktok_api::Page page = tiktok_api::read_page(std::move(envelope.data), "orders", "fuzz", body);
    if (!page.raw_items.empty()) {
      if (page.raw_items.size() != page.items.size()) std::abort();
      for (std::size_t i = 0; i < page.items.size(); ++i) {
        boost::system::error_code ec;
        const json::value raw = json::parse(page.raw_items[i], ec);
        if (ec || raw != page.items[i]) std::abort();
      }
    }
    for (std::size_t i = 0; i < page.items.size(); ++i) {
      try {
        model::parse_order(page.items[i], page.raw_items.empty() ? std::string_view() : page.raw_items[i]);
      } catch (const model::ParseError&) {  // an order missing what the store needs: refused by name
      }
    }
  } catch (const Failure&) {
  }
  return 0;
}
