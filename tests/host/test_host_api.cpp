// The header-only host helpers (ocean/host.hpp) against real fixture plugins.
#include <catch2/catch.hpp>

#include "ocean/host.hpp"
#include "test_support.hpp"

#include <mutex>
#include <vector>

namespace fs = std::filesystem;
using namespace ocean::host;
using test_support::TempDir;

namespace {
struct Recorder {
  std::mutex m;
  std::vector<std::string> logs;
  std::vector<std::string> events;
};

std::shared_ptr<HostHooks> recording_hooks(Recorder& r, std::optional<std::string> store_key = {}) {
  auto hooks = std::make_shared<HostHooks>();
  hooks->log = [&r](std::int32_t level, std::string_view account, std::string_view msg) {
    std::lock_guard lock(r.m);
    r.logs.push_back(std::string(log_level_name(level)) + " " + std::string(account) + " " + std::string(msg));
  };
  hooks->event = [&r](std::string_view account, std::string_view json) {
    std::lock_guard lock(r.m);
    r.events.push_back(std::string(account) + " " + std::string(json));
  };
  hooks->secret = [store_key](std::string_view, std::string_view name) -> std::optional<std::string> {
    if (name == "store_key" && store_key) return store_key;
    return std::nullopt;
  };
  hooks->wall_clock_ms = [] { return std::int64_t{1700000000000}; };
  return hooks;
}

std::shared_ptr<Plugin> load(const fs::path& path, std::shared_ptr<const HostHooks> hooks = {}) {
  auto lib = Library::open(path);
  return Plugin::init(lib, negotiate(*lib), std::move(hooks));
}

// A private copy, so "is it mapped?" is not confused by another test holding the same file.
fs::path private_copy(const TempDir& dir, const std::string& name) {
  const auto target = dir / name;
  fs::copy_file(test_support::fixture_library(name), target);
  return target;
}
}  // namespace

TEST_CASE("a fixture loads, negotiates and describes itself") {
  auto plugin = load(test_support::fixture_library("libfixture_alpha.so"));
  CHECK(plugin->negotiated().plugin_abi_major == OCEAN_ABI_MAJOR);
  // The C fixture plays a plugin built against ABI 1.0: the pair runs at the lower minor.
  CHECK(plugin->negotiated().plugin_abi_minor == 0u);
  CHECK(plugin->negotiated().abi_minor == 0u);
  const auto& d = plugin->descriptor();
  CHECK(d.id == "alpha");
  CHECK(d.name == "Alpha Fixture");
  CHECK(d.version == "1.2.3");
  CHECK(d.marketplace == "alpha_market");
  REQUIRE(d.features.size() == 2);
  CHECK(d.features[0].id == "reports");
  CHECK_FALSE(d.features[0].default_on);
  CHECK(d.features[1].default_on);
  REQUIRE(d.capabilities.size() == 4);
  CHECK(d.capabilities[0].id == "echo.ping");
  CHECK(d.capabilities[0].feature == "core");
  CHECK(d.capabilities[2].feature == "reports");
}

TEST_CASE("an instance runs its lifecycle - statuses carry the plugin's last_error") {
  Recorder rec;
  TempDir data;
  auto hooks = recording_hooks(rec, std::string("0123456789abcdef"));
  auto plugin = load(test_support::fixture_library("libfixture_alpha.so"), hooks);
  auto inst = Instance::create(plugin, "shop-us", data.path().string(), hooks);
  CHECK(inst->account_id() == "shop-us");

  Buffer out;
  auto s = inst->invoke("echo.ping", "{}", out);
  CHECK(s.code == OCEAN_INVALID_STATE);
  CHECK(s.describe() == "INVALID_STATE: invoke needs STARTED");

  s = inst->configure(R"({"reject":true})");
  CHECK(s.code == OCEAN_INVALID_CONFIG);
  CHECK(s.message == "/reject: the fixture refuses this field");
  CHECK_THROWS_AS(throw_if_failed(s), PluginError);

  REQUIRE(inst->configure(R"({"region":"US"})").ok());
  REQUIRE(inst->start().ok());
  CHECK(test_support::read_file(data.path() / "started.txt") == "shop-us");

  s = inst->invoke("echo.ping", R"({"x":1})", out);
  REQUIRE(s.ok());
  CHECK(out.view() == R"({"schema":"echo.v1","plugin":"alpha","account":"shop-us","request":{"x":1}})");

  s = inst->invoke("secret.check", "{}", out);
  REQUIRE(s.ok());
  CHECK(out.view() == R"({"schema":"secret_check.v1","found":true,"length":16})");

  CHECK(inst->invoke("reports.daily", "{}", out).code == OCEAN_FEATURE_DISABLED);
  CHECK(out.empty());
  REQUIRE(inst->set_feature("reports", true).ok());
  CHECK(inst->invoke("reports.daily", "{}", out).ok());
  CHECK(inst->set_feature("nope", true).code == OCEAN_UNSUPPORTED);
  CHECK(inst->invoke("orders.search", "{}", out).code == OCEAN_UNSUPPORTED);

  REQUIRE(inst->tick(42).ok());
  Buffer hook_out;
  REQUIRE(inst->handle_webhook("X: y\r\n", "{}", 1, hook_out).ok());
  CHECK(hook_out.view() == R"({"schema":"webhook_result.v1","http_status":200})");
  REQUIRE(inst->stop().ok());

  std::lock_guard lock(rec.m);
  CHECK(rec.logs ==
        std::vector<std::string>{R"(debug shop-us configured with {"region":"US"})", "info shop-us fixture started"});
  REQUIRE(rec.events.size() == 2);
  CHECK(rec.events[0] == R"(shop-us {"schema":"event.v1","type":"fixture.pinged"})");
  CHECK(rec.events[1] == R"(shop-us {"schema":"event.v1","type":"fixture.tick","now_ms":42})");
}

