// StsClient: the built-in RoleAssumer. AssumeRole over the STS query
// protocol (POST, form-encoded), signed with SigV4, over libcurl.
//
// Endpoint: options.endpoint_url, else AWS_ENDPOINT_URL_STS, else
// AWS_ENDPOINT_URL, else the regional endpoint
// https://sts.{region}.amazonaws.com (".com.cn" for cn-* regions); the
// global https://sts.amazonaws.com (signed for us-east-1) only when asked:
// region "aws-global", or AWS_STS_REGIONAL_ENDPOINTS=legacy (as the AWS
// SDKs read it) in one of the regions that were served by it before 2019.
// Region: options.region, else AWS_REGION, else AWS_DEFAULT_REGION.
// Connections are kept alive and reused (a small pool of curl handles).
//
// Deadlines and quotas: every attempt first takes a token of the rate
// limiter (rate_limiter.h), then is bounded by the request's deadline as
// well as by the client's timeouts; no attempt starts, and no backoff sleeps,
// past the deadline (DeadlineExceeded, or ResourceExhausted when the limiter
// has no call free before it). Throttling, HTTP 5xx, transport errors
// (timeouts, dropped connections) and unreadable 200 responses are retried
// with exponential backoff and full jitter, within max_attempts,
// max_retry_time and the deadline; other AWS
// errors (AccessDenied, SignatureDoesNotMatch, PackedPolicyTooLarge with the
// share of STS's packed budget it reports, ...) are returned at once. A
// request over STS's limits (CheckStsLimits) is refused without a call.
// Credentials that are already expired are refused. Nothing is logged, and
// no error message carries a secret. Thread-safe.
#ifndef ROLESEL_STS_STS_CLIENT_H_
#define ROLESEL_STS_STS_CLIENT_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "rolesel/sts/credentials.h"
#include "rolesel/sts/rate_limiter.h"
#include "rolesel/sts/role_assumer.h"

namespace rolesel::internal {
class HttpClient;
struct HttpReply;
}  // namespace rolesel::internal

namespace rolesel::sts {

struct StsClientOptions {
  std::string region;
  std::string endpoint_url;
  absl::Duration connect_timeout = absl::Seconds(1);
  absl::Duration request_timeout = absl::Seconds(3);
  int max_attempts = 4;
  absl::Duration max_retry_time = absl::Seconds(10);
  absl::Duration base_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(2);
  // The calls' limiter. Null: the process's (ProcessStsRateLimiter()).
  std::shared_ptr<TokenBucket> rate_limiter;
  // "regional" or "legacy"; empty: AWS_STS_REGIONAL_ENDPOINTS, else regional.
  std::string regional_endpoints;
};

// The endpoint and the region to sign for, when none is configured.
struct StsEndpoint {
  std::string url;
  std::string signing_region;
};
// https://sts.{region}.amazonaws.com (.amazonaws.com.cn for cn-* regions);
// https://sts.amazonaws.com for "aws-global", and for the regions the
// global endpoint served before 2019 when `regional_endpoints` is "legacy".
// InvalidArgument for a `regional_endpoints` that is neither.
absl::StatusOr<StsEndpoint> StsEndpointFor(std::string_view region,
                                           std::string_view regional_endpoints);

// What STS refuses, checked before a call: at most 50 session tags, keys of
// 1..128 and values of at most 256 characters, transitive keys among the
// tags, a session policy of at most 2048 characters, at most 10 policy ARNs.
absl::Status CheckStsLimits(const AssumeRoleRequest& request);

class StsClient : public RoleAssumer {
 public:
  // InvalidArgument without a region, or with an endpoint that is not
  // http(s)://host[:port], or AWS_STS_REGIONAL_ENDPOINTS neither regional
  // nor legacy, or ROLESEL_STS_MAX_RATE / ROLESEL_STS_BURST unreadable.
  static absl::StatusOr<std::unique_ptr<StsClient>> Create(
      StsClientOptions options, std::shared_ptr<CredentialsProvider> credentials);
  ~StsClient() override;

  absl::StatusOr<AwsCredentials> AssumeRole(const AssumeRoleRequest& request) override;
  // sts:GetCallerIdentity signed with `credentials`: the caller's ARN.
  absl::StatusOr<std::string> GetCallerIdentity(const AwsCredentials& credentials,
                                                absl::Time deadline = absl::InfiniteFuture());

  const std::string& endpoint() const { return endpoint_; }
  const std::string& region() const { return options_.region; }
  const std::string& signing_region() const { return signing_region_; }

 private:
  StsClient(StsClientOptions options, std::shared_ptr<CredentialsProvider> credentials,
            std::string endpoint, std::string host, std::string signing_region);
  // Signs and POSTs `form` with retries. `accept` reads a 200 body (OK) or
  // says why it cannot (then the attempt is retried like a transport error).
  absl::Status Call(const std::string& form, const AwsCredentials& credentials,
                    std::string_view action, absl::Time deadline,
                    const std::function<absl::Status(const std::string& body)>& accept);
  absl::StatusOr<internal::HttpReply> Send(const std::string& form,
                                           const AwsCredentials& credentials, absl::Time deadline);
  std::unique_ptr<internal::HttpClient> TakeClient();
  void ReturnClient(std::unique_ptr<internal::HttpClient> client);

  StsClientOptions options_;
  std::shared_ptr<CredentialsProvider> credentials_;
  std::string endpoint_;
  std::string host_;  // as signed: host[:port]
  std::string signing_region_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<internal::HttpClient>> pool_;  // idle, connections kept alive
};

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_STS_CLIENT_H_
