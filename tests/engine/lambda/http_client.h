// A blocking HTTP GET/POST for tests (libcurl), to drive the Lambda Runtime
// API emulator's invoke and test endpoints.
#ifndef ROLESEL_TESTS_ENGINE_LAMBDA_HTTP_CLIENT_H_
#define ROLESEL_TESTS_ENGINE_LAMBDA_HTTP_CLIENT_H_

#include <curl/curl.h>

#include <string>

namespace rolesel::testing {

struct HttpReply {
  long status = 0;  // 0: transport error
  std::string body;
};

inline size_t AppendTo(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// POSTs `body` when given, else GETs.
inline HttpReply Http(const std::string& url, const std::string* body = nullptr) {
  HttpReply reply;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendTo);
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

#endif  // ROLESEL_TESTS_ENGINE_LAMBDA_HTTP_CLIENT_H_
