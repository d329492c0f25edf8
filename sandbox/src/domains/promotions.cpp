// Promotions (reference §8): activities created, updated, given products (PUT/DELETE .../products),
// deactivated, read and searched. An activity's status follows the sandbox clock: NOT_START before
// begin_time, ONGOING until end_time, then EXPIRED; DEACTIVATED once the seller stops it. Product prices
// are checked against the real SKU prices, and a product cannot be in two overlapping price activities.
#include <algorithm>

#include "../generator.hpp"
#include "../world.hpp"
#include "domain_support.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;
constexpr std::int64_t kDay = 86400;

struct Deal {  // a product's or a SKU's terms in an activity; -1 = not set
  std::int64_t price_minor = -1;
  std::int64_t discount = -1;  // percent off, 1-99
  std::int64_t quantity_limit = -1;
  std::int64_t quantity_per_user = -1;
};

struct ActivityProduct {
  Deal deal;
  std::map<std::string, Deal> skus;  // VARIATION level
};

struct Activity {
  std::string id, title, type, product_level;
  std::int64_t begin_time = 0, end_time = 0, create_time = 0, update_time = 0;
  bool deactivated = false;
  std::map<std::string, ActivityProduct> products;

  std::string status(std::int64_t now) const {
    if (deactivated) return "DEACTIVATED";
    if (now < begin_time) return "NOT_START";
    return now < end_time ? "ONGOING" : "EXPIRED";
  }
  bool price_type() const { return type == "FIXED_PRICE" || type == "DIRECT_DISCOUNT" || type == "FLASHSALE"; }
};

struct PromotionsStore : Extension {
  std::map<std::string, Activity> activities;
  std::map<std::string, std::string> announced;  // activity id -> last status sent in webhook 39
  std::int64_t next_change = 0;                  // earliest begin/end ahead of the clock; 0 = rescan
};

PromotionsStore& store_of(Shop& shop) { return shop.data.extension<PromotionsStore>("promotions"); }

json::object deal_json(const Shop& shop, const Deal& d) {
  json::object o{{"quantity_limit", d.quantity_limit}, {"quantity_per_user", d.quantity_per_user}};
  if (d.price_minor >= 0)
    o["activity_price"] = json::object{{"amount", money(shop, d.price_minor)}, {"currency", shop.currency}};
  if (d.discount >= 0) o["discount"] = std::to_string(d.discount);
  return o;
}

json::object activity_json(const Shop& shop, const Activity& a, std::int64_t now, bool with_products) {
  json::object o{{"id", a.id},
                 {"title", a.title},
                 {"activity_type", a.type},
                 {"product_level", a.product_level},
                 {"status", a.status(now)},
                 {"begin_time", a.begin_time},
                 {"end_time", a.end_time},
                 {"create_time", a.create_time},
                 {"update_time", a.update_time}};
  if (with_products) {
    json::array products;
    for (const auto& [pid, p] : a.products) {
      json::object po = deal_json(shop, p.deal);
      po["id"] = pid;
      json::array skus;
      for (const auto& [sid, d] : p.skus) {
        json::object so = deal_json(shop, d);
        so["id"] = sid;
        skus.push_back(std::move(so));
      }
      po["skus"] = std::move(skus);
      products.push_back(std::move(po));
    }
    o["products"] = std::move(products);
  }
  return o;
}

