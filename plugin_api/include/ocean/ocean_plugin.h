/*
 * ocean_plugin.h: the marketplace plugin ABI, version 1.
 *
 * Pure C99, <stddef.h> and <stdint.h> only. An ERP host loads a marketplace plugin (a shared
 * library) and drives it through this header alone; no C++ type, Boost type or exception ever
 * crosses it. See docs/PLUGIN_ABI.md for the walk-through and minimal examples.
 *
 * Rules that hold everywhere:
 *
 *  - ONE exported symbol. A plugin exports exactly `ocean_plugin_entry` (OCEAN_PLUGIN_ENTRY_SYMBOL).
 *    Everything else is reached through the function table it returns.
 *
 *  - SIZE-PREFIXED, APPEND-ONLY STRUCTS. Every struct that crosses the boundary starts with
 *    `uint32_t struct_size`, set by the side that fills it to sizeof() as it was compiled. Fields
 *    are only ever added at the end. A reader must check `struct_size` covers a field before
 *    reading it (OCEAN_HAS_FIELD); a field past the end reads as absent (NULL / 0).
 *
 *  - BUFFERS ARE POINTER + LENGTH. Text is UTF-8 and need not be NUL-terminated unless a field
 *    says so. Input buffers are owned by the caller and valid only for the duration of the call.
 *    Output buffers (ocean_buffer) are allocated by the plugin and released ONLY through the
 *    plugin's `free_buffer`: the side that allocates frees.
 *
 *  - PAYLOADS ARE JSON. Requests, responses, configuration and events are UTF-8 JSON objects.
 *    Responses and events carry a "schema" tag such as "order.v1" (plugin_api/schemas/).
 *    Any payload larger than OCEAN_MAX_PAYLOAD_BYTES is refused with OCEAN_INVALID_ARGUMENT.
 *
 *  - STATUS, THEN DETAIL. Every fallible call returns an ocean_status. Human-readable detail (and
 *    a retry-after for OCEAN_RATE_LIMITED) is read afterwards with `last_error`, except for
 *    `handle_webhook`, whose detail is in its webhook_result (see there). Secrets never appear in
 *    error messages or logs.
 *
 *  - NO EXCEPTION ESCAPES. Every entry point of a conforming plugin catches everything and maps it
 *    to OCEAN_INTERNAL. Host callbacks must not throw or longjmp either.
 *
 *  - TIME COMES FROM THE HOST. The plugin reads the host clock services and does scheduled work
 *    only inside `tick`; it owns no thread that outlives `stop`.
 *
 * Thread and state tags used below (after CLAP):
 *   [any-thread]        may be called from any thread, concurrently with anything.
 *   [module]            never concurrent with any other call into the library.
 *   [instance]          calls on one instance are serialized by the host; different instances
 *                       may be called concurrently from different threads.
 *   [state: A|B]        the instance must be in one of these states, else OCEAN_INVALID_STATE
 *                       (the call changes nothing and never crashes).
 *
 * Instance state machine:
 *
 *     create --> CREATED --configure--> CONFIGURED --start--> STARTED
 *                             ^   |  configure (again)          |
 *                             |   +-----------------------------+ stop (back to CONFIGURED)
 *     destroy is accepted in every state (it stops a STARTED instance first).
 *     set_feature:      CONFIGURED | STARTED
 *     invoke, tick:     STARTED
 *     handle_webhook:   STARTED
 */
#ifndef OCEAN_PLUGIN_H
#define OCEAN_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------------- */
/* Versions                                                                                    */
/* ------------------------------------------------------------------------------------------- */

/* A host and a plugin work together when their majors are equal; they then run at the lower of
 * their two minors. A minor bump only appends fields or table entries. */
#define OCEAN_ABI_MAJOR 1u
#define OCEAN_ABI_MINOR 1u

#define OCEAN_PLUGIN_ENTRY_SYMBOL "ocean_plugin_entry"

/* Largest JSON payload (request, config, webhook body) either side accepts: 16 MiB. */
#define OCEAN_MAX_PAYLOAD_BYTES ((size_t)16u * 1024u * 1024u)

