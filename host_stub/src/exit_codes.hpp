// Exit codes of erp-host (documented in `erp-host --help` and host_stub/README.md) and the
// error type that carries one up to main().
#pragma once

#include <stdexcept>
#include <string>

namespace erp_host {

enum class ExitCode : int {
  ok = 0,
  call_failed = 1,  // a plugin call returned a non-OK status
  usage = 2,        // bad command line
  config = 3,       // bad host config, secrets file or account binding
  load = 4,         // no usable plugin found, or the plugin an account needs was refused
  denied = 5,       // --operator: not an operator of the account, or its role does not allow the call
};

inline int to_int(ExitCode c) { return static_cast<int>(c); }

// The more serious of two outcomes, so a command touching several accounts reports the worst.
inline ExitCode worse(ExitCode a, ExitCode b) { return to_int(a) >= to_int(b) ? a : b; }

// Thrown for anything that ends the command early; main() prints the message and exits.
class HostError : public std::runtime_error {
 public:
  HostError(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

}  // namespace erp_host
