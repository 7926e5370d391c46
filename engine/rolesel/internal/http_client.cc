#include "rolesel/internal/http_client.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rolesel/internal/curl_api.h"

namespace rolesel::internal {
namespace {

struct BodySink {
  std::string* body;
  size_t limit;  // 0: none
  bool overflowed = false;
};

size_t AppendBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const size_t n = size * count;
  if (sink->limit != 0 && sink->body->size() + n > sink->limit) {
    sink->overflowed = true;
    return 0;  // libcurl stops the transfer
  }
  sink->body->append(data, n);
  return n;
}

size_t AppendHeader(char* data, size_t size, size_t count, void* user) {
  ParseHeaderLine(std::string_view(data, size * count),
                  static_cast<std::vector<std::pair<std::string, std::string>>*>(user));
  return size * count;
}

}  // namespace

void ParseHeaderLine(std::string_view text,
                     std::vector<std::pair<std::string, std::string>>* headers) {
  const absl::string_view line(text.data(), text.size());
  const size_t colon = line.find(':');
  if (colon != absl::string_view::npos) {
    headers->emplace_back(absl::AsciiStrToLower(line.substr(0, colon)),
                          std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
  }
}

long TimeoutMs(absl::Duration duration) {
  const int64_t ms = absl::ToInt64Milliseconds(absl::Ceil(duration, absl::Milliseconds(1)));
  return static_cast<long>(std::clamp<int64_t>(ms, 1, int64_t{1} << 30));
}

std::string HttpReply::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "";
}

HttpClient::HttpClient() {
  absl::StatusOr<const CurlApi*> curl = Curl();
  if (curl.ok()) handle_ = (*curl)->easy_init();
}

HttpClient::~HttpClient() {
  if (handle_ != nullptr) (*Curl())->easy_cleanup(static_cast<CURL*>(handle_));
}

absl::StatusOr<HttpReply> HttpClient::Send(const HttpCall& call) {
  absl::StatusOr<const CurlApi*> loaded = Curl();
  if (!loaded.ok()) return loaded.status();
  const CurlApi& api = **loaded;
  CURL* curl = static_cast<CURL*>(handle_);
  if (curl == nullptr) return absl::UnavailableError("curl_easy_init failed");
  api.easy_reset(curl);  // keeps the connection cache
  HttpReply reply;
  BodySink sink{&reply.body, call.max_body_bytes};
  char error[CURL_ERROR_SIZE] = {};
  api.easy_setopt(curl, CURLOPT_URL, call.url.c_str());
  api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);  // never follow elsewhere
  api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, AppendBody);
  api.easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  if (call.read_headers) {
    api.easy_setopt(curl, CURLOPT_HEADERFUNCTION, AppendHeader);
    api.easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
  }
  api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, call.connect_timeout_ms);
  if (call.total_timeout_ms > 0) api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, call.total_timeout_ms);
  if (call.tcp_keepalive) api.easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_slist* headers = api.slist_append(nullptr, "Expect:");  // no 100-continue round trip
  for (const std::string& header : call.headers) {
    headers = api.slist_append(headers, header.c_str());
  }
  api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  if (call.post_body != nullptr) {
    api.easy_setopt(curl, CURLOPT_POST, 1L);
    api.easy_setopt(curl, CURLOPT_POSTFIELDS, call.post_body->data());
    api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                    static_cast<curl_off_t>(call.post_body->size()));
  }
  const CURLcode code = api.easy_perform(curl);
  api.slist_free_all(headers);
  if (sink.overflowed) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the reply is larger than ", call.max_body_bytes, " bytes"));
  }
  if (code != CURLE_OK) {
    const std::string why = error[0] != '\0' ? error : api.easy_strerror(code);
    if (code == CURLE_OPERATION_TIMEDOUT) return absl::DeadlineExceededError(why);
    return absl::UnavailableError(why);
  }
  api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

absl::StatusOr<HttpEndpoint> ParseHttpEndpoint(std::string url, std::string_view what) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::string_view rest = url;
  size_t scheme = 0;
  if (rest.substr(0, 8) == "https://") {
    scheme = 8;
  } else if (rest.substr(0, 7) == "http://") {
    scheme = 7;
  }
  rest.remove_prefix(scheme);
  if (scheme == 0 || rest.empty() || rest.find('/') != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(absl::string_view(what.data(), what.size()),
                                                   " must be http(s)://host[:port], got ", url));
  }
  return HttpEndpoint{url, std::string(rest)};
}

}  // namespace rolesel::internal
