// What the benchmarks print about the machine next to their figures: the CPU time another process
// (the sandbox, a node, PostgreSQL) has used, and the load average (shared machines are noisy, so
// every figure is read with the load it was measured under).
#pragma once
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace ocean::bench {

// CPU seconds (user + system) process `pid` has used so far, from /proc/<pid>/stat.
inline double process_cpu_seconds(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  const auto close = line.rfind(')');  // the command name may contain spaces
  if (close == std::string::npos) return 0;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

// "1.31 1.94 3.05": the 1, 5 and 15 minute load averages.
inline std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}

}  // namespace ocean::bench
