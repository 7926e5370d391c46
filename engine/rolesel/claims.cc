#include "rolesel/claims.h"

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rolesel/internal/bytes.h"
#include "rolesel/internal/json_text.h"
#include "rolesel/internal/strict_json.h"

namespace rolesel {
namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The JSON text of a scalar, as the spec compares numbers and booleans.
std::string ScalarText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  return internal::JsonText(value);
}

// Calls add(text) for each element of a JSON array as a list claim reads
// it: a scalar's text, a nested array's or object's JSON text; nulls are
// left out. Returns false when an element is an array or an object (the
// list is malformed). The one reading of a JSON array, whether it arrived
// as an array or inside a string, so that both read the same.
template <typename Add>
bool ForEachArrayElement(const nlohmann::json& array, Add&& add) {
  bool well_formed = true;
  for (const auto& element : array) {
    if (element.is_structured()) {
      well_formed = false;
      add(internal::JsonText(element));
    } else if (!element.is_null()) {
      add(ScalarText(element));
    }
  }
  return well_formed;
}

// What can start a JSON value inside an array: a string, a number, a
// literal, a nested array or object, or the array's end.
bool MayStartJsonValue(std::string_view inner) {
  if (inner.empty()) return false;
  const char c = inner.front();
  if (c == '"' || c == ']' || c == '[' || c == '{' || c == '-' || (c >= '0' && c <= '9')) {
    return true;
  }
  for (std::string_view literal : {"true", "false", "null"}) {
    if (inner.substr(0, literal.size()) == literal) return true;
  }
  return false;
}

// Characters that say an HTTP API form element is really a piece of JSON
// ("[\"suspended\" x]" is neither a JSON array nor a list of names): the
// list is malformed rather than read as names that match nothing. A table,
// so the split loop tests each byte as it passes it.
struct JsonPunctuation {
  bool is[256] = {};
  constexpr JsonPunctuation() {
    for (char c : {'"', '[', ']', '{', '}'}) is[static_cast<unsigned char>(c)] = true;
  }
};
constexpr JsonPunctuation kJsonPunctuation;

constexpr std::string_view kWellKnownNames[kWellKnownClaimCount] = {
    "cognito:groups", "cognito:roles", "cognito:preferred_role", "cognito:username", "sub"};

// -1 when `name` is not well known. Compares lengths first: most claim
// names are rejected without touching their bytes.
int WellKnownIndex(std::string_view name) {
  int index;
  switch (name.size()) {  // the five names have five different lengths
    case 14:
      index = 0;
      break;
    case 13:
      index = 1;
      break;
    case 22:
      index = 2;
      break;
    case 16:
      index = 3;
      break;
    case 3:
      index = 4;
      break;
    default:
      return -1;
  }
  return internal::SameBytes(name, kWellKnownNames[index]) ? index : -1;
}

}  // namespace

std::string_view WellKnownClaimName(WellKnownClaim claim) {
  return kWellKnownNames[static_cast<int>(claim)];
}

void Claims::Exceeded(std::string why) {
  if (limit_exceeded_.empty()) limit_exceeded_ = std::move(why);
}

void Claims::NameLimitExceeded() {
  Exceeded(absl::StrCat("a claim name is longer than ", kMaxClaimNameBytes, " bytes"));
}

void Claims::CountLimitExceeded() { Exceeded(absl::StrCat("more than ", kMaxClaims, " claims")); }

void Claims::ValueLimitExceeded(std::string_view name, const ClaimValue& value) {
  if (value.text_.size() > kMaxClaimValueBytes) {
    Exceeded(
        absl::StrCat("claim ", AbslView(name), " is longer than ", kMaxClaimValueBytes, " bytes"));
  }
  if (value.array_.size() > kMaxListElements || value.decoded_.size() > kMaxListElements) {
    Exceeded(
        absl::StrCat("claim ", AbslView(name), " has more than ", kMaxListElements, " elements"));
  }
}

// Inline: every lookup and every add starts here.
inline uint64_t Claims::FilterBit(std::string_view name) {
  if (name.empty()) return 1;
  const unsigned first = static_cast<unsigned char>(name.front());
  const unsigned last = static_cast<unsigned char>(name.back());
  return uint64_t{1} << ((name.size() + first * 3 + last * 5) & 63);
}

inline const Claims::Other* Claims::FindOther(std::string_view name) const {
  if ((others_filter_ & FilterBit(name)) == 0) return nullptr;
  for (size_t i = 0; i < others_count_; ++i) {
    if (internal::SameBytes(others_[i].name, name)) return &others_[i];
  }
  return nullptr;
}

Claims::Other* Claims::FindOther(std::string_view name) {
  return const_cast<Other*>(std::as_const(*this).FindOther(name));
}

