#include "rolesel/compile/arn.h"

#include "absl/strings/str_cat.h"
#include "rolesel/internal/absl_view.h"

namespace rolesel {
namespace {

bool Fail(std::string* why, std::string_view message) {
  if (why != nullptr) *why = std::string(message);
  return false;
}

bool ConsumePrefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  return true;
}

bool IsRoleNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

}  // namespace

bool IsWellFormedRoleArn(std::string_view arn, std::string* why) {
  std::string_view rest = arn;
  if (!ConsumePrefix(&rest, "arn:")) return Fail(why, "a role ARN starts with \"arn:\"");
  if (!ConsumePrefix(&rest, "aws:") && !ConsumePrefix(&rest, "aws-cn:") &&
      !ConsumePrefix(&rest, "aws-us-gov:")) {
    return Fail(why, "the partition must be aws, aws-cn or aws-us-gov");
  }
  if (!ConsumePrefix(&rest, "iam::")) {
    return Fail(why, "the service must be iam, with an empty region (\"iam::\")");
  }
  if (rest.size() < 13) return Fail(why, "the account must be 12 digits");
  for (int i = 0; i < 12; ++i) {
    if (rest[i] < '0' || rest[i] > '9') return Fail(why, "the account must be 12 digits");
  }
  rest.remove_prefix(12);
  if (!ConsumePrefix(&rest, ":role/")) {
    return Fail(why, "the resource must be \"role/\" followed by the role name");
  }
  size_t last_slash = rest.rfind('/');
  std::string_view name =
      last_slash == std::string_view::npos ? rest : rest.substr(last_slash + 1);
  std::string_view path =
      last_slash == std::string_view::npos ? std::string_view() : rest.substr(0, last_slash);
  if (name.empty() || name.size() > 64) {
    return Fail(why, "the role name must be 1 to 64 characters");
  }
  for (char c : name) {
    if (!IsRoleNameChar(c)) {
      return Fail(why, "the role name may only hold letters, digits and _+=,.@-");
    }
  }
  if (last_slash != std::string_view::npos && path.empty()) {
    return Fail(why, "the role path has an empty segment");
  }
  if (path.size() > 510) return Fail(why, "the role path is longer than 512 characters");
  char previous = '/';
  for (char c : path) {
    if (c < 0x21 || c > 0x7e || c == '*' || c == '?') {
      return Fail(why, "the role path may only hold printable ASCII and no wildcards");
    }
    if (c == '/' && previous == '/') return Fail(why, "the role path has an empty segment");
    previous = c;
  }
  return true;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
    } else if (star_p != std::string_view::npos) {
      p = star_p + 1;
      t = ++star_t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

absl::StatusOr<ArnGlob> ArnGlob::Create(std::string_view pattern) {
  if (pattern.empty()) return absl::InvalidArgumentError("an ARN glob must not be empty");
  for (char c : pattern) {
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(
          "an ARN glob may only hold printable ASCII without spaces");
    }
  }
  if (pattern.substr(0, 4) != "arn:" && pattern.front() != '*') {
    return absl::InvalidArgumentError(absl::StrCat(
        "an ARN glob must start with \"arn:\" (got \"", internal::Absl(pattern), "\")"));
  }
  return ArnGlob(std::string(pattern));
}

}  // namespace rolesel