TEST_CASE("secrets: not found without a hook value - host hooks that throw never reach the plugin") {
  auto hooks = std::make_shared<HostHooks>();
  hooks->secret = [](std::string_view, std::string_view) -> std::optional<std::string> {
    throw std::runtime_error("secret store down");
  };
  hooks->log = [](std::int32_t, std::string_view, std::string_view) { throw std::runtime_error("log down"); };
  hooks->event = [](std::string_view, std::string_view) { throw std::runtime_error("sink down"); };
  auto plugin = load(test_support::fixture_library("libfixture_alpha.so"), hooks);
  auto inst = Instance::create(plugin, "a", "", hooks);
  REQUIRE(inst->configure("{}").ok());
  REQUIRE(inst->start().ok());  // logs through the throwing hook
  Buffer out;
  REQUIRE(inst->invoke("secret.check", "{}", out).ok());
  CHECK(out.view() == R"({"schema":"secret_check.v1","found":false,"length":0})");
  CHECK(inst->invoke("echo.ping", "{}", out).ok());  // emits through the throwing sink
}

TEST_CASE("the services table answers the two-call secret idiom") {
  auto hooks = std::make_shared<HostHooks>();
  hooks->secret = [](std::string_view account, std::string_view name) -> std::optional<std::string> {
    if (account == "acct" && name == "k") return std::string("value-123");
    return std::nullopt;
  };
  ServiceContext ctx(hooks, "acct", "/tmp/x");
  const auto* t = ctx.table();
  std::size_t needed = 99;
  CHECK(t->get_secret(t->host_ctx, "k", 1, nullptr, 0, &needed) == OCEAN_OK);
  CHECK(needed == 9);
  std::string buf(needed, '\0');
  CHECK(t->get_secret(t->host_ctx, "k", 1, buf.data(), buf.size(), &needed) == OCEAN_OK);
  CHECK(buf == "value-123");
  CHECK(t->get_secret(t->host_ctx, "other", 5, nullptr, 0, &needed) == OCEAN_NOT_FOUND);
  CHECK(needed == 0);
  CHECK(t->get_secret(t->host_ctx, "k", 1, nullptr, 4, &needed) == OCEAN_INVALID_ARGUMENT);
  CHECK(t->get_secret(t->host_ctx, "k", 1, nullptr, 0, nullptr) == OCEAN_INVALID_ARGUMENT);
  CHECK(std::string(t->data_dir(t->host_ctx)) == "/tmp/x");
  CHECK(t->wall_clock_ms(t->host_ctx) > 1600000000000);
  const auto a = t->monotonic_ns(t->host_ctx);
  CHECK(t->monotonic_ns(t->host_ctx) >= a);
}

TEST_CASE("two plugins side by side keep their own identity") {
  auto alpha = load(test_support::fixture_library("libfixture_alpha.so"));
  auto beta = load(test_support::fixture_library("libfixture_beta.so"));
  CHECK(alpha->descriptor().id == "alpha");
  CHECK(beta->descriptor().id == "beta");
  CHECK(&alpha->table() != &beta->table());
  auto a = Instance::create(alpha, "one", "", {});
  auto b = Instance::create(beta, "two", "", {});
  for (auto* inst : {a.get(), b.get()}) {
    REQUIRE(inst->configure("{}").ok());
    REQUIRE(inst->start().ok());
  }
  Buffer out_a;
  Buffer out_b;
  REQUIRE(a->invoke("echo.ping", "{}", out_a).ok());
  REQUIRE(b->invoke("echo.ping", "{}", out_b).ok());
  CHECK(out_a.view().find(R"("plugin":"alpha","account":"one")") != std::string_view::npos);
  CHECK(out_b.view().find(R"("plugin":"beta","account":"two")") != std::string_view::npos);
}

