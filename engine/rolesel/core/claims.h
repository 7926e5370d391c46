// Claims: the caller's token claims, as read from an event or given directly.
//
// Each claim keeps every view the rules may ask for, computed once when the
// claim is added so that deciding never parses:
//   - text(): the value compared as one string (a JSON string's contents, or
//     the JSON text of a number, boolean, array or object);
//   - elements(): the claim read as an ordinary claim (spec section 7): the
//     elements of a JSON array, else the single text;
//   - list(): the claim read as a list claim (cognito:groups, cognito:roles,
//     settings.list_claims): a JSON array, a JSON string holding a JSON
//     array, the HTTP API form "[a b c]", or "a,b,c" all read the same.
// A JSON null is treated as an absent claim (and a null element of a list
// is left out). An object, an array holding arrays or objects, a string
// holding such an array, and an HTTP API form "[a b]" whose elements hold
// JSON punctuation ("[]{}) are `malformed_as_list`: a rule set that reads
// the claim as a list denies the request as bad_request rather than guess.
// A JSON array reads the same element for element whether it arrives as an
// array or inside a string.
//
// Limits (a request over any of them is denied as bad_request, naming the
// limit): kMaxClaims claims, names of kMaxClaimNameBytes, values of
// kMaxClaimValueBytes (as text), lists of kMaxListElements elements, values
// nesting arrays and objects more than kMaxClaimDepth deep.
//
// Claims given as JSON values are read by rolesel/core/claims_json.h; the
// decoding of a list that arrives as a string is rolesel/core/list_decoding.h.
//
// Claims is a value type; it is not synchronized, but const access from
// several threads is safe. Clear() keeps storage, so one Claims object
// re-used for request after request (as the event reader's is) stops
// allocating once it has seen the largest token.
#ifndef ROLESEL_CORE_CLAIMS_H_
#define ROLESEL_CORE_CLAIMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace rolesel {

// Cognito tokens carry 15-30 claims, custom attributes are at most 2048
// characters, and a user is in at most 100 groups; these leave room for
// that and stop a hostile event from making every rule scan megabytes.
inline constexpr size_t kMaxClaims = 256;
inline constexpr size_t kMaxClaimNameBytes = 256;
inline constexpr size_t kMaxClaimValueBytes = 16 * 1024;
inline constexpr size_t kMaxListElements = 256;
// A claim value nests arrays and objects at most this deep (`[]` is 1, `[[]]`
// 2): Cognito's claims are flat, and deeper values would make every walk of
// them (their JSON text is written recursively) a stack-overflow risk.
inline constexpr size_t kMaxClaimDepth = 32;

// A list of strings whose elements keep their storage when it is cleared,
// so that a Claims re-used across requests stops allocating once warm.
class StringList {
 public:
  void clear() { size_ = 0; }
  void push_back(std::string_view element) {
    if (size_ == items_.size()) items_.emplace_back();
    items_[size_++].assign(element.data(), element.size());
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  absl::Span<const std::string> span() const { return absl::MakeConstSpan(items_.data(), size_); }

 private:
  std::vector<std::string> items_;  // [0, size_) live; the rest kept for re-use
  size_t size_ = 0;
};

class ClaimValue {
 public:
  // The value compared as one string.
  const std::string& text() const { return text_; }
  // Read as an ordinary claim: a JSON array's elements, else {text}.
  absl::Span<const std::string> elements() const {
    return is_array_ ? array_.span() : absl::MakeConstSpan(&text_, 1);
  }
  // Read as a list claim (every encoding of spec section 7).
  absl::Span<const std::string> list() const {
    switch (list_form_) {
      case ListForm::kText:
        return absl::MakeConstSpan(&text_, 1);
      case ListForm::kEmpty:
        return {};
      case ListForm::kDecoded:
        return decoded_.span();
      case ListForm::kArray:
        return array_.span();
    }
    return {};
  }
  // An object, or an array holding arrays or objects.
  bool malformed_as_list() const { return malformed_as_list_; }

 private:
  friend class Claims;
  friend class ClaimsJsonFiller;
  // How list() reads: most claims are one plain string, which is its own
  // one-element list, so no copy is made for them.
  enum class ListForm : uint8_t { kText, kEmpty, kDecoded, kArray };

  // Empties the value, keeping its storage.
  void Reset() {
    text_.clear();
    array_.clear();
    decoded_.clear();
    list_form_ = ListForm::kText;
    is_array_ = false;
    malformed_as_list_ = false;
  }