/* True when a struct filled by the other side is large enough to contain `field`. */
#define OCEAN_HAS_FIELD(ptr, type, field) \
  ((ptr) != NULL && (size_t)(ptr)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

#if defined(_WIN32)
#define OCEAN_EXPORT __declspec(dllexport)
#else
#define OCEAN_EXPORT __attribute__((visibility("default")))
#endif

/* ------------------------------------------------------------------------------------------- */
/* Status                                                                                      */
/* ------------------------------------------------------------------------------------------- */

/* A closed set: the host can act on every value without knowing the marketplace. Transported as
 * int32_t (ocean_status_t) so the enum's size never matters. New values are never added within
 * major version 1; a host seeing an unknown value treats it as OCEAN_INTERNAL. */
typedef enum ocean_status {
  OCEAN_OK = 0,
  OCEAN_RETRY = 1,            /* transient (network, 5xx, overload): try again later          */
  OCEAN_RATE_LIMITED = 2,     /* throttled; last_error.retry_after_ms says when to retry       */
  OCEAN_AUTH_REQUIRED = 3,    /* credentials missing, expired or revoked: the seller must act  */
  OCEAN_INVALID_CONFIG = 4,   /* the configuration is wrong; last_error names the field        */
  OCEAN_INVALID_ARGUMENT = 5, /* NULL pointer, malformed or oversized JSON, bad request field  */
  OCEAN_FEATURE_DISABLED = 6, /* the capability's feature is switched off for this instance    */
  OCEAN_UNSUPPORTED = 7,      /* not provided by this plugin (or version)                      */
  OCEAN_INVALID_STATE = 8,    /* call not allowed in the instance's current state              */
  OCEAN_NOT_FOUND = 9,        /* the addressed object does not exist                           */
  OCEAN_PERMANENT = 10,       /* the marketplace refused for good; retrying will not help      */
  OCEAN_INTERNAL = 11         /* a bug or resource failure inside the plugin                   */
} ocean_status;
typedef int32_t ocean_status_t;

/* ------------------------------------------------------------------------------------------- */
/* Buffers                                                                                     */
/* ------------------------------------------------------------------------------------------- */

/* Output owned by the plugin. The host releases it with ocean_plugin_v1.free_buffer, exactly
 * once, and may do so after the instance that produced it is destroyed (but before the library
 * is unloaded). An empty buffer is {NULL, 0}; freeing it is a no-op. `data` is NUL-terminated
 * for convenience; `size` excludes the terminator. */
typedef struct ocean_buffer {
  char* data;
  size_t size;
} ocean_buffer;

/* ------------------------------------------------------------------------------------------- */
/* Host services                                                                               */
/* ------------------------------------------------------------------------------------------- */

typedef enum ocean_log_level {
  OCEAN_LOG_TRACE = 0,
  OCEAN_LOG_DEBUG = 1,
  OCEAN_LOG_INFO = 2,
  OCEAN_LOG_WARN = 3,
  OCEAN_LOG_ERROR = 4
} ocean_log_level;

/* Services the host lends the plugin. One table for the module (passed to `init`) and one per
 * instance (in ocean_instance_params_v1), each with its own `host_ctx` so the host knows which
 * account is speaking. EVERY function pointer may be NULL; the plugin checks before calling and
 * falls back to a sensible default (no log, system clock, no secrets, no events).
 * All services are [any-thread]; the table and host_ctx stay valid until `deinit` (module table)
 * or `destroy` (instance table). None of them may throw. */
typedef struct ocean_host_services_v1 {
  uint32_t struct_size;
  void* host_ctx;

  /* One log line; `message` is not NUL-terminated. The plugin never passes secrets here. */
  void (*log)(void* host_ctx, int32_t level, const char* message, size_t message_len);

  /* Wall clock, Unix epoch milliseconds. Hosts and tests may move it. */
  int64_t (*wall_clock_ms)(void* host_ctx);

  /* Monotonic clock, nanoseconds from an arbitrary origin; never goes backwards. */
  int64_t (*monotonic_ns)(void* host_ctx);

  /* Secret lookup by name (e.g. "store_key"). Two-call idiom: writes up to `capacity` bytes into
   * `out` (which may be NULL when capacity is 0) and always sets *needed to the full length.
   * Returns OCEAN_OK, OCEAN_NOT_FOUND, or OCEAN_INVALID_ARGUMENT. */
  ocean_status_t (*get_secret)(void* host_ctx, const char* name, size_t name_len, char* out, size_t capacity,
                               size_t* needed);

  /* Directory where this instance (or the module) may keep files; NUL-terminated, host-owned,
   * valid as long as the table. Returns NULL when the host gives no storage. */
  const char* (*data_dir)(void* host_ctx);

  /* An event for the host (order imported, stock pushed, needs re-auth, ...): a JSON object with
   * "schema": "event.v1". The host copies what it keeps before returning. */
  void (*emit_event)(void* host_ctx, const char* json, size_t json_len);
} ocean_host_services_v1;

/* ------------------------------------------------------------------------------------------- */
/* Self-description                                                                            */
/* ------------------------------------------------------------------------------------------- */

/* Static data owned by the plugin, valid until the library is unloaded. Strings are
 * NUL-terminated UTF-8. The host compares it with the plugin's manifest after negotiation and
 * refuses the plugin when they differ. */
typedef struct ocean_plugin_descriptor_v1 {
  uint32_t struct_size;
  const char* id;   /* stable, e.g. "tiktok_shop"; equals the manifest's "id"        */
  const char* name; /* display name                                                  */
  const char* vendor;
  const char* version;     /* the plugin's own semantic version                             */
  const char* marketplace; /* e.g. "tiktok_shop", "shopee", "tokopedia"                     */

  /* Feature ids (e.g. "order_fulfillment") with their default on/off (1/0). */
  const char* const* feature_ids;
  const uint8_t* feature_defaults;
  size_t feature_count;

  /* Capability ids (e.g. "orders.search") and, at the same index, the feature each belongs to.
   * A capability whose feature is "core" cannot be switched off (account and sync plumbing). */
  const char* const* capability_ids;
  const char* const* capability_features;
  size_t capability_count;
} ocean_plugin_descriptor_v1;

/* ------------------------------------------------------------------------------------------- */
/* Instances                                                                                   */
/* ------------------------------------------------------------------------------------------- */

/* One opaque instance per shop account. */
typedef struct ocean_instance ocean_instance;

typedef struct ocean_instance_params_v1 {
  uint32_t struct_size;
  const char* account_id;                 /* host's id for this account; NUL-terminated, copied by the plugin */
  const ocean_host_services_v1* services; /* instance-scoped services; may be NULL            */
} ocean_instance_params_v1;

/* Details of the last call on an instance other than handle_webhook (see `last_error`).
 * `message` is NUL-terminated, owned by the instance and valid until the next call on it. */
typedef struct ocean_error_info_v1 {
  uint32_t struct_size;
  ocean_status_t status;  /* status of the last call (OCEAN_OK after a success)            */
  int64_t retry_after_ms; /* > 0 with OCEAN_RATE_LIMITED / OCEAN_RETRY when known; else 0  */
  const char* message;    /* "" when there is nothing to say                               */
} ocean_error_info_v1;

/* A webhook delivery exactly as it arrived; the plugin verifies signatures over these bytes. */
typedef struct ocean_webhook_v1 {
  uint32_t struct_size;
  const char* headers; /* raw header block, "Name: value\r\n" lines                     */
  size_t headers_len;
  const char* body; /* raw body bytes, not re-serialized                             */
  size_t body_len;
  int64_t received_at_ms; /* host wall clock at arrival                                    */
} ocean_webhook_v1;

/* ------------------------------------------------------------------------------------------- */
/* The function table                                                                          */
/* ------------------------------------------------------------------------------------------- */

typedef struct ocean_plugin_v1 {
  uint32_t struct_size;
  const ocean_plugin_descriptor_v1* descriptor;

  /* [module] Module setup, reference-counted: the n-th init needs n deinits. `host` may be NULL
   * and is kept until the last deinit. Must be fast; no network. */
  ocean_status_t (*init)(const ocean_host_services_v1* host);

  /* [module] Undoes one init. Every instance must be destroyed before the last deinit. */
  void (*deinit)(void);

  /* [module-or-instance: not concurrent with init/deinit] Creates an instance in state CREATED.
   * Returns OCEAN_INVALID_ARGUMENT for NULL/short params, OCEAN_INVALID_STATE before init. */
  ocean_status_t (*create)(const ocean_instance_params_v1* params, ocean_instance** out);

  /* [instance] Stops (if STARTED) and frees the instance. NULL is a no-op. Buffers it returned
   * earlier stay valid until freed. */
  void (*destroy)(ocean_instance* instance);

  /* [instance][state: CREATED|CONFIGURED] Validates and applies a JSON configuration (schema in
   * the plugin's manifest). On failure the previous configuration is kept and last_error names
   * the offending field (OCEAN_INVALID_CONFIG), or OCEAN_INVALID_ARGUMENT for malformed JSON. */
  ocean_status_t (*configure)(ocean_instance* instance, const char* config_json, size_t config_len);

  /* [instance][state: CONFIGURED] Opens storage and becomes STARTED. No network call. */
  ocean_status_t (*start)(ocean_instance* instance);

  /* [instance][state: STARTED] Finishes in-flight work, releases resources; back to CONFIGURED. */
  ocean_status_t (*stop)(ocean_instance* instance);

  /* [instance][state: CONFIGURED|STARTED] Switches a feature on (1) or off (0). Takes effect on
   * the next call. OCEAN_UNSUPPORTED for a feature the descriptor does not declare;
   * OCEAN_INVALID_ARGUMENT for "core". */
  ocean_status_t (*set_feature)(ocean_instance* instance, const char* feature_id, size_t feature_len, int32_t enabled);

  /* [instance][state: STARTED] Runs a capability with a JSON request object. On OCEAN_OK `*out`
   * holds the JSON response; on failure `*out` is {NULL, 0} or a JSON error object. May block on
   * network I/O. OCEAN_UNSUPPORTED for an undeclared capability, OCEAN_FEATURE_DISABLED when its
   * feature is off. */
  ocean_status_t (*invoke)(ocean_instance* instance, const char* capability, size_t capability_len,
                           const char* request_json, size_t request_len, ocean_buffer* out);

  /* [instance][state: STARTED] Lets the plugin do whatever is due at `now_ms` (host wall clock):
   * auto-sync, token refresh, outbox retries, applying stored webhooks. The plugin decides what is
   * due; calling it often is cheap. */
  ocean_status_t (*tick)(ocean_instance* instance, int64_t now_ms);

  /* [state: STARTED][thread: may run concurrently with invoke/tick on the SAME instance, so a long
   * sync never blocks webhook intake; never concurrent with configure/start/stop/destroy]
   * Verifies, stores and acknowledges one webhook delivery. `*out` receives a JSON object
   * {"schema":"webhook_result.v1","http_status":N,...} telling the host what to answer: 200 when
   * accepted (including a duplicate), 401 when the signature is wrong (OCEAN_INVALID_ARGUMENT).
   * NEVER WRITES last_error. Because this call may overlap an invoke/tick on the same instance, a
   * shared last_error slot would let the webhook's outcome replace the one the invoke/tick caller
   * is about to read. So the outcome of handle_webhook travels only in its own return value and
   * `*out`: whenever `out` is not NULL and the call fails, `*out` holds a webhook_result with
   * "http_status", "accepted":false, "status" (the status name) and "message" (the detail; never a
   * secret), unless memory ran out (then {NULL, 0}). A host must not read last_error for it. */
  ocean_status_t (*handle_webhook)(ocean_instance* instance, const ocean_webhook_v1* webhook, ocean_buffer* out);

  /* [any-thread] Releases a buffer this plugin returned; resets it to {NULL, 0}. */
  void (*free_buffer)(ocean_buffer* buffer);

  /* [instance] Fills `out` (caller sets out->struct_size) with details of the last call on this
   * instance among configure, start, stop, set_feature, invoke and tick: those are serialized, so
   * it is always the outcome of the caller's own last call, even while handle_webhook runs on
   * another thread (handle_webhook never writes it). Returns OCEAN_INVALID_ARGUMENT for NULL
   * arguments. */
  ocean_status_t (*last_error)(const ocean_instance* instance, ocean_error_info_v1* out);

  /* ---- ABI 1.1 (read only when OCEAN_HAS_FIELD says so and the negotiated minor is >= 1) ---- */

  /* [instance][state: CONFIGURED|STARTED][thread: any, like handle_webhook; never concurrent with
   * destroy] Writes the feature's current state to `*enabled` (1 on, 0 off): the descriptor's
   * default, then what the configuration switched, then set_feature. The plugin is the one place
   * that applies its configuration, so a host shows what this answers rather than re-deriving it.
   * "core" is always 1. OCEAN_UNSUPPORTED for an undeclared feature, OCEAN_INVALID_STATE before
   * configure, OCEAN_INVALID_ARGUMENT for NULL arguments. A pure query: NEVER WRITES last_error. */
  ocean_status_t (*get_feature)(const ocean_instance* instance, const char* feature_id, size_t feature_len,
                                int32_t* enabled);
} ocean_plugin_v1;

/* ------------------------------------------------------------------------------------------- */
/* Entry point                                                                                 */
/* ------------------------------------------------------------------------------------------- */

/* Filled by the host before the call; the plugin writes the negotiated version back. */
typedef struct ocean_negotiation_v1 {
  uint32_t struct_size;
  uint32_t host_abi_major;   /* in:  the host's OCEAN_ABI_MAJOR                               */
  uint32_t host_abi_minor;   /* in:  the host's OCEAN_ABI_MINOR                               */
  uint32_t plugin_abi_major; /* out: the plugin's OCEAN_ABI_MAJOR (always written)             */
  uint32_t plugin_abi_minor; /* out: the plugin's OCEAN_ABI_MINOR (always written)             */
  uint32_t abi_minor;        /* out: the minor both run at, min(host, plugin)                  */
} ocean_negotiation_v1;

/* The one exported symbol. [module] Writes the plugin's version into `negotiation`; when the
 * majors match it sets `*out` to the plugin's static function table and returns OCEAN_OK.
 * Different majors: OCEAN_UNSUPPORTED and `*out` = NULL. NULL arguments or a struct_size smaller
 * than version 1's: OCEAN_INVALID_ARGUMENT. Calling it does not init the module. */
typedef ocean_status_t (*ocean_plugin_entry_fn)(ocean_negotiation_v1* negotiation, const ocean_plugin_v1** out);

OCEAN_EXPORT ocean_status_t ocean_plugin_entry(ocean_negotiation_v1* negotiation, const ocean_plugin_v1** out);

/* Name of a status, for logs and messages ("OK", "RATE_LIMITED", ...). Inline so it is not an
 * exported symbol. Unknown values give "UNKNOWN". */
static inline const char* ocean_status_name(ocean_status_t status) {
  switch (status) {
    case OCEAN_OK: return "OK";
    case OCEAN_RETRY: return "RETRY";
    case OCEAN_RATE_LIMITED: return "RATE_LIMITED";
    case OCEAN_AUTH_REQUIRED: return "AUTH_REQUIRED";
    case OCEAN_INVALID_CONFIG: return "INVALID_CONFIG";
    case OCEAN_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case OCEAN_FEATURE_DISABLED: return "FEATURE_DISABLED";
    case OCEAN_UNSUPPORTED: return "UNSUPPORTED";
    case OCEAN_INVALID_STATE: return "INVALID_STATE";
    case OCEAN_NOT_FOUND: return "NOT_FOUND";
    case OCEAN_PERMANENT: return "PERMANENT";
    case OCEAN_INTERNAL: return "INTERNAL";
    default: return "UNKNOWN";
  }
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* OCEAN_PLUGIN_H */
