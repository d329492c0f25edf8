// THE capability table: every capability of the TikTok Shop plugin, one row each, in the
// manifest's order: id, feature, handler, the request's top-level fields, one line of help.
// Nested objects declare their own fields where the handler reads them (Request::object/objects).
#include <mutex>

#include "account/account_capabilities.hpp"
#include "capability/router.hpp"
#include "mirror/mirror_capabilities.hpp"
#include "ops/handlers.hpp"

namespace ocean::tiktok::capability {
namespace json = boost::json;
namespace {

// Adapters from a room's handler to the router's: each finds its room (or says it is not open).
template <json::object (*Fn)(AccountService&, const Request&)>
json::object on_account(const Rooms& rooms, const Request& r) {
  return Fn(rooms.accounts(), r);
}

// The mirror's capabilities share its main store connection with tick: one at a time.
template <json::object (*Fn)(mirror::Mirror&, const Request&)>
json::object on_mirror(const Rooms& rooms, const Request& r) {
  mirror::Mirror& m = rooms.the_mirror();
  std::lock_guard lock(m.work_mutex());
  return Fn(m, r);
}

template <json::object (*Fn)(ops::OpsContext&, const Request&)>
json::object on_ops(const Rooms& rooms, const Request& r) {
  return Fn(rooms.the_ops(), r);
}

std::vector<Capability> make_table() {
  using namespace mirror;
  using namespace ops;
  return {
      // Core: the account and the mirror's sync (always on).
      {"account.authorize_url",
       "core",
       on_account<account_authorize_url>,
       {},
       "the seller authorization URL (a single-use state is kept for connect)"},
      {"account.connect",
       "core",
       on_account<account_connect>,
       {"code", "state", "error", "shop_id"},
       "completes authorization from the consent page's callback: tokens, shop, webhooks"},
      {"account.status", "core", on_account<account_status>, {}, "connection state, shop, token expiry"},
      {"account.disconnect",
       "core",
       on_account<account_disconnect>,
       {"revoke"},
       "forgets the tokens; revoke (default true) also deauthorizes the shop at TikTok"},
      {"sync.run",
       "core",
       on_mirror<sync_run>,
       {"kinds", "full", "backfill"},
       "incremental (or full) sync of products, orders and inventory into the mirror"},
      {"sync.status", "core", on_mirror<sync_status>, {}, "per-kind watermarks, counts, webhooks, recent runs"},
      // product_catalog
      {"products.search",
       "product_catalog",
       on_mirror<products_search>,
       {"status", "updated_since", "limit", "cursor", "include_raw"},
       "mirrored products as product.v1"},
      {"products.get",
       "product_catalog",
       on_mirror<products_get>,
       {"id", "ids", "include_raw"},
       "one or more mirrored products by id"},
      // order_fulfillment
      {"orders.search",
       "order_fulfillment",
       on_mirror<orders_search>,
       {"status", "updated_since", "limit", "cursor", "include_raw"},
       "mirrored orders as order.v1"},
      {"orders.get",
       "order_fulfillment",
       on_mirror<orders_get>,
       {"id", "ids", "include_raw"},
       "one or more mirrored orders by id"},
      {"fulfillment.ship",
       "order_fulfillment",
       on_ops<fulfillment_ship>,
       {"package_id", "handover_method", "pickup_slot", "tracking_number", "shipping_provider_id", "include_raw"},
       "ships a package: pickup, drop-off or the seller's own carrier"},
      {"fulfillment.mark_shipped",
       "order_fulfillment",
       on_ops<fulfillment_mark_shipped>,
       {"order_id", "tracking_number", "shipping_provider_id", "order_line_item_ids", "include_raw"},
       "marks an order (or some of its lines) shipped with a tracking number"},
      // inventory_sync
      {"inventory.get",
       "inventory_sync",
       on_mirror<inventory_get>,
       {"sku_id", "erp_sku", "product_id"},
       "TikTok's stock and the ERP's levels for a SKU or product"},
      {"inventory.update",
       "inventory_sync",
       on_mirror<inventory_update>,
       {"items", "safety_buffer", "push_now"},
       "queues ERP stock levels and pushes available = on hand - reserved - buffer"},
      {"inventory.push_status",
       "inventory_sync",
       on_mirror<inventory_push_status>,
       {"sku_id", "erp_sku"},
       "the stock outbox: pending, failed, history per SKU"},
      // logistics
      {"logistics.warehouses", "logistics", on_ops<logistics_warehouses>, {"include_raw"}, "the shop's warehouses"},
      {"logistics.shipping_providers",
       "logistics",
       on_ops<logistics_shipping_providers>,
       {"delivery_option_id", "warehouse_id"},
       "carriers by delivery option or warehouse"},
      {"fulfillment.documents",
       "logistics",
       on_ops<fulfillment_documents>,
       {"package_id", "document_type", "document_size", "document_format", "include_raw"},
       "shipping label / packing slip, downloaded and kept as a file"},
      {"fulfillment.tracking",
       "logistics",
       on_ops<fulfillment_tracking>,
       {"order_id", "package_id", "include_raw"},
       "tracking events of an order's packages"},
      // promotions
      {"promotions.create",
       "promotions",
       on_ops<promotions_create>,
       {"title", "type", "begin_time", "end_time", "product_level", "products", "tiers", "shipping", "include_raw"},
       "creates a discount, flash sale, shipping discount or buy-more-save-more"},
      {"promotions.update",
       "promotions",
       on_ops<promotions_update>,
       {"activity_id", "title", "begin_time", "end_time", "include_raw"},
       "renames or reschedules an activity"},
      {"promotions.products.add",
       "promotions",
       on_ops<promotions_products_add>,
       {"activity_id", "type", "products", "include_raw"},
       "adds products or SKUs to an activity"},
      {"promotions.products.remove",
       "promotions",
       on_ops<promotions_products_remove>,
       {"activity_id", "product_ids", "sku_ids", "include_raw"},
       "removes products or SKUs from an activity"},
      {"promotions.deactivate",
       "promotions",
       on_ops<promotions_deactivate>,
       {"activity_id", "include_raw"},
       "ends an activity now"},
      {"promotions.get", "promotions", on_ops<promotions_get>, {"activity_id", "include_raw"}, "one activity"},
      {"promotions.search",
       "promotions",
       on_ops<promotions_search>,
       {"status", "type", "title", "product_id", "page_size", "page_token", "include_raw"},
       "activities by filter"},
      // returns
      {"returns.search",
       "returns",
       on_ops<returns_search>,
       {"return_status", "return_ids", "order_ids", "return_types", "create_time_ge", "create_time_lt",
        "update_time_ge", "update_time_lt", "page_size", "page_token", "include_raw"},
       "returns and refunds as return.v1"},
      {"returns.approve",
       "returns",
       on_ops<returns_approve>,
       {"return_id", "decision", "buyer_keep_item", "partial_refund", "idempotency_key", "include_raw"},
       "approves a return or refund (idempotent)"},
      {"returns.reject",
       "returns",
       on_ops<returns_reject>,
       {"return_id", "decision", "reject_reason", "comment", "images", "idempotency_key", "include_raw"},
       "rejects a return or refund with one of TikTok's reasons (idempotent)"},
      {"cancellations.search",
       "returns",
       on_ops<cancellations_search>,
       {"cancel_status", "cancel_ids", "order_ids", "create_time_ge", "create_time_lt", "update_time_ge",
        "update_time_lt", "page_size", "page_token", "include_raw"},
       "cancellations as return.v1"},
      {"orders.cancel",
       "returns",
       on_ops<orders_cancel>,
       {"order_id", "cancel_reason", "order_line_item_ids", "skus", "include_raw"},
       "the seller cancels an order (or some of its lines)"},
      // live_shopping
      {"live.sessions.plan",
       "live_shopping",
       on_ops<live_sessions_plan>,
       {"title", "start_time", "end_time", "products", "flash_sale", "allow_overlap_with_other_accounts"},
       "plans a LIVE session (and its flash sale) in the host-wide calendar"},
      {"live.sessions.list",
       "live_shopping",
       on_ops<live_sessions_list>,
       {"status", "from", "to"},
       "planned LIVE sessions"},
      {"live.sessions.get", "live_shopping", on_ops<live_sessions_get>, {"session_id"}, "one planned LIVE session"},
      {"live.sessions.cancel",
       "live_shopping",
       on_ops<live_sessions_cancel>,
       {"session_id"},
       "cancels a session and deactivates its flash sale"},
      {"live.sessions.performance",
       "live_shopping",
       on_ops<live_sessions_performance>,
       {"session_id", "currency"},
       "a session's LIVE analytics and the orders attributed to it"},
      // affiliate_program
      {"affiliate.collaborations.create",
       "affiliate_program",
       on_ops<affiliate_collaborations_create>,
       {"product_id", "commission_percent", "require_seller_approve_creator", "include_raw"},
       "an open collaboration on a product at a commission"},
      {"affiliate.collaborations.search",
       "affiliate_program",
       on_ops<affiliate_collaborations_search>,
       {"product_id", "product_name", "page_size", "page_token", "include_raw"},
       "the shop's open collaborations"},
      {"affiliate.creators.search",
       "affiliate_program",
       on_ops<affiliate_creators_search>,
       {"keyword", "min_followers", "page_size", "page_token", "include_raw"},
       "creators on the marketplace"},
      {"affiliate.orders.search",
       "affiliate_program",
       on_ops<affiliate_orders_search>,
       {"create_time_ge", "create_time_lt", "page_size", "page_token", "include_raw"},
       "orders creators brought"},
      {"affiliate.creators.summary",
       "affiliate_program",
       on_ops<affiliate_creators_summary>,
       {"creator_username", "create_time_ge", "create_time_lt"},
       "GMV and commission per creator"},
      // shop_analytics
      {"analytics.shop_performance",
       "shop_analytics",
       on_ops<analytics_shop_performance>,
       {"start_date", "end_date", "granularity", "currency"},
       "the shop's performance over a date range"},
      {"analytics.product_performance",
       "shop_analytics",
       on_ops<analytics_product_performance>,
       {"start_date", "end_date", "granularity", "currency", "product_id", "page_size", "page_token"},
       "per-product performance (all, or one product_id)"},
      {"analytics.sku_performance",
       "shop_analytics",
       on_ops<analytics_sku_performance>,
       {"start_date", "end_date", "granularity", "currency", "sku_id", "page_size", "page_token"},
       "per-SKU performance (all, or one sku_id)"},
      {"analytics.video_performance",
       "shop_analytics",
       on_ops<analytics_video_performance>,
       {"start_date", "end_date", "granularity", "currency", "video_id", "page_size", "page_token"},
       "per-video performance (all, or one video_id)"},
  };
}

}  // namespace

const std::vector<Capability>& capability_table() {
  static const std::vector<Capability> table = make_table();
  return table;
}

}  // namespace ocean::tiktok::capability