void Claims::Clear() {
  for (bool& present : well_known_present_) present = false;
  others_count_ = 0;
  others_filter_ = 0;
  may_hold_malformed_list_ = false;
  limit_exceeded_.clear();
}

// Slot and FillString are `inline` (they are private to this file): with the
// hint GCC folds them into AddString, the reader's per-claim call, and an
// event decides 7% faster (bench/ab.py, BM_DecideEvent/rest); without it they
// stay calls.
inline ClaimValue* Claims::Slot(std::string_view name, bool replace) {
  if (name.size() > kMaxClaimNameBytes) NameLimitExceeded();
  int index = WellKnownIndex(name);
  if (index >= 0) {
    if (well_known_present_[index] && !replace) return nullptr;
    well_known_present_[index] = true;
    well_known_[index].Reset();
    return &well_known_[index];
  }
  Other* other = FindOther(name);
  if (other != nullptr && !replace) return nullptr;
  if (other == nullptr) {
    if (others_count_ == others_.size()) others_.emplace_back();
    other = &others_[others_count_++];
    // clear() + append() copies into the kept storage; assign() would first
    // check whether the source overlaps it.
    other->name.clear();
    other->name.append(name.data(), name.size());
    others_filter_ |= FilterBit(name);
    // size() counts the well-known slots; only near the limit is it needed.
    if (others_count_ + kWellKnownClaimCount > kMaxClaims && size() > kMaxClaims) {
      CountLimitExceeded();
    }
  }
  other->value.Reset();
  return &other->value;
}

void Claims::Erase(std::string_view name) {
  int index = WellKnownIndex(name);
  if (index >= 0) {
    well_known_present_[index] = false;
    well_known_[index].Reset();
  } else if (Other* other = FindOther(name)) {
    std::swap(*other, others_[--others_count_]);  // order carries no meaning
  }
}

size_t Claims::size() const {
  size_t count = others_count_;
  for (bool present : well_known_present_) count += present ? 1 : 0;
  return count;
}

