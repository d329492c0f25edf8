#include "store/order_notes.hpp"

namespace ocean::tiktok::store {

void OrderNotes::set_external_ref(std::string_view order_id, std::string_view external_order_id,
                                  std::string_view platform, std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO order_external_refs (order_id, external_order_id, platform, set_at_ms) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (order_id) DO UPDATE SET external_order_id = ?2, platform = ?3, set_at_ms = ?4");
  st.bind(1, order_id).bind(2, external_order_id).bind(3, platform).bind(4, now_ms);
  st.run();
}

std::optional<std::string> OrderNotes::external_ref(std::string_view order_id) {
  auto q = db_.prepare("SELECT external_order_id FROM order_external_refs WHERE order_id = ?1");
  q.bind(1, order_id);
  if (!q.step()) return std::nullopt;
  return q.text(0);
}

void OrderNotes::set_carrier(const CarrierMapping& m) {
  auto st = db_.prepare(
      "INSERT INTO carrier_map (carrier_code, delivery_option_id, shipping_provider_id, shipping_provider_name, "
      "updated_at_ms) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (carrier_code, delivery_option_id) DO UPDATE SET "
      "shipping_provider_id = ?3, shipping_provider_name = ?4, updated_at_ms = ?5");
  st.bind(1, m.carrier_code)
      .bind(2, m.delivery_option_id)
      .bind(3, m.shipping_provider_id)
      .bind(4, m.shipping_provider_name)
      .bind(5, m.updated_at_ms);
  st.run();
}

namespace {
CarrierMapping mapping_of(const db::Statement& q) {
  return CarrierMapping{q.text(0), q.text(1), q.text(2), q.text(3), q.int64(4)};
}
}  // namespace

std::optional<CarrierMapping> OrderNotes::carrier(std::string_view carrier_code, std::string_view delivery_option_id) {
  auto q = db_.prepare(
      "SELECT carrier_code, delivery_option_id, shipping_provider_id, shipping_provider_name, updated_at_ms "
      "FROM carrier_map WHERE carrier_code = ?1 AND delivery_option_id = ?2");
  q.bind(1, carrier_code).bind(2, delivery_option_id);
  if (!q.step()) return std::nullopt;
  return mapping_of(q);
}

std::vector<CarrierMapping> OrderNotes::carriers(std::optional<std::string> carrier_code) {
  auto q = db_.prepare(
      "SELECT carrier_code, delivery_option_id, shipping_provider_id, shipping_provider_name, updated_at_ms "
      "FROM carrier_map WHERE CAST(?1 AS TEXT) IS NULL OR carrier_code = ?1 ORDER BY carrier_code, delivery_option_id");
  if (carrier_code)
    q.bind(1, *carrier_code);
  else
    q.bind_null(1);
  std::vector<CarrierMapping> out;
  while (q.step()) out.push_back(mapping_of(q));
  return out;
}

std::vector<DueOrder> OrderNotes::unshipped_due_by(std::int64_t deadline) {
  // rts_sla_time lives in the stored raw order; the database's JSON functions read it without
  // parsing in C++ (SQLite's JSON1, PostgreSQL's jsonb).
  const char* due = db_.dialect() == db::Dialect::sqlite ? "CAST(json_extract(raw_json, '$.rts_sla_time') AS INTEGER)"
                                                         : "CAST(CAST(raw_json AS jsonb) ->> 'rts_sla_time' AS BIGINT)";
  auto q = db_.prepare(std::string("SELECT order_id, due FROM (SELECT order_id, ") + due +
                       " AS due FROM orders WHERE status IN ('ON_HOLD', 'AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')) "
                       "AS unshipped WHERE due > 0 AND due <= ?1 ORDER BY due, order_id");
  q.bind(1, deadline);
  std::vector<DueOrder> out;
  while (q.step()) out.push_back(DueOrder{q.text(0), q.int64(1)});
  return out;
}

bool OrderNotes::mark_alert(std::string_view order_id, std::string_view kind, std::int64_t due_at,
                            std::int64_t now_ms) {
  auto st = db_.prepare(
      "INSERT INTO order_alerts (order_id, kind, due_at, sent_at_ms) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
  st.bind(1, order_id).bind(2, kind).bind(3, due_at).bind(4, now_ms);
  st.run();
  return db_.changes() > 0;
}

}  // namespace ocean::tiktok::store