std::size_t utf8_length(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

std::string read_title(const json::object& b) {
  std::string t = fields::req_string(b, "title");
  if (utf8_length(t) > 50) throw bad_param("title must be at most 50 characters");
  return t;
}

void check_window(std::int64_t begin, std::int64_t end) {
  if (begin >= end) throw bad_param("begin_time must be earlier than end_time");
  if (end - begin > 366 * kDay) throw bad_param("an activity may last at most 366 days");
}

Activity& require_activity(Shop& shop, const std::string& id) {
  auto& acts = store_of(shop).activities;
  auto it = acts.find(id);
  if (it == acts.end()) throw bad_param("activity_id " + id + " does not exist in this shop");
  return it->second;
}

void require_editable(const Activity& a, std::int64_t now) {
  const std::string s = a.status(now);
  if (s != "NOT_START" && s != "ONGOING") throw bad_param("activity " + a.id + " cannot be changed in status " + s);
}

// Webhook 39 (reference §3.7): {activity_id, update_time, activity_type, product_level, status} when an
// activity starts, expires or is deactivated.
void announce(World& world, Shop& shop, const Activity& a, const std::string& status, std::int64_t at) {
  auto& last = store_of(shop).announced[a.id];
  if (last == status) return;
  last = status;
  if (status != "ONGOING" && status != "EXPIRED" && status != "DEACTIVATED") return;
  world.emit_webhook(shop, 39, "PROMOTION_ACTIVITY_STATUS_CHANGE",
                     json::object{{"activity_id", a.id},
                                  {"update_time", at},
                                  {"activity_type", a.type},
                                  {"product_level", a.product_level},
                                  {"status", status}},
                     at);
}

// Start and expiry follow the clock; each is announced once, stamped with the moment it happened.
void advance(World& world, std::int64_t now) {
  for (const auto& shop : world.shops()) {
    auto& store = store_of(*shop);
    if (store.next_change != 0 && now < store.next_change) continue;
    store.next_change = INT64_MAX;
    for (const auto& [id, a] : store.activities) {
      const std::string status = a.status(now);
      const std::int64_t at = status == "EXPIRED" ? a.end_time : a.begin_time;
      announce(world, *shop, a, status, std::min(now, std::max(at, a.update_time)));
      if (a.deactivated) continue;
      if (a.begin_time > now) store.next_change = std::min(store.next_change, a.begin_time);
      if (a.end_time > now) store.next_change = std::min(store.next_change, a.end_time);
    }
  }
}

// ---- endpoints -----------------------------------------------------------------------------------------

json::value create_activity(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  Activity a;
  a.title = read_title(b);
  const auto type = support::opt_enum(
      b, "activity_type", {"FIXED_PRICE", "DIRECT_DISCOUNT", "FLASHSALE", "SHIPPING_DISCOUNT", "BUY_MORE_SAVE_MORE"});
  if (!type) throw bad_param("activity_type is a required field");
  const auto level = support::opt_enum(b, "product_level", {"PRODUCT", "VARIATION", "SHOP"});
  if (!level) throw bad_param("product_level is a required field");
  const auto begin = fields::opt_int(b, "begin_time");
  const auto end = fields::opt_int(b, "end_time");
  if (!begin || !end) throw bad_param("begin_time and end_time are required fields");
  check_window(*begin, *end);
  if (*begin < c.now - 60) throw bad_param("begin_time must not be in the past");
  if ((*level == "SHOP") != (*type == "SHIPPING_DISCOUNT")) {
    throw bad_param("product_level SHOP goes with activity_type SHIPPING_DISCOUNT only");
  }
  a.type = *type;
  a.product_level = *level;
  a.begin_time = *begin;
  a.end_time = *end;
  a.id = "7" + c.world.new_numeric_id(18);
  a.create_time = a.update_time = c.now;
  const std::string id = a.id;
  store_of(shop).activities.emplace(id, std::move(a));
  const Activity& s = store_of(shop).activities.at(id);
  store_of(shop).next_change = 0;
  announce(c.world, shop, s, s.status(c.now), c.now);
  return json::object{{"activity_id", s.id},
                      {"status", s.status(c.now)},
                      {"create_time", s.create_time},
                      {"update_time", s.update_time}};
}

// PUT .../activities/{id} takes title, begin_time and end_time, all required (reference §3.7). The
// locks are read from the error table: an ongoing activity keeps its begin_time (resend it unchanged,
// 17029011), so extending one means sending the same title and begin_time with a later end_time.
json::value update_activity(ApiContext& c) {
  Shop& shop = c.the_shop();
  Activity& a = require_activity(shop, c.path_param("activity_id"));
  const auto& b = c.body();
  const std::string title = read_title(b);
  const auto begin_field = fields::opt_int(b, "begin_time");
  const auto end_field = fields::opt_int(b, "end_time");
  if (!begin_field) throw bad_param("begin_time is a required field");
  if (!end_field) throw bad_param("end_time is a required field");
  const std::int64_t begin = *begin_field, end = *end_field;
  const std::string status = a.status(c.now);
  if (status == "DEACTIVATED") throw rule_error(17029010, "activity " + a.id + " is deactivated and cannot be updated");
  if (status == "EXPIRED") throw rule_error(17029012, "activity " + a.id + " has expired and cannot be updated");
  if (status == "ONGOING" && begin != a.begin_time) {
    throw rule_error(
        17029011, "begin_time of ongoing activity " + a.id + " cannot change; resend " + std::to_string(a.begin_time));
  }
  if (status == "NOT_START" && begin != a.begin_time && begin <= c.now) {
    throw rule_error(17029005, "begin_time must be later than now");
  }
  check_window(begin, end);
  if (end <= c.now) throw bad_param("end_time must be in the future; deactivate the activity to stop it");
  a.title = title;
  a.begin_time = begin;
  a.end_time = end;
  a.update_time = c.now;
  store_of(shop).next_change = 0;
  return json::object{{"activity_id", a.id}, {"title", a.title}, {"update_time", a.update_time}};
}

// Reads one deal (product or SKU level) and checks it against the activity type and the prices it covers.
Deal read_deal(const Shop& shop, const Activity& a, const json::object& o, const std::string& what,
               std::int64_t lowest_price) {
  Deal d;
  const auto amount = fields::opt_string(o, "activity_price_amount");
  const auto discount = fields::opt_string(o, "discount");
  d.quantity_limit = fields::opt_int(o, "quantity_limit").value_or(-1);
  d.quantity_per_user = fields::opt_int(o, "quantity_per_user").value_or(-1);
  if (d.quantity_limit == 0 || d.quantity_limit < -1)
    throw bad_param(what + ": quantity_limit must be -1 (no limit) or positive");
  if (d.quantity_per_user == 0 || d.quantity_per_user < -1 || d.quantity_per_user > 99) {
    throw bad_param(what + ": quantity_per_user must be -1 (no limit) or 1-99");
  }
  if (d.quantity_limit > 0 && d.quantity_per_user > d.quantity_limit) {
    throw bad_param(what + ": quantity_per_user must not exceed quantity_limit");
  }
  if (a.type == "FIXED_PRICE" || a.type == "FLASHSALE") {
    if (!amount) throw bad_param(what + ": activity_price_amount is required for " + a.type);
    if (discount) throw bad_param(what + ": discount does not apply to " + a.type);
    if (!parse_money(shop, *amount, d.price_minor) || d.price_minor <= 0 || d.price_minor >= lowest_price) {
      throw bad_param(what + ": activity_price_amount must be above 0 and below the current price " +
                      money(shop, lowest_price));
    }
  } else if (a.type == "DIRECT_DISCOUNT") {
    if (!discount) throw bad_param(what + ": discount is required for DIRECT_DISCOUNT");
    if (amount) throw bad_param(what + ": activity_price_amount does not apply to DIRECT_DISCOUNT");
    const std::string& t = *discount;
    if (t.empty() || t.size() > 2 || !std::all_of(t.begin(), t.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      throw bad_param(what + ": discount must be a whole percentage 1-99");
    }
    d.discount = std::stoll(t);
    if (d.discount < 1 || d.discount > 99) throw bad_param(what + ": discount must be a whole percentage 1-99");
  } else if (amount || discount) {
    throw bad_param(what + ": " + a.type + " takes no per-product price or discount");
  }
  return d;
}

json::value put_products(ApiContext& c) {
  Shop& shop = c.the_shop();
  Activity& a = require_activity(shop, c.path_param("activity_id"));
  const auto& b = c.body();
  const json::array* list = fields::opt_array(b, "products");
  if (list == nullptr || list->empty()) throw bad_param("products is a required field");
  if (list->size() > 500) throw bad_param("products allows at most 500 entries per call");
  if (a.product_level == "SHOP") throw bad_param("a SHOP level activity takes no products");
  require_editable(a, c.now);
  // Validate every entry first; apply only when all of them are good.
  std::map<std::string, ActivityProduct> changes;
  for (const auto& v : *list) {
    if (!v.is_object()) throw bad_param("products must be an array of objects");
    const auto& po = v.as_object();
    const std::string pid = fields::req_string(po, "id");
    if (changes.count(pid)) throw bad_param("products lists product " + pid + " twice");
    auto pit = shop.data.products.find(pid);
    if (pit == shop.data.products.end()) throw bad_param("product " + pid + " does not exist in this shop");
    const Product& p = pit->second;
    if (p.status != "ACTIVATE") throw bad_param("product " + pid + " is not live (status " + p.status + ")");
    const json::array* skus = fields::opt_array(po, "skus");
    ActivityProduct ap;
    if (a.product_level == "PRODUCT") {
      if (skus != nullptr && !skus->empty()) throw bad_param("product " + pid + ": skus do not apply at PRODUCT level");
      std::int64_t lowest = INT64_MAX;
      for (const auto& s : p.skus) lowest = std::min(lowest, s.price_minor);
      ap.deal = read_deal(shop, a, po, "product " + pid, lowest);
    } else {
      if (skus == nullptr || skus->empty())
        throw bad_param("product " + pid + ": skus are required at VARIATION level");
      if (po.contains("activity_price_amount") || po.contains("discount")) {
        throw bad_param("product " + pid + ": give prices per SKU at VARIATION level");
      }
      for (const auto& sv : *skus) {
        if (!sv.is_object()) throw bad_param("skus must be an array of objects");
        const std::string sid = fields::req_string(sv.as_object(), "id");
        auto s = std::find_if(p.skus.begin(), p.skus.end(), [&](const Sku& x) { return x.id == sid; });
        if (s == p.skus.end()) throw bad_param("sku " + sid + " does not belong to product " + pid);
        if (ap.skus.count(sid)) throw bad_param("product " + pid + " lists sku " + sid + " twice");
        ap.skus[sid] = read_deal(shop, a, sv.as_object(), "sku " + sid, s->price_minor);
      }
    }
    if (a.price_type()) {
      for (const auto& [oid, other] : store_of(shop).activities) {
        if (oid == a.id || !other.price_type() || !other.products.count(pid)) continue;
        const std::string st = other.status(c.now);
        if (st == "DEACTIVATED" || st == "EXPIRED") continue;
        if (other.begin_time < a.end_time && a.begin_time < other.end_time) {
          throw bad_param("product " + pid + " is already in activity " + oid + " during an overlapping period");
        }
      }
    }
    changes.emplace(pid, std::move(ap));
  }
  for (auto& [pid, ap] : changes) {
    auto& target = a.products[pid];
    if (a.product_level == "PRODUCT") {
      target.deal = ap.deal;
    } else {
      for (auto& [sid, d] : ap.skus) target.skus[sid] = d;
    }
  }
  a.update_time = c.now;
  return json::object{{"activity_id", a.id}, {"updated_count", changes.size()}, {"update_time", a.update_time}};
}

json::value delete_products(ApiContext& c) {
  Shop& shop = c.the_shop();
  Activity& a = require_activity(shop, c.path_param("activity_id"));
  const auto& b = c.body();
  const auto product_ids = fields::opt_string_array(b, "product_ids").value_or(std::vector<std::string>{});
  const auto sku_ids = fields::opt_string_array(b, "sku_ids").value_or(std::vector<std::string>{});
  if (product_ids.empty() && sku_ids.empty()) throw bad_param("product_ids or sku_ids is a required field");
  require_editable(a, c.now);
  for (const auto& pid : product_ids)
    if (!a.products.count(pid)) throw bad_param("product " + pid + " is not in activity " + a.id);
  std::vector<std::pair<std::string, std::string>> skus;  // product, sku
  for (const auto& sid : sku_ids) {
    auto owner =
        std::find_if(a.products.begin(), a.products.end(), [&](const auto& e) { return e.second.skus.count(sid) > 0; });
    if (owner == a.products.end()) throw bad_param("sku " + sid + " is not in activity " + a.id);
    skus.emplace_back(owner->first, sid);
  }
  for (const auto& pid : product_ids) a.products.erase(pid);
  for (const auto& [pid, sid] : skus) {
    auto it = a.products.find(pid);
    if (it == a.products.end()) continue;
    it->second.skus.erase(sid);
    if (it->second.skus.empty()) a.products.erase(it);
  }
  a.update_time = c.now;
  return json::object{{"activity_id", a.id}, {"update_time", a.update_time}};
}

json::value deactivate(ApiContext& c) {
  Shop& shop = c.the_shop();
  Activity& a = require_activity(shop, c.path_param("activity_id"));
  require_editable(a, c.now);
  a.deactivated = true;
  a.update_time = c.now;
  announce(c.world, shop, a, "DEACTIVATED", c.now);
  return json::object{{"activity_id", a.id}, {"status", a.status(c.now)}, {"update_time", a.update_time}};
}

json::value get_activity(ApiContext& c) {
  Shop& shop = c.the_shop();
  const Activity& a = require_activity(shop, c.path_param("activity_id"));
  json::object o = activity_json(shop, a, c.now, true);
  o["activity_id"] = a.id;
  o.erase("id");
  return o;
}

// Page size and token travel in the body for this search (official SDK request model).
json::value search_activities(ApiContext& c) {
  Shop& shop = c.the_shop();
  const auto& b = c.body();
  const auto status = support::opt_enum(b, "status", {"NOT_START", "ONGOING", "EXPIRED", "DEACTIVATED"});
  const auto title = fields::opt_string(b, "activity_title");
  const std::int64_t page_size = fields::opt_int(b, "page_size").value_or(20);
  if (page_size < 1 || page_size > 100) throw bad_param("page_size must be an integer between 1 and 100.");
  const std::string sort = "create_time:DESC";
  const auto cursor = support::read_cursor(fields::opt_string(b, "page_token"), sort);
  std::vector<std::pair<std::int64_t, std::string>> entries;
  for (const auto& [id, a] : store_of(shop).activities) {
    if (status && a.status(c.now) != *status) continue;
    if (title && a.title.find(*title) == std::string::npos) continue;
    entries.emplace_back(a.create_time, id);
  }
  auto page = support::page_entries(std::move(entries), sort, false, static_cast<int>(page_size), cursor,
                                    cursor ? cursor->snapshot : c.now);
  json::array out;
  for (const auto& id : page.ids) out.push_back(activity_json(shop, store_of(shop).activities.at(id), c.now, false));
  return json::object{{"activities", out}, {"next_page_token", page.next_page_token}, {"total_count", page.total}};
}

void register_routes(ApiRouter& r) {
  const auto none = std::nullopt;
  r.add(ApiRoute{"POST", "/promotion/202309/activities", ShopScope::kRequired, none, create_activity});
  r.add(ApiRoute{"PUT", "/promotion/202309/activities/{activity_id}", ShopScope::kRequired, none, update_activity});
  r.add(ApiRoute{"GET", "/promotion/202309/activities/{activity_id}", ShopScope::kRequired, none, get_activity});
  r.add(
      ApiRoute{"PUT", "/promotion/202309/activities/{activity_id}/products", ShopScope::kRequired, none, put_products});
  r.add(ApiRoute{"DELETE", "/promotion/202309/activities/{activity_id}/products", ShopScope::kRequired, none,
                 delete_products});
  r.add(ApiRoute{"POST", "/promotion/202309/activities/{activity_id}/deactivate", ShopScope::kRequired, none,
                 deactivate});
  r.add(ApiRoute{"POST", "/promotion/202309/activities/search", ShopScope::kRequired, none, search_activities});
}

// Four activities per shop around the start time: expired, ongoing, upcoming and deactivated.
void generate(World& world, Shop& shop, const GenParams&, Rng& rng) {
  const std::int64_t now = world.clock.now();
  std::vector<const Product*> live;
  for (const auto& [id, p] : shop.data.products)
    if (p.status == "ACTIVATE") live.push_back(&p);
  struct Plan {
    const char* title;
    const char* type;
    std::int64_t begin, end;
    bool deactivated;
  };
  const Plan plans[] = {{"Last month's flash sale", "FLASHSALE", now - 20 * kDay, now - 18 * kDay, false},
                        {"Everyday discount", "DIRECT_DISCOUNT", now - 5 * kDay, now + 25 * kDay, false},
                        {"Next week's fixed price", "FIXED_PRICE", now + 7 * kDay, now + 14 * kDay, false},
                        {"Stopped clearance", "DIRECT_DISCOUNT", now - 3 * kDay, now + 3 * kDay, true}};
  std::size_t next_product = 0;
  for (const auto& plan : plans) {
    Activity a;
    a.id = "7" + world.new_numeric_id(18);
    a.title = plan.title;
    a.type = plan.type;
    a.product_level = "PRODUCT";
    a.begin_time = plan.begin;
    a.end_time = plan.end;
    a.create_time = std::min(plan.begin, now) - rng.range(kDay, 3 * kDay);
    a.update_time = plan.deactivated ? now - kDay : a.create_time;
    a.deactivated = plan.deactivated;
    for (int i = 0; i < 2 && next_product < live.size(); ++i, ++next_product) {
      const Product& p = *live[next_product];
      std::int64_t lowest = INT64_MAX;
      for (const auto& s : p.skus) lowest = std::min(lowest, s.price_minor);
      Deal d;
      if (a.type == std::string("DIRECT_DISCOUNT"))
        d.discount = rng.range(5, 40);
      else
        d.price_minor = std::max<std::int64_t>(1, lowest * 8 / 10);
      a.products[p.id].deal = d;
    }
    const std::string id = a.id;
    store_of(shop).announced[id] = a.status(now);  // history: nothing to announce at start-up
    store_of(shop).activities.emplace(id, std::move(a));
  }
}

void truth(const Shop& shop, json::object& out) {
  json::array list;
  const std::int64_t now = 0;  // truth reports stored fields; status is recomputed by the caller's clock
  for (const auto& [id, a] : const_cast<Shop&>(shop).data.extension<PromotionsStore>("promotions").activities) {
    json::object o = activity_json(shop, a, now, true);
    o["deactivated"] = a.deactivated;
    o.erase("status");
    list.push_back(std::move(o));
  }
  out["promotions"] = std::move(list);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"promotions", register_routes, nullptr, generate, advance, truth});

}  // namespace
}  // namespace tts_sandbox
