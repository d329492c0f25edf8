// Shared helpers for the host tests: private temp directories, fixture locations and a check of
// whether a file is currently mapped into this process.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

namespace test_support {
namespace fs = std::filesystem;

// A fresh directory under $TMPDIR removed at scope exit; tests run in parallel under ctest.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ocean-host-test-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline fs::path fixture_library(const std::string& name) { return fs::path(OCEAN_TEST_PLUGIN_DIR) / name; }
inline fs::path fixture_manifest(const std::string& name) {
  return fs::path(OCEAN_TEST_FIXTURE_DIR) / "manifests" / name;
}

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

inline void write_random_bytes(const fs::path& path, std::size_t count) {
  std::mt19937 gen(12345);
  std::string bytes(count, '\0');
  for (auto& b : bytes) b = static_cast<char>(gen() & 0xff);
  write_file(path, bytes);
}

// True when /proc/self/maps lists a mapping of exactly this file.
inline bool is_mapped(const fs::path& file) {
  const std::string wanted = fs::weakly_canonical(file).string();
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    const auto slash = line.find('/');
    if (slash != std::string::npos && line.compare(slash, std::string::npos, wanted) == 0) return true;
  }
  return false;
}

}  // namespace test_support

// --- plugin directories and subprocesses (appended helpers) ---------------------------------
#include <boost/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <vector>

namespace test_support {

// A manifests/ and plugins/ pair filled from the fixtures, to be edited per test.
class PluginDirs {
 public:
  PluginDirs() {
    fs::create_directories(manifests());
    fs::create_directories(plugins());
  }
  fs::path manifests() const { return dir_ / "manifests"; }
  fs::path plugins() const { return dir_ / "plugins"; }
  const TempDir& root() const { return dir_; }

  // Copies fixture manifest `name`.json and the library it names; returns the library's path.
  fs::path add(const std::string& name) {
    const auto manifest = boost::json::parse(read_file(fixture_manifest(name + ".json")));
    const std::string lib(manifest.at("library").as_string());
    fs::copy_file(fixture_library(lib), plugins() / lib, fs::copy_options::overwrite_existing);
    write_manifest(name + ".json", manifest);
    return plugins() / lib;
  }
  boost::json::value manifest(const std::string& file) const {
    return boost::json::parse(read_file(manifests() / file));
  }
  void write_manifest(const std::string& file, const boost::json::value& v) const {
    write_file(manifests() / file, boost::json::serialize(v));
  }

 private:
  TempDir dir_;
};

struct ProcessResult {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs a program with `args` (no shell), feeding `input` on stdin; `env` adds NAME=VALUE pairs.
inline ProcessResult run_process(const std::vector<std::string>& args, const std::string& input = "",
                                 const std::vector<std::string>& env = {}) {
  TempDir io;
  write_file(io / "in", input);
  const std::string out_path = (io / "out").string();
  const std::string err_path = (io / "err").string();
  const std::string in_path = (io / "in").string();
  const pid_t pid = fork();
  if (pid == 0) {
    const int in = open(in_path.c_str(), O_RDONLY);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(126);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  ProcessResult r;
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

}  // namespace test_support
