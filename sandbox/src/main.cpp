// tts-sandbox: prints one JSON line with its ports and CA file, then serves until SIGINT/SIGTERM.
#include <curl/curl.h>
#include <malloc.h>

#include <boost/json.hpp>
#include <cstdio>
#include <exception>
#include <iostream>

#include "ocean_common/version.hpp"
#include "options.hpp"
#include "sandbox_app.hpp"
#include "server.hpp"
#include "tls_setup.hpp"

int main(int argc, char** argv) {
  using namespace tts_sandbox;
  std::string error;
  const auto options = parse_options(argc, argv, error);
  if (!options) {
    std::cerr << "tts-sandbox: " << error << "\n";
    return 2;
  }
  if (options->version) {
    std::cout << ocean::version_line("tts-sandbox");
    return 0;
  }
  if (options->help) {
    std::cout << usage_text();
    return 0;
  }
  // Order pages are a few hundred KB each; keeping such blocks in the heap instead of mmap-ing and
  // unmapping them per response avoids a page-fault storm on the hot path.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 128 * 1024 * 1024);
  try {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const TlsFiles tls = ensure_tls_files(options->tls_dir);
    SandboxApp app(*options);
    ServerConfig config;
    config.bind_address = options->host;
    config.http_port = options->http_port;
    config.https_port = options->https_port;
    config.cert_file = tls.cert_file;
    config.key_file = tls.key_file;
    config.threads = options->threads;
    Server server(config, [&app](Request& r) { return app.handle(r); });
    server.bind();
    app.start_background();
    const std::string host = options->host;
    boost::json::object line{{"http_port", server.http_port()},
                             {"https_port", server.https_port()},
                             {"ca_file", tls.ca_file},
                             {"base_http", "http://" + host + ":" + std::to_string(server.http_port())},
                             {"base_https", "https://" + host + ":" + std::to_string(server.https_port())}};
    std::cout << boost::json::serialize(line) << std::endl;  // endl flushes: a parent is waiting
    server.run();
    app.stop_background();
    curl_global_cleanup();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "tts-sandbox: " << e.what() << "\n";
    return 1;
  }
}
