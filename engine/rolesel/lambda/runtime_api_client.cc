#include "rolesel/lambda/runtime_api_client.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
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
  call.connect_timeout_ms = 2000;
  // next blocks until there is work: no total timeout. An answer posted
  // is bounded, so a Runtime API that stops answering cannot hang the loop.
  call.total_timeout_ms = body != nullptr ? 30000 : 0;
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

namespace {

// The one value of header `name`; false when it is absent or given twice.
bool OnlyHeader(const std::vector<std::pair<std::string, std::string>>& headers,
                std::string_view name, std::string* value) {
  int found = 0;
  for (const auto& [key, v] : headers) {
    if (key == name && found++ == 0) *value = v;
  }
  return found == 1;
}

// Sets _X_AMZN_TRACE_ID, as a custom runtime must, without leaking: glibc's
// setenv keeps every distinct value it was ever given (a trace id per
// invocation: about 100 bytes each, for the sandbox's whole life), so the
// variable points at one buffer of ours (putenv keeps the pointer) whose
// text is rewritten in place. A trace id too long for it (Lambda's are
// under 256 bytes) unsets the variable rather than truncate it.
void SetTraceIdEnvironment(const std::string& trace_id) {
  static constexpr char kName[] = "_X_AMZN_TRACE_ID=";
  static char buffer[sizeof(kName) + 1024];
  if (trace_id.empty() || trace_id.size() > 1024 || trace_id.find('\0') != std::string::npos) {
    unsetenv("_X_AMZN_TRACE_ID");
    return;
  }
  std::memcpy(buffer, kName, sizeof(kName) - 1);
  std::memcpy(buffer + sizeof(kName) - 1, trace_id.data(), trace_id.size());
  buffer[sizeof(kName) - 1 + trace_id.size()] = '\0';
  putenv(buffer);  // the same pointer each time: nothing is allocated
}

bool IsRequestIdChar(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

}  // namespace

absl::StatusOr<Invocation> ReadInvocation(
    const std::vector<std::pair<std::string, std::string>>& headers, std::string body) {
  Invocation invocation;
  std::string id;
  if (!OnlyHeader(headers, "lambda-runtime-aws-request-id", &id) || id.empty() || id.size() > 128 ||
      !std::all_of(id.begin(), id.end(), IsRequestIdChar)) {
    return absl::DataLossError(
        "Lambda Runtime API invocation/next: no usable Lambda-Runtime-Aws-Request-Id (missing, "
        "given twice, or not 1 to 128 of A-Z a-z 0-9 . _ : -)");
  }
  invocation.request_id = std::move(id);
  std::string deadline;
  int64_t deadline_ms = 0;
  constexpr int64_t kYear2100Ms = int64_t{4102444800} * 1000;
  if (OnlyHeader(headers, "lambda-runtime-deadline-ms", &deadline) &&
      absl::SimpleAtoi(deadline, &deadline_ms) && deadline_ms > 0 && deadline_ms < kYear2100Ms) {
    invocation.deadline = absl::FromUnixMillis(deadline_ms);
  }
  for (const auto& [key, value] : headers) {
    std::string* field = key == "lambda-runtime-invoked-function-arn"
                             ? &invocation.invoked_function_arn
                         : key == "lambda-runtime-trace-id"         ? &invocation.trace_id
                         : key == "lambda-runtime-client-context"   ? &invocation.client_context
                         : key == "lambda-runtime-cognito-identity" ? &invocation.cognito_identity
                                                                    : nullptr;
    if (field != nullptr && field->empty()) *field = value;  // the first one
  }
  invocation.payload = std::move(body);
  return invocation;
}

absl::StatusOr<Invocation> RuntimeApiClient::Next() {
  absl::StatusOr<internal::HttpReply> reply = Send("invocation/next", nullptr, "");
  if (!reply.ok()) return reply.status();
  if (reply->status != 200) {
    return absl::InternalError(
        absl::StrCat("Lambda Runtime API invocation/next: HTTP ", reply->status));
  }
  absl::StatusOr<Invocation> read = ReadInvocation(reply->headers, std::move(reply->body));
  if (!read.ok()) return read.status();
  Invocation& invocation = *read;
  // Room past the end lets the event reader read the event in place; a
  // body grown by appends nearly always has it already.
  if (invocation.payload.capacity() - invocation.payload.size() < kEventPadding) {
    invocation.payload.reserve(invocation.payload.size() + kEventPadding);
  }
  SetTraceIdEnvironment(invocation.trace_id);
  return read;
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
