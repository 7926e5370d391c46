// GoogleMock matchers for absl::Status and absl::StatusOr (Debian 12's Abseil
// ships none):
//
//   EXPECT_THAT(LoadSomething(), IsOk());
//   EXPECT_THAT(rules.status(), StatusIs(absl::StatusCode::kInvalidArgument,
//                                        HasSubstr("line 3")));
//
// On failure they print the status, so a test says why it failed.
#ifndef ROLESEL_TESTS_STATUS_MATCHERS_H_
#define ROLESEL_TESTS_STATUS_MATCHERS_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"

namespace rolesel::testing {

inline const absl::Status& GetStatus(const absl::Status& status) { return status; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

MATCHER(IsOk, negation ? "is not OK" : "is OK") {
  const absl::Status& status = GetStatus(arg);
  if (!status.ok()) *result_listener << "status is " << status;
  return status.ok();
}

MATCHER_P2(StatusIs, code, message_matcher,
           absl::StrCat(negation ? "has not " : "has ", "code ", absl::StatusCodeToString(code),
                        " and a message that ",
                        ::testing::DescribeMatcher<std::string>(message_matcher, negation))) {
  const absl::Status& status = GetStatus(arg);
  *result_listener << "status is " << status;
  return status.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(status.message()),
                                       result_listener);
}

}  // namespace rolesel::testing

#endif  // ROLESEL_TESTS_STATUS_MATCHERS_H_
