// ocean/sdk/glue.hpp: the C entry points OCEAN_DECLARE_PLUGIN generates, written once for every
// plugin. Each is a noexcept trampoline that checks what the ABI promises (state machine, NULL
// pointers, struct sizes, payload limits, JSON well-formedness, declared capabilities, feature
// switches), calls the author's Instance hook, records last_error (handle_webhook: its answer
// instead, see ocean/sdk/outcome.hpp) and maps every exception to OCEAN_INTERNAL. Plugin authors never include this
// directly; use ocean/plugin_sdk.hpp.
//
// Order of checks in every instance call (hosts and the conformance suite rely on it):
//   1. handle NULL or not an instance of this plugin   -> OCEAN_INVALID_ARGUMENT (no last_error)
//   2. wrong state                                      -> OCEAN_INVALID_STATE (nothing changes)
//   3. NULL / short / oversized / malformed arguments   -> OCEAN_INVALID_ARGUMENT
//   4. undeclared capability or feature                 -> OCEAN_UNSUPPORTED
//   5. capability whose feature is off                  -> OCEAN_FEATURE_DISABLED
//   6. the author's hook
#ifndef OCEAN_SDK_GLUE_HPP
#define OCEAN_SDK_GLUE_HPP

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "ocean/ocean_plugin.h"
#include "ocean/sdk/descriptor.hpp"
#include "ocean/sdk/host_services.hpp"
#include "ocean/sdk/instance.hpp"
#include "ocean/sdk/outcome.hpp"
#include "ocean/sdk/result.hpp"

namespace ocean::sdk {

inline Result no_module_init(const HostServices&) { return Result::success(); }
inline void no_module_deinit() {}

namespace detail {

enum class State : int { created, configured, started };

inline const char* state_name(State s) noexcept {
  switch (s) {
    case State::created: return "CREATED";
    case State::configured: return "CONFIGURED";
    case State::started: return "STARTED";
  }
  return "UNKNOWN";
}

inline bool is_known_status(ocean_status_t s) noexcept { return s >= OCEAN_OK && s <= OCEAN_INTERNAL; }

// NULL, malformed or non-object JSON is the host's mistake: OCEAN_INVALID_ARGUMENT. On success
// `out` holds the object (callers that only check pass a scratch value).
inline Result parse_json_object(std::string_view json, std::string_view what, boost::json::object& out) {
  boost::json::parse_options options;
  options.max_depth = 64;
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(json, ec, {}, options);
  if (ec) return Result::invalid_argument(std::string(what) + " is not valid JSON: " + ec.message());
  if (!parsed.is_object()) return Result::invalid_argument(std::string(what) + " must be a JSON object");
  out = std::move(parsed.get_object());
  return Result::success();
}

inline Result check_json_object(std::string_view json, std::string_view what) {
  boost::json::object scratch;
  return parse_json_object(json, what, scratch);
}

inline Result check_payload_size(std::size_t size, std::string_view what) {
  if (size <= OCEAN_MAX_PAYLOAD_BYTES) return Result::success();
  return Result::invalid_argument(std::string(what) + " is " + std::to_string(size) +
                                  " bytes; the limit is OCEAN_MAX_PAYLOAD_BYTES (" +
                                  std::to_string(OCEAN_MAX_PAYLOAD_BYTES) + ")");
}

// Output buffers come from malloc so that free_buffer can release them after the instance is gone.
inline void fill_buffer(ocean_buffer* out, const std::string& text) {
  if (text.empty()) return;
  char* data = static_cast<char*>(std::malloc(text.size() + 1));
  if (data == nullptr) throw std::bad_alloc();
  std::memcpy(data, text.data(), text.size());
  data[text.size()] = '\0';
  out->data = data;
  out->size = text.size();
}

inline Result wrong_state(State state, const char* allowed) {
  return Result::failure(OCEAN_INVALID_STATE,
                         std::string("allowed in ") + allowed + " only; the instance is " + state_name(state));
}

template <class Traits>
class Glue {
 public:
  static ocean_status_t entry(ocean_negotiation_v1* negotiation, const ocean_plugin_v1** out) noexcept {
    try {
      if (out != nullptr) *out = nullptr;
      if (negotiation == nullptr || out == nullptr) return OCEAN_INVALID_ARGUMENT;
      if (negotiation->struct_size < sizeof(ocean_negotiation_v1)) return OCEAN_INVALID_ARGUMENT;
      negotiation->plugin_abi_major = OCEAN_ABI_MAJOR;
      negotiation->plugin_abi_minor = OCEAN_ABI_MINOR;
      if (negotiation->host_abi_major != OCEAN_ABI_MAJOR) {
        negotiation->abi_minor = 0;
        return OCEAN_UNSUPPORTED;
      }
      negotiation->abi_minor = std::min<std::uint32_t>(negotiation->host_abi_minor, OCEAN_ABI_MINOR);
      // A descriptor that contradicts itself would make every later check meaningless.
      static const bool descriptor_ok = descriptor_problem(Traits::descriptor()).empty();
      if (!descriptor_ok) return OCEAN_INTERNAL;
      *out = &table();
      return OCEAN_OK;
    } catch (...) {
      return OCEAN_INTERNAL;
    }
  }

