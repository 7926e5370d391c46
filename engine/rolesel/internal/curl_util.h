// The libcurl pieces every HTTP client of rolesel needs (JWKS URLs, STS,
// the Lambda Runtime API): one global init, and a body collector.
#ifndef ROLESEL_INTERNAL_CURL_UTIL_H_
#define ROLESEL_INTERNAL_CURL_UTIL_H_

#include <curl/curl.h>

#include <cstddef>
#include <string>

namespace rolesel::internal {

// curl_global_init once per process (thread-safe through the static); false
// when it failed.
inline bool CurlGlobalInit() {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  return init == CURLE_OK;
}

// A CURLOPT_WRITEFUNCTION appending to the std::string in CURLOPT_WRITEDATA.
inline size_t AppendToString(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_CURL_UTIL_H_
