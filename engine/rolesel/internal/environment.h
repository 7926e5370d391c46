// Reading the function's settings from environment variables: a number in
// a range, or nothing when the variable is unset or empty. A value that is
// not a number, or out of range, is an InvalidArgument naming the variable,
// the range and the value: the init fails with it rather than run on a
// setting it misread.
#ifndef ROLESEL_INTERNAL_ENVIRONMENT_H_
#define ROLESEL_INTERNAL_ENVIRONMENT_H_

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace rolesel::internal {

// `*out` keeps its value when `name` is unset or empty.
absl::Status NumberFromEnv(const char* name, double min, double max, double* out);
// NumberFromEnv in seconds (0 to 86400) or milliseconds (0 to 60000).
absl::Status SecondsFromEnv(const char* name, absl::Duration* out);
absl::Status MillisecondsFromEnv(const char* name, absl::Duration* out);

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_ENVIRONMENT_H_
