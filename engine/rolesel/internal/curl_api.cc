#include "rolesel/internal/curl_api.h"

#include <dlfcn.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace rolesel::internal {
namespace {

constexpr char kLibraryName[] = "libcurl.so.4";

// Looks up one symbol with the type of its declaration in curl/curl.h.
template <typename Function>
bool Resolve(void* library, const char* name, Function* out, std::string* missing) {
  *out = reinterpret_cast<Function>(dlsym(library, name));
  if (*out == nullptr) absl::StrAppend(missing, missing->empty() ? "" : ", ", name);
  return *out != nullptr;
}

absl::StatusOr<CurlApi> Load() {
  // RTLD_LOCAL: nothing else in the process resolves against it by accident.
  // Never dlclose'd: curl keeps global state until exit.
  void* library = dlopen(kLibraryName, RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    const char* why = dlerror();
    return absl::UnavailableError(
        absl::StrCat("cannot load ", kLibraryName, " (rolesel uses libcurl for HTTP): ",
                     why != nullptr ? why : "unknown error"));
  }
  CurlApi api{};
  std::string missing;
  Resolve(library, "curl_easy_init", &api.easy_init, &missing);
  Resolve(library, "curl_easy_cleanup", &api.easy_cleanup, &missing);
  Resolve(library, "curl_easy_reset", &api.easy_reset, &missing);
  Resolve(library, "curl_easy_setopt", &api.easy_setopt, &missing);
  Resolve(library, "curl_easy_perform", &api.easy_perform, &missing);
  Resolve(library, "curl_easy_getinfo", &api.easy_getinfo, &missing);
  Resolve(library, "curl_easy_strerror", &api.easy_strerror, &missing);
  Resolve(library, "curl_slist_append", &api.slist_append, &missing);
  Resolve(library, "curl_slist_free_all", &api.slist_free_all, &missing);
  if (!missing.empty()) {
    return absl::UnavailableError(
        absl::StrCat(kLibraryName, " lacks ", missing, ": libcurl is too old"));
  }
  using GlobalInit = decltype(&::curl_global_init);
  GlobalInit global_init = nullptr;
  if (!Resolve(library, "curl_global_init", &global_init, &missing) ||
      global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    return absl::UnavailableError("curl_global_init failed");
  }
  return api;
}

}  // namespace

absl::StatusOr<const CurlApi*> Curl() {
  static const absl::StatusOr<CurlApi>* const loaded = new absl::StatusOr<CurlApi>(Load());
  if (!loaded->ok()) return loaded->status();
  return &loaded->value();
}

}  // namespace rolesel::internal
