#include "rolesel/core/claims_json.h"

#include "absl/strings/str_cat.h"
#include "rolesel/core/list_decoding.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel {
namespace {

// `s` as nlohmann's dump writes a string: printable ASCII other than the
// quote and the backslash stands for itself (every group name and role ARN);
// anything else is left to nlohmann.
void AppendJsonString(std::string_view s, std::string* out) {
  for (const char c : s) {
    if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
      out->append(internal::JsonQuote(s));
      return;
    }
  }
  out->push_back('"');
  out->append(s.data(), s.size());
  out->push_back('"');
}

}  // namespace

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

  // Put() of a JSON array of these strings, without the JSON value: the
  // same text (nlohmann's compact dump) and the same views.
  static bool PutStringArray(Claims& claims, std::string_view name,
                             absl::Span<const std::string_view> elements, bool replace) {
    ClaimValue* slot = claims.NewSlot(name, replace);
    if (slot == nullptr) return false;
    ClaimValue& claim = *slot;
    claim.text_.push_back('[');
    for (size_t i = 0; i < elements.size(); ++i) {
      if (i > 0) claim.text_.push_back(',');
      AppendJsonString(elements[i], &claim.text_);
    }
    claim.text_.push_back(']');
    claim.is_array_ = true;
    claim.list_form_ = ClaimValue::ListForm::kArray;
    for (std::string_view element : elements) claim.array_.push_back(element);
    claims.CheckValueLimits(name, claim);
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

bool AddStringArrayClaim(Claims& claims, std::string_view name,
                         absl::Span<const std::string_view> elements) {
  return ClaimsJsonFiller::PutStringArray(claims, name, elements, /*replace=*/false);
}

bool AddJsonClaim(Claims& claims, std::string_view name, const nlohmann::json& value) {
  return ClaimsJsonFiller::Put(claims, name, value, /*replace=*/false);
}

}  // namespace rolesel
