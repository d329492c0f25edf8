// Runs a shell command line (bash -c) in a directory and captures its exit code, stdout and stderr.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace alerts_test {

struct Ran {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Single quotes for the shell.
inline std::string quoted(const std::string& s) {
  std::string out = "'";
  for (const char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
  return out + "'";
}

inline Ran run_in(const std::filesystem::path& dir, const std::string& command_line) {
  const auto out = dir / ".run.out", err = dir / ".run.err";
  const std::string cmd = "cd " + quoted(dir.string()) + " && bash -c " + quoted(command_line) + " >" +
                          quoted(out.string()) + " 2>" + quoted(err.string());
  const int status = std::system(cmd.c_str());
  Ran r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

}  // namespace alerts_test
