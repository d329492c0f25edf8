// The smallest C++ host an integrator writes against the installed package: loads the plugin given
// on the command line, negotiates, creates one instance, invokes greeting.hello and prints the answer.
//   probe_host <plugin.so> <name>
#include <ocean/host.hpp>

#include <exception>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: probe_host <plugin.so> <name>\n";
    return 2;
  }
  try {
    auto library = ocean::host::Library::open(argv[1]);
    const auto negotiated = ocean::host::negotiate(*library);
    auto plugin = ocean::host::Plugin::init(library, negotiated);
    auto instance = ocean::host::Instance::create(plugin, "probe-account", "", {});
    ocean::host::throw_if_failed(instance->configure("{}"));
    ocean::host::throw_if_failed(instance->start());
    ocean::host::Buffer answer;
    const std::string request = std::string(R"({"name":")") + argv[2] + "\"}";
    ocean::host::throw_if_failed(instance->invoke("greeting.hello", request, answer));
    std::cout << "ABI " << negotiated.plugin_abi_major << "." << negotiated.abi_minor << " " << answer.view() << "\n";
    ocean::host::throw_if_failed(instance->stop());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "probe_host: " << e.what() << "\n";
    return 1;
  }
}