  std::string text_;
  StringList array_;    // a JSON array's elements
  StringList decoded_;  // a string that decodes to another list
  ListForm list_form_ = ListForm::kText;
  bool is_array_ = false;
  bool malformed_as_list_ = false;
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

  // Adds or replaces a claim given as a single string (as API Gateway's REST
  // authorizer passes every claim).
  void SetString(std::string_view name, std::string_view value);
  // Adds or replaces a claim whose JSON text is not a string (number, bool).
  void SetJsonScalar(std::string_view name, std::string_view json_text);

  // As the Set* calls, for a name not present yet: when `name` already is
  // (a token with a duplicate key), they return false and change nothing.
  bool AddString(std::string_view name, std::string_view value);
  bool AddJsonScalar(std::string_view name, std::string_view json_text);

  // Refuses the request for claim `name`: `why` ("nests deeper than 32
  // levels") goes into limit_exceeded() after the claim's name. For readers
  // that find a value unusable before it is added.
  void RefuseValue(std::string_view name, std::string_view why);

  // Removes every claim. The storage is kept, so that reading the next
  // request's claims into this object allocates only for what outgrows it.
  void Clear();

  // nullptr when absent.
  const ClaimValue* Find(std::string_view name) const;
  const ClaimValue* Find(WellKnownClaim claim) const {
    const int slot = static_cast<int>(claim);
    return well_known_present_[slot] ? &well_known_[slot] : nullptr;
  }
  size_t size() const;
  bool empty() const { return size() == 0; }

  // Empty while every limit above holds; else which one the claims broke
  // first (e.g. "claim custom:x is longer than 16384 bytes").
  const std::string& limit_exceeded() const { return limit_exceeded_; }

  // False when no claim added since the last Clear() is malformed_as_list,
  // so that a decision need not look up each list claim to know none is.
  // (True may be stale after a malformed claim was replaced or removed.)
  bool may_hold_malformed_list() const { return may_hold_malformed_list_; }

 private:
  // Claims from JSON values (arrays, objects): rolesel/core/claims_json.h,
  // so that this header needs no JSON library.
  friend class ClaimsJsonFiller;

  // The emptied value for `name`, added when absent; when present, nullptr
  // unless `replace`.
  ClaimValue* Slot(std::string_view name, bool replace);
  // Slot(), out of line, for ClaimsJsonFiller.
  ClaimValue* NewSlot(std::string_view name, bool replace);
  void Erase(std::string_view name);
  // Write a value into an emptied slot.
  void FillString(std::string_view name, std::string_view value, ClaimValue& claim);
  void FillJsonScalar(std::string_view name, std::string_view json_text, ClaimValue& claim);
  // Records that `claim` is malformed_as_list.
  void MarkMalformedList(ClaimValue& claim) {
    claim.malformed_as_list_ = true;
    may_hold_malformed_list_ = true;
  }
  void CheckValueLimits(std::string_view name, const ClaimValue& value) {
    if (value.text_.size() <= kMaxClaimValueBytes && value.array_.size() <= kMaxListElements &&
        value.decoded_.size() <= kMaxListElements) {
      return;  // every claim of every token passes here: the test is inline
    }
    ValueLimitExceeded(name, value);
  }
  // Out of line, and never inlined, so that the messages they format cost
  // the adding path nothing until a limit is broken.
  ABSL_ATTRIBUTE_NOINLINE void ValueLimitExceeded(std::string_view name, const ClaimValue& value);
  ABSL_ATTRIBUTE_NOINLINE void NameLimitExceeded();
  ABSL_ATTRIBUTE_NOINLINE void CountLimitExceeded();
  void Exceeded(std::string why);

  // A token carries tens of claims (at most kMaxClaims): a scan that
  // compares lengths first beats hashing the name.
  struct Other {
    std::string name;
    ClaimValue value;
  };
  Other* FindOther(std::string_view name);
  const Other* FindOther(std::string_view name) const;
  // One bit per name, from its length and end bytes: a name whose bit is
  // not in others_filter_ is absent without a scan, which is what adding
  // a token's claims one after another asks each time.
  static uint64_t FilterBit(std::string_view name);

  ClaimValue well_known_[kWellKnownClaimCount];
  bool well_known_present_[kWellKnownClaimCount] = {};
  std::vector<Other> others_;  // [0, others_count_) live; the rest kept for re-use
  size_t others_count_ = 0;
  uint64_t others_filter_ = 0;  // FilterBit of every live name (and maybe erased ones)
  bool may_hold_malformed_list_ = false;
  std::string limit_exceeded_;
};

}  // namespace rolesel

#endif  // ROLESEL_CORE_CLAIMS_H_
