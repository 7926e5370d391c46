#include "rolesel/compile/path_pattern.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "rolesel/internal/absl_view.h"

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

// Every string a full match of `expression` accepts lies between the min and
// max of PossibleMatchRange (computed on the start-anchored regex), so it
// starts with their common prefix; its complete segments are a prefix of
// every matching path.
std::vector<std::string> RegexLiteralPrefix(std::string_view expression) {
  RE2 anchored(absl::StrCat("^(?:", absl::string_view(expression.data(), expression.size()), ")"),
               RuleRegexOptions());
  std::string min, max;
  if (!anchored.ok() || !anchored.PossibleMatchRange(&min, &max, 256)) return {};
  size_t common = 0;
  while (common < min.size() && common < max.size() && min[common] == max[common]) ++common;
  std::string_view prefix(min.data(), common);
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
  if (body.empty()) return out;  // "/" : the root, zero segments
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
  return out;
}

bool PathPattern::Matches(std::string_view path,
                          absl::Span<const std::string_view> segments) const {
  if (regex_ != nullptr) {
    return RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *regex_);
  }
  const size_t m = segments_.size();
  const size_t n = segments.size();
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
          if (s.literal == segments[t]) {
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
