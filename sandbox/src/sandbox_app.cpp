#include "sandbox_app.hpp"

#include "envelope.hpp"

namespace tts_sandbox {

namespace {
// Sets the sandbox clock before the world generates data relative to it.
GenParams start_clock(SandboxClock& clock, const Options& o) {
  if (o.start_time) clock.set(*o.start_time);
  return o.gen;
}
}  // namespace

SandboxApp::SandboxApp(const Options& o)
    : options(o),
      sender(o.gen.seed),
      world(start_clock(clock, o), o.apps, clock, &sender),
      fault_rng(o.gen.seed, "faults") {
  world.settings = o.settings;
  sender.set_knobs(o.webhooks);
  for (const auto& d : domains()) {
    if (d.register_routes) d.register_routes(api_routes);
    if (d.register_admin) d.register_admin(admin_routes);
  }
  register_core_admin_routes();
}

SandboxApp::~SandboxApp() { sender.stop(); }

bool SandboxApp::roll(double fraction) {
  if (fraction <= 0) return false;
  std::lock_guard lock(fault_mutex);
  return fault_rng.chance(fraction);
}

Response SandboxApp::handle(Request& req) {
  if (req.path.rfind("/_sandbox/", 0) == 0) return admin(req);
  LogEntry entry;
  entry.time = clock.now();
  entry.method = req.method;
  entry.path = req.path;
  Response res;
  if (req.path == "/open/authorize") {
    res = consent(req, entry);
  } else if (req.path.rfind("/api/v2/token/", 0) == 0) {
    res = token_service(req, entry);
  } else {
    res = open_api(req, entry);
  }
  entry.http_status = res.drop_connection ? 0 : res.status;
  log.add(std::move(entry));
  return res;
}

}  // namespace tts_sandbox
