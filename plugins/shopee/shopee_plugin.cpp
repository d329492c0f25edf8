// Shopee plugin stub. It marks where Shopee plugs in: it goes through the whole lifecycle so a
// host can load it, configure an account and see that nothing is offered yet, and it returns no
// data of any kind. The identity below must equal manifests/shopee.json (the host checks).
#include <string>
#include <string_view>

#include "ocean/plugin_sdk.hpp"

namespace {

const ocean::sdk::StaticDescriptor kDescriptor{
    ocean::sdk::PluginInfo{"shopee", "Shopee", "Ocean ERP", "0.1.0", "shopee"}};

class ShopeeStub final : public ocean::sdk::Instance {
 public:
  using Instance::Instance;

  // No configuration keys are defined yet; any JSON object (already checked by the glue) is kept
  // as is so hosts can store the account now and fill it in when the plugin grows.
  ocean::sdk::Result configure(const boost::json::object&) override { return ocean::sdk::Result::success(); }

  ocean::sdk::Result start() override {
    host().info("shopee stub started for account " + account_id() + "; no capabilities are offered yet");
    return ocean::sdk::Result::success();
  }

  std::string undeclared_capability_hint(std::string_view) const override {
    return "The Shopee plugin is a stub: this is where Shopee Open Platform v2 calls will go "
           "(orders: get_order_list/get_order_detail, products: get_item_list/update_stock, "
           "logistics: ship_order/get_tracking_number)";
  }
};

}  // namespace

OCEAN_DECLARE_PLUGIN(kDescriptor, ShopeeStub);
