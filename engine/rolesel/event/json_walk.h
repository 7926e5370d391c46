// The event reader's walk over simdjson's on-demand values: field keys read
// (and unescaped only when they hold a backslash), compared with literal
// names, and fields visited in document order.
//
// Part of the kernel's walk (event_kernel.h): included once by each
// kernel_*.cc, inside its target region, after kernel_prelude.h; compiled
// in that kernel's namespace, rolesel::event::ROLESEL_EVENT_KERNEL, with
// simdjson's On Demand for that kernel. Every function is a pure step over
// the parser's state.
#ifndef ROLESEL_EVENT_JSON_WALK_H_
#define ROLESEL_EVENT_JSON_WALK_H_

#ifndef ROLESEL_EVENT_KERNEL
#error "json_walk.h is part of a kernel's walk: include it from kernel_*.cc only"
#endif

#ifndef ROLESEL_EVENT_KERNEL_PRELUDE_H_
#error "a kernel includes kernel_prelude.h before its target region"
#endif
#include "simdjson.h"

namespace rolesel::event::ROLESEL_EVENT_KERNEL {

namespace od = simdjson::SIMDJSON_BUILTIN_IMPLEMENTATION::ondemand;

inline std::string_view TrimRight(std::string_view s) {
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// The field an object iteration yields, used where it is: copying it out
// of its simdjson_result (`.get(field)`, `field.value().get(v)`) made GCC
// store the value iterator member by member and load it back whole, a
// store-forwarding stall on every field walked (perf annotate).
inline od::field* FieldOrNull(simdjson::simdjson_result<od::field>& result) {
  if (result.error() != simdjson::SUCCESS) return nullptr;
  od::field&& field = std::move(result).value_unsafe();
  return &field;
}

// The field's key as its value reads, escapes decoded: "pat\u0068" is the
// key "path", as every other JSON reader sees it. A key without a backslash
// (every real one) is a view of the document's bytes; one with is unescaped
// into the parser's string buffer, where it stays valid. The key's raw
// bytes are a validated JSON string, so its closing quote is there.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool KeyOf(od::field* field, std::string_view* key) {
  const char* const raw = field->key().raw();
  // Eight bytes at a time: the document is padded (kEventPadding), so
  // reading past the key's end stays inside the buffer. A byte equal to '"'
  // or '\\' shows as a high bit in `hits` (the classic has-zero-byte test
  // on the bytes XORed with the character).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  for (const char* p = raw;; p += 8) {
    const uint64_t word = internal::Load64(p);
    const uint64_t quotes = word ^ (kOnes * '"'), slashes = word ^ (kOnes * '\\');
    const uint64_t hits = (((quotes - kOnes) & ~quotes) | ((slashes - kOnes) & ~slashes)) & kHighs;
    if (hits == 0) continue;
    // The first hit, in memory order: the lowest set byte on little-endian.
    static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the scan reads little-endian words");
    const size_t at = static_cast<size_t>(__builtin_ctzll(hits)) / 8;
    if (p[at] == '\\') return field->unescaped_key().get(*key) == simdjson::SUCCESS;
    *key = std::string_view(raw, static_cast<size_t>(p + at - raw));
    return true;
  }
}

// `key` is the literal: short compares without a call to memcmp (see
// docs/performance.md, "Measured choices").
template <size_t N>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool Is(std::string_view key, const char (&literal)[N]) {
  return internal::SameBytes(key, std::string_view(literal, N - 1));
}

// Calls visit(key, value) for each field of `object`, keys unescaped;
// false when the document cannot be read further or `visit` says so.
template <typename Visit>
inline bool ForEachField(od::object& object, Visit&& visit) {
  for (auto field_result : object) {
    od::field* field = FieldOrNull(field_result);
    if (field == nullptr) return false;
    std::string_view key;
    if (!KeyOf(field, &key)) return false;
    if (!visit(key, field->value())) return false;
  }
  return true;
}

// Reads a string field; anything else marks it missing (bad_request).
inline void ReadString(od::value& value, std::optional<std::string_view>* slot) {
  std::string_view s;
  if (value.get_string().get(s) == simdjson::SUCCESS) slot->emplace(s);
}

// True only for a readable JSON null.
inline bool IsNull(od::value& value) {
  bool null = false;
  return value.is_null().get(null) == simdjson::SUCCESS && null;
}

}  // namespace rolesel::event::ROLESEL_EVENT_KERNEL

#endif  // ROLESEL_EVENT_JSON_WALK_H_
