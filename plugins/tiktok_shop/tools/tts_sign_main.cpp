// tts-sign: computes the TikTok Shop request signature (reference §1.1) for a secret, path,
// query parameters and body: the tool to reach for when the API answers "invalid sign".
// It uses the same code the plugin signs with (ocean_common tts_sign).
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ocean_common/tts_sign.hpp"
#include "ocean_common/url.hpp"
#include "ocean_common/version.hpp"

namespace {

constexpr const char* kUsage =
    "usage: tts-sign --secret SECRET --path PATH [--query KEY=VALUE]... [--body STRING | --body-file FILE]\n"
    "                [--multipart] [--verbose]\n"
    "\n"
    "Prints the lowercase hex HMAC-SHA256 signature TikTok Shop expects in the `sign` query parameter.\n"
    "\n"
    "  --secret SECRET     the app secret (or set TTS_APP_SECRET to keep it out of shell history)\n"
    "  --path PATH         request path only, e.g. /order/202309/orders/search (no host, no query)\n"
    "  --query KEY=VALUE   a query parameter, repeatable, value as sent BEFORE percent-encoding\n"
    "                      (split at the first '=', so page tokens ending in '=' work);\n"
    "                      include app_key, timestamp and shop_cipher; sign and access_token are ignored\n"
    "  --body STRING       the exact request body bytes\n"
    "  --body-file FILE    read the exact body bytes from FILE\n"
    "  --multipart         the body is multipart/form-data, which is never signed\n"
    "  --verbose           also print the string that was signed (secret masked) and the sorted parameters\n"
    "  --help              this text\n"
    "  --version           the project version and the plugin ABI version\n";

int usage_error(const std::string& message) {
  std::cerr << "tts-sign: " << message << "\n\n" << kUsage;
  return 2;
}

// What the command line asks for.
struct Args {
  std::string secret;
  bool have_secret = false;
  std::string path;
  ocean::url::QueryParams query;
  std::string body;
  bool have_body = false;
  bool multipart = false;
  bool verbose = false;
};

// Reads the command line into `out`; returns an exit code when the program should stop now (help
// printed, or a usage error reported).
std::optional<int> parse_args(int argc, char** argv, Args& out) {
  std::string& secret = out.secret;
  bool& have_secret = out.have_secret;
  std::string& path = out.path;
  ocean::url::QueryParams& query = out.query;
  std::string& body = out.body;
  bool& have_body = out.have_body;
  bool& multipart = out.multipart;
  bool& verbose = out.verbose;
  std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    auto value = [&](std::string& target) -> bool {
      if (i + 1 >= args.size()) return false;
      target.assign(args[++i]);
      return true;
    };
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (a == "--version") {
      std::cout << ocean::version_line("tts-sign");
      return 0;
    } else if (a == "--secret") {
      if (!value(secret)) return usage_error("--secret needs a value");
      have_secret = true;
    } else if (a == "--path") {
      if (!value(path)) return usage_error("--path needs a value");
    } else if (a == "--query") {
      std::string kv;
      if (!value(kv)) return usage_error("--query needs KEY=VALUE");
      const auto eq = kv.find('=');
      if (eq == std::string::npos || eq == 0) return usage_error("--query needs KEY=VALUE, got '" + kv + "'");
      query.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
    } else if (a == "--body") {
      if (have_body) return usage_error("give the body once (--body or --body-file)");
      if (!value(body)) return usage_error("--body needs a value");
      have_body = true;
    } else if (a == "--body-file") {
      if (have_body) return usage_error("give the body once (--body or --body-file)");
      std::string file;
      if (!value(file)) return usage_error("--body-file needs a file name");
      std::ifstream in(file, std::ios::binary);
      if (!in) return usage_error("cannot read body file '" + file + "'");
      std::stringstream ss;
      ss << in.rdbuf();
      body = ss.str();
      have_body = true;
    } else if (a == "--multipart") {
      multipart = true;
    } else if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else {
      return usage_error("unknown argument '" + std::string(a) + "'");
    }
  }
  if (!have_secret) {
    if (const char* env = std::getenv("TTS_APP_SECRET"); env != nullptr) {
      secret = env;
      have_secret = true;
    }
  }
  if (!have_secret || secret.empty()) return usage_error("--secret (or TTS_APP_SECRET) is required");
  if (path.empty()) return usage_error("--path is required");
  if (path.front() != '/' || path.find('?') != std::string::npos || path.find("://") != std::string::npos) {
    return usage_error("--path must be the path only, starting with '/', without host or query");
  }

  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (const auto stop = parse_args(argc, argv, args)) return *stop;
  const std::string& secret = args.secret;
  const std::string& path = args.path;
  const ocean::url::QueryParams& query = args.query;
  const std::string& body = args.body;
  const bool have_body = args.have_body;
  const bool multipart = args.multipart;
  const bool verbose = args.verbose;
  const ocean::tts::SignInput in{path, &query, body, !multipart};
  const std::string signature = ocean::tts::sign_request(secret, in);
  if (verbose) {
    std::cout << "parameters (sorted, sign/access_token ignored):\n";
    auto sorted = query;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [k, v] : sorted) {
      if (k == "sign" || k == "access_token") continue;
      std::cout << "  " << k << " = " << v << "\n";
    }
    std::cout << "body: "
              << (multipart   ? "not signed (multipart)"
                  : have_body ? std::to_string(body.size()) + " bytes signed"
                              : "none")
              << "\n";
    // The secret is masked wherever it appears, even inside a body that happens to contain it.
    std::string text = ocean::tts::string_to_sign(in);
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + 12)) {
      text.replace(pos, secret.size(), "<app_secret>");
    }
    std::cout << "signed string: <app_secret>" << text << "<app_secret>\n";
    std::cout << "sign: ";
  }
  std::cout << signature << "\n";
  return 0;
}
