// The Runtime API's answer to invocation/next, as the built-in client reads
// it: header lines (split at '\n', as libcurl hands them over one by one)
// -> ParseHeaderLine -> ReadInvocation.
// Oracles: nothing crashes or throws; an accepted invocation has a request
// id of 1 to 128 URL-safe characters (it is put into the answer's URL) and
// a deadline that is unknown or between 1970 and 2100; reading the same
// headers twice gives the same invocation.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_oracles.h"
#include "rolesel/internal/http_client.h"
#include "rolesel/lambda/runtime_api_client.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::pair<std::string, std::string>> headers;
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    rolesel::internal::ParseHeaderLine(input.substr(start, end + 1 - start), &headers);
    start = end + 1;
  }
  auto invocation = rolesel::lambda::ReadInvocation(headers, "{}");
  auto again = rolesel::lambda::ReadInvocation(headers, "{}");
  rolesel::fuzz::Check(invocation.ok() == again.ok(), "the same headers read the same way");
  if (!invocation.ok()) return 0;
  const std::string& id = invocation->request_id;
  rolesel::fuzz::Check(!id.empty() && id.size() <= 128, "a request id is 1 to 128 characters");
  for (char c : id) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == ':';
    rolesel::fuzz::Check(safe, "a request id holds only URL-safe characters");
  }
  rolesel::fuzz::Check(invocation->deadline == absl::InfiniteFuture() ||
                           (invocation->deadline > absl::UnixEpoch() &&
                            invocation->deadline < absl::FromUnixSeconds(4102444800)),
                       "a deadline is unknown or between 1970 and 2100");
  rolesel::fuzz::Check(again->request_id == id && again->deadline == invocation->deadline,
                       "the same headers give the same invocation");
  return 0;
}
