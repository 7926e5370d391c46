#include "rolesel/sts/sts_client.h"

#include <algorithm>
#include <cstdlib>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "pugixml.hpp"
#include "rolesel/core/sts_limits.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/curl_api.h"
#include "rolesel/internal/http_client.h"
#include "rolesel/sts/sigv4.h"
#include "rolesel/sts/sts_response.h"

namespace rolesel::sts {
namespace {

constexpr char kApiVersion[] = "2011-06-15";

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

void AddParam(std::string* form, std::string_view key, std::string_view value) {
  absl::StrAppend(form, form->empty() ? "" : "&", UriEncode(key, false), "=",
                  UriEncode(value, false));
}

bool IsThrottling(std::string_view code) {
  return code == "Throttling" || code == "ThrottlingException" || code == "RequestLimitExceeded" ||
         code == "TooManyRequestsException" || code == "RequestThrottled" || code == "SlowDown";
}

absl::StatusCode CodeFor(long http_status, std::string_view aws_code) {
  if (IsThrottling(aws_code) || http_status == 429) return absl::StatusCode::kResourceExhausted;
  if (http_status >= 500) return absl::StatusCode::kUnavailable;
  if (aws_code == "AccessDenied") return absl::StatusCode::kPermissionDenied;
  if (aws_code == "SignatureDoesNotMatch" || aws_code == "InvalidClientTokenId" ||
      aws_code == "ExpiredToken" || http_status == 403) {
    return absl::StatusCode::kUnauthenticated;
  }
  return absl::StatusCode::kFailedPrecondition;
}

// "Packed policy consumes 112% of allotted space, ..." -> "112%"; "more
// than 100%" when STS gives no figure.
std::string PackedPercentage(std::string_view message) {
  const size_t percent = message.find('%');
  size_t start = percent;
  while (start != std::string_view::npos && start > 0 && message[start - 1] >= '0' &&
         message[start - 1] <= '9') {
    --start;
  }
  if (percent == std::string_view::npos || start == percent) return "more than 100%";
  return std::string(message.substr(start, percent + 1 - start));
}

}  // namespace

absl::StatusOr<StsEndpoint> StsEndpointFor(std::string_view region,
                                           std::string_view regional_endpoints) {
  // The regions the global endpoint served before regional endpoints were
  // the default: where the SDKs' "legacy" setting still sends requests to it.
  static constexpr std::string_view kLegacyGlobalRegions[] = {
      "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
      "eu-central-1",   "eu-north-1", "eu-west-1",      "eu-west-2",      "eu-west-3",
      "sa-east-1",      "us-east-1",  "us-east-2",      "us-west-1",      "us-west-2"};
  if (regional_endpoints != "regional" && regional_endpoints != "legacy") {
    return absl::InvalidArgumentError(
        absl::StrCat("AWS_STS_REGIONAL_ENDPOINTS must be regional or legacy, not \"",
                     internal::Absl(regional_endpoints), "\""));
  }
  const bool legacy_global =
      regional_endpoints == "legacy" &&
      std::find(std::begin(kLegacyGlobalRegions), std::end(kLegacyGlobalRegions), region) !=
          std::end(kLegacyGlobalRegions);
  if (region == "aws-global" || legacy_global) {
    return StsEndpoint{"https://sts.amazonaws.com", "us-east-1"};
  }
  const bool china = region.substr(0, 3) == "cn-";
  return StsEndpoint{absl::StrCat("https://sts.", internal::Absl(region),
                                  china ? ".amazonaws.com.cn" : ".amazonaws.com"),
                     std::string(region)};
}

absl::StatusOr<std::unique_ptr<StsClient>> StsClient::Create(
    StsClientOptions options, std::shared_ptr<CredentialsProvider> credentials) {
  // Checked once here, so that no client is built that could never send.
  if (absl::StatusOr<const internal::CurlApi*> curl = internal::Curl(); !curl.ok()) {
    return curl.status();
  }
  if (options.region.empty()) {
    options.region = EnvOr("AWS_REGION", EnvOr("AWS_DEFAULT_REGION", ""));
  }
  if (options.region.empty()) {
    return absl::InvalidArgumentError("no AWS region: pass one or set AWS_REGION");
  }
  if (options.regional_endpoints.empty()) {
    options.regional_endpoints = EnvOr("AWS_STS_REGIONAL_ENDPOINTS", "regional");
  }
  absl::StatusOr<StsEndpoint> standard = StsEndpointFor(options.region, options.regional_endpoints);
  if (!standard.ok()) return standard.status();
  std::string endpoint = options.endpoint_url;
  if (endpoint.empty()) endpoint = EnvOr("AWS_ENDPOINT_URL_STS", EnvOr("AWS_ENDPOINT_URL", ""));
  // A configured endpoint is signed for the configured region.
  std::string signing_region = endpoint.empty() ? standard->signing_region : options.region;
  if (endpoint.empty()) endpoint = standard->url;
  absl::StatusOr<internal::HttpEndpoint> parsed =
      internal::ParseHttpEndpoint(std::move(endpoint), "STS endpoint");
  if (!parsed.ok()) return parsed.status();
  if (options.rate_limiter == nullptr) {
    absl::StatusOr<std::shared_ptr<TokenBucket>> process = ProcessStsRateLimiter();
    if (!process.ok()) return process.status();
    options.rate_limiter = *std::move(process);
  }
  return std::unique_ptr<StsClient>(new StsClient(std::move(options), std::move(credentials),
                                                  parsed->url + "/", parsed->host,
                                                  std::move(signing_region)));
}

StsClient::StsClient(StsClientOptions options, std::shared_ptr<CredentialsProvider> credentials,
                     std::string endpoint, std::string host, std::string signing_region)
    : options_(std::move(options)),
      credentials_(std::move(credentials)),
      endpoint_(std::move(endpoint)),
      host_(std::move(host)),
      signing_region_(std::move(signing_region)) {}

StsClient::~StsClient() = default;

std::unique_ptr<internal::HttpClient> StsClient::TakeClient() {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
      std::unique_ptr<internal::HttpClient> client = std::move(pool_.back());
      pool_.pop_back();
      return client;
    }
  }
  return std::make_unique<internal::HttpClient>();
}

