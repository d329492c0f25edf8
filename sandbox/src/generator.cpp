#include "generator.hpp"

#include <array>
#include <cstdlib>

#include "regions.hpp"
#include "world.hpp"

namespace tts_sandbox {
namespace {

constexpr std::array<const char*, 8> kNouns{"T-Shirt",      "Hoodie",     "Sneakers",  "Backpack",
                                            "Water Bottle", "Phone Case", "Desk Lamp", "Yoga Mat"};
constexpr std::array<const char*, 6> kAdjectives{"Classic", "Premium", "Eco", "Sport", "Travel", "Compact"};
constexpr std::array<const char*, 4> kColors{"Black", "White", "Blue", "Red"};
constexpr std::array<const char*, 6> kFirstNames{"Alex", "Sam", "Dewi", "Minh", "Maria", "Yuki"};
constexpr std::array<const char*, 6> kLastNames{"Tan", "Smith", "Santoso", "Nguyen", "Garcia", "Sato"};

int decimals_of(const Shop& shop) {
  const RegionInfo* r = find_region(shop.region);
  return r ? r->currency_decimals : 2;
}

// Price scale so amounts look plausible per currency (IDR and VND prices are in the thousands).
std::int64_t price_scale(const Shop& shop) {
  if (shop.currency == "IDR") return 1000;
  if (shop.currency == "VND") return 20000;
  if (shop.currency == "JPY") return 100;
  return 1;
}

}  // namespace

std::int64_t fee_unit(const Shop& shop) { return 100 * price_scale(shop); }

std::string money(const Shop& shop, std::int64_t minor) {
  const int dec = decimals_of(shop);
  if (dec == 0) return std::to_string(minor);
  const bool negative = minor < 0;
  const std::int64_t v = negative ? -minor : minor;
  std::string frac = std::to_string(v % 100);
  if (frac.size() < 2) frac.insert(0, "0");
  return (negative ? "-" : "") + std::to_string(v / 100) + "." + frac;
}

bool parse_money(const Shop& shop, const std::string& text, std::int64_t& minor) {
  const int dec = decimals_of(shop);
  if (text.empty() || text.size() > 18) return false;
  std::int64_t whole = 0;
  std::int64_t frac = 0;
  int frac_digits = 0;
  bool seen_dot = false;
  bool seen_digit = false;
  for (char c : text) {
    if (c == '.') {
      if (seen_dot || !seen_digit) return false;
      seen_dot = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (seen_dot) {
        if (++frac_digits > dec) return false;
        frac = frac * 10 + (c - '0');
      } else {
        whole = whole * 10 + (c - '0');
      }
    } else {
      return false;
    }
  }
  if (seen_dot && frac_digits == 0) return false;
  for (int i = frac_digits; i < dec; ++i) frac *= 10;
  std::int64_t scale = 1;
  for (int i = 0; i < dec; ++i) scale *= 10;
  minor = whole * scale + frac;
  return true;
}

std::unique_ptr<Shop> make_shop(const GenParams& gen, int index) {
  Rng rng(gen.seed, "shop/" + std::to_string(index));
  const RegionInfo& region = kRegions[static_cast<std::size_t>(index) % kRegions.size()];
  auto shop = std::make_unique<Shop>();
  shop->id = "74955407" + rng.digits(11);
  shop->region = std::string(region.code);
  shop->currency = std::string(region.currency);
  shop->name = std::string(region.city) + " Sandbox Store " + std::to_string(index + 1);
  // Cross-border shops exist next to local ones; the cipher prefix follows what real ciphers show.
  shop->seller_type = (index % 3 == 2) ? "CROSS_BORDER" : "LOCAL";
  shop->cipher = (region.code == "US" ? "GCP_" : "ROW_") + rng.alnum(27);
  shop->code = std::string(region.code) + "LC" + rng.alnum(6);
  shop->open_id = "open_" + rng.alnum(20);
  shop->seller_name = shop->name;
  return shop;
}

std::unique_ptr<Shop> make_custom_shop(World& world, const std::string& id, const std::string& cipher,
                                       const std::string& region, const std::string& name) {
  const RegionInfo* r = find_region(region.empty() ? "GB" : region);
  if (r == nullptr) throw bad_param("unknown region '" + region + "'");
  Rng rng(world.gen_params().seed, "custom-shop/" + id + "/" + cipher);
  auto shop = std::make_unique<Shop>();
  shop->id = id.empty() ? world.new_numeric_id(19) : id;
  shop->cipher = cipher.empty() ? "ROW_" + rng.alnum(27) : cipher;
  shop->region = std::string(r->code);
  shop->currency = std::string(r->currency);
  shop->name = name.empty() ? std::string(r->city) + " Custom Store" : name;
  shop->code = std::string(r->code) + "LC" + rng.alnum(6);
  shop->open_id = "open_" + rng.alnum(20);
  shop->seller_name = shop->name;
  return shop;
}

void generate_warehouses(World& world, Shop& shop, Rng& rng) {
  const RegionInfo* r = find_region(shop.region);
  const std::string city = r ? std::string(r->city) : "City";
  for (int i = 0; i < 3; ++i) {
    Warehouse w;
    w.id = world.new_numeric_id(19);
    w.type = i < 2 ? "SALES_WAREHOUSE" : "RETURN_WAREHOUSE";
    w.name = city + (i < 2 ? " Fulfilment " + std::to_string(i + 1) : " Returns");
    w.is_default = (i == 0 || i == 2);
    w.region_code = shop.region;
    w.city = city;
    w.postal_code = rng.digits(5);
    shop.data.warehouses.push_back(std::move(w));
  }
}

Product make_product(World& world, Shop& shop, Rng& rng, std::int64_t create_time) {
  Product p;
  p.id = "17295" + world.new_numeric_id(14);
  const char* adjective = kAdjectives[static_cast<std::size_t>(rng.range(0, kAdjectives.size() - 1))];
  const char* noun = kNouns[static_cast<std::size_t>(rng.range(0, kNouns.size() - 1))];
  p.title = std::string(adjective) + " " + noun + " " + rng.alnum(4);
  p.description = "<p>" + p.title + ", generated by tts-sandbox.</p>";
  p.status = rng.chance(0.85) ? "ACTIVATE" : (rng.chance(0.5) ? "SELLER_DEACTIVATED" : "DRAFT");
  p.create_time = create_time;
  p.update_time = create_time + rng.range(0, 3600);
  p.category_id = std::to_string(600000 + rng.range(0, 999));
  p.category_name = noun;
  p.is_cod_allowed = rng.chance(0.3);
  p.main_images.push_back("tos-maliva-i-o3syd03w52-us/sandbox" + rng.alnum(16));
  p.weight_grams = rng.range(100, 2500);
  const int sku_count = static_cast<int>(rng.range(1, 3));
  const std::int64_t base = rng.range(500, 9999) * price_scale(shop);
  for (int i = 0; i < sku_count; ++i) {
    Sku s;
    s.id = "17295" + world.new_numeric_id(14);
    s.seller_sku = "SKU-" + rng.alnum(6) + "-" + std::to_string(i + 1);
    s.price_minor = base + i * 100 * price_scale(shop);
    s.list_price_minor = rng.chance(0.3) ? s.price_minor + 500 * price_scale(shop) : 0;
    s.sales_attributes.emplace_back("Color", kColors[static_cast<std::size_t>(i) % kColors.size()]);
    for (const auto& w : shop.data.warehouses) {
      if (w.type == "SALES_WAREHOUSE") s.inventory[w.id] = rng.range(0, 500);
    }
    p.skus.push_back(std::move(s));
  }
  return p;
}

Order make_order(World& world, Shop& shop, Rng& rng, std::int64_t create_time) {
  std::vector<std::pair<const Product*, const Sku*>> sellable;
  for (const auto& [id, p] : shop.data.products) {
    if (p.status != "ACTIVATE") continue;
    for (const auto& s : p.skus) sellable.emplace_back(&p, &s);
  }
  if (sellable.empty()) throw bad_param("shop " + shop.id + " has no active product to order");
  Order o;
  o.id = "576" + world.new_numeric_id(15);
  o.status = "UNPAID";
  o.create_time = create_time;
  o.update_time = create_time;
  o.user_id = "7" + rng.digits(18);
  const char* first = kFirstNames[static_cast<std::size_t>(rng.range(0, kFirstNames.size() - 1))];
  const char* last = kLastNames[static_cast<std::size_t>(rng.range(0, kLastNames.size() - 1))];
  o.buyer_email = "buyer" + rng.digits(6) + "@scs.example.com";
  o.recipient_name = std::string(first) + " " + last;
  o.recipient_phone = "(+" + rng.digits(2) + ")" + rng.digits(9);
  o.recipient_postal_code = rng.digits(5);
  o.recipient_region = shop.region;
  o.recipient_address = rng.digits(3) + " Market Street";
  for (const auto& w : shop.data.warehouses) {
    if (w.type == "SALES_WAREHOUSE" && w.is_default) o.warehouse_id = w.id;
  }
  o.delivery_option_id = "7" + rng.digits(18);
  o.shipping_provider = "Sandbox Express";
  o.shipping_provider_id = "6" + rng.digits(18);
  o.is_cod = rng.chance(0.1);
  o.shipping_fee_minor = rng.range(0, 5) * 100 * price_scale(shop);
  o.tax_minor = 0;
  o.package_ids.push_back("1153" + world.new_numeric_id(15));
  const int units = static_cast<int>(rng.range(1, 4));
  for (int i = 0; i < units; ++i) {
    const auto& [p, s] =
        sellable[static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(sellable.size()) - 1))];
    LineItem li;
    li.id = "576" + world.new_numeric_id(15);
    li.sku_id = s->id;
    li.seller_sku = s->seller_sku;
    li.product_id = p->id;
    li.product_name = p->title;
    li.sku_name = s->sales_attributes.empty() ? "Default" : s->sales_attributes.front().second;
    li.original_price_minor = s->list_price_minor > 0 ? s->list_price_minor : s->price_minor;
    li.sale_price_minor = s->price_minor;
    li.seller_discount_minor = li.original_price_minor - li.sale_price_minor;
    li.package_id = o.package_ids.front();
    li.package_status = "TO_FULFILL";
    o.line_items.push_back(std::move(li));
  }
  Rng plan_rng(world.gen_params().seed, "plan/" + o.id);
  o.plan = plan_order_flow("UNPAID", create_time, plan_rng);
  return o;
}

void generate_shop_core(World& world, Shop& shop, const GenParams& gen, Rng& rng, std::int64_t now) {
  generate_warehouses(world, shop, rng);
  constexpr std::int64_t kHistory = 30 * 24 * 3600;
  for (int i = 0; i < gen.products; ++i) {
    // Products are older than the orders that sell them.
    world.insert_product(shop, make_product(world, shop, rng, now - kHistory - rng.range(3600, 90 * 86400)));
  }
  bool any_active = false;
  for (const auto& [id, p] : shop.data.products) any_active = any_active || p.status == "ACTIVATE";
  if (!any_active || gen.orders <= 0) return;
  for (int i = 0; i < gen.orders; ++i) {
    const std::int64_t created = now - rng.range(0, kHistory);
    world.insert_order(shop, make_order(world, shop, rng, created));
  }
}

}  // namespace tts_sandbox
