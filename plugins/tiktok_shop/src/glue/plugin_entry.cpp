// The ABI glue: the only file that knows about ocean_plugin.h. The SDK's OCEAN_DECLARE_PLUGIN_EX
// generates the exported entry and the catch-all trampolines; this file builds one account's rooms
// (account, mirror, operations), hands every invoke to the capability router, and maps the core's
// Outcome onto ocean_status (to_result, the one mapping).
#include "account/shop_account.hpp"
#include "audit/audit_trail.hpp"
#include "alerts/alert_room.hpp"
#include "capability/router.hpp"
#include "finance/finance_room.hpp"
#include "glue/host_adapter.hpp"
#include "manifest/manifest_data.hpp"
#include "mirror/mirror.hpp"
#include "ocean/plugin_sdk.hpp"
#include "ops/ops_room.hpp"
#include "store/fence.hpp"
#include "transport/http_client.hpp"
#include "util/status.hpp"

#include <filesystem>
#include <optional>

namespace {

using ocean::sdk::Result;
using namespace ocean::tiktok;

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
      : Instance(context), host_(context.host(), context.module_host()), account_(context.account_id(), host_) {}

  Result configure(const boost::json::object& config) override {
    Result r = to_result(guarded(account_.logger(), [&] { account_.configure(config); }));
    if (!r.ok()) return r;
    // The config's feature toggles set the initial state; set_feature flips them afterwards.
    for (const auto& [feature, on] : account_.config()->features) {
      if (Result f = apply_feature(feature, on); !f.ok()) return f;
    }
    return Result::success();
  }

  // The account first; then the mirror and the operations room, each of which may fail alone
  // (logged) while the account's own capabilities keep working.
  Result start() override {
    Logger& log = account_.logger();
    Result r = to_result(guarded(log, [&] { account_.start(); }));
    if (!r.ok()) return r;
    const Outcome m = guarded(log, [&] { mirror_ = mirror::make_mirror(account_, host_, account_id()); });
    if (!m.ok()) log.error("[plugin] orders, products and stock sync are unavailable: " + m.message);
    const Outcome o = guarded(log, [&] { ops_ = std::make_unique<ops::OpsRoom>(account_, host_, account_id()); });
    if (!o.ok()) {
      log.error("[plugin] operations (logistics, promotions, returns, LIVE, affiliate, analytics) are unavailable: " +
                o.message);
    }
    const Outcome f = guarded(log, [&] {
      finance_ = std::make_unique<finance::FinanceRoom>(account_, host_, account_id(),
                                                        [this] { return feature_enabled("finance"); });
    });
    if (!f.ok()) log.error("[plugin] finance (statements, reconciliation) is unavailable: " + f.message);
    if (mirror_ && finance_) {
      finance::FinanceRoom* room = finance_.get();
      mirror_->set_finance(mirror::ExtraKind{
          [room] { return room->enabled(); },
          [room](bool full, const std::function<void()>& between_pages) { return room->run_sync(full, between_pages); },
          [room] { return room->status(); }});
    }
    open_audit(log);
    rooms_ =
        capability::Rooms{&account_, mirror_.get(), ops_ ? &ops_->context() : nullptr, finance_.get(), audit_.get()};
    const Outcome al = guarded(log, [&] {
      alerts_ = std::make_unique<alerts::AlertRoom>(
          account_, host_, account_id(), mirror_.get(), ops_ ? &ops_->context() : nullptr, &rooms_,
          [this](const std::string& feature) { return feature_enabled(feature); });
    });
    if (!al.ok()) log.error("alerts are unavailable: " + al.message);
    return r;
  }

  Result stop() override {
    rooms_ = capability::Rooms{};
    alerts_.reset();
    if (account_.accounts() != nullptr) account_.accounts()->set_audit(nullptr);
    mirror_.reset();
    finance_.reset();
    ops_.reset();
    audit_.reset();
    account_.stop();
    return Result::success();
  }

  Result invoke(std::string_view capability, std::string_view request_json, std::string& response_out) override {
    return to_result(capability::invoke(rooms_, account_.logger(), capability, request_json, response_out));
  }

