// TikTok status words -> neutral ones (plugin_api/schemas/README.md). Unknown words map to
// nullopt so a new marketplace status is reported instead of silently mislabelled.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ocean::tiktok::model {

// Webhooks say CANCEL where the order API says CANCELLED; both become CANCELLED here.
std::string canonical_order_status(std::string_view tiktok_status);
std::optional<std::string> neutral_order_status(std::string_view tiktok_status);
std::optional<std::string> neutral_product_status(std::string_view tiktok_status);
// The TikTok word for a neutral order status (filters in orders.search accept either).
std::optional<std::string> tiktok_order_status(std::string_view neutral_status);

}  // namespace ocean::tiktok::model
