// RuntimeApiClient: a minimal client of the Lambda Runtime API
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) over
// libcurl, for when aws-lambda-cpp is not installed.
//
// Endpoints: GET invocation/next (long poll, no timeout), POST
// invocation/{id}/response, POST invocation/{id}/error, POST init/error,
// all under http://{AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/. One
// keep-alive connection is reused. Next() reads the request id, deadline,
// function ARN, X-Ray trace id, client context and Cognito identity headers,
// and sets _X_AMZN_TRACE_ID to the trace id as the Lambda docs ask of a
// custom runtime (so SDKs called by the handler join the trace).
//
// Errors are absl::Status: Unavailable for transport failures, Internal for
// an unexpected HTTP status (with it), DataLoss for a next invocation whose
// headers ReadInvocation refuses. Not thread-safe: one loop owns one client.
#ifndef ROLESEL_LAMBDA_RUNTIME_API_CLIENT_H_
#define ROLESEL_LAMBDA_RUNTIME_API_CLIENT_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rolesel/lambda/invocation.h"

namespace rolesel::internal {
class HttpClient;
struct HttpReply;
}  // namespace rolesel::internal

namespace rolesel::lambda {

// The body Lambda expects for an error: {"errorMessage","errorType","stackTrace":[]}.
std::string ErrorBody(std::string_view message, std::string_view type);

// The invocation a 200 answer of `next` hands over, read from its headers
// (names lower-cased) and body. DataLoss when the request id is missing,
// given twice, or not 1 to 128 of [A-Za-z0-9._:-] (it goes into the URL of
// the answer); a deadline that is missing, given twice or not a number of
// milliseconds since 1970 (before 2100) leaves the deadline unknown
// (absl::InfiniteFuture(): the STS client's own timeouts still bound it).
absl::StatusOr<Invocation> ReadInvocation(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string body);

class RuntimeApiClient {
 public:
  // `endpoint` is host:port, as in AWS_LAMBDA_RUNTIME_API.
  explicit RuntimeApiClient(std::string endpoint);
  ~RuntimeApiClient();
  RuntimeApiClient(const RuntimeApiClient&) = delete;
  RuntimeApiClient& operator=(const RuntimeApiClient&) = delete;

  absl::StatusOr<Invocation> Next();
  absl::Status PostResponse(std::string_view request_id, std::string_view body);
  absl::Status PostError(std::string_view request_id, std::string_view message,
                         std::string_view type);
  absl::Status PostInitError(std::string_view message, std::string_view type);

 private:
  absl::StatusOr<internal::HttpReply> Send(const std::string& path, const std::string* body,
                                           const std::string& error_type);
  // POSTs `body`; OK on HTTP 202.
  absl::Status Post(const std::string& path, std::string_view body, const std::string& error_type);

  std::string base_url_;
  std::unique_ptr<internal::HttpClient> http_;
};

}  // namespace rolesel::lambda

#endif  // ROLESEL_LAMBDA_RUNTIME_API_CLIENT_H_
