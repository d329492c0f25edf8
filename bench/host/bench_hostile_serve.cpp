// erp-host serve under the load issue 15 names: a 100 MB manifest and one with a 1 MB string
// beside the plugin's, an unread stdout, 500 idle connections, 50 concurrent 15 MB uploads (by
// Content-Length, then chunked). After each: how long a valid webhook took and the resident
// memory (VmRSS, and the peak VmHWM). Needs the test probe plugin (OCEAN_BUILD_TESTS=ON).
#include "hostile/serve_child.hpp"

#include <boost/json.hpp>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>

using namespace hostile;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

namespace {
long status_kib(pid_t pid, const char* field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::strlen(field) + 1);
  return 0;
}

void report(const char* scenario, ServeChild& serve, int port) {
  const auto start = Clock::now();
  const std::string answer = deliver(port, 60);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::printf("%-48s webhook %-16s %8.1f ms   VmRSS %6.1f MB   VmHWM %6.1f MB\n", scenario,
              answer.empty() ? "(no answer)" : answer.substr(9).c_str(), ms, status_kib(serve.pid(), "VmRSS:") / 1024.0,
              status_kib(serve.pid(), "VmHWM:") / 1024.0);
}

// Manifests: the probe's, a 100 MB one and one whose library is a 1 MB string.
fs::path hostile_manifests(const fs::path& dir) {
  const fs::path out = dir / "manifests";
  fs::create_directories(out);
  fs::copy_file(fs::path(OCEAN_SERVE_MANIFEST_DIR) / "serveprobe.json", out / "serveprobe.json");
  {
    std::ofstream huge(out / "huge.json", std::ios::binary);
    const std::string chunk(1 << 20, ' ');
    huge << R"({"id":"huge","description":")";
    for (int i = 0; i < 100; ++i) huge << chunk;
    huge << "\"}";
  }
  auto beta = json::parse(slurp(fs::path(OCEAN_SOURCE_DIR) / "tests/host/fixtures/manifests/beta.json"));
  beta.as_object()["library"] = std::string(1 << 20, 'a');
  std::ofstream(out / "one_megabyte_string.json") << json::serialize(beta);
  return out;
}

void uploads(int port, bool chunked, std::map<std::string, int>& answers) {
  std::mutex mutex;
  std::vector<std::thread> clients;
  for (int i = 0; i < 50; ++i)
    clients.emplace_back([&, port, chunked] {
      const int fd = connect_to(port);
      if (fd < 0) return;
      const std::string head = chunked ? "POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       : "POST /webhooks/shop HTTP/1.1\r\nHost: x\r\nContent-Length: 15000000\r\n\r\n";
      const std::string megabyte(1 << 20, 'x');
      char size_line[32];
      std::snprintf(size_line, sizeof size_line, "%x\r\n", 1 << 20);
      bool ok = send_all(fd, head);
      for (int m = 0; ok && m < 15; ++m) ok = send_all(fd, chunked ? size_line + megabyte + "\r\n" : megabyte);
      const std::string answer = read_until_close(fd, 60);
      close(fd);
      std::lock_guard lock(mutex);
      ++answers[answer.substr(0, answer.find("\r\n"))];
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (auto& c : clients) c.join();
}
}  // namespace

int main() {
  raise_descriptor_limit();
  ProbeHost host;
  const fs::path manifests = hostile_manifests(host.dir.path());
  auto args = host.args({"--json"}, {"--tick-interval", "100"});
  args[2] = manifests.string();  // --manifests
  const auto start = Clock::now();
  ServeChild serve(args, host.dir.path(), {true, 0});
  const int port = serve.wait_port();
  std::printf("startup beside a 100 MB and a 1 MB-string manifest: %.0f ms\n",
              std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  report("baseline", serve, port);
  for (int i = 0; i < 4; ++i) deliver(port, 60, "X-Probe-Emit: 1000\r\n");  // ~1.2 MB of events, never read
  report("unread stdout (1.2 MB of events pending)", serve, port);
  std::vector<int> idle;
  for (int i = 0; i < 500; ++i) idle.push_back(connect_to(port));
  report("500 idle connections", serve, port);
  std::map<std::string, int> answers;
  std::thread load([&] { uploads(port, false, answers); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  report("during 50 x 15 MB uploads (Content-Length)", serve, port);
  load.join();
  std::map<std::string, int> chunked_answers;
  std::thread chunked([&] { uploads(port, true, chunked_answers); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  report("during 50 x 15 MB uploads (chunked)", serve, port);
  chunked.join();
  for (const auto& [answer, count] : answers) std::printf("  Content-Length uploads: %d x %s\n", count, answer.c_str());
  for (const auto& [answer, count] : chunked_answers)
    std::printf("  chunked uploads:        %d x %s\n", count, answer.c_str());
  std::printf("ticks while all this ran: %ld\n", probe_ticks(host.data).first);
  for (int fd : idle)
    if (fd >= 0) close(fd);
  std::printf("exit code after SIGTERM: %d\n", serve.stop());
  return 0;
}
