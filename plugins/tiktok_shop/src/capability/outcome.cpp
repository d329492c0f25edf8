#include "capability/outcome.hpp"

#include <exception>

namespace ocean::tiktok {

Outcome guarded(Logger& log, const std::function<void()>& body) {
  try {
    body();
    return {};
  } catch (const Failure& f) {
    return Outcome{f.status(), log.redact(f.what()), f.retry_after_ms()};
  } catch (const std::exception& e) {
    return Outcome{Status::internal, log.redact(e.what()), 0};
  } catch (...) {
    return Outcome{Status::internal, "an unknown error", 0};
  }
}

}  // namespace ocean::tiktok