TEST_CASE("loading refuses missing, corrupt, entry-less and other-major libraries") {
  TempDir dir;
  SECTION("missing file") {
    try {
      Library::open(dir / "libnothing.so");
      FAIL("expected LoadError");
    } catch (const LoadError& e) {
      CHECK(e.kind() == LoadError::Kind::not_found);
      CHECK(std::string(e.what()).find("libnothing.so: no such library file") != std::string::npos);
    }
  }
  SECTION("random bytes") {
    const auto path = dir / "libcorrupt.so";
    test_support::write_random_bytes(path, 8192);
    try {
      Library::open(path);
      FAIL("expected LoadError");
    } catch (const LoadError& e) {
      CHECK(e.kind() == LoadError::Kind::not_loadable);
      CHECK(std::string(e.what()).find("libcorrupt.so: cannot load") != std::string::npos);
    }
    CHECK_FALSE(test_support::is_mapped(path));
  }
  SECTION("no entry symbol") {
    const auto path = private_copy(dir, "libfixture_no_entry.so");
    try {
      Library::open(path);
      FAIL("expected LoadError");
    } catch (const LoadError& e) {
      CHECK(e.kind() == LoadError::Kind::missing_entry);
      CHECK(std::string(e.what()).find("no ocean_plugin_entry symbol") != std::string::npos);
    }
    CHECK_FALSE(test_support::is_mapped(path));  // the refused library is unloaded again
  }
  SECTION("the entry point reports another major") {
    auto lib = Library::open(test_support::fixture_library("libfixture_major2.so"));
    try {
      negotiate(*lib);
      FAIL("expected LoadError");
    } catch (const LoadError& e) {
      CHECK(e.kind() == LoadError::Kind::abi_mismatch);
      CHECK(std::string(e.what()).find("plugin speaks ABI 2.0, this host speaks 1.1") != std::string::npos);
    }
  }
}

TEST_CASE("ABI version strings parse strictly") {
  REQUIRE(parse_abi_version("1.0"));
  CHECK(parse_abi_version("1.0")->major == 1);
  CHECK(parse_abi_version("12.34")->minor == 34);
  CHECK_FALSE(parse_abi_version("1"));
  CHECK_FALSE(parse_abi_version("1."));
  CHECK_FALSE(parse_abi_version(".1"));
  CHECK_FALSE(parse_abi_version("1.0.0"));
  CHECK_FALSE(parse_abi_version("a.b"));
  CHECK(abi_major_supported({OCEAN_ABI_MAJOR, 7}));
  CHECK_FALSE(abi_major_supported({OCEAN_ABI_MAJOR + 1, 0}));
}

TEST_CASE("100 load/unload cycles - the library is unmapped after the last handle dies") {
  TempDir dir;
  const auto path = private_copy(dir, "libfixture_alpha.so");
  for (int i = 0; i < 100; ++i) {
    auto plugin = load(path);
    auto inst = Instance::create(plugin, "cycle", "", {});
    REQUIRE(inst->configure("{}").ok());
    REQUIRE(inst->start().ok());
    Buffer out;
    REQUIRE(inst->invoke("echo.ping", R"({"i":1})", out).ok());
    REQUIRE(test_support::is_mapped(path));
  }
  CHECK_FALSE(test_support::is_mapped(path));
}

TEST_CASE("a Buffer outliving its Instance and Plugin handle keeps the library mapped") {
  TempDir dir;
  const auto path = private_copy(dir, "libfixture_alpha.so");
  Buffer survivor;
  {
    auto plugin = load(path);
    auto inst = Instance::create(plugin, "keep", "", {});
    REQUIRE(inst->configure("{}").ok());
    REQUIRE(inst->start().ok());
    REQUIRE(inst->invoke("echo.ping", R"({"keep":true})", survivor).ok());
  }
  CHECK(test_support::is_mapped(path));
  CHECK(survivor.view().find(R"("request":{"keep":true})") != std::string_view::npos);
  survivor.reset();  // freed by the plugin's free_buffer, then the library goes
  CHECK_FALSE(test_support::is_mapped(path));
}

TEST_CASE("an Instance keeps its plugin alive after the host drops the Plugin handle") {
  TempDir dir;
  const auto path = private_copy(dir, "libfixture_alpha.so");
  auto inst = Instance::create(load(path), "solo", "", {});
  REQUIRE(inst->configure("{}").ok());
  REQUIRE(inst->start().ok());
  CHECK(test_support::is_mapped(path));
  inst.reset();
  CHECK_FALSE(test_support::is_mapped(path));
}
