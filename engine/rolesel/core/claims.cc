#include "rolesel/core/claims.h"

#include <cstring>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "rolesel/core/list_decoding.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"

namespace rolesel {
namespace {

bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

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
    Exceeded(absl::StrCat("claim ", internal::Absl(name), " is longer than ", kMaxClaimValueBytes,
                          " bytes"));
  }
  if (value.array_.size() > kMaxListElements || value.decoded_.size() > kMaxListElements) {
    Exceeded(absl::StrCat("claim ", internal::Absl(name), " has more than ", kMaxListElements,
                          " elements"));
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

ClaimValue* Claims::NewSlot(std::string_view name, bool replace) { return Slot(name, replace); }

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

void Claims::RefuseValue(std::string_view name, std::string_view why) {
  Exceeded(absl::StrCat("claim ", internal::Absl(name), " ", internal::Absl(why)));
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
        MarkMalformedList(claim);
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

void Claims::SetString(std::string_view name, std::string_view value) {
  FillString(name, value, *Slot(name, /*replace=*/true));
}

void Claims::SetJsonScalar(std::string_view name, std::string_view json_text) {
  FillJsonScalar(name, json_text, *Slot(name, /*replace=*/true));
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

const ClaimValue* Claims::Find(std::string_view name) const {
  int index = WellKnownIndex(name);
  if (index >= 0) return Find(static_cast<WellKnownClaim>(index));
  const Other* other = FindOther(name);
  return other == nullptr ? nullptr : &other->value;
}

}  // namespace rolesel
