#include "rolesel/matchers/arn.h"

#include "absl/strings/str_cat.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"
#include "rolesel/matchers/session_template.h"

namespace rolesel {
namespace {

bool Fail(std::string* why, std::string_view message) {
  if (why != nullptr) *why = std::string(message);
  return false;
}

bool ConsumePrefix(std::string_view* s, std::string_view prefix) {
  // A shorter `s` yields a shorter substr, which SameBytes finds unequal.
  if (!internal::SameBytes(s->substr(0, prefix.size()), prefix)) return false;
  s->remove_prefix(prefix.size());
  return true;
}

// IAM's role name characters, letters, digits and _+=,.@-, are
// RoleSessionName's alphabet: one table for both.
bool IsRoleNameChar(char c) { return IsSessionNameChar(static_cast<unsigned char>(c)); }

}  // namespace

namespace {

// arn:PARTITION:iam::ACCOUNT:KIND/PATH/NAME, the shape IAM role and policy
// ARNs share. `aws_account` also admits "aws" as the account (AWS managed
// policies).
bool IsWellFormedIamArn(std::string_view arn, std::string_view kind, size_t max_name,
                        bool aws_account, std::string* why) {
  std::string_view rest = arn;
  if (!ConsumePrefix(&rest, "arn:")) {
    return Fail(why, absl::StrCat("a ", internal::Absl(kind), " ARN starts with \"arn:\""));
  }
  if (!ConsumePrefix(&rest, "aws:") && !ConsumePrefix(&rest, "aws-cn:") &&
      !ConsumePrefix(&rest, "aws-us-gov:")) {
    return Fail(why, "the partition must be aws, aws-cn or aws-us-gov");
  }
  if (!ConsumePrefix(&rest, "iam::")) {
    return Fail(why, "the service must be iam, with an empty region (\"iam::\")");
  }
  if (aws_account && ConsumePrefix(&rest, "aws")) {
    // arn:aws:iam::aws:policy/...: an AWS managed policy.
  } else {
    const char* account =
        aws_account ? "the account must be 12 digits or \"aws\"" : "the account must be 12 digits";
    if (rest.size() < 13) return Fail(why, account);
    for (int i = 0; i < 12; ++i) {
      if (rest[i] < '0' || rest[i] > '9') return Fail(why, account);
    }
    rest.remove_prefix(12);
  }
  if (!ConsumePrefix(&rest, ":") || !ConsumePrefix(&rest, kind) || !ConsumePrefix(&rest, "/")) {
    return Fail(why, absl::StrCat("the resource must be \"", internal::Absl(kind),
                                  "/\" followed by the ", internal::Absl(kind), " name"));
  }
  size_t last_slash = rest.rfind('/');
  std::string_view name = last_slash == std::string_view::npos ? rest : rest.substr(last_slash + 1);
  std::string_view path =
      last_slash == std::string_view::npos ? std::string_view() : rest.substr(0, last_slash);
  if (name.empty() || name.size() > max_name) {
    return Fail(why, absl::StrCat("the ", internal::Absl(kind), " name must be 1 to ", max_name,
                                  " characters"));
  }
  for (char c : name) {
    if (!IsRoleNameChar(c)) {
      return Fail(why, absl::StrCat("the ", internal::Absl(kind),
                                    " name may only hold letters, digits and _+=,.@-"));
    }
  }
  if (last_slash != std::string_view::npos && path.empty()) {
    return Fail(why, absl::StrCat("the ", internal::Absl(kind), " path has an empty segment"));
  }
  if (path.size() > 510) {
    return Fail(why,
                absl::StrCat("the ", internal::Absl(kind), " path is longer than 512 characters"));
  }
  char previous = '/';
  for (char c : path) {
    if (c < 0x21 || c > 0x7e || c == '*' || c == '?') {
      return Fail(why, absl::StrCat("the ", internal::Absl(kind),
                                    " path may only hold printable ASCII and no wildcards"));
    }
    if (c == '/' && previous == '/') {
      return Fail(why, absl::StrCat("the ", internal::Absl(kind), " path has an empty segment"));
    }
    previous = c;
  }
  return true;
}

}  // namespace

bool IsWellFormedRoleArn(std::string_view arn, std::string* why) {
  return IsWellFormedIamArn(arn, "role", 64, /*aws_account=*/false, why);
}

bool IsWellFormedPolicyArn(std::string_view arn, std::string* why) {
  return IsWellFormedIamArn(arn, "policy", 128, /*aws_account=*/true, why);
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

namespace {

// `piece` matches `text` at `at` (equal length; '?' matches any character).
bool PieceMatchesAt(std::string_view piece, std::string_view text, size_t at,
                    bool has_question = true) {
  if (at + piece.size() > text.size()) return false;
  if (!has_question) return internal::SameBytes(text.substr(at, piece.size()), piece);
  for (size_t i = 0; i < piece.size(); ++i) {
    if (piece[i] != '?' && piece[i] != text[at + i]) return false;
  }
  return true;
}

// Leftmost position >= `from` where `piece` matches, or npos.
size_t FindPiece(std::string_view piece, std::string_view text, size_t from, bool has_question) {
  if (!has_question) return text.find(piece, from);
  for (size_t at = from; at + piece.size() <= text.size(); ++at) {
    if (PieceMatchesAt(piece, text, at)) return at;
  }
  return std::string_view::npos;
}

}  // namespace

ArnGlob::ArnGlob(std::string pattern) : pattern_(std::move(pattern)) {
  has_star_ = pattern_.find('*') != std::string::npos;
  has_question_ = pattern_.find('?') != std::string::npos;
  size_t start = 0;
  while (true) {
    size_t star = pattern_.find('*', start);
    pieces_.push_back(
        pattern_.substr(start, star == std::string::npos ? std::string::npos : star - start));
    if (star == std::string::npos) break;
    start = star + 1;
  }
}

bool ArnGlob::Matches(std::string_view arn) const {
  if (!has_star_) {
    return arn.size() == pattern_.size() && PieceMatchesAt(pattern_, arn, 0, has_question_);
  }
  const std::string& first = pieces_.front();
  const std::string& last = pieces_.back();
  if (arn.size() < first.size() + last.size()) return false;
  if (!PieceMatchesAt(first, arn, 0, has_question_)) return false;
  if (!PieceMatchesAt(last, arn, arn.size() - last.size(), has_question_)) return false;
  size_t at = first.size();
  const size_t end = arn.size() - last.size();
  for (size_t i = 1; i + 1 < pieces_.size(); ++i) {
    const std::string& piece = pieces_[i];
    size_t found = FindPiece(piece, arn.substr(0, end), at, has_question_);
    if (found == std::string_view::npos) return false;
    at = found + piece.size();
  }
  return true;
}

absl::StatusOr<ArnGlob> ArnGlob::Create(std::string_view pattern) {
  if (pattern.empty()) return absl::InvalidArgumentError("an ARN glob must not be empty");
  for (char c : pattern) {
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError("an ARN glob may only hold printable ASCII without spaces");
    }
  }
  if (pattern.substr(0, 4) != "arn:" && pattern.front() != '*') {
    return absl::InvalidArgumentError(absl::StrCat("an ARN glob must start with \"arn:\" (got \"",
                                                   internal::Absl(pattern), "\")"));
  }
  return ArnGlob(std::string(pattern));
}

}  // namespace rolesel
