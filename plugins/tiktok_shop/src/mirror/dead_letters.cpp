// dead_letters.search / retry / dismiss over store/dead_letters.hpp. A dead letter's id is
// "<source>:<row id>" ("webhook:12", "stock_push:40"). A retry requeues the row with its attempts
// reset and runs the due work at once (apply the inbox, push the outbox), so the answer says how
// it went; a push that fails again goes back to the normal retry schedule.
#include <boost/json/array.hpp>

#include <charconv>

#include "mirror/mirror_capabilities.hpp"
#include "model/time_format.hpp"
#include "store/dead_letters.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::mirror {
namespace json = boost::json;
namespace {

struct LetterId {
  std::string source;
  std::int64_t item = 0;
};

LetterId parse_id(const Request& r) {
  const std::string text = r.str("id");
  const auto colon = text.find(':');
  LetterId id;
  if (colon != std::string::npos) {
    id.source = text.substr(0, colon);
    const char* begin = text.data() + colon + 1;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(begin, end, id.item);
    if (ec == std::errc() && ptr == end && id.item > 0 && (id.source == "webhook" || id.source == "stock_push"))
      return id;
  }
  r.fail("id", "must be a dead letter's id as dead_letters.search gives it (\"webhook:12\" or \"stock_push:40\")");
}

json::object letter_view(const store::DeadLetter& d) {
  json::object o{
      {"id", d.source + ":" + std::to_string(d.item_id)},
      {"source", d.source},
      {"error", d.error},
      {"attempts", d.attempts},
      {"failed_at", d.failed_at_ms > 0 ? json::value(model::rfc3339(d.failed_at_ms / 1000)) : json::value(nullptr)}};
  if (d.source == "webhook") {
    o["notification_id"] = d.notification_id;
    o["type"] = d.type;
  } else {
    o["product_id"] = d.product_id;
    o["sku_id"] = d.sku_id;
    o["warehouse_id"] = d.warehouse_id;
    o["quantity"] = d.quantity;
  }
  return o;
}

[[noreturn]] void not_listed(const LetterId& id) {
  throw Failure(Status::not_found, "dead letter " + id.source + ":" + std::to_string(id.item) +
                                       " is not in the list (already retried, dismissed, or superseded by a newer "
                                       "stock value); see dead_letters.search");
}

}  // namespace

json::object dead_letters_search(Mirror& m, const Request& r) {
  const std::string source = r.one_of("source", {"webhook", "stock_push", "all"}, "all");
  const auto limit = static_cast<std::size_t>(r.int_in("limit", 1, 500, 50));
  const auto offset = static_cast<std::size_t>(r.int_in("cursor", 0, 1'000'000'000, 0));
  const auto all = store::DeadLetters(m.database()).list(source == "all" ? "" : source);
  json::array letters;
  for (std::size_t i = offset; i < all.size() && letters.size() < limit; ++i) letters.push_back(letter_view(all[i]));
  const std::size_t next = offset + letters.size();
  return json::object{
      {"dead_letters", std::move(letters)},
      {"total", all.size()},
      {"next_cursor", next < all.size() ? json::value(static_cast<std::int64_t>(next)) : json::value(nullptr)}};
}

json::object dead_letters_retry(Mirror& m, const Request& r) {
  const LetterId id = parse_id(r);
  store::DeadLetters letters(m.database());
  const auto result = letters.requeue(id.source, id.item, m.host().wall_ms());
  if (result == store::Requeue::not_found) not_listed(id);
  if (result == store::Requeue::requeued) {
    if (id.source == "webhook")
      m.applier().apply_pending();
    else
      m.pusher().push_due();
  }
  json::object out{{"id", id.source + ":" + std::to_string(id.item)},
                   {"requeued", result == store::Requeue::requeued},
                   {"state", letters.state_of(id.source, id.item)}};
  if (result == store::Requeue::superseded) out["note"] = "a newer stock value for this SKU is already queued";
  if (const auto again = letters.find(id.source, id.item)) out["error"] = again->error;
  return out;
}

json::object dead_letters_dismiss(Mirror& m, const Request& r) {
  const LetterId id = parse_id(r);
  if (!store::DeadLetters(m.database()).dismiss(id.source, id.item, m.host().wall_ms())) not_listed(id);
  return json::object{{"id", id.source + ":" + std::to_string(id.item)}, {"dismissed", true}};
}

}  // namespace ocean::tiktok::mirror
