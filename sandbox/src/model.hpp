// Entities of the emulated marketplace. Money is kept in minor units and printed as decimal strings.
// Other entity kinds (returns, promotions, creators, ...) live in ShopData::ext (see HANDLERS.md), so
// adding one never changes these structs.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace tts_sandbox {

struct Money {
  std::int64_t minor = 0;  // cents (or whole units for zero-decimal currencies)
};

struct Warehouse {
  std::string id;
  std::string name;
  std::string type;  // SALES_WAREHOUSE or RETURN_WAREHOUSE
  bool is_default = false;
  std::string region_code;
  std::string city;
  std::string postal_code;
};

struct Sku {
  std::string id;
  std::string seller_sku;
  std::int64_t price_minor = 0;                                       // sale price
  std::int64_t list_price_minor = 0;                                  // 0 = none
  std::vector<std::pair<std::string, std::string>> sales_attributes;  // name, value
  std::map<std::string, std::int64_t> inventory;                      // warehouse id -> quantity
  // Listing details a create/edit may carry (catalog write path); empty for generated SKUs.
  std::vector<std::pair<std::string, std::string>> sales_attribute_ids;  // attribute id, value id
  std::string external_sku_id;
  std::string identifier_code;
  std::string identifier_type;  // GTIN, EAN, UPC, ISBN, JAN
};

struct ProductAttributeValue {
  std::string id;  // "" for a custom value
  std::string name;
};

struct ProductAttribute {
  std::string id;
  std::string name;
  std::vector<ProductAttributeValue> values;
};

struct ProductCertification {
  std::string id;
  std::vector<std::string> image_uris;
  std::int64_t expiration_date = 0;
};

struct AuditFailure {
  std::string position;  // title, description, main_images, ...
  std::vector<std::string> reasons;
  std::vector<std::string> suggestions;
  std::string listing_platform;
};

struct Product {
  std::string id;
  std::string title;
  std::string description;
  std::string status;  // DRAFT, PENDING, ACTIVATE, SELLER_DEACTIVATED, DELETED, ...
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::string category_id;
  std::string category_name;
  std::string external_product_id;
  bool is_cod_allowed = false;
  std::int64_t weight_grams = 0;
  std::vector<std::string> main_images;  // image URIs
  std::int64_t audit_done_at = 0;        // PENDING products pass audit (become ACTIVATE) at this time
  std::vector<Sku> skus;
  // Listing details (catalog write path). Generated products leave them empty.
  std::string category_version;  // v1 or v2 ("" = generated)
  std::string brand_id;
  std::string weight_value;  // as sent, with weight_unit; "" = derived from weight_grams
  std::string weight_unit;
  std::string dim_length, dim_width, dim_height, dim_unit;  // package_dimensions, "" when absent
  std::vector<ProductAttribute> attributes;
  std::vector<ProductCertification> certifications;
  std::string size_chart_template_id;
  std::string size_chart_image_uri;
  std::string video_id;
  std::vector<std::string> listing_platforms;          // TIKTOK_SHOP and/or TOKOPEDIA; empty = TIKTOK_SHOP
  std::map<std::string, std::string> platform_status;  // TOKOPEDIA -> status, for dual-listed products
  std::vector<AuditFailure> audit_failed_reasons;
  bool passed_audit_once = false;
};

struct LineItem {
  std::string id;
  std::string sku_id;
  std::string seller_sku;
  std::string product_id;
  std::string product_name;
  std::string sku_name;
  std::int64_t sale_price_minor = 0;
  std::int64_t original_price_minor = 0;
  std::int64_t seller_discount_minor = 0;
  std::string package_id;
  std::string package_status;  // TO_FULFILL, PROCESSING, FULFILLING, COMPLETED, CANCELLED
  bool is_gift = false;        // a gift or giveaway line: sold at 0, its retail price kept apart
  std::int64_t gift_retail_price_minor = 0;
  std::int64_t rts_time = 0;  // when the seller shipped this line (0 = not yet)
};

struct PlannedStep {
  std::int64_t at = 0;
  std::string status;
};

