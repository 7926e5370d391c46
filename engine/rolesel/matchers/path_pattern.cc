#include "rolesel/matchers/path_pattern.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"

namespace rolesel {
namespace {

bool IsVariableNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

absl::Status Invalid(std::string_view pattern, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("bad path pattern \"", internal::Absl(pattern), "\": ", internal::Absl(why)));
}

// The complete segments (those followed by a '/') of `prefix`, when it
// starts with '/'.
std::vector<std::string> WholeSegments(std::string_view prefix) {
  if (prefix.empty() || prefix.front() != '/') return {};
  size_t last_slash = prefix.rfind('/');
  std::vector<std::string> segments;
  for (absl::string_view part : absl::StrSplit(
           absl::string_view(prefix.data() + 1, last_slash == 0 ? 0 : last_slash - 1), '/')) {
    if (part.empty()) return {};
    segments.emplace_back(part);
  }
  return segments;
}

// The text every full match of `expression` starts with, read off its
// syntax: after an optional '^', the plain literal bytes up to the first
// metacharacter, less the last one when a quantifier that allows zero
// repeats follows it. Empty when the expression has a '|' anywhere (a
// top-level alternative would start elsewhere). This is how rule regexes
// are usually written ("^/svc/v[0-9]+/x$"), and it costs nothing next to
// RE2's PossibleMatchRange, which builds a DFA.
std::string_view SyntacticPrefix(std::string_view expression) {
  if (expression.find('|') != std::string_view::npos) return {};
  size_t start = !expression.empty() && expression.front() == '^' ? 1 : 0;
  size_t end = start;
  while (end < expression.size()) {
    const unsigned char c = static_cast<unsigned char>(expression[end]);
    if (c >= 0x80 ||
        std::string_view("\\.+*?()[]{}^$|").find(static_cast<char>(c)) != std::string_view::npos) {
      break;
    }
    ++end;
  }
  if (end < expression.size() && end > start &&
      (expression[end] == '*' || expression[end] == '?' || expression[end] == '{')) {
    --end;  // "b*", "b?", "b{0,2}": the 'b' may be absent
  }
  return expression.substr(start, end - start);
}

// Whole segments every path a full match of `expression` accepts starts
// with. The syntax gives them for most rule regexes; otherwise every such
// string lies between the min and max of PossibleMatchRange (computed on the
// start-anchored regex), so it starts with their common prefix.
std::vector<std::string> RegexLiteralPrefix(std::string_view expression) {
  std::vector<std::string> segments = WholeSegments(SyntacticPrefix(expression));
  if (!segments.empty()) return segments;
  RE2 anchored(absl::StrCat("^(?:", absl::string_view(expression.data(), expression.size()), ")"),
               RuleRegexOptions());
  std::string min, max;
  if (!anchored.ok() || !anchored.PossibleMatchRange(&min, &max, 256)) return {};
  size_t common = 0;
  while (common < min.size() && common < max.size() && min[common] == max[common]) ++common;
  return WholeSegments(std::string_view(min.data(), common));
}

}  // namespace

RE2::Options RuleRegexOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(kRegexMemoryBudget);
  return options;
}

