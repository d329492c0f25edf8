// The parts of order.v1 beyond its core (to_neutral.cpp), from TikTok's order model: the dispatch and
// automatic-cancellation deadlines, the moments of the flow, the buyer's cancellation request, the
// payment breakdown, the recipient address parts, and per-line tax and hazmat flags.
#pragma once
#include <boost/json/object.hpp>

namespace ocean::tiktok::model {

// Adds the deadlines (collect_by, deliver_by, auto_cancel), moments (shipped_at, ...), cancellation,
// delivery_option, payment_method, order_type and seller_note of order `o` to `out`.
void put_order_schedule(boost::json::object& out, const boost::json::object& o);
// Adds the payment breakdown to `totals` (money passes as decimal strings).
void put_fee_breakdown(boost::json::object& totals, const boost::json::object& payment);
// Adds first/last name, address_detail, post_town, districts and delivery_preferences to `address`.
void put_address_parts(boost::json::object& address, const boost::json::object& recipient);
// Per neutral line (its TikTok line item ids): summed item tax (exact, in millionths inside) and the
// hazmat flag of the order's line items.
void put_line_extras(boost::json::object& line, const boost::json::object& o);

}  // namespace ocean::tiktok::model
