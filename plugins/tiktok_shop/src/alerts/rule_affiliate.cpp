// affiliate_gmv_drop: a creator whose affiliate GMV over the last 7 days is down more than `percent`
// from the 7 days before. The affiliate orders of those 14 days are first refreshed from TikTok by
// running affiliate.orders.search exactly as a host would (same parsing, same stored lines), then
// compared per creator and currency, exactly (Decimal, never a float). Needs the affiliate_program
// feature. Raised once per creator per week (weeks counted from the Unix epoch).
#include <boost/json.hpp>

#include <map>
#include <utility>

#include "alerts/rules.hpp"
#include "capability/router.hpp"
#include "model/decimal.hpp"
#include "ops/context.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::alerts {
namespace json = boost::json;

namespace {
constexpr std::int64_t kWeek = 7 * 86400;
constexpr int kMaxPages = 20;  // 2,000 affiliate orders a fortnight

void refresh_affiliate_orders(AlertContext& c) {
  std::string token;
  for (int page = 0; page < kMaxPages; ++page) {
    json::object req{{"create_time_ge", c.now_s - 2 * kWeek}, {"create_time_lt", c.now_s + 1}, {"page_size", 100}};
    if (!token.empty()) req["page_token"] = token;
    const std::string out = capability::run_capability(*c.rooms, "affiliate.orders.search", json::serialize(req));
    const json::value v = json::parse(out);
    const auto* next = v.as_object().if_contains("next_page_token");
    token = next != nullptr && next->is_string() ? std::string(next->as_string()) : std::string();
    if (token.empty()) break;
  }
}

using Key = std::pair<std::string, std::string>;  // creator, currency

std::map<Key, model::Decimal> gmv_by_creator(ops::OpsContext& o, std::int64_t from, std::int64_t to) {
  std::map<Key, model::Decimal> out;
  for (const auto& t : o.store.creator_totals(std::nullopt, from, to)) {
    model::Decimal sum;
    for (const auto& p : t.gmv_parts) sum = sum + model::Decimal::parse(p).value_or(model::Decimal{});
    out[{t.creator_username, t.currency}] = sum;
  }
  return out;
}
}  // namespace

void affiliate_gmv_rule(AlertContext& c) {
  if (c.ops == nullptr || c.rooms == nullptr) throw Failure(Status::internal, "the operations room is not open");
  if (!c.feature_on("affiliate_program"))
    throw Failure(Status::feature_disabled, "the affiliate_program feature is off (the rule reads affiliate orders)");
  refresh_affiliate_orders(c);
  const auto before = gmv_by_creator(*c.ops, c.now_s - 2 * kWeek, c.now_s - kWeek);
  const auto now = gmv_by_creator(*c.ops, c.now_s - kWeek, c.now_s + 1);
  const std::int64_t percent = *c.rules.gmv_drop_percent;
  for (const auto& [key, previous] : before) {
    if (previous.micros <= 0) continue;
    const auto it = now.find(key);
    const model::Decimal current = it == now.end() ? model::Decimal{} : it->second;
    // current < previous * (100 - percent) / 100, in integers.
    if (current.micros * 100 >= previous.micros * (100 - percent)) continue;
    const std::int64_t drop = (previous.micros - current.micros) * 100 / previous.micros;
    const auto& [creator, currency] = key;
    c.raise(Alert{"affiliate_gmv_drop", "warning", "creator", creator, std::to_string(c.now_s / kWeek),
                  "affiliate creator " + creator + ": GMV " + current.str() + " " + currency + " in the last 7 days, " +
                      std::to_string(drop) + " % below the " + previous.str() + " " + currency + " of the week before",
                  "review the creator's collaborations and content (affiliate.collaborations.search, "
                  "analytics.video_performance) and contact the creator",
                  json::object{{"creator_username", creator},
                               {"currency", currency},
                               {"gmv_last_7_days", current.str()},
                               {"gmv_previous_7_days", previous.str()},
                               {"drop_percent", drop},
                               {"threshold_percent", percent}}});
  }
}

}  // namespace ocean::tiktok::alerts