namespace {

// Calls add(element) for each element of a list claim that arrived as a
// string (spec section 7); returns false when the list is malformed.
template <typename Add>
bool ForEachListElement(std::string_view value, Add&& add) {
  std::string_view trimmed = TrimSpaces(value);
  if (trimmed.empty()) return true;
  if (trimmed.front() == '[' && trimmed.back() == ']') {
    // A JSON array inside the string, e.g. "[\"admins\",\"users\"]", reads
    // exactly as the same array would. Only tried when what follows the "["
    // can start a JSON value: the HTTP API form "[admins users]" is the
    // common case, and a failed parse costs more than this test.
    if (MayStartJsonValue(TrimSpaces(trimmed.substr(1)))) {
      bool refused = false;
      absl::StatusOr<nlohmann::json> parsed =
          internal::ParseStrictJson(trimmed, static_cast<int>(kMaxClaimDepth), &refused);
      if (parsed.ok()) return ForEachArrayElement(*parsed, add);
      // JSON refused (a duplicated key, too deep) is malformed, never re-read
      // as the HTTP API form. (Were it read so, its brackets or braces would
      // make that form malformed too.)
      if (refused) return false;
    }
    // The HTTP API JWT authorizer form: "[admins users]". Every HTTP API
    // request's groups come this way; a plain loop, because absl::StrSplit
    // with ByAnyChar built its character set anew on every call.
    const std::string_view inner = trimmed.substr(1, trimmed.size() - 2);
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    bool punctuation = false;
    for (size_t i = 0; i < inner.size();) {
      while (i < inner.size() && is_space(inner[i])) ++i;
      const size_t start = i;
      while (i < inner.size() && !is_space(inner[i])) {
        punctuation |= kJsonPunctuation.is[static_cast<unsigned char>(inner[i])];
        ++i;
      }
      if (i > start) add(inner.substr(start, i - start));
    }
    return !punctuation;
  }
  // The REST authorizer form: "admins,users". Every REST request's groups
  // come this way; a plain loop costs a tenth of absl::StrSplit here.
  for (size_t start = 0;;) {
    const size_t comma = trimmed.find(',', start);
    const size_t end = comma == std::string_view::npos ? trimmed.size() : comma;
    std::string_view element = TrimSpaces(trimmed.substr(start, end - start));
    if (!element.empty()) add(element);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return true;
}

}  // namespace

std::vector<std::string> DecodeStringList(std::string_view value, bool* well_formed) {
  std::vector<std::string> out;
  const bool ok =
      ForEachListElement(value, [&](std::string_view element) { out.emplace_back(element); });
  if (well_formed != nullptr) *well_formed = ok;
  return out;
}

void Claims::RefuseValue(std::string_view name, std::string_view why) {
  Exceeded(absl::StrCat("claim ", AbslView(name), " ", AbslView(why)));
}

inline void Claims::FillString(std::string_view name, std::string_view value, ClaimValue& claim) {
  claim.text_.append(value.data(), value.size());  // Reset() left it empty
  // Only a value that could be written as another list is decoded; a plain
  // string is its own one-element list. Most values are plain: they are
  // told apart by their two ends and a comma search, not trimmed first.
  const bool plain = !value.empty() && !IsSpace(value.front()) && !IsSpace(value.back()) &&
                     value.front() != '[' &&
                     std::memchr(value.data(), ',', value.size()) == nullptr;
  if (!plain) {
    if (TrimSpaces(value).empty()) {
      claim.list_form_ = ClaimValue::ListForm::kEmpty;
    } else {
      if (!ForEachListElement(
              value, [&](std::string_view element) { claim.decoded_.push_back(element); })) {
        claim.malformed_as_list_ = true;
        may_hold_malformed_list_ = true;
      }
      claim.list_form_ = ClaimValue::ListForm::kDecoded;
    }
  }
  CheckValueLimits(name, claim);
}

void Claims::FillJsonScalar(std::string_view name, std::string_view json_text, ClaimValue& claim) {
  claim.text_.append(json_text.data(), json_text.size());
  CheckValueLimits(name, claim);
}

void Claims::FillJson(std::string_view name, const nlohmann::json& value, ClaimValue& claim) {
  if (value.is_string()) {
    FillString(name, value.get_ref<const std::string&>(), claim);
    return;
  }
  if (!value.is_structured()) {
    FillJsonScalar(name, internal::JsonText(value), claim);
    return;
  }
  // Checked before anything walks it: writing its text recurses.
  if (internal::JsonDepth(value, static_cast<int>(kMaxClaimDepth)) >
      static_cast<int>(kMaxClaimDepth)) {
    RefuseValue(name, absl::StrCat("nests deeper than ", kMaxClaimDepth, " levels"));
    return;
  }
  claim.text_ = internal::JsonText(value);
  if (value.is_object()) {
    claim.malformed_as_list_ = true;
    may_hold_malformed_list_ = true;
    CheckValueLimits(name, claim);
    return;
  }
  claim.is_array_ = true;
  claim.list_form_ = ClaimValue::ListForm::kArray;
  if (!ForEachArrayElement(value,
                           [&](std::string_view element) { claim.array_.push_back(element); })) {
    claim.malformed_as_list_ = true;
    may_hold_malformed_list_ = true;
  }
  CheckValueLimits(name, claim);
}

void Claims::SetString(std::string_view name, std::string_view value) {
  FillString(name, value, *Slot(name, /*replace=*/true));
}

void Claims::SetArray(std::string_view name, const std::vector<std::string>& values) {
  nlohmann::json array = values;
  SetJson(name, array);
}

void Claims::SetJsonScalar(std::string_view name, std::string_view json_text) {
  FillJsonScalar(name, json_text, *Slot(name, /*replace=*/true));
}

void Claims::SetJson(std::string_view name, const nlohmann::json& value) {
  if (value.is_null()) {
    Erase(name);
    return;
  }
  FillJson(name, value, *Slot(name, /*replace=*/true));
}

bool Claims::AddString(std::string_view name, std::string_view value) {
  ClaimValue* claim = Slot(name, /*replace=*/false);
  if (claim == nullptr) return false;
  FillString(name, value, *claim);
  return true;
}

bool Claims::AddJsonScalar(std::string_view name, std::string_view json_text) {
  ClaimValue* claim = Slot(name, /*replace=*/false);
  if (claim == nullptr) return false;
  FillJsonScalar(name, json_text, *claim);
  return true;
}

bool Claims::AddJson(std::string_view name, const nlohmann::json& value) {
  if (value.is_null()) return Find(name) == nullptr;
  ClaimValue* claim = Slot(name, /*replace=*/false);
  if (claim == nullptr) return false;
  FillJson(name, value, *claim);
  return true;
}

absl::StatusOr<Claims> Claims::FromJson(const nlohmann::json& object) {
  if (!object.is_object()) {
    return absl::InvalidArgumentError("claims must be a JSON object");
  }
  Claims claims;
  for (const auto& [name, value] : object.items()) claims.SetJson(name, value);
  return claims;
}

const ClaimValue* Claims::Find(std::string_view name) const {
  int index = WellKnownIndex(name);
  if (index >= 0) return Find(static_cast<WellKnownClaim>(index));
  const Other* other = FindOther(name);
  return other == nullptr ? nullptr : &other->value;
}

}  // namespace rolesel