struct Order {
  std::string id;
  std::string status;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
  std::int64_t paid_time = 0;
  std::string user_id;
  std::string buyer_email;
  std::string buyer_message;
  std::string warehouse_id;
  std::string shipping_type = "TIKTOK";
  std::string delivery_option_id;
  std::string tracking_number;
  std::string shipping_provider;
  std::string shipping_provider_id;
  std::string cancel_reason;
  bool is_cod = false;
  bool is_sample = false;  // a free sample order (is_sample_order)
  std::int64_t shipping_fee_minor = 0;
  std::int64_t platform_discount_minor = 0;
  std::int64_t tax_minor = 0;
  std::string recipient_name;
  std::string recipient_phone;
  std::string recipient_address;
  std::string recipient_postal_code;
  std::string recipient_region;
  std::vector<std::string> package_ids;
  // Moments of the status flow, 0 until they happen (the API shows each only once it has happened).
  std::int64_t rts_time = 0;         // the seller shipped: first AWAITING_COLLECTION, PARTIALLY_SHIPPING or IN_TRANSIT
  std::int64_t collection_time = 0;  // first IN_TRANSIT
  std::int64_t delivery_time = 0;    // first DELIVERED
  std::int64_t cancel_time = 0;      // CANCELLED
  std::string delivery_option_name;  // the name of delivery_option_id, for display
  std::vector<LineItem> line_items;  // one unit each: the real 202309 API has no quantity field
  // The status flow still ahead of this order in sandbox time; plan_version discards stale heap entries
  // when a plan is replaced (admin status change).
  std::vector<PlannedStep> plan;
  std::size_t next_step = 0;
  std::uint64_t plan_version = 0;
};

// Per-shop storage for entity kinds added later (returns, promotions, ...). A domain derives from
// Extension and keeps whatever it needs; the World owns it and resets it with the shop.
struct Extension {
  virtual ~Extension() = default;
};

struct WebhookSubscription {
  std::string app_key;
  std::string event_type;
  std::string address;
  std::int64_t create_time = 0;
  std::int64_t update_time = 0;
};

struct ShopData {
  std::vector<Warehouse> warehouses;
  std::map<std::string, Product> products;
  std::set<std::pair<std::int64_t, std::string>> products_by_create;  // (create_time, id)
  std::map<std::string, Order> orders;
  std::set<std::pair<std::int64_t, std::string>> orders_by_create;  // (create_time, id)
  std::set<std::pair<std::int64_t, std::string>> orders_by_update;  // (update_time, id)
  std::vector<WebhookSubscription> webhooks;
  std::map<std::string, std::unique_ptr<Extension>> ext;

  // The extension called `name`, created on first use.
  template <class T>
  T& extension(const std::string& name) {
    auto& slot = ext[name];
    if (!slot) slot = std::make_unique<T>();
    return static_cast<T&>(*slot);
  }
};

struct Shop {
  std::string id;
  std::string name;
  std::string region;    // ISO code as the API uses it (GB, not UK)
  std::string currency;  // from the region (reference §10)
  std::string seller_type = "LOCAL";
  std::string cipher;
  std::string code;
  std::string open_id;  // the seller account behind the shop
  std::string seller_name;
  ShopData data;
};

struct App {
  std::string key;
  std::string secret;
  std::string service_id;
  std::string redirect_url;
};

// One authorization: an app's access to a set of shops, with the current token pair.
struct Grant {
  std::string app_key;
  std::string open_id;
  std::string seller_name;
  std::string base_region;
  std::vector<std::string> shop_ids;
  std::string access_token;
  std::int64_t access_expire = 0;  // absolute Unix seconds, as the API reports it
  std::string refresh_token;
  std::int64_t refresh_expire = 0;
  bool revoked = false;
  // When the next UPCOMING_AUTHORIZATION_EXPIRATION (type 7) is due: 30 days before refresh_expire,
  // then daily at 0:00 UTC (reference §3). 0 = not yet scheduled.
  std::int64_t expiry_notice_due = 0;
};

struct AuthCode {
  std::string app_key;
  std::vector<std::string> shop_ids;
  std::int64_t expire = 0;
  bool used = false;
};

}  // namespace tts_sandbox