 private:
  static constexpr std::uint64_t kMagic = 0x6f6365616e2d7631ull;  // "ocean-v1"

  struct Record {
    Record(std::string account_id, const ocean_host_services_v1* services)
        : context(std::move(account_id), HostServices(services), &module_host_, Traits::descriptor()) {}
    std::uint64_t magic = kMagic;
    const void* owner = &owner_tag_;  // tells our handles from another plugin's
    InstanceContext context;
    std::unique_ptr<Instance> instance;  // declared after context: destroyed first
    std::atomic<State> state{State::created};
    ErrorSlot error;
  };

  static const ocean_plugin_v1& table() noexcept {
    static const ocean_plugin_v1 t = {sizeof(ocean_plugin_v1),
                                      &Traits::descriptor(),
                                      &init,
                                      &deinit,
                                      &create,
                                      &destroy,
                                      &configure,
                                      &start,
                                      &stop,
                                      &set_feature,
                                      &invoke,
                                      &tick,
                                      &handle_webhook,
                                      &free_buffer,
                                      &last_error,
                                      &get_feature};
    return t;
  }

  static Record* record_of(const ocean_instance* handle) noexcept {
    if (handle == nullptr) return nullptr;
    auto* record = reinterpret_cast<Record*>(const_cast<ocean_instance*>(handle));
    if (record->magic != kMagic || record->owner != &owner_tag_) return nullptr;
    return record;
  }

  // Runs `body` for one instance call and turns its Result, or any exception, into the call's
  // outcome (an exception is OCEAN_INTERNAL).
  template <class Body>
  static CallOutcome run(Record& record, const char* call, Body&& body) noexcept {
    try {
      Result result = body(record);
      if (!is_known_status(result.status))
        return CallOutcome(OCEAN_INTERNAL, 0, {call, ": plugin returned an unknown status"});
      if (result.ok()) return CallOutcome();
      if (result.message.empty())
        return CallOutcome(result.status, result.retry_after_ms, {call, ": ", ocean_status_name(result.status)});
      return CallOutcome(result.status, result.retry_after_ms, {call, ": ", result.message});
    } catch (const std::bad_alloc&) {
      return CallOutcome(OCEAN_INTERNAL, 0, {call, ": out of memory"});
    } catch (const std::exception& e) {
      return CallOutcome(OCEAN_INTERNAL, 0, {call, ": internal error: ", e.what()});
    } catch (...) {
      return CallOutcome(OCEAN_INTERNAL, 0, {call, ": internal error (non-standard exception)"});
    }
  }

  // An instance call other than handle_webhook: its outcome becomes the instance's last_error.
  template <class Body>
  static ocean_status_t guarded(ocean_instance* handle, const char* call, Body&& body) noexcept {
    Record* record = record_of(handle);
    if (record == nullptr) return OCEAN_INVALID_ARGUMENT;
    const CallOutcome outcome = run(*record, call, body);
    record->error.record(outcome);
    return outcome.status();
  }

  // ---- module -------------------------------------------------------------------------------

  static ocean_status_t init(const ocean_host_services_v1* host) noexcept {
    try {
      if (init_count_ == 0) {
        module_host_ = HostServices(host);
        Result result = Traits::module_init(module_host_);
        if (!result.ok()) {
          module_host_.error("plugin init failed: " + result.message);
          module_host_ = HostServices();
          return is_known_status(result.status) ? result.status : OCEAN_INTERNAL;
        }
      }
      ++init_count_;
      return OCEAN_OK;
    } catch (...) {
      if (init_count_ == 0) module_host_ = HostServices();
      return OCEAN_INTERNAL;
    }
  }

  static void deinit() noexcept {
    if (init_count_ == 0) return;  // unbalanced deinit: nothing to undo
    if (--init_count_ > 0) return;
    try {
      if (live_instances_.load() > 0) module_host_.warn("last deinit while instances are alive");
      Traits::module_deinit();
    } catch (...) {
      // Nothing can be reported from here; the module is released regardless.
    }
    module_host_ = HostServices();
  }

