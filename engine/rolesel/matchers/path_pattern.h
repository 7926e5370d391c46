// PathPattern: one compiled `path` pattern of a rule (spec section 5).
//
// Forms: "/pets" (exact; a trailing '/' is ignored except for "/"),
// "/pets/{petId}" (one segment), "/files/{proxy+}" (one or more segments,
// last only), "/pets/*" (one segment), "/admin/**" (zero or more segments,
// as a whole segment anywhere), "re:REGEX" (RE2 full match against the
// normalized path). Variables and wildcards are whole segments; '%' is
// refused because requests are matched in their decoded form.
//
// Matching allocates nothing and runs in O(segments x pattern segments) at
// worst. Immutable and thread-safe once built.
#ifndef ROLESEL_MATCHERS_PATH_PATTERN_H_
#define ROLESEL_MATCHERS_PATH_PATTERN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "re2/re2.h"

namespace rolesel {

class PathPattern {
 public:
  enum class SegmentKind { kLiteral, kVariable, kStar, kGreedy, kDoubleStar };
  struct Segment {
    SegmentKind kind;
    std::string literal;  // kLiteral: the text; kVariable/kGreedy: the name
  };

  // Errors say what is wrong with the pattern (InvalidArgument).
  static absl::StatusOr<PathPattern> Parse(std::string_view pattern);

  // `path` is the normalized path and `segments` its segments.
  bool Matches(std::string_view path, absl::Span<const std::string_view> segments) const;

  const std::string& text() const { return text_; }
  bool is_regex() const { return regex_ != nullptr; }
  const std::vector<Segment>& segments() const { return segments_; }

  // Whole segments every matching path starts with: the leading literal
  // segments, or for a regex those implied by RE2's PossibleMatchRange.
  // Empty when nothing is known. Used to index rules by path.
  const std::vector<std::string>& literal_prefix() const { return literal_prefix_; }

 private:
  std::string text_;
  std::vector<Segment> segments_;
  std::shared_ptr<const RE2> regex_;
  std::vector<std::string> literal_prefix_;
  // How many segments a matching path has, at least and at most (SIZE_MAX
  // with "**" or {name+}); most patterns are refused by these alone.
  size_t min_segments_ = 0;
  size_t max_segments_ = SIZE_MAX;
};

// RE2 options shared by every regex in a rule set: no logging to stderr, and
// a bounded memory budget per regex (kRegexMemoryBudget).
RE2::Options RuleRegexOptions();

// The longest path pattern or regex (path "re:" or claim `regex`) a rules
// file may hold; longer ones are load errors.
inline constexpr size_t kMaxPatternBytes = 4096;
inline constexpr int64_t kRegexMemoryBudget = 1 << 20;  // 1 MiB per regex

}  // namespace rolesel

#endif  // ROLESEL_MATCHERS_PATH_PATTERN_H_
