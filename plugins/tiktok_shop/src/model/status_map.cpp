#include "model/status_map.hpp"

#include <array>
#include <utility>

namespace ocean::tiktok::model {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array<Pair, 9> kOrder{{{"UNPAID", "pending_payment"},
                                      {"ON_HOLD", "on_hold"},
                                      {"AWAITING_SHIPMENT", "awaiting_shipment"},
                                      {"PARTIALLY_SHIPPING", "partially_shipped"},
                                      {"AWAITING_COLLECTION", "awaiting_collection"},
                                      {"IN_TRANSIT", "shipped"},
                                      {"DELIVERED", "delivered"},
                                      {"COMPLETED", "completed"},
                                      {"CANCELLED", "cancelled"}}};

constexpr std::array<Pair, 8> kProduct{{{"DRAFT", "draft"},
                                        {"PENDING", "pending"},
                                        {"ACTIVATE", "active"},
                                        {"SELLER_DEACTIVATED", "inactive"},
                                        {"PLATFORM_DEACTIVATED", "inactive"},
                                        {"FAILED", "rejected"},
                                        {"FREEZE", "frozen"},
                                        {"DELETED", "deleted"}}};

}  // namespace

std::string canonical_order_status(std::string_view s) {
  return s == "CANCEL" ? std::string("CANCELLED") : std::string(s);
}

std::optional<std::string> neutral_order_status(std::string_view s) {
  const std::string c = canonical_order_status(s);
  for (const auto& [tt, n] : kOrder)
    if (tt == c) return std::string(n);
  return std::nullopt;
}

std::optional<std::string> neutral_product_status(std::string_view s) {
  for (const auto& [tt, n] : kProduct)
    if (tt == s) return std::string(n);
  return std::nullopt;
}

std::optional<std::string> tiktok_order_status(std::string_view s) {
  for (const auto& [tt, n] : kOrder)
    if (n == s || tt == s) return std::string(tt);
  if (s == "CANCEL") return std::string("CANCELLED");
  return std::nullopt;
}

}  // namespace ocean::tiktok::model
