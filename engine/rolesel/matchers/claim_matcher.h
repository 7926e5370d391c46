// ClaimMatcher: one `claims` condition, "claim -> {operator: operand}"
// (spec section 4).
//
// Operators: equals, not_equals, starts_with, contains, in, regex, exists.
// An absent claim makes every operator false except `exists: false`. For a
// claim read as a list (list claims, or a JSON array) an operator holds when
// any element does, except `not_equals`, which holds when the claim is
// present and no element equals the operand.
//
// Matching allocates nothing. Immutable and thread-safe once built.
#ifndef ROLESEL_MATCHERS_CLAIM_MATCHER_H_
#define ROLESEL_MATCHERS_CLAIM_MATCHER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"
#include "re2/re2.h"
#include "rolesel/core/claims.h"

namespace rolesel {

class ClaimMatcher {
 public:
  enum class Op { kEquals, kNotEquals, kStartsWith, kContains, kIn, kRegex, kExists };

  // The operator names, in the spec's order.
  static const std::vector<std::string>& OperatorNames();

  // `op` is the operator's name and `operand` its JSON value; errors say
  // what is wrong (unknown operator, wrong operand type, bad RE2 regex).
  static absl::StatusOr<ClaimMatcher> Create(std::string claim, std::string_view op,
                                             const nlohmann::json& operand);

  // `value` is null when the claim is absent. `as_list` reads its list view.
  bool Matches(const ClaimValue* value, bool as_list) const;
  // Why Matches() gave what it gave, e.g. `"silver" not in ["gold"]`.
  std::string Explain(const ClaimValue* value, bool as_list) const;

  const std::string& claim() const { return claim_; }
  Op op() const { return op_; }
  const std::vector<std::string>& operands() const { return operands_; }
  bool exists_operand() const { return exists_; }

 private:
  bool ElementMatches(std::string_view element) const;
  std::string DescribeOperand() const;

  std::string claim_;
  Op op_ = Op::kEquals;
  std::vector<std::string> operands_;  // one for string operators; many for `in`
  bool exists_ = true;
  std::shared_ptr<const RE2> regex_;
};

}  // namespace rolesel

#endif  // ROLESEL_MATCHERS_CLAIM_MATCHER_H_
