// The product audit on the sandbox clock (addendum §2.13, §2.14): products queued by a listing are decided
// when their due time comes. The outcome is deterministic: a title or description containing a prohibited
// word fails with audit_failed_reasons (position, reasons, suggestions, listing_platform), anything else
// passes. Both outcomes send PRODUCT_STATUS_CHANGE (5: PRODUCT_FIRST_PASS_REVIEW, PRODUCT_STATUS_CHANGED or
// PRODUCT_AUDIT_FAILURE with the reason) and PRODUCT_AUDIT_STATUS_CHANGE (37). Admin:
// POST /_sandbox/products/{product_id}/audit {"result": "PASS"|"FAIL"|"AUTO", "reason"?} decides a pending
// audit now (AUTO: by the rules above), so tests need not move the clock.
// The truth document lists every product with SKUs, prices, stock, status and audit reasons.
#include <algorithm>
#include <cctype>

#include "../body_fields.hpp"
#include "../world.hpp"
#include "catalog_store.hpp"
#include "product_view.hpp"

namespace tts_sandbox {
namespace {

namespace json = boost::json;

const char* const kProhibited[] = {"replica", "counterfeit", "fake"};

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::vector<std::string> platforms_of(const Product& p) {
  return p.listing_platforms.empty() ? std::vector<std::string>{"TIKTOK_SHOP"} : p.listing_platforms;
}

// The audit's findings: one failure per position and platform, empty when the product passes.
std::vector<AuditFailure> findings(const Product& p) {
  std::vector<AuditFailure> out;
  for (const auto& [position, text] : {std::pair<std::string, std::string>{"title", p.title},
                                       std::pair<std::string, std::string>{"description", p.description}}) {
    for (const char* word : kProhibited) {
      if (lower(text).find(word) == std::string::npos) continue;
      for (const auto& platform : platforms_of(p)) {
        out.push_back(AuditFailure{position,
                                   {"Prohibited content: the " + position + " contains \"" + word + "\""},
                                   {"Remove \"" + std::string(word) + "\" from the " + position +
                                    " and describe the product as it is, then edit the product to resubmit it."},
                                   platform});
      }
    }
  }
  return out;
}

void emit(World& world, Shop& shop, const Product& p, const std::string& kind, const std::string& reason,
          std::int64_t now) {
  world.emit_webhook(
      shop, 5, "PRODUCT_STATUS_CHANGE",
      json::object{
          {"product_id", p.id}, {"status", kind}, {"suspended_reason", reason}, {"update_time", p.update_time}},
      now);
  json::object data{
      {"product_id", p.id},
      {"audit", json::object{{"status", catalog::audit_status(p)}, {"pre_approved_reasons", json::array{}}}},
      {"update_time", p.update_time}};
  if (auto it = p.platform_status.find("TOKOPEDIA"); it != p.platform_status.end()) {
    data["integrated_platform_statuses"] = json::object{{"platform", "TOKOPEDIA"}, {"status", it->second}};
  }
  world.emit_webhook(shop, 37, "PRODUCT_AUDIT_STATUS_CHANGE", data, now);
}

void decide(World& world, Shop& shop, Product& p, std::vector<AuditFailure> failures, std::int64_t now) {
  catalog::store(shop).audits.erase({p.audit_done_at, p.id});
  p.audit_done_at = 0;
  p.audit_failed_reasons = std::move(failures);
  const bool passed = p.audit_failed_reasons.empty();
  p.status = passed ? "ACTIVATE" : "FAILED";
  if (p.platform_status.count("TOKOPEDIA")) p.platform_status["TOKOPEDIA"] = p.status;
  world.touch_product(shop, p, now);
  if (!passed) {
    emit(world, shop, p, "PRODUCT_AUDIT_FAILURE", p.audit_failed_reasons.front().reasons.front(), now);
    return;
  }
  emit(world, shop, p, p.passed_audit_once ? "PRODUCT_STATUS_CHANGED" : "PRODUCT_FIRST_PASS_REVIEW", "", now);
  p.passed_audit_once = true;
}

void advance(World& world, std::int64_t now) {
  for (const auto& shop : world.shops()) {
    auto& queue = catalog::store(*shop).audits;
    while (!queue.empty() && queue.begin()->first <= now) {
      const auto [due, id] = *queue.begin();
      auto it = shop->data.products.find(id);
      if (it == shop->data.products.end() || it->second.status != "PENDING" || it->second.audit_done_at != due) {
        queue.erase(queue.begin());
        continue;
      }
      decide(world, *shop, it->second, findings(it->second), due);
    }
  }
}

json::value admin_audit(AdminContext& c) {
  const std::string id = c.path_param("product_id");
  for (const auto& shop : c.world.shops()) {
    auto it = shop->data.products.find(id);
    if (it == shop->data.products.end()) continue;
    Product& p = it->second;
    if (p.status != "PENDING") throw bad_param("product " + id + " is not under audit (status " + p.status + ")");
    const std::string result = fields::req_string(c.body(), "result");
    if (result != "PASS" && result != "FAIL" && result != "AUTO") throw bad_param("result must be PASS, FAIL or AUTO");
    std::vector<AuditFailure> failures = result == "AUTO" ? findings(p) : std::vector<AuditFailure>{};
    if (result == "FAIL") {
      const std::string reason = fields::opt_string(c.body(), "reason").value_or("The listing violates a policy");
      for (const auto& platform : platforms_of(p))
        failures.push_back(AuditFailure{"others", {reason}, {"Fix the listing and edit the product."}, platform});
    }
    decide(c.world, *shop, p, std::move(failures), c.now);
    return catalog::product_detail(*shop, p);
  }
  throw bad_param("product " + id + " does not exist");
}

void register_admin(AdminRouter& r) { r.add(AdminRoute{"POST", "/_sandbox/products/{product_id}/audit", admin_audit}); }

void truth(const Shop& shop, json::object& out) {
  json::array products;
  for (const auto& [t, id] : shop.data.products_by_create)
    products.push_back(catalog::product_detail(shop, shop.data.products.at(id)));
  out["products"] = std::move(products);
}

[[maybe_unused]] const bool registered =
    register_domain(Domain{"product_audit", nullptr, register_admin, nullptr, advance, truth});

}  // namespace
}  // namespace tts_sandbox
