// The ABI glue: the only file that knows about ocean_plugin.h. The SDK's OCEAN_DECLARE_PLUGIN_EX
// generates the exported entry and the catch-all trampolines; this file maps each hook onto
// ShopAccount and the core's Status onto ocean_status.
#include "glue/host_adapter.hpp"
#include "core/shop_account.hpp"
#include "manifest/manifest_data.hpp"
#include "ocean/plugin_sdk.hpp"
#include "ops/operations_service.hpp"
#include "sync/commerce_factory.hpp"
#include "util/status.hpp"
#include "transport/http_client.hpp"

namespace {

using ocean::sdk::Result;
using ocean::tiktok::Outcome;
using ocean::tiktok::Status;

ocean_status to_abi(Status s) {
  switch (s) {
    case Status::ok: return OCEAN_OK;
    case Status::retry: return OCEAN_RETRY;
    case Status::rate_limited: return OCEAN_RATE_LIMITED;
    case Status::auth_required: return OCEAN_AUTH_REQUIRED;
    case Status::invalid_config: return OCEAN_INVALID_CONFIG;
    case Status::invalid_argument: return OCEAN_INVALID_ARGUMENT;
    case Status::feature_disabled: return OCEAN_FEATURE_DISABLED;
    case Status::unsupported: return OCEAN_UNSUPPORTED;
    case Status::invalid_state: return OCEAN_INVALID_STATE;
    case Status::not_found: return OCEAN_NOT_FOUND;
    case Status::permanent: return OCEAN_PERMANENT;
    case Status::internal: return OCEAN_INTERNAL;
  }
  return OCEAN_INTERNAL;
}

Result to_result(const Outcome& o) {
  if (o.ok()) return Result::success();
  return Result::failure(to_abi(o.status), o.message, o.retry_after_ms);
}

// Built from the tables generated out of manifests/tiktok_shop.json, so it always equals the
// manifest. Function-local so it is complete before the first entry call.
const ocean_plugin_descriptor_v1& tiktok_descriptor() {
  namespace m = ocean::tiktok::manifest;
  static const ocean_plugin_descriptor_v1 d{sizeof(ocean_plugin_descriptor_v1),
                                            m::kId,
                                            m::kName,
                                            m::kVendor,
                                            m::kVersion,
                                            m::kMarketplace,
                                            m::kFeatureIds,
                                            m::kFeatureDefaults,
                                            m::kFeatureCount,
                                            m::kCapabilityIds,
                                            m::kCapabilityFeatures,
                                            m::kCapabilityCount};
  return d;
}

class TikTokShopInstance final : public ocean::sdk::Instance {
 public:
  explicit TikTokShopInstance(ocean::sdk::InstanceContext& context)
      : Instance(context), host_(context.host()), account_(context.account_id(), host_) {}

  Result configure(std::string_view config_json) override {
    const Outcome o = account_.configure(config_json);
    if (!o.ok()) return to_result(o);
    // The config's feature toggles set the initial state; set_feature flips them afterwards.
    for (const auto& [feature, on] : account_.config()->features) {
      if (Result r = apply_feature(feature, on); !r.ok()) return r;
    }
    return Result::success();
  }

  Result start() override {
    Result r = to_result(account_.start());
    if (r.ok()) {
      ops_ = ocean::tiktok::ops::make_operations_service(account_, host_, account_id());
      commerce_ = ocean::tiktok::make_commerce_service(account_, host_, account_id());
    }
    return r;
  }

  Result stop() override {
    commerce_.reset();
    ops_.reset();
    account_.stop();
    return Result::success();
  }

  Result invoke(std::string_view capability, std::string_view request_json, std::string& response_out) override {
    if (ops_ && ocean::tiktok::ops::OperationsService::handles(capability)) {
      return to_result(ops_->invoke(capability, request_json, response_out));
    }
    if (ocean::tiktok::CommerceService::handles(capability)) {
      if (!commerce_) return Result::internal("the orders/products/stock mirror could not be opened; see the log");
      return guarded([&] { response_out = commerce_->invoke(capability, request_json); });
    }
    return to_result(account_.invoke(capability, request_json, response_out));
  }

  // Token refresh first, then the mirror's due work (auto-sync, stored webhooks, stock outbox).
  Result tick(std::int64_t now_ms) override {
    Result r = to_result(account_.tick(now_ms));
    if (!commerce_) return r;
    Result c = guarded([&] { commerce_->on_tick(now_ms); });
    return r.ok() ? c : r;
  }

  // Intake only (verify + store): safe beside a running invoke/tick, as the ABI allows.
  Result handle_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms,
                        std::string& out) override {
    if (!commerce_) return Result::retry("the webhook inbox is not open");
    const auto res = commerce_->intake(headers, body, received_at_ms);
    out = commerce_->webhook_result_json(res);
    if (res.http_status == 200) return Result::success();
    if (res.http_status >= 500) return Result::retry(res.message);
    return Result::invalid_argument(res.message);
  }

 private:
  ocean::tiktok::glue::HostAdapter host_;
  ocean::tiktok::ShopAccount account_;
  // Runs fn, mapping the core's Failure (and anything else) into a Result.
  template <typename Fn>
  Result guarded(Fn&& fn) {
    try {
      fn();
      return Result::success();
    } catch (const ocean::tiktok::Failure& f) {
      return Result::failure(to_abi(f.status()), f.what(), f.retry_after_ms());
    }
  }

  std::unique_ptr<ocean::tiktok::ops::OperationsService> ops_;  // null until started
  std::unique_ptr<ocean::tiktok::CommerceService> commerce_;    // null until started
};

std::unique_ptr<ocean::sdk::Instance> make_tiktok_instance(ocean::sdk::InstanceContext& context) {
  return std::make_unique<TikTokShopInstance>(context);
}

Result tiktok_module_init(const ocean::sdk::HostServices&) {
  // libcurl's global state once per process, before any instance opens a handle.
  ocean::tiktok::HttpClient::global_init();
  return Result::success();
}

// curl_global_cleanup is deliberately not called: other code in the host process (or another
// plugin) may still use libcurl, and its global init is not reference-counted across libraries.
void tiktok_module_deinit() {}

}  // namespace

OCEAN_DECLARE_PLUGIN_EX(tiktok_descriptor(), make_tiktok_instance, tiktok_module_init, tiktok_module_deinit);
