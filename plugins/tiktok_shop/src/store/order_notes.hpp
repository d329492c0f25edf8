// What the plugin keeps about an order beyond TikTok's copy of it (migration 5): the ERP order number
// it set on TikTok (External Order References), the ERP carrier map (ERP carrier code -> TikTok
// shipping provider per delivery option, SHOP-MAN-CARRIER), and which deadline alerts were sent.
// Over the instance's SQLite file; the mirror and the operations rooms each use their own connection.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace ocean::tiktok::store {

struct CarrierMapping {
  std::string carrier_code;
  std::string delivery_option_id;
  std::string shipping_provider_id;
  std::string shipping_provider_name;
  std::int64_t updated_at_ms = 0;
};

struct DueOrder {
  std::string order_id;
  std::int64_t ship_by = 0;  // rts_sla_time, Unix seconds
};

class OrderNotes {
 public:
  explicit OrderNotes(db::Database& db) : db_(db) {}

  void set_external_ref(std::string_view order_id, std::string_view external_order_id, std::string_view platform,
                        std::int64_t now_ms);
  std::optional<std::string> external_ref(std::string_view order_id);

  void set_carrier(const CarrierMapping& m);
  std::optional<CarrierMapping> carrier(std::string_view carrier_code, std::string_view delivery_option_id);
  std::vector<CarrierMapping> carriers(std::optional<std::string> carrier_code);

  // Mirrored orders not yet shipped (ON_HOLD, AWAITING_SHIPMENT, PARTIALLY_SHIPPING) whose ship-by
  // deadline is at or before `deadline`, soonest first.
  std::vector<DueOrder> unshipped_due_by(std::int64_t deadline);
  // Records an alert; false when this (order, kind, deadline) was already sent.
  bool mark_alert(std::string_view order_id, std::string_view kind, std::int64_t due_at, std::int64_t now_ms);

 private:
  db::Database& db_;
};

}  // namespace ocean::tiktok::store
