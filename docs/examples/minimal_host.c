/* The smallest complete host, in plain C99 (docs/PLUGIN_ABI.md, "Writing a host").
 *
 *   minimal_host <plugin.so> [name]
 *
 * Loads the plugin with dlopen, finds its one exported symbol, negotiates the ABI version,
 * initialises the module, creates one instance, configures, starts, invokes "greeting.hello",
 * prints the JSON answer, frees it with the plugin's free_buffer, then stops, destroys, deinits
 * and unloads. A real host also reads the plugin's manifest BEFORE dlopen (see manifests/). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ocean/ocean_plugin.h"

/* Host services. Any entry may be NULL; the plugin then falls back to its own defaults. */
static void host_log(void* ctx, int32_t level, const char* message, size_t len) {
  (void)ctx;
  fprintf(stderr, "[plugin log %d] %.*s\n", (int)level, (int)len, message);
}

static int64_t host_wall_clock_ms(void* ctx) {
  (void)ctx;
  return (int64_t)time(NULL) * 1000;
}

/* Prints why the last call on `instance` failed. */
static int fail(const ocean_plugin_v1* api, const ocean_instance* instance, const char* what, ocean_status_t status) {
  ocean_error_info_v1 info;
  memset(&info, 0, sizeof info);
  info.struct_size = sizeof info;
  if (instance != NULL && api->last_error(instance, &info) == OCEAN_OK)
    fprintf(stderr, "%s failed: %s: %s\n", what, ocean_status_name(status), info.message);
  else
    fprintf(stderr, "%s failed: %s\n", what, ocean_status_name(status));
  return 1;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s <plugin.so> [name]\n", argv[0]);
    return 2;
  }
  const char* name = argc > 2 ? argv[2] : "ERP";

  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  /* dlsym returns an object pointer; POSIX guarantees it converts to a function pointer, and
   * memcpy does so without a cast ISO C frowns upon. */
  void* symbol = dlsym(library, OCEAN_PLUGIN_ENTRY_SYMBOL);
  ocean_plugin_entry_fn entry;
  if (symbol == NULL) {
    fprintf(stderr, "%s does not export %s\n", argv[1], OCEAN_PLUGIN_ENTRY_SYMBOL);
    dlclose(library);
    return 1;
  }
  memcpy(&entry, &symbol, sizeof entry);

  /* 1. Negotiate: the majors must match; both then run at the lower minor. */
  ocean_negotiation_v1 negotiation;
  memset(&negotiation, 0, sizeof negotiation);
  negotiation.struct_size = sizeof negotiation;
  negotiation.host_abi_major = OCEAN_ABI_MAJOR;
  negotiation.host_abi_minor = OCEAN_ABI_MINOR;
  const ocean_plugin_v1* api = NULL;
  ocean_status_t status = entry(&negotiation, &api);
  if (status != OCEAN_OK) {
    fprintf(stderr, "negotiation refused (%s): plugin ABI %u.%u, host %u.%u\n", ocean_status_name(status),
            (unsigned)negotiation.plugin_abi_major, (unsigned)negotiation.plugin_abi_minor, OCEAN_ABI_MAJOR,
            OCEAN_ABI_MINOR);
    dlclose(library);
    return 1;
  }
  printf("loaded %s %s (%s) at ABI %u.%u\n", api->descriptor->name, api->descriptor->version, api->descriptor->id,
         (unsigned)OCEAN_ABI_MAJOR, (unsigned)negotiation.abi_minor);

  /* 2. Module init with a services table; unused entries stay NULL. */
  ocean_host_services_v1 services;
  memset(&services, 0, sizeof services);
  services.struct_size = sizeof services;
  services.host_ctx = NULL;
  services.log = host_log;
  services.wall_clock_ms = host_wall_clock_ms;
  status = api->init(&services);
  if (status != OCEAN_OK) {
    dlclose(library);
    return fail(api, NULL, "init", status);
  }

  /* 3. One instance per shop account. */
  ocean_instance_params_v1 params;
  memset(&params, 0, sizeof params);
  params.struct_size = sizeof params;
  params.account_id = "demo-account";
  params.services = &services;
  ocean_instance* instance = NULL;
  int rc = 0;
  status = api->create(&params, &instance);
  if (status != OCEAN_OK) {
    rc = fail(api, NULL, "create", status);
    goto deinit;
  }

  static const char config[] = "{\"greeting\":\"Hello\"}";
  status = api->configure(instance, config, sizeof config - 1);
  if (status != OCEAN_OK) {
    rc = fail(api, instance, "configure", status);
    goto destroy;
  }
  status = api->start(instance);
  if (status != OCEAN_OK) {
    rc = fail(api, instance, "start", status);
    goto destroy;
  }

  /* 4. Invoke a capability with a JSON request; the answer is the plugin's buffer. */
  {
    char request[256];
    int request_len = snprintf(request, sizeof request, "{\"name\":\"%s\"}", name);
    if (request_len < 0 || (size_t)request_len >= sizeof request) {
      fprintf(stderr, "name too long\n");
      rc = 2;
      goto stop;
    }
    static const char capability[] = "greeting.hello";
    ocean_buffer response = {NULL, 0};
    status = api->invoke(instance, capability, sizeof capability - 1, request, (size_t)request_len, &response);
    if (status != OCEAN_OK) {
      rc = fail(api, instance, "invoke greeting.hello", status);
    } else {
      printf("greeting.hello -> %.*s\n", (int)response.size, response.data);
    }
    api->free_buffer(&response); /* the side that allocated frees; {NULL,0} is a no-op */
  }

stop:
  status = api->stop(instance);
  if (status != OCEAN_OK && rc == 0) rc = fail(api, instance, "stop", status);
destroy:
  api->destroy(instance);
deinit:
  api->deinit();
  dlclose(library);
  return rc;
}
