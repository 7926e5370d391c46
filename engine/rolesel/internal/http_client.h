// HttpClient: the one HTTP client of the project, over libcurl loaded on
// first use (internal/curl_api.h). The JWKS URL source, the STS client and
// the Lambda Runtime API client each describe a call (HttpCall) and read the
// reply; how a request is made, bounded and cleaned up is written once here.
//
// Contract: one HttpClient is one libcurl handle, re-used call after call so
// its connection stays open; it is not thread-safe (give each thread its
// own, or pool them as the STS client does). Send() never throws. It fails
// with Unavailable when libcurl cannot be loaded or the transport fails
// (the message is libcurl's reason), DeadlineExceeded when a timeout
// expires, and ResourceExhausted when the body outgrows max_body_bytes. An
// HTTP error status is not a failure: the reply carries it. Redirects are
// never followed; only http and https are spoken.
#ifndef ROLESEL_INTERNAL_HTTP_CLIENT_H_
#define ROLESEL_INTERNAL_HTTP_CLIENT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rolesel::internal {

struct HttpCall {
  std::string url;
  const std::string* post_body = nullptr;  // POST it when set (not copied), else GET
  std::vector<std::string> headers;        // "Name: value"
  long connect_timeout_ms = 2000;
  long total_timeout_ms = 0;  // 0: none (the Runtime API's next blocks until there is work)
  size_t max_body_bytes = 0;  // 0: no bound
  bool read_headers = false;  // fill HttpReply::headers
  bool tcp_keepalive = false;
};

// One header line as libcurl hands it over ("Name: value\r\n"): appended
// to `headers` as (lower-cased name, value without surrounding whitespace);
// a line without a colon (the status line, the blank line) is skipped.
void ParseHeaderLine(std::string_view line,
                     std::vector<std::pair<std::string, std::string>>* headers);

// A timeout for HttpCall: whole milliseconds, at least 1 (libcurl reads 0
// as no timeout at all), for a duration that may be zero or negative.
long TimeoutMs(absl::Duration duration);

struct HttpReply {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

  // The first header of that (lower-case) name; "" when absent.
  std::string Header(std::string_view name) const;
};

// An endpoint as configured, "http(s)://host[:port]" (trailing slashes
// dropped): its URL, and its host as a signed request names it.
struct HttpEndpoint {
  std::string url;
  std::string host;
};
// InvalidArgument ("<what> must be http(s)://host[:port], got ...") for
// another scheme, an empty host, or a path.
absl::StatusOr<HttpEndpoint> ParseHttpEndpoint(std::string url, std::string_view what);

class HttpClient {
 public:
  HttpClient();
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  absl::StatusOr<HttpReply> Send(const HttpCall& call);

 private:
  void* handle_ = nullptr;  // CURL*; null when libcurl could not be loaded
};

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_HTTP_CLIENT_H_
