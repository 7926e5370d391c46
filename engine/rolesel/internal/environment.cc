#include "rolesel/internal/environment.h"

#include <cstdlib>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace rolesel::internal {

absl::Status NumberFromEnv(const char* name, double min, double max, double* out) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return absl::OkStatus();
  double number = 0;
  // SimpleAtod takes "nan" and "inf": the range check refuses both.
  if (!absl::SimpleAtod(value, &number) || !(number >= min && number <= max)) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, " must be a number from ", min, " to ", max, ", got \"", value, "\""));
  }
  *out = number;
  return absl::OkStatus();
}

absl::Status SecondsFromEnv(const char* name, absl::Duration* out) {
  double seconds = absl::ToDoubleSeconds(*out);
  if (absl::Status s = NumberFromEnv(name, 0, 86400, &seconds); !s.ok()) return s;
  *out = absl::Seconds(seconds);
  return absl::OkStatus();
}

absl::Status MillisecondsFromEnv(const char* name, absl::Duration* out) {
  double ms = absl::ToDoubleMilliseconds(*out);
  if (absl::Status s = NumberFromEnv(name, 0, 60000, &ms); !s.ok()) return s;
  *out = absl::Milliseconds(ms);
  return absl::OkStatus();
}

}  // namespace rolesel::internal
