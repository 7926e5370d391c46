#include "rolesel/core/claims_json.h"

#include "absl/strings/str_cat.h"
#include "rolesel/core/list_decoding.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel {

// The one place, besides Claims itself, that writes a ClaimValue: arrays and
// objects get their views here.
class ClaimsJsonFiller {
 public:
  static bool Put(Claims& claims, std::string_view name, const nlohmann::json& value,
                  bool replace) {
    if (value.is_null()) {
      if (!replace) return claims.Find(name) == nullptr;
      claims.Erase(name);
      return true;
    }
    if (value.is_string()) {
      const std::string& text = value.get_ref<const std::string&>();
      if (!replace) return claims.AddString(name, text);
      claims.SetString(name, text);
      return true;
    }
    if (!value.is_structured()) {
      const std::string text = internal::JsonText(value);
      if (!replace) return claims.AddJsonScalar(name, text);
      claims.SetJsonScalar(name, text);
      return true;
    }
    ClaimValue* slot = claims.NewSlot(name, replace);
    if (slot == nullptr) return false;
    FillStructured(claims, name, value, *slot);
    return true;
  }

 private:
  static void FillStructured(Claims& claims, std::string_view name, const nlohmann::json& value,
                             ClaimValue& claim) {
    // Checked before anything walks it: writing its text recurses.
    if (internal::JsonDepth(value, static_cast<int>(kMaxClaimDepth)) >
        static_cast<int>(kMaxClaimDepth)) {
      claims.RefuseValue(name, absl::StrCat("nests deeper than ", kMaxClaimDepth, " levels"));
      return;
    }
    claim.text_ = internal::JsonText(value);
    if (value.is_object()) {
      claims.MarkMalformedList(claim);
    } else {
      claim.is_array_ = true;
      claim.list_form_ = ClaimValue::ListForm::kArray;
      if (!ForEachJsonArrayElement(
              value, [&](std::string_view element) { claim.array_.push_back(element); })) {
        claims.MarkMalformedList(claim);
      }
    }
    claims.CheckValueLimits(name, claim);
  }
};

absl::StatusOr<Claims> ClaimsFromJson(const nlohmann::json& object) {
  if (!object.is_object()) return absl::InvalidArgumentError("claims must be a JSON object");
  Claims claims;
  for (const auto& [name, value] : object.items()) SetJsonClaim(claims, name, value);
  return claims;
}

void SetJsonClaim(Claims& claims, std::string_view name, const nlohmann::json& value) {
  ClaimsJsonFiller::Put(claims, name, value, /*replace=*/true);
}

bool AddJsonClaim(Claims& claims, std::string_view name, const nlohmann::json& value) {
  return ClaimsJsonFiller::Put(claims, name, value, /*replace=*/false);
}

}  // namespace rolesel
