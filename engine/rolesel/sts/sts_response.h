// Parses STS AssumeRole responses with pugixml: the success document and both
// error shapes (real STS's <ErrorResponse><Error> and moto's
// <ErrorResponse><Errors><Error>). Never throws.
#ifndef ROLESEL_STS_STS_RESPONSE_H_
#define ROLESEL_STS_STS_RESPONSE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "rolesel/sts/credentials.h"

namespace rolesel::sts {

struct StsError {
  std::string code;  // e.g. "Throttling"; empty when the body has none
  std::string message;
};

// Credentials from a 200 response; DataLoss when the document is malformed,
// truncated, or lacks a field.
absl::StatusOr<AwsCredentials> ParseAssumeRoleResponse(std::string_view body);
// The error in an error response; nullopt-like empty code when unreadable.
StsError ParseStsError(std::string_view body);

}  // namespace rolesel::sts

#endif  // ROLESEL_STS_STS_RESPONSE_H_