  static ocean_status_t create(const ocean_instance_params_v1* params, ocean_instance** out) noexcept {
    try {
      if (out != nullptr) *out = nullptr;
      if (params == nullptr || out == nullptr) return OCEAN_INVALID_ARGUMENT;
      if (params->struct_size < sizeof(ocean_instance_params_v1) || params->account_id == nullptr)
        return OCEAN_INVALID_ARGUMENT;
      if (init_count_ == 0) return OCEAN_INVALID_STATE;
      auto record = std::make_unique<Record>(params->account_id, params->services);
      record->instance = Traits::create(record->context);
      if (!record->instance) return OCEAN_INTERNAL;
      ++live_instances_;
      *out = reinterpret_cast<ocean_instance*>(record.release());
      return OCEAN_OK;
    } catch (const std::exception& e) {
      try {
        module_host_.error(std::string("create failed: ") + e.what());
      } catch (...) {
      }
      return OCEAN_INTERNAL;
    } catch (...) {
      return OCEAN_INTERNAL;
    }
  }

  static void destroy(ocean_instance* handle) noexcept {
    Record* record = record_of(handle);
    if (record == nullptr) return;
    if (record->state.exchange(State::configured) == State::started) {
      try {
        (void)record->instance->stop();
      } catch (...) {
        // destroy cannot fail; the instance goes away regardless.
      }
    }
    record->magic = 0;  // makes a later use of this handle detectable more often than not
    delete record;
    --live_instances_;
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  static ocean_status_t configure(ocean_instance* handle, const char* json, std::size_t len) noexcept {
    return guarded(handle, "configure", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state == State::started) return wrong_state(state, "CREATED|CONFIGURED");
      if (json == nullptr) return Result::invalid_argument("config_json is NULL");
      if (Result size = check_payload_size(len, "the configuration"); !size.ok()) return size;
      // Parsed here, once: the plugin's hook receives the object.
      boost::json::object config;
      if (Result valid = parse_json_object(std::string_view(json, len), "the configuration", config); !valid.ok())
        return valid;
      Result result = r.instance->configure(config);
      if (result.ok()) r.state.store(State::configured);
      return result;
    });
  }

