// A test plugin for `erp-host serve`: it records what reaches it so the tests can check it.
//   handle_webhook: writes the exact header block and body to <data>/webhook_<n>.{headers,body}
//                   and answers the status named by the request's "X-Probe-Answer" header
//                   (default 200; "retry" = OCEAN_RETRY with no result at all); "X-Probe-Emit: N"
//                   makes it emit N events first (to fill the host's stdout).
//   tick:           counts itself in <data>/ticks (the count and the last now_ms), writes <data>/tick_running, waits
//   while <data>/hold exists (so a test can keep
//                   a tick running), and the first time emits sync.progress x3 + sync.finished.
//   sync.run:       emits the same progress events (for `erp-host invoke`), then waits while
//                   <data>/hold exists (so a test can see them printed before the call returns).
//   stop:           writes <data>/stopped.
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include <boost/json.hpp>

#include "ocean/plugin_sdk.hpp"

namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

const ocean::sdk::StaticDescriptor kDescriptor{
    ocean::sdk::PluginInfo{"serveprobe", "Serve probe", "Ocean ERP tests", "0.0.1", "none"},
    std::array<ocean::sdk::Feature, 0>{}, std::to_array<ocean::sdk::Capability>({{"sync.run", "core"}})};

void write(const fs::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The value of header `name` (case-insensitive) in a "Name: value\r\n" block; empty when absent.
std::string header(std::string_view block, std::string_view name) {
  std::size_t pos = 0;
  while (pos < block.size()) {
    const auto end = block.find("\r\n", pos);
    const std::string_view line = block.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    const auto colon = line.find(':');
    if (colon == name.size()) {
      bool same = true;
      for (std::size_t i = 0; i < name.size(); ++i)
        same = same &&
               std::tolower(static_cast<unsigned char>(line[i])) == std::tolower(static_cast<unsigned char>(name[i]));
      if (same) {
        auto value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        return std::string(value);
      }
    }
    if (end == std::string_view::npos) break;
    pos = end + 2;
  }
  return {};
}

class Probe final : public ocean::sdk::Instance {
 public:
  using Instance::Instance;

  ocean::sdk::Result configure(const boost::json::object&) override { return ocean::sdk::Result::success(); }

  ocean::sdk::Result start() override {
    auto dir = host().data_dir();
    if (!dir) return ocean::sdk::Result::invalid_config("the probe needs a data dir");
    dir_ = *dir;
    return ocean::sdk::Result::success();
  }

  ocean::sdk::Result stop() override {
    write(dir_ / "stopped", "stopped");
    return ocean::sdk::Result::success();
  }

  ocean::sdk::Result tick(std::int64_t now_ms) override {
    write(dir_ / "ticks", std::to_string(++ticks_) + " " + std::to_string(now_ms));
    write(dir_ / "tick_running", "1");
    // Bounded so a forgotten hold file cannot hang a test run forever.
    for (int i = 0; i < 1200 && fs::exists(dir_ / "hold"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    fs::remove(dir_ / "tick_running");
    if (!progressed_) {
      progressed_ = true;
      emit_progress();
    }
    return ocean::sdk::Result::success();
  }

  ocean::sdk::Result invoke(std::string_view, std::string_view, std::string& response) override {
    emit_progress();
    for (int i = 0; i < 1200 && fs::exists(dir_ / "hold"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    response = R"({"outcome":"ok"})";
    return ocean::sdk::Result::success();
  }

  ocean::sdk::Result handle_webhook(std::string_view headers, std::string_view body, std::int64_t,
                                    std::string& response) override {
    const int n = ++deliveries_;
    write(dir_ / ("webhook_" + std::to_string(n) + ".headers"), headers);
    write(dir_ / ("webhook_" + std::to_string(n) + ".body"), body);
    if (const std::string emit_count = header(headers, "X-Probe-Emit"); !emit_count.empty())
      for (int i = 0; i < std::stoi(emit_count); ++i)
        emit("probe.filler", json::object{{"n", i}, {"padding", std::string(200, 'x')}});
    const std::string answer = header(headers, "X-Probe-Answer");
    if (answer == "retry") return ocean::sdk::Result::retry("the probe was told to ask for a retry");
    const int status = answer.empty() ? 200 : std::stoi(answer);
    response = json::serialize(json::object{{"schema", "webhook_result.v1"},
                                            {"http_status", status},
                                            {"message", status == 200 ? "" : "probe answers " + answer}});
    if (status == 401) return ocean::sdk::Result::invalid_argument("probe: signature refused");
    return ocean::sdk::Result::success();
  }

 private:
  void emit_progress() const {
    for (int page = 1; page <= 3; ++page)
      emit("sync.progress", json::object{{"kind", "orders"},
                                         {"pages", page},
                                         {"records", page * 100},
                                         {"total", 300},
                                         {"rate_per_second", 250.0},
                                         {"done", page == 3}});
    emit("sync.finished", json::object{{"outcome", "ok"}, {"runs", 1}, {"duration_ms", 1200}});
  }
  void emit(const char* type, json::object data) const {
    host().emit_event(json::serialize(json::object{{"schema", "event.v1"},
                                                   {"type", type},
                                                   {"account_id", account_id()},
                                                   {"occurred_at", "2026-11-25T08:30:00Z"},
                                                   {"data", std::move(data)}}));
  }

  fs::path dir_;
  std::atomic<int> deliveries_{0};
  int ticks_ = 0;            // ticks are serialized
  bool progressed_ = false;  // tick only: ticks are serialized
};

}  // namespace

OCEAN_DECLARE_PLUGIN(kDescriptor, Probe);
