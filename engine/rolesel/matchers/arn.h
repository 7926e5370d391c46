// Role and policy ARNs, and ARN globs (spec sections 3 and 4).
//
// IsWellFormedRoleArn() is the engine's definition of "a well-formed IAM role
// ARN": arn:{aws|aws-cn|aws-us-gov}:iam::{12 digits}:role/{path/}{name}, the
// name 1..64 of [A-Za-z0-9_+=,.@-], the path of printable ASCII with no empty
// segment, and never a wildcard ('*' or '?') anywhere. It allocates nothing
// and is used on the hot path for roles read from tokens.
//
// ArnGlob: '*' matches any run of characters (also '/' and ':'), '?' exactly
// one; everything else is literal. Immutable and thread-safe once built.
#ifndef ROLESEL_MATCHERS_ARN_H_
#define ROLESEL_MATCHERS_ARN_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace rolesel {

// When `why` is given and the ARN is malformed, says what is wrong.
bool IsWellFormedRoleArn(std::string_view arn, std::string* why = nullptr);
// A managed policy ARN, for STS's PolicyArns:
// arn:{partition}:iam::{12 digits or "aws"}:policy/{path/}{name}, the name
// 1..128 of [A-Za-z0-9_+=,.@-], the path as for roles, no wildcards.
bool IsWellFormedPolicyArn(std::string_view arn, std::string* why = nullptr);

// Plain wildcard match ('*' any run, '?' one character), linear time.
bool GlobMatch(std::string_view pattern, std::string_view text);

class ArnGlob {
 public:
  // A glob must be non-empty printable ASCII without spaces and start with
  // "arn:" or '*'.
  static absl::StatusOr<ArnGlob> Create(std::string_view pattern);

  // Same answer as GlobMatch(pattern(), arn), computed from the pieces
  // between the '*'s: the first anchored at the start, the last at the end,
  // the others found leftmost in between (which is optimal for '*'), so it
  // never backtracks.
  bool Matches(std::string_view arn) const;
  const std::string& pattern() const { return pattern_; }

 private:
  explicit ArnGlob(std::string pattern);
  std::string pattern_;
  std::vector<std::string> pieces_;  // pattern_ split on '*'
  bool has_star_ = false;
  bool has_question_ = false;
};

}  // namespace rolesel

#endif  // ROLESEL_MATCHERS_ARN_H_