absl::StatusOr<PathPattern> PathPattern::Parse(std::string_view pattern) {
  if (pattern.size() > kMaxPatternBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the path pattern is longer than ", kMaxPatternBytes, " bytes"));
  }
  PathPattern out;
  out.text_ = std::string(pattern);
  if (pattern.substr(0, 3) == "re:") {
    std::string_view expression = pattern.substr(3);
    if (expression.empty()) return Invalid(pattern, "the regex is empty");
    auto regex = std::make_shared<RE2>(re2::StringPiece(expression.data(), expression.size()),
                                       RuleRegexOptions());
    if (!regex->ok()) {
      return Invalid(pattern, absl::StrCat("RE2 cannot compile it: ", regex->error()));
    }
    out.regex_ = std::move(regex);
    out.literal_prefix_ = RegexLiteralPrefix(expression);
    return out;
  }
  if (pattern.empty() || pattern.front() != '/') {
    return Invalid(pattern, "a path pattern starts with '/' (or \"re:\" for a regex)");
  }
  std::string_view body = pattern.substr(1);
  if (!body.empty() && body.back() == '/') body.remove_suffix(1);
  if (body.empty()) {  // "/" : the root, zero segments
    out.max_segments_ = 0;
    return out;
  }
  std::vector<absl::string_view> parts =
      absl::StrSplit(absl::string_view(body.data(), body.size()), '/');
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part(parts[i].data(), parts[i].size());
    bool last = i + 1 == parts.size();
    if (part.empty()) return Invalid(pattern, "empty segment (\"//\")");
    for (char c : part) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        return Invalid(pattern, "control character");
      }
    }
    if (part == "." || part == "..") {
      return Invalid(pattern, "\".\" and \"..\" segments never match a normalized path");
    }
    if (part == "**") {
      out.segments_.push_back({SegmentKind::kDoubleStar, ""});
      continue;
    }
    if (part == "*") {
      out.segments_.push_back({SegmentKind::kStar, ""});
      continue;
    }
    if (part.front() == '{' && part.back() == '}' && part.size() >= 3) {
      std::string_view name = part.substr(1, part.size() - 2);
      bool greedy = name.back() == '+';
      if (greedy) name.remove_suffix(1);
      if (name.empty()) return Invalid(pattern, "a path variable needs a name");
      for (char c : name) {
        if (!IsVariableNameChar(c)) {
          return Invalid(pattern, absl::StrCat("bad variable name \"", internal::Absl(name),
                                               "\" (letters, digits, _ and -)"));
        }
      }
      if (greedy && !last) {
        return Invalid(pattern, "a greedy variable {name+} must be the last segment");
      }
      out.segments_.push_back(
          {greedy ? SegmentKind::kGreedy : SegmentKind::kVariable, std::string(name)});
      continue;
    }
    if (part.find_first_of("{}") != std::string_view::npos) {
      return Invalid(pattern,
                     "unbalanced braces or a variable inside a segment; a variable is a "
                     "whole segment: {name} or {name+}");
    }
    if (part.find('*') != std::string_view::npos) {
      return Invalid(pattern, "'*' and '**' must be a whole segment");
    }
    if (part.find('%') != std::string_view::npos) {
      return Invalid(pattern,
                     "'%' never matches: requests are matched after percent-decoding, so "
                     "write the decoded character");
    }
    out.segments_.push_back({SegmentKind::kLiteral, std::string(part)});
  }
  for (const Segment& segment : out.segments_) {
    if (segment.kind != SegmentKind::kLiteral) break;
    out.literal_prefix_.push_back(segment.literal);
  }
  out.min_segments_ = 0;
  out.max_segments_ = 0;
  for (const Segment& segment : out.segments_) {
    if (segment.kind == SegmentKind::kDoubleStar || segment.kind == SegmentKind::kGreedy) {
      out.max_segments_ = SIZE_MAX;
    } else if (out.max_segments_ != SIZE_MAX) {
      ++out.max_segments_;
    }
    if (segment.kind != SegmentKind::kDoubleStar) ++out.min_segments_;
  }
  return out;
}

bool PathPattern::Matches(std::string_view path,
                          absl::Span<const std::string_view> segments) const {
  if (regex_ != nullptr) {
    return RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *regex_);
  }
  const size_t m = segments_.size();
  const size_t n = segments.size();
  if (n < min_segments_ || n > max_segments_) return false;
  size_t p = 0, t = 0;
  size_t star_p = m, star_t = 0;  // last "**" seen, for backtracking
  while (t < n) {
    if (p < m) {
      const Segment& s = segments_[p];
      switch (s.kind) {
        case SegmentKind::kGreedy:
          return true;  // last, and at least one segment remains
        case SegmentKind::kDoubleStar:
          star_p = p++;
          star_t = t;
          continue;
        case SegmentKind::kVariable:
        case SegmentKind::kStar:
          ++p;
          ++t;
          continue;
        case SegmentKind::kLiteral:
          if (internal::SameBytes(s.literal, segments[t])) {
            ++p;
            ++t;
            continue;
          }
          break;
      }
    }
    if (star_p == m) return false;
    p = star_p + 1;
    t = ++star_t;
  }
  while (p < m && segments_[p].kind == SegmentKind::kDoubleStar) ++p;
  return p == m;
}

}  // namespace rolesel
