// erp-host: see `erp-host --help` and host_stub/README.md.
#include "app.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    return erp_host::run_app(args, std::cout, std::cerr);
  } catch (const std::exception& e) {
    // A bug, not an expected failure: say so and use a code outside the documented ones.
    std::cerr << "erp-host: internal error: " << e.what() << "\n";
    return 70;
  }
}