  static ocean_status_t start(ocean_instance* handle) noexcept {
    return guarded(handle, "start", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state != State::configured) return wrong_state(state, "CONFIGURED");
      Result result = r.instance->start();
      if (result.ok()) r.state.store(State::started);
      return result;
    });
  }

  static ocean_status_t stop(ocean_instance* handle) noexcept {
    return guarded(handle, "stop", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state != State::started) return wrong_state(state, "STARTED");
      // CONFIGURED before the hook runs: whatever stop reports, the instance is no longer
      // running, and webhooks arriving meanwhile are refused.
      r.state.store(State::configured);
      return r.instance->stop();
    });
  }

  static ocean_status_t set_feature(ocean_instance* handle, const char* feature, std::size_t len,
                                    std::int32_t enabled) noexcept {
    return guarded(handle, "set_feature", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state == State::created) return wrong_state(state, "CONFIGURED|STARTED");
      if (feature == nullptr) return Result::invalid_argument("feature_id is NULL");
      if (enabled != 0 && enabled != 1) return Result::invalid_argument("enabled must be 0 or 1");
      const std::string_view id(feature, len);
      if (id == kCoreFeature) return Result::invalid_argument("feature \"core\" is always on");
      if (!r.context.features().declared(id))
        return Result::unsupported("feature not declared by this plugin: " + std::string(id.substr(0, 128)));
      Result veto = r.instance->set_feature(id, enabled == 1);
      if (!veto.ok()) return veto;
      return r.context.features().set(id, enabled == 1);
    });
  }

  // ---- work ---------------------------------------------------------------------------------

  static ocean_status_t invoke(ocean_instance* handle, const char* capability, std::size_t capability_len,
                               const char* request, std::size_t request_len, ocean_buffer* out) noexcept {
    if (out != nullptr) *out = ocean_buffer{nullptr, 0};
    return guarded(handle, "invoke", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state != State::started) return wrong_state(state, "STARTED");
      if (out == nullptr) return Result::invalid_argument("out is NULL");
      if (capability == nullptr) return Result::invalid_argument("capability is NULL");
      if (request == nullptr) return Result::invalid_argument("request_json is NULL");
      if (Result size = check_payload_size(request_len, "the request"); !size.ok()) return size;
      const std::string_view text(request, request_len);
      if (Result valid = check_json_object(text, "the request"); !valid.ok()) return valid;
      const std::string_view cap(capability, capability_len);
      const auto feature = r.context.features().feature_of(cap);
      if (!feature) {
        std::string message =
            std::string(Traits::descriptor().id) + " does not declare capability: " + std::string(cap.substr(0, 128));
        if (std::string hint = r.instance->undeclared_capability_hint(cap); !hint.empty()) message += ". " + hint;
        return Result::unsupported(std::move(message));
      }
      if (!r.context.features().enabled(*feature))
        return Result::failure(OCEAN_FEATURE_DISABLED, "capability " + std::string(cap) + " belongs to feature " +
                                                           std::string(*feature) +
                                                           ", which is switched off for this instance");
      std::string response;
      Result result = r.instance->invoke(cap, text, response);
      if (result.ok() && response.empty())
        return Result::internal("capability " + std::string(cap) + " returned OK without a response");
      fill_buffer(out, response);
      return result;
    });
  }

  static ocean_status_t tick(ocean_instance* handle, std::int64_t now_ms) noexcept {
    return guarded(handle, "tick", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state != State::started) return wrong_state(state, "STARTED");
      return r.instance->tick(now_ms);
    });
  }

  static ocean_status_t handle_webhook(ocean_instance* handle, const ocean_webhook_v1* webhook,
                                       ocean_buffer* out) noexcept {
    if (out != nullptr) *out = ocean_buffer{nullptr, 0};
    Record* record = record_of(handle);
    if (record == nullptr) return OCEAN_INVALID_ARGUMENT;
    // Never last_error: invoke/tick may be running beside this call, and their caller reads its
    // own outcome there (ocean_plugin.h). The answer in `*out` carries this call's detail.
    const CallOutcome outcome = run(*record, "handle_webhook", [&](Record& r) -> Result {
      const State state = r.state.load();
      if (state != State::started) return wrong_state(state, "STARTED");
      if (out == nullptr) return Result::invalid_argument("out is NULL");
      if (webhook == nullptr) return Result::invalid_argument("webhook is NULL");
      if (webhook->struct_size < sizeof(ocean_webhook_v1))
        return Result::invalid_argument("webhook struct_size is smaller than ocean_webhook_v1");
      if (webhook->headers == nullptr && webhook->headers_len > 0)
        return Result::invalid_argument("webhook headers are NULL");
      if (webhook->body == nullptr && webhook->body_len > 0) return Result::invalid_argument("webhook body is NULL");
      if (webhook->headers_len > OCEAN_MAX_PAYLOAD_BYTES ||
          webhook->body_len > OCEAN_MAX_PAYLOAD_BYTES - webhook->headers_len)
        return Result::invalid_argument("the webhook (headers + body) is larger than OCEAN_MAX_PAYLOAD_BYTES (" +
                                        std::to_string(OCEAN_MAX_PAYLOAD_BYTES) + ")");
      const std::string_view headers =
          webhook->headers_len ? std::string_view(webhook->headers, webhook->headers_len) : std::string_view();
      const std::string_view body =
          webhook->body_len ? std::string_view(webhook->body, webhook->body_len) : std::string_view();
      std::string response;
      Result result = r.instance->handle_webhook(headers, body, webhook->received_at_ms, response);
      if (result.ok() && response.empty()) return Result::internal("handle_webhook returned OK without a response");
      fill_buffer(out, response);
      return result;
    });
    if (outcome.status() != OCEAN_OK) write_webhook_failure(out, outcome);
    return outcome.status();
  }

  // ---- buffers and errors -------------------------------------------------------------------

  static void free_buffer(ocean_buffer* buffer) noexcept {
    if (buffer == nullptr) return;
    std::free(buffer->data);
    buffer->data = nullptr;
    buffer->size = 0;
  }

  static ocean_status_t last_error(const ocean_instance* handle, ocean_error_info_v1* out) noexcept {
    Record* record = record_of(handle);
    if (record == nullptr || out == nullptr || out->struct_size < sizeof(ocean_error_info_v1))
      return OCEAN_INVALID_ARGUMENT;
    record->error.report(*out);
    return OCEAN_OK;
  }

  // A pure query from any thread: the feature states are atomics, and last_error is not touched
  // (an invoke/tick caller on another thread may be about to read it).
  static ocean_status_t get_feature(const ocean_instance* handle, const char* feature, std::size_t len,
                                    std::int32_t* enabled) noexcept {
    Record* record = record_of(handle);
    if (record == nullptr || feature == nullptr || enabled == nullptr) return OCEAN_INVALID_ARGUMENT;
    if (record->state.load() == State::created) return OCEAN_INVALID_STATE;
    const std::string_view id(feature, len);
    const FeatureSet& features = record->context.features();
    if (id != kCoreFeature && !features.declared(id)) return OCEAN_UNSUPPORTED;
    *enabled = features.enabled(id) ? 1 : 0;
    return OCEAN_OK;
  }

  // [module] calls are never concurrent, so a plain counter suffices for init/deinit.
  static inline int init_count_ = 0;
  static inline HostServices module_host_{};
  static inline std::atomic<long> live_instances_{0};
  static inline const char owner_tag_ = 0;
};

}  // namespace detail
}  // namespace ocean::sdk

#endif  // OCEAN_SDK_GLUE_HPP
