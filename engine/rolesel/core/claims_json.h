// Claims from JSON values: a token's payload, a direct request's "claims"
// object, a claim whose value is an array or an object.
//
// Apart from claims.h so that the engine's public headers pull in no JSON
// library. The views each value gets are those claims.h describes; a value
// nesting deeper than kMaxClaimDepth refuses the request naming the claim
// (Claims::limit_exceeded()). Never throws.
#ifndef ROLESEL_CORE_CLAIMS_JSON_H_
#define ROLESEL_CORE_CLAIMS_JSON_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "nlohmann/json.hpp"
#include "rolesel/core/claims.h"

namespace rolesel {

// Reads a JSON object of claims. InvalidArgument when `object` is not one.
absl::StatusOr<Claims> ClaimsFromJson(const nlohmann::json& object);

// Adds or replaces claim `name` (a JSON null removes it).
void SetJsonClaim(Claims& claims, std::string_view name, const nlohmann::json& value);

// As SetJsonClaim() for a name not present yet: when `name` already is (a
// token with a duplicate key) it returns false and changes nothing. A null
// adds nothing and returns whether `name` was absent.
bool AddJsonClaim(Claims& claims, std::string_view name, const nlohmann::json& value);

// AddJsonClaim() of a JSON array of these strings, for readers that have
// the strings but no JSON value (rolesel/jwt/token_parts.h): the same claim.
bool AddStringArrayClaim(Claims& claims, std::string_view name,
                         absl::Span<const std::string_view> elements);

}  // namespace rolesel

#endif  // ROLESEL_CORE_CLAIMS_JSON_H_