  // Token refresh first, then the mirror's due work (auto-sync, stored webhooks, stock outbox);
  // the mirror's work runs even when the refresh failed, and the first failure is reported.
  Result tick(std::int64_t now_ms) override {
    Logger& log = account_.logger();
    std::optional<db::FenceScope> fence;
    bool owner = true;
    const Outcome lease = guarded(log, [&] { owner = enter_lease(fence); });
    if (!lease.ok()) return to_result(lease);
    if (!owner) {
      account_.metrics().tick_not_owner();
      return Result::success();  // another node runs this account's background work
    }
    const Result r = tick_owned(now_ms);
    if (fence && fence->refused() > 0) {
      account_.metrics().commits_fenced(fence->refused());
      log.warn("[cluster] fenced: " + std::to_string(fence->refused()) +
               " commit(s) of this tick were refused and rolled back; the account's lease moved to another node");
    }
    return r;
  }

  // The tick's work, on the node that holds the account (or on the only node).
  Result tick_owned(std::int64_t now_ms) {
    Logger& log = account_.logger();
    const Outcome a = guarded(log, [&] { account_.tick(now_ms); });
    const Outcome m = guarded(log, [&] {
      if (mirror_) mirror_->on_tick(now_ms);
    });
    const Outcome l = guarded(log, [&] {
      if (audit_) audit_->prune_if_due(now_ms);
    });
    if (!l.ok()) log.warn("[audit] pruning the integration log failed: " + l.message);
    // Alerts last, so they see what this tick's sync and webhooks changed; a failing rule is
    // logged by the room and never fails the tick.
    guarded(log, [&] {
      if (alerts_) alerts_->on_tick(now_ms);
    });
    return to_result(a.ok() ? m : a);
  }

  // Intake only (verify + store): safe beside a running invoke/tick, as the ABI allows.
  Result handle_webhook(std::string_view headers, std::string_view body, std::int64_t received_at_ms,
                        std::string& out) override {
    if (!mirror_) return Result::retry("the webhook inbox is not open");
    const auto res = mirror_->intake(headers, body, received_at_ms);
    out = mirror::Mirror::webhook_result_json(res);
    if (res.http_status == 200) return Result::success();
    if (res.http_status >= 500) return Result::retry(res.message);
    return Result::invalid_argument(res.message);
  }

 private:
  // With store.lease (a cluster): reads this node's fence for the account and installs it for the
  // tick's commits (store/fence.hpp); false when the node does not hold the lease. Without a lease
  // the tick always runs.
  bool enter_lease(std::optional<db::FenceScope>& fence) {
    const Config* c = account_.config();
    if (c == nullptr || !c->store || !c->store->lease || account_.store() == nullptr) return true;
    const auto& lease = *c->store->lease;
    const auto token = db::read_fence(account_.store()->database(), lease.account, lease.node);
    if (!token) return false;
    fence.emplace(db::FenceToken{lease.account, lease.node, *token});
    return true;
  }

  // The integration log, metrics and health on a connection of their own; without it the other
  // rooms still work (calls go unlogged, and metrics.read says why).
  void open_audit(Logger& log) {
    const Outcome o = guarded(log, [&] {
      audit_ = std::make_unique<audit::AuditTrail>(account_.store_location(), host_, log, account_.metrics(),
                                                   account_.config()->integration_log_retention_days);
      audit::AuditTrail* trail = audit_.get();
      account_.accounts()->set_audit([trail](const store::LogEntry& e) { trail->record(e); });
    });
    if (!o.ok()) log.error("[audit] the integration log is unavailable: " + o.message);
  }

  glue::HostAdapter host_;
  ShopAccount account_;
  std::unique_ptr<mirror::Mirror> mirror_;         // null until started (or when it could not be opened)
  std::unique_ptr<ops::OpsRoom> ops_;              // null until started (or when it could not be opened)
  std::unique_ptr<finance::FinanceRoom> finance_;  // null until started (or when it could not be opened)
  std::unique_ptr<audit::AuditTrail> audit_;       // null until started (or when it could not be opened)
  std::unique_ptr<alerts::AlertRoom> alerts_;      // null until started (or when it could not be opened)
  capability::Rooms rooms_;                        // what the router lends the handlers
};

std::unique_ptr<ocean::sdk::Instance> make_tiktok_instance(ocean::sdk::InstanceContext& context) {
  return std::make_unique<TikTokShopInstance>(context);
}

Result tiktok_module_init(const ocean::sdk::HostServices&) {
  // libcurl's global state once per process, before any instance opens a handle.
  HttpClient::global_init();
  return Result::success();
}

// curl_global_cleanup is deliberately not called: other code in the host process (or another
// plugin) may still use libcurl, and its global init is not reference-counted across libraries.
void tiktok_module_deinit() {}

}  // namespace

OCEAN_DECLARE_PLUGIN_EX(tiktok_descriptor(), make_tiktok_instance, tiktok_module_init, tiktok_module_deinit);
