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
#include "rolesel/internal/curl_api.h"

namespace rolesel::lambda {

struct RuntimeApiClient::Reply {
  long status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

  std::string Header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key == name) return value;
    }
    return "";
  }
};

namespace {

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(user);
  absl::string_view line(data, size * count);
  size_t colon = line.find(':');
  if (colon != absl::string_view::npos) {
    headers->emplace_back(absl::AsciiStrToLower(line.substr(0, colon)),
                          std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
  }
  return size * count;
}

// nullptr when libcurl cannot be loaded; Send() then says why.
void* NewHandle() {
  absl::StatusOr<const internal::CurlApi*> curl = internal::Curl();
  return curl.ok() ? (*curl)->easy_init() : nullptr;
}

}  // namespace

std::string ErrorBody(std::string_view message, std::string_view type) {
  nlohmann::ordered_json body = {{"errorMessage", std::string(message)},
                                 {"errorType", std::string(type)},
                                 {"stackTrace", nlohmann::json::array()}};
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

RuntimeApiClient::RuntimeApiClient(std::string endpoint)
    : base_url_(absl::StrCat("http://", endpoint, "/2018-06-01/runtime/")),
      curl_(NewHandle()) {}

RuntimeApiClient::~RuntimeApiClient() {
  if (curl_ != nullptr) (*internal::Curl())->easy_cleanup(static_cast<CURL*>(curl_));
}

absl::StatusOr<RuntimeApiClient::Reply> RuntimeApiClient::Send(const std::string& path,
                                                               const std::string* body,
                                                               const std::string& error_type) {
  absl::StatusOr<const internal::CurlApi*> loaded = internal::Curl();
  if (!loaded.ok()) return loaded.status();
  const internal::CurlApi& curl_api = **loaded;
  CURL* curl = static_cast<CURL*>(curl_);
  if (curl == nullptr) return absl::InternalError("curl_easy_init failed");
  curl_api.easy_reset(curl);
  Reply reply;
  std::string url = base_url_ + path;
  curl_api.easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, internal::AppendToString);
  curl_api.easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
  curl_api.easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
  // The next-invocation call blocks until there is work: no total timeout.
  curl_api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_slist* headers = nullptr;
  headers = curl_api.slist_append(headers, "Expect:");  // no 100-continue round trip
  if (body != nullptr) {
    headers = curl_api.slist_append(headers, "Content-Type: application/json");
    if (!error_type.empty()) {
      std::string header = "Lambda-Runtime-Function-Error-Type: " + error_type;
      headers = curl_api.slist_append(headers, header.c_str());
    }
    curl_api.easy_setopt(curl, CURLOPT_POST, 1L);
    curl_api.easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  curl_api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  CURLcode code = curl_api.easy_perform(curl);
  curl_api.slist_free_all(headers);
  if (code != CURLE_OK) {
    return absl::UnavailableError(
        absl::StrCat("Lambda Runtime API ", path, ": ", curl_api.easy_strerror(code)));
  }
  curl_api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

absl::StatusOr<Invocation> RuntimeApiClient::Next() {
  absl::StatusOr<Reply> reply = Send("invocation/next", nullptr, "");
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
  absl::StatusOr<Reply> reply = Send(path, &payload, error_type);
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
