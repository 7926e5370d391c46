// FetchRulesOverHttp: the GET both HTTP rules sources make (appconfig://,
// s3://): bounded by the source's timeout and by the largest rules text
// taken (kMaxRulesBytes), with response headers read, and a transport
// failure reported with the source's location in front. Internal to
// source/; the client is the source's own (not thread-safe).
#ifndef ROLESEL_SOURCE_HTTP_FETCH_H_
#define ROLESEL_SOURCE_HTTP_FETCH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "rolesel/internal/http_client.h"

namespace rolesel::source {

inline constexpr size_t kMaxRulesBytes = 4 * 1024 * 1024;

absl::StatusOr<internal::HttpReply> FetchRulesOverHttp(internal::HttpClient* http, std::string url,
                                                       std::vector<std::string> headers,
                                                       absl::Duration timeout,
                                                       std::string_view location);

}  // namespace rolesel::source

#endif  // ROLESEL_SOURCE_HTTP_FETCH_H_