void StsClient::ReturnClient(std::unique_ptr<internal::HttpClient> client) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  pool_.push_back(std::move(client));
}

absl::StatusOr<internal::HttpReply> StsClient::Send(const std::string& form,
                                                    const AwsCredentials& credentials,
                                                    absl::Time deadline) {
  HttpRequest request;
  request.method = "POST";
  request.path = "/";
  request.body = form;
  request.headers = {{"Host", host_},
                     {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  SigningOptions signing;
  signing.region = signing_region_;
  signing.service = "sts";
  signing.time = absl::Now();
  SignRequest(&request, credentials, signing);

  internal::HttpCall call;
  call.url = endpoint_;
  call.post_body = &request.body;
  for (const auto& [name, value] : request.headers) {
    call.headers.push_back(absl::StrCat(name, ": ", value));
  }
  // The client's own timeouts, cut to what is left before the deadline.
  const absl::Duration left = deadline - absl::Now();
  call.connect_timeout_ms = internal::TimeoutMs(std::min(options_.connect_timeout, left));
  call.total_timeout_ms = internal::TimeoutMs(std::min(options_.request_timeout, left));
  call.tcp_keepalive = true;
  std::unique_ptr<internal::HttpClient> client = TakeClient();
  absl::StatusOr<internal::HttpReply> reply = client->Send(call);
  ReturnClient(std::move(client));  // its connection stays open for the next call
  return reply;
}

absl::Status StsClient::Call(const std::string& form, const AwsCredentials& credentials,
                             std::string_view action, absl::Time deadline,
                             const std::function<absl::Status(const std::string& body)>& accept) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  const absl::Time start = absl::Now();
  absl::Status last;
  int attempt = 0;
  while (true) {
    // Neither the limiter's wait nor the attempt may outlast the deadline.
    if (absl::Now() >= deadline) {
      last = absl::DeadlineExceededError(
          attempt == 0
              ? absl::StrCat("STS ", internal::Absl(action), " not sent: the deadline has passed")
              : absl::StrCat(last.message(), "; the deadline passed before another attempt"));
      break;
    }
    if (absl::Status token = options_.rate_limiter->Acquire(deadline); !token.ok()) {
      last = absl::Status(token.code(),
                          attempt == 0 ? absl::StrCat("STS ", internal::Absl(action),
                                                      " not sent: ", token.message())
                                       : absl::StrCat(last.message(), "; then ", token.message()));
      break;
    }
    ++attempt;
    absl::StatusOr<internal::HttpReply> response = Send(form, credentials, deadline);
    bool retryable;
    if (!response.ok()) {
      // Unavailable, or DeadlineExceeded for a timeout: both are retried.
      last = WithAwsErrorCode(
          absl::Status(response.status().code(),
                       absl::StrCat("STS ", internal::Absl(action),
                                    " failed: transport error: ", response.status().message())),
          "");
      retryable = true;
    } else if (response->status == 200) {
      absl::Status accepted = accept(response->body);
      if (accepted.ok()) return accepted;
      // Cut off or garbled: the next attempt may well succeed.
      last = WithAwsErrorCode(
          absl::Status(accepted.code(), absl::StrCat("STS ", internal::Absl(action),
                                                     " failed: ", accepted.message())),
          "");
      retryable = accepted.code() == absl::StatusCode::kDataLoss;
    } else {
      StsError error = ParseStsError(response->body);
      std::string code = error.code.empty() ? absl::StrCat("HTTP", response->status) : error.code;
      std::string hint;
      if (code == "PackedPolicyTooLarge") {
        // Never retried: the same request is as large the next time.
        hint = absl::StrCat("; the session policy, policy ARNs and session tags take ",
                            PackedPercentage(error.message),
                            " of STS's packed size budget: shorten them");
      }
      last = WithAwsErrorCode(
          absl::Status(CodeFor(response->status, error.code),
                       absl::StrCat("STS ", internal::Absl(action), " failed: ", code, ": ",
                                    error.message.empty() ? "(no message)" : error.message,
                                    " (HTTP ", response->status, ")", hint)),
          code);
      retryable = IsThrottling(error.code) || response->status == 429 || response->status >= 500;
    }
    if (!retryable) break;
    if (attempt >= options_.max_attempts) break;
    // Full jitter: a random wait up to the exponential cap.
    absl::Duration cap =
        std::min(options_.max_backoff, options_.base_backoff * (1 << std::min(attempt - 1, 20)));
    std::uniform_int_distribution<int64_t> jitter(0, absl::ToInt64Microseconds(cap));
    absl::Duration wait = absl::Microseconds(jitter(random));
    if (absl::Now() - start + wait > options_.max_retry_time) break;
    if (absl::Now() + wait >= deadline) {
      last = absl::Status(absl::StatusCode::kDeadlineExceeded,
                          absl::StrCat(last.message(),
                                       "; no time is left before the deadline "
                                       "for another attempt"));
      break;
    }
    absl::SleepFor(wait);
  }
  if (attempt == 0) return WithAwsErrorCode(last, "");
  return WithAwsErrorCode(
      absl::Status(last.code(), absl::StrCat(last.message(), ", after ", attempt,
                                             attempt == 1 ? " attempt" : " attempts")),
      AwsErrorCode(last));
}

absl::Status CheckStsLimits(const AssumeRoleRequest& request) {
  if (request.tags.size() > kMaxSessionTags) {
    return absl::InvalidArgumentError(absl::StrCat("AssumeRole takes at most ", kMaxSessionTags,
                                                   " session tags, not ", request.tags.size()));
  }
  for (const auto& [key, value] : request.tags) {
    if (key.empty() || Utf8CharCount(key) > kMaxTagKeyChars) {
      return absl::InvalidArgumentError(absl::StrCat("session tag key \"", key, "\" is not 1 to ",
                                                     kMaxTagKeyChars, " characters"));
    }
    if (Utf8CharCount(value) > kMaxTagValueChars) {
      return absl::InvalidArgumentError(absl::StrCat("session tag \"", key, "\" is longer than ",
                                                     kMaxTagValueChars, " characters"));
    }
  }
  for (const std::string& key : request.transitive_tag_keys) {
    if (std::none_of(request.tags.begin(), request.tags.end(),
                     [&](const auto& tag) { return tag.first == key; })) {
      return absl::InvalidArgumentError(
          absl::StrCat("transitive tag key \"", key, "\" is not a key of the session tags"));
    }
  }
  if (Utf8CharCount(request.policy) > kMaxSessionPolicyChars) {
    return absl::InvalidArgumentError(
        absl::StrCat("the session policy is ", Utf8CharCount(request.policy),
                     " characters; STS allows at most ", kMaxSessionPolicyChars));
  }
  if (request.policy_arns.size() > kMaxPolicyArns) {
    return absl::InvalidArgumentError(absl::StrCat("AssumeRole takes at most ", kMaxPolicyArns,
                                                   " policy ARNs, not ",
                                                   request.policy_arns.size()));
  }
  return absl::OkStatus();
}

absl::StatusOr<AwsCredentials> StsClient::AssumeRole(const AssumeRoleRequest& request) {
  // What STS would refuse is refused here, without a call.
  if (absl::Status limits = CheckStsLimits(request); !limits.ok()) {
    return WithAwsErrorCode(
        absl::Status(limits.code(), absl::StrCat("STS AssumeRole not sent: ", limits.message())),
        "");
  }
  absl::StatusOr<AwsCredentials> caller = credentials_->GetCredentials();
  if (!caller.ok()) return caller.status();
  std::string form;
  AddParam(&form, "Action", "AssumeRole");
  AddParam(&form, "Version", kApiVersion);
  AddParam(&form, "RoleArn", request.role_arn);
  AddParam(&form, "RoleSessionName", request.session_name);
  AddParam(&form, "DurationSeconds", std::to_string(request.duration_seconds));
  if (!request.source_identity.empty()) AddParam(&form, "SourceIdentity", request.source_identity);
  for (size_t i = 0; i < request.tags.size(); ++i) {
    AddParam(&form, absl::StrCat("Tags.member.", i + 1, ".Key"), request.tags[i].first);
    AddParam(&form, absl::StrCat("Tags.member.", i + 1, ".Value"), request.tags[i].second);
  }
  for (size_t i = 0; i < request.transitive_tag_keys.size(); ++i) {
    AddParam(&form, absl::StrCat("TransitiveTagKeys.member.", i + 1),
             request.transitive_tag_keys[i]);
  }
  if (!request.policy.empty()) AddParam(&form, "Policy", request.policy);
  for (size_t i = 0; i < request.policy_arns.size(); ++i) {
    AddParam(&form, absl::StrCat("PolicyArns.member.", i + 1, ".arn"), request.policy_arns[i]);
  }

  AwsCredentials assumed;
  absl::Status status =
      Call(form, *caller, "AssumeRole", request.deadline, [&](const std::string& body) {
        absl::StatusOr<AwsCredentials> parsed = ParseAssumeRoleResponse(body);
        if (!parsed.ok()) return parsed.status();
        if (parsed->expiration <= absl::Now()) {
          return absl::FailedPreconditionError(
              "STS returned credentials that have already expired");
        }
        assumed = *std::move(parsed);
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return assumed;
}

absl::StatusOr<std::string> StsClient::GetCallerIdentity(const AwsCredentials& credentials,
                                                         absl::Time deadline) {
  std::string form;
  AddParam(&form, "Action", "GetCallerIdentity");
  AddParam(&form, "Version", kApiVersion);
  std::string arn;
  absl::Status status =
      Call(form, credentials, "GetCallerIdentity", deadline, [&](const std::string& body) {
        pugi::xml_document doc;
        if (!doc.load_buffer(body.data(), body.size())) {
          return absl::DataLossError("malformed GetCallerIdentity response");
        }
        arn = doc.child("GetCallerIdentityResponse")
                  .child("GetCallerIdentityResult")
                  .child_value("Arn");
        if (arn.empty()) return absl::DataLossError("GetCallerIdentity response has no Arn");
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return arn;
}

}  // namespace rolesel::sts
