// Tokopedia plugin stub. Tokopedia sellers are being moved onto the combined "Tokopedia & TikTok
// Shop" seller centre and third-party apps onto the TikTok Shop API, so this plugin is meant to
// reuse the TikTok Shop client with an Indonesia/Tokopedia flag, not the legacy Tokopedia Open
// Platform (see shared/reference/connector_anchors.md B.2). Until then it runs the lifecycle and
// returns no data of any kind. The identity below must equal manifests/tokopedia.json.
#include <string>
#include <string_view>

#include "ocean/plugin_sdk.hpp"

namespace {

const ocean::sdk::StaticDescriptor kDescriptor{
    ocean::sdk::PluginInfo{"tokopedia", "Tokopedia", "Ocean ERP", "0.1.0", "tokopedia"}};

class TokopediaStub final : public ocean::sdk::Instance {
 public:
  using Instance::Instance;

  // No configuration keys are defined yet; any JSON object (already checked by the glue) is kept.
  ocean::sdk::Result configure(const boost::json::object&) override { return ocean::sdk::Result::success(); }

  ocean::sdk::Result start() override {
    host().info("tokopedia stub started for account " + account_id() + "; no capabilities are offered yet");
    return ocean::sdk::Result::success();
  }

  std::string undeclared_capability_hint(std::string_view) const override {
    return "The Tokopedia plugin is a stub: Tokopedia sellers are moving onto the TikTok Shop platform, so this "
           "will reuse the TikTok Shop client (Partner API 202309) with an Indonesia/Tokopedia flag instead of "
           "the legacy Tokopedia Open Platform";
  }
};

}  // namespace

OCEAN_DECLARE_PLUGIN(kDescriptor, TokopediaStub);
