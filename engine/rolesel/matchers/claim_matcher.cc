#include "rolesel/matchers/claim_matcher.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/matchers/path_pattern.h"

namespace rolesel {
namespace {

using internal::Absl;
absl::string_view AbslView(std::string_view s) { return Absl(s); }

using internal::JsonQuote;
using internal::JsonQuoteAll;

absl::Span<const std::string> Elements(const ClaimValue& value, bool as_list) {
  return as_list ? value.list() : value.elements();
}

}  // namespace

const std::vector<std::string>& ClaimMatcher::OperatorNames() {
  static const auto* names = new std::vector<std::string>{
      "equals", "not_equals", "starts_with", "contains", "in", "regex", "exists"};
  return *names;
}

absl::StatusOr<ClaimMatcher> ClaimMatcher::Create(std::string claim, std::string_view op,
                                                  const nlohmann::json& operand) {
  ClaimMatcher m;
  m.claim_ = std::move(claim);
  auto need_string = [&](Op kind) -> absl::Status {
    if (!operand.is_string()) {
      return absl::InvalidArgumentError(absl::StrCat("operator \"", Absl(op), "\" takes a string"));
    }
    m.op_ = kind;
    m.operands_ = {operand.get<std::string>()};
    return absl::OkStatus();
  };
  absl::Status status;
  if (op == "equals") {
    status = need_string(Op::kEquals);
  } else if (op == "not_equals") {
    status = need_string(Op::kNotEquals);
  } else if (op == "starts_with") {
    status = need_string(Op::kStartsWith);
  } else if (op == "contains") {
    status = need_string(Op::kContains);
  } else if (op == "regex") {
    status = need_string(Op::kRegex);
    if (status.ok() && m.operands_[0].size() > kMaxPatternBytes) {
      return absl::InvalidArgumentError(
          absl::StrCat("the regex is longer than ", kMaxPatternBytes, " bytes"));
    }
    if (status.ok()) {
      auto regex = std::make_shared<RE2>(m.operands_[0], RuleRegexOptions());
      if (!regex->ok()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "bad regex ", JsonQuote(m.operands_[0]), ": RE2 cannot compile it: ", regex->error()));
      }
      m.regex_ = std::move(regex);
    }
  } else if (op == "in") {
    if (!operand.is_array()) {
      return absl::InvalidArgumentError("operator \"in\" takes an array of strings");
    }
    m.op_ = Op::kIn;
    for (const auto& element : operand) {
      if (!element.is_string()) {
        return absl::InvalidArgumentError("operator \"in\" takes an array of strings");
      }
      m.operands_.push_back(element.get<std::string>());
    }
  } else if (op == "exists") {
    if (!operand.is_boolean()) {
      return absl::InvalidArgumentError("operator \"exists\" takes true or false");
    }
    m.op_ = Op::kExists;
    m.exists_ = operand.get<bool>();
  } else {
    return absl::InvalidArgumentError(absl::StrCat("unknown operator \"", Absl(op), "\" (one of: ",
                                                   absl::StrJoin(OperatorNames(), ", "), ")"));
  }
  if (!status.ok()) return status;
  return m;
}

bool ClaimMatcher::ElementMatches(std::string_view element) const {
  switch (op_) {
    case Op::kEquals:
    case Op::kNotEquals:
      return internal::SameBytes(element, operands_[0]);
    case Op::kStartsWith:
      return absl::StartsWith(AbslView(element), operands_[0]);
    case Op::kContains:
      return absl::StrContains(AbslView(element), operands_[0]);
    case Op::kIn:
      return std::any_of(operands_.begin(), operands_.end(), [&](const std::string& operand) {
        return internal::SameBytes(element, operand);
      });
    case Op::kRegex:
      return RE2::FullMatch(re2::StringPiece(element.data(), element.size()), *regex_);
    case Op::kExists:
      return true;
  }
  return false;
}

bool ClaimMatcher::Matches(const ClaimValue* value, bool as_list) const {
  if (op_ == Op::kExists) return (value != nullptr) == exists_;
  if (value == nullptr) return false;
  const absl::Span<const std::string> elements = Elements(*value, as_list);
  bool any = std::any_of(elements.begin(), elements.end(),
                         [this](const std::string& e) { return ElementMatches(e); });
  return op_ == Op::kNotEquals ? !any : any;
}

std::string ClaimMatcher::DescribeOperand() const {
  switch (op_) {
    case Op::kEquals:
      return absl::StrCat("equal ", JsonQuote(operands_[0]));
    case Op::kNotEquals:
      return absl::StrCat("differ from ", JsonQuote(operands_[0]));
    case Op::kStartsWith:
      return absl::StrCat("start with ", JsonQuote(operands_[0]));
    case Op::kContains:
      return absl::StrCat("contain ", JsonQuote(operands_[0]));
    case Op::kIn:
      return absl::StrCat("be in ", JsonQuoteAll(operands_));
    case Op::kRegex:
      return absl::StrCat("fully match regex ", JsonQuote(operands_[0]));
    case Op::kExists:
      return exists_ ? "be present" : "be absent";
  }
  return "";
}

std::string ClaimMatcher::Explain(const ClaimValue* value, bool as_list) const {
  bool matched = Matches(value, as_list);
  std::string prefix = absl::StrCat("claims.", claim_, ": ");
  if (value == nullptr) {
    return absl::StrCat(prefix, "absent; must ", DescribeOperand(), matched ? " (holds)" : "");
  }
  const absl::Span<const std::string> elements = Elements(*value, as_list);
  std::string shown =
      (elements.size() == 1 && !as_list)
          ? JsonQuote(elements[0])
          : JsonQuoteAll(std::vector<std::string>(elements.begin(), elements.end()));
  if (op_ == Op::kIn && elements.size() == 1 && !matched) {
    return absl::StrCat(prefix, shown, " not in ", JsonQuoteAll(operands_));
  }
  return absl::StrCat(prefix, shown, matched ? " does " : " does not ", DescribeOperand());
}

}  // namespace rolesel
