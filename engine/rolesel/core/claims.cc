#include "rolesel/core/claims.h"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"
#include "rolesel/core/list_decoding.h"
#include "rolesel/internal/absl_view.h"
#include "rolesel/internal/bytes.h"

namespace rolesel {
namespace {

bool IsSpace(char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); }

// Indexed by WellKnownClaim.
constexpr std::string_view kWellKnownNames[] = {
    "cognito:groups", "cognito:roles", "cognito:preferred_role", "cognito:username", "sub"};
static_assert(std::size(kWellKnownNames) == kWellKnownClaimCount, "a name per WellKnownClaim");
static_assert(kWellKnownNames[static_cast<int>(WellKnownClaim::kGroups)] == "cognito:groups" &&
                  kWellKnownNames[static_cast<int>(WellKnownClaim::kRoles)] == "cognito:roles" &&
                  kWellKnownNames[static_cast<int>(WellKnownClaim::kPreferredRole)] ==
                      "cognito:preferred_role" &&
                  kWellKnownNames[static_cast<int>(WellKnownClaim::kUsername)] ==
                      "cognito:username" &&
                  kWellKnownNames[static_cast<int>(WellKnownClaim::kSub)] == "sub",
              "kWellKnownNames follows the order of WellKnownClaim");

// The well-known names have different lengths, so a name's length alone
// says which one it could be: most claim names are rejected without
// touching their bytes. Derived from the table, and checked.
struct WellKnownByLength {
  static constexpr size_t kLongest = 22;
  int8_t index[kLongest + 1] = {};
  bool lengths_differ = true;
  constexpr WellKnownByLength() {
    for (int8_t& i : index) i = -1;
    for (int i = 0; i < kWellKnownClaimCount; ++i) {
      const size_t length = kWellKnownNames[i].size();
      if (length > kLongest || index[length] != -1) lengths_differ = false;
      if (length <= kLongest) index[length] = static_cast<int8_t>(i);
    }
  }
};
constexpr WellKnownByLength kWellKnownByLength;
static_assert(kWellKnownByLength.lengths_differ,
              "well-known claim names must differ in length and be at most kLongest bytes");

// -1 when `name` is not well known.
int WellKnownIndex(std::string_view name) {
  if (name.size() > WellKnownByLength::kLongest) return -1;
  const int index = kWellKnownByLength.index[name.size()];
  if (index < 0) return -1;
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

// A one-word Bloom filter over the names in others_: each name sets one of
// 64 bits, picked from its length and its first and last bytes (what
// Cognito's names differ in: "custom:tenant" and "custom:tier" share a
// first byte and differ in length, "email" and "phone" share a length).
// The odd multipliers 3 and 5 keep names that differ only in their first
// or only in their last byte on different bits; any mix would be correct,
// as a set bit only means "scan". Inline: every lookup and add starts here.
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
// hint GCC folds them into AddString, the reader's per-claim call; without
// it they stay calls (measured: docs/performance.md, "Measured choices").
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
    if (absl::StripAsciiWhitespace(internal::Absl(value)).empty()) {
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
