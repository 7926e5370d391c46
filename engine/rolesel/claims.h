// Claims: the caller's token claims, as read from an event or given directly.
//
// Each claim keeps every view the rules may ask for, computed once when the
// claim is added so that deciding never parses:
//   - `text`: the value compared as one string (a JSON string's contents, or
//     the JSON text of a number, boolean, array or object);
//   - `elements`: the claim read as an ordinary claim (spec section 7): the
//     elements of a JSON array, else the single `text`;
//   - `list`: the claim read as a list claim (cognito:groups, cognito:roles,
//     settings.list_claims): a JSON array, a JSON string holding a JSON
//     array, the HTTP API form "[a b c]", or "a,b,c" all read the same.
// A JSON null is treated as an absent claim. An object, or an array holding
// arrays or objects, is `malformed_as_list`: a rule set that reads it as a
// list denies the request as bad_request rather than guess.
//
// Claims is a value type; it is not synchronized, but const access from
// several threads is safe.
#ifndef ROLESEL_CLAIMS_H_
#define ROLESEL_CLAIMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "nlohmann/json.hpp"

namespace rolesel {

struct ClaimValue {
  std::string text;
  std::vector<std::string> elements;
  std::vector<std::string> list;
  bool malformed_as_list = false;
};

// Claims the engine reads on every decision; they live in fixed slots so
// that reading them needs no hashing.
enum class WellKnownClaim { kGroups, kRoles, kPreferredRole, kUsername, kSub };
inline constexpr int kWellKnownClaimCount = 5;

// The claim's name, e.g. "cognito:groups".
std::string_view WellKnownClaimName(WellKnownClaim claim);

class Claims {
 public:
  Claims() = default;

  // Reads a JSON object of claims. Fails (InvalidArgument) when `object` is
  // not an object.
  static absl::StatusOr<Claims> FromJson(const nlohmann::json& object);

  // Adds or replaces a claim given as a single string (as API Gateway's REST
  // authorizer passes every claim).
  void SetString(std::string_view name, std::string_view value);
  // Adds or replaces a claim given as a JSON array of strings.
  void SetArray(std::string_view name, const std::vector<std::string>& values);
  // Adds or replaces a claim whose JSON text is not a string (number, bool).
  void SetJsonScalar(std::string_view name, std::string_view json_text);
  // Adds or replaces a claim from any JSON value (null removes it).
  void SetJson(std::string_view name, const nlohmann::json& value);

  // nullptr when absent.
  const ClaimValue* Find(std::string_view name) const;
  const ClaimValue* Find(WellKnownClaim claim) const {
    const int slot = static_cast<int>(claim);
    return well_known_present_[slot] ? &well_known_[slot] : nullptr;
  }
  size_t size() const;
  bool empty() const { return size() == 0; }

 private:
  ClaimValue& Insert(std::string_view name);
  void Erase(std::string_view name);

  ClaimValue well_known_[kWellKnownClaimCount];
  bool well_known_present_[kWellKnownClaimCount] = {};
  absl::flat_hash_map<std::string, ClaimValue> others_;
};

// Decodes a list claim that arrived as a string (spec section 7). Exposed for
// tests and the event reader.
std::vector<std::string> DecodeStringList(std::string_view value);

}  // namespace rolesel

#endif  // ROLESEL_CLAIMS_H_
