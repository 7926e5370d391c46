// A blocking HTTP GET/POST for tests (libcurl): the Lambda Runtime API
// emulator's invoke and test endpoints, the fault-injecting STS's counters.
#ifndef ROLESEL_TESTS_HTTP_CLIENT_H_
#define ROLESEL_TESTS_HTTP_CLIENT_H_

#include <curl/curl.h>

#include <string>

#include "rolesel/internal/curl_api.h"

namespace rolesel::testing {

struct HttpReply {
  long status = 0;  // 0: transport error
  std::string body;
};

// POSTs `body` when given, else GETs.
inline HttpReply Http(const std::string& url, const std::string* body = nullptr) {
  HttpReply reply;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, internal::AppendToString);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  if (body != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  if (curl_easy_perform(curl) == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  }
  curl_easy_cleanup(curl);
  return reply;
}

inline HttpReply HttpPost(const std::string& url, const std::string& body) {
  return Http(url, &body);
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_HTTP_CLIENT_H_
