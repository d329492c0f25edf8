#include "ops/operations_service.hpp"

#include <boost/json.hpp>

#include <filesystem>

#include "ops/handlers.hpp"
#include "store/ops_live_registry.hpp"
#include "store/ops_store.hpp"
#include "util/status.hpp"

namespace ocean::tiktok::ops {
namespace json = boost::json;

namespace {
const OpsHandlers& all_handlers() {
  static const OpsHandlers h = [] {
    OpsHandlers m;
    add_logistics(m);
    add_fulfillment(m);
    add_promotions(m);
    add_returns(m);
    add_live_planner(m);
    add_affiliate(m);
    add_analytics(m);
    return m;
  }();
  return h;
}
}  // namespace

struct OperationsService::State {
  ShopAccount& account;
  std::unique_ptr<store::OpsStore> store;
  std::unique_ptr<store::LiveRegistry> registry;
  std::unique_ptr<HttpClient> downloads;
  std::unique_ptr<OpsContext> ctx;
};

OperationsService::OperationsService(ShopAccount& account, Host& host, std::string account_id) {
  if (!account.started() || account.config() == nullptr) {
    throw Failure(Status::invalid_state, "the account is not started");
  }
  const auto dir = host.data_dir();
  if (!dir) throw Failure(Status::invalid_config, "the host gives this account no data directory");
  auto s = std::make_unique<State>(State{account, nullptr, nullptr, nullptr, nullptr});
  s->store = std::make_unique<store::OpsStore>(account.store()->database());
  // The host's data directory is the parent of the account's: the shared LIVE calendar lives there.
  std::filesystem::path host_dir = std::filesystem::path(*dir).lexically_normal();
  if (!host_dir.has_filename()) host_dir = host_dir.parent_path();
  s->registry = std::make_unique<store::LiveRegistry>(host_dir.parent_path().string());
  HttpSettings http;
  http.ca_bundle = account.config()->ca_bundle;
  http.max_response_bytes = 32u * 1024u * 1024u;  // labels as PDF can be a few MB
  s->downloads = std::make_unique<HttpClient>(http);
  s->ctx = std::unique_ptr<OpsContext>(new OpsContext{*account.api(), *account.accounts(), *s->store, *s->registry,
                                                      *s->downloads, host, *account.config(), account.logger(),
                                                      std::move(account_id), *dir});
  state_ = std::move(s);
}

OperationsService::~OperationsService() = default;

bool OperationsService::handles(std::string_view capability) { return all_handlers().count(capability) != 0; }

Outcome OperationsService::invoke(std::string_view capability, std::string_view request_json, std::string& response) {
  Logger& log = state_->account.logger();
  try {
    const auto it = all_handlers().find(capability);
    if (it == all_handlers().end())
      throw Failure(Status::unsupported, "capability " + std::string(capability) + " is not an operations capability");
    boost::system::error_code ec;
    const json::value request = json::parse(request_json, ec);
    if (ec || !request.is_object()) throw Failure(Status::invalid_argument, "the request must be a JSON object");
    response = json::serialize(it->second(*state_->ctx, request.as_object()));
    return {};
  } catch (const Failure& f) {
    return Outcome{f.status(), log.redact(f.what()), f.retry_after_ms()};
  } catch (const std::exception& e) {
    return Outcome{Status::internal, log.redact(e.what()), 0};
  }
}

std::unique_ptr<OperationsService> make_operations_service(ShopAccount& account, Host& host, std::string account_id) {
  try {
    return std::make_unique<OperationsService>(account, host, std::move(account_id));
  } catch (const std::exception& e) {
    account.logger().error(std::string("operations (logistics, promotions, returns, LIVE, affiliate, analytics) are "
                                       "unavailable: ") +
                           e.what());
    return nullptr;
  }
}

}  // namespace ocean::tiktok::ops
