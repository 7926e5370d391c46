#include "rolesel/source/http_fetch.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "rolesel/internal/absl_view.h"

namespace rolesel::source {

absl::StatusOr<internal::HttpReply> FetchRulesOverHttp(internal::HttpClient* http, std::string url,
                                                       std::vector<std::string> headers,
                                                       absl::Duration timeout,
                                                       std::string_view location) {
  internal::HttpCall call;
  call.url = std::move(url);
  call.headers = std::move(headers);
  call.read_headers = true;
  call.connect_timeout_ms = static_cast<long>(absl::ToInt64Milliseconds(timeout));
  call.total_timeout_ms = call.connect_timeout_ms;
  call.max_body_bytes = kMaxRulesBytes;
  absl::StatusOr<internal::HttpReply> reply = http->Send(call);
  if (!reply.ok()) {
    return absl::Status(reply.status().code(),
                        absl::StrCat(internal::Absl(location), ": ", reply.status().message()));
  }
  return reply;
}

}  // namespace rolesel::source
