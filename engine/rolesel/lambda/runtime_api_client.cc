#include "rolesel/lambda/runtime_api_client.h"

#include <cstdlib>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"
#include "rolesel/event/event_reader.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/http_client.h"

namespace rolesel::lambda {

std::string ErrorBody(std::string_view message, std::string_view type) {
  nlohmann::ordered_json body = {{"errorMessage", std::string(message)},
                                 {"errorType", std::string(type)},
                                 {"stackTrace", nlohmann::json::array()}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

RuntimeApiClient::RuntimeApiClient(std::string endpoint)
    : base_url_(absl::StrCat("http://", endpoint, "/2018-06-01/runtime/")),
      http_(std::make_unique<internal::HttpClient>()) {}

RuntimeApiClient::~RuntimeApiClient() = default;

absl::StatusOr<internal::HttpReply> RuntimeApiClient::Send(const std::string& path,
                                                           const std::string* body,
                                                           const std::string& error_type) {
  internal::HttpCall call;
  call.url = base_url_ + path;
  call.read_headers = true;
  call.connect_timeout_ms = 2000;  // next blocks until there is work: no total timeout
  call.post_body = body;
  if (body != nullptr) {
    call.headers.push_back("Content-Type: application/json");
    if (!error_type.empty()) {
      call.headers.push_back("Lambda-Runtime-Function-Error-Type: " + error_type);
    }
  }
  absl::StatusOr<internal::HttpReply> reply = http_->Send(call);
  if (!reply.ok()) {
    return absl::UnavailableError(
        absl::StrCat("Lambda Runtime API ", path, ": ", reply.status().message()));
  }
  return reply;
}

absl::StatusOr<Invocation> RuntimeApiClient::Next() {
  absl::StatusOr<internal::HttpReply> reply = Send("invocation/next", nullptr, "");
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) {
    return absl::InternalError(
        absl::StrCat("Lambda Runtime API invocation/next: HTTP ", reply->status));
  }
  Invocation invocation;
  invocation.request_id = reply->Header("lambda-runtime-aws-request-id");
  if (invocation.request_id.empty()) {
    return absl::DataLossError("Lambda Runtime API invocation/next: no request id");
  }
  int64_t deadline_ms = 0;
  if (absl::SimpleAtoi(reply->Header("lambda-runtime-deadline-ms"), &deadline_ms)) {
    invocation.deadline = absl::FromUnixMillis(deadline_ms);
  }
  invocation.invoked_function_arn = reply->Header("lambda-runtime-invoked-function-arn");
  invocation.trace_id = reply->Header("lambda-runtime-trace-id");
  invocation.client_context = reply->Header("lambda-runtime-client-context");
  invocation.cognito_identity = reply->Header("lambda-runtime-cognito-identity");
  invocation.payload = std::move(reply->body);
  // Room past the end lets the event reader read the event in place; a
  // body grown by appends nearly always has it already.
  if (invocation.payload.capacity() - invocation.payload.size() < kEventPadding) {
    invocation.payload.reserve(invocation.payload.size() + kEventPadding);
  }
  if (invocation.trace_id.empty()) {
    unsetenv("_X_AMZN_TRACE_ID");
  } else {
    setenv("_X_AMZN_TRACE_ID", invocation.trace_id.c_str(), 1);
  }
  return invocation;
}

absl::Status RuntimeApiClient::Post(const std::string& path, std::string_view body,
                                    const std::string& error_type) {
  std::string payload(body);
  absl::StatusOr<internal::HttpReply> reply = Send(path, &payload, error_type);
  if (!reply.ok()) return reply.status();
  if (reply->status != 202) {
    return absl::InternalError(
        absl::StrCat("Lambda Runtime API ", path, ": HTTP ", reply->status, " ", reply->body));
  }
  return absl::OkStatus();
}

absl::Status RuntimeApiClient::PostResponse(std::string_view request_id, std::string_view body) {
  return Post(absl::StrCat("invocation/", internal::Absl(request_id), "/response"), body, "");
}

absl::Status RuntimeApiClient::PostError(std::string_view request_id, std::string_view message,
                                         std::string_view type) {
  return Post(absl::StrCat("invocation/", internal::Absl(request_id), "/error"),
              ErrorBody(message, type), std::string(type));
}

absl::Status RuntimeApiClient::PostInitError(std::string_view message, std::string_view type) {
  return Post("init/error", ErrorBody(message, type), std::string(type));
}

}  // namespace rolesel::lambda
