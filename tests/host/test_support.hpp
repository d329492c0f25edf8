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
