// Deterministic data: the same --seed (and start time) gives the same shops, warehouses, products and
// orders. Other domains add their own data through Domain::generate (api.hpp).
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "api.hpp"
#include "model.hpp"

namespace tts_sandbox {

class World;

// Shop number `index`: region cycles through reference §10, currency follows the region.
std::unique_ptr<Shop> make_shop(const GenParams& gen, int index);
// A shop with caller-chosen identity (admin); empty fields are generated.
std::unique_ptr<Shop> make_custom_shop(World& world, const std::string& id, const std::string& cipher,
                                       const std::string& region, const std::string& name);

void generate_warehouses(World& world, Shop& shop, Rng& rng);
// Warehouses, products and orders (created over the 30 days before `now`, flow planned from there).
void generate_shop_core(World& world, Shop& shop, const GenParams& gen, Rng& rng, std::int64_t now);
Product make_product(World& world, Shop& shop, Rng& rng, std::int64_t create_time);
// A new UNPAID order over 1-4 random active SKUs (one line item per unit); its flow is planned.
// Throws ApiError when the shop has no active product to sell.
Order make_order(World& world, Shop& shop, Rng& rng, std::int64_t create_time);

// One plausible "unit" of money in the shop's currency, in minor units (1.00 USD, 100000 IDR): the
// scale of shipping fees and of the order fees derived in order_detail.cpp.
std::int64_t fee_unit(const Shop& shop);

// Decimal string of a minor-unit amount in the shop's currency ("12.50", "150000" for IDR).
std::string money(const Shop& shop, std::int64_t minor);
// Parses a decimal amount string into minor units; false when malformed or with too many decimals.
bool parse_money(const Shop& shop, const std::string& text, std::int64_t& minor);

}  // namespace tts_sandbox
