// libcurl, loaded the first time rolesel needs the network.
//
// Why it is not linked: libcurl brings about thirty shared libraries (gnutls,
// krb5, ldap, ssh2, ...), and mapping them cost ~10 ms of every process
// start, half of a whole `rolesel eval`, although eval, lint and test never
// touch the network. HttpClient (internal/http_client.h), which the JWKS URL
// source, the STS client and the Lambda Runtime API client share, reaches
// libcurl through Curl(), which dlopens libcurl.so.4 (the soname of every
// libcurl 7.x and 8.x) and runs curl_global_init once.
// Declarations come from curl/curl.h, so every entry has libcurl's own type.
//
// Contract: Curl() is safe from any thread (a function-local static); the
// table it returns is immutable and lives for the whole process. When
// libcurl cannot be loaded, every caller gets the same Unavailable status
// naming why, and no request is made.
#ifndef ROLESEL_INTERNAL_CURL_API_H_
#define ROLESEL_INTERNAL_CURL_API_H_

#include <curl/curl.h>

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace rolesel::internal {

struct CurlApi {
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// The loaded and initialized libcurl, or Unavailable.
absl::StatusOr<const CurlApi*> Curl();

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_CURL_API_H_
