// The sandbox as a request handler: routes each Request to one of its faces and answers it.
//   /_sandbox/...           admin (no signing; tests and demos only)        admin_routes.cpp
//   /open/authorize         seller consent, auto-approves                   auth_service.cpp
//   /api/v2/token/...       auth service (token get / refresh)              auth_service.cpp
//   everything else         the open API behind the strict gate             gate.cpp + src/domains/*
#pragma once
#include <mutex>

#include "api.hpp"
#include "options.hpp"
#include "rate_limiter.hpp"
#include "request_log.hpp"
#include "sandbox_clock.hpp"
#include "webhook_sender.hpp"
#include "world.hpp"

namespace tts_sandbox {

class SandboxApp {
 public:
  explicit SandboxApp(const Options& options);
  ~SandboxApp();
  Response handle(Request& req);
  void start_background() { sender.start(); }
  void stop_background() { sender.stop(); }

  // Internals shared by the files that implement the faces.
  Options options;
  SandboxClock clock;
  WebhookSender sender;
  World world;
  ApiRouter api_routes;
  AdminRouter admin_routes;
  RateLimiter limiter;
  RequestLog log;
  std::mutex fault_mutex;
  Rng fault_rng;

  Response open_api(Request& req, LogEntry& entry);
  Response token_service(Request& req, LogEntry& entry);
  Response consent(Request& req, LogEntry& entry);
  Response admin(Request& req);
  void register_core_admin_routes();
  // Draws from the seeded fault stream (thread-safe).
  bool roll(double fraction);
};

// Token response data as reference §3 lists it.
boost::json::object token_data(const Grant& g);

}  // namespace tts_sandbox
