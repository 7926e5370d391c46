// A blocking HTTP GET/POST for tests, over the engine's own HttpClient: the
// Lambda Runtime API emulator's invoke and test endpoints, the
// fault-injecting STS's counters.
#ifndef ROLESEL_TESTS_HTTP_CLIENT_H_
#define ROLESEL_TESTS_HTTP_CLIENT_H_

#include <string>

#include "rolesel/internal/http_client.h"

namespace rolesel::testing {

struct HttpReply {
  long status = 0;  // 0: transport error
  std::string body;
};

// POSTs `body` when given, else GETs.
inline HttpReply Http(const std::string& url, const std::string* body = nullptr) {
  internal::HttpCall call;
  call.url = url;
  call.post_body = body;
  call.total_timeout_ms = 120'000;
  absl::StatusOr<internal::HttpReply> got = internal::HttpClient().Send(call);
  if (!got.ok()) return {};
  return {got->status, std::move(got->body)};
}

inline HttpReply HttpPost(const std::string& url, const std::string& body) {
  return Http(url, &body);
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_HTTP_CLIENT_H_
