// StringTable: interns the names rules mention (groups, users, methods, path
// segments) as small integer ids, and finds the id of a name from a request.
//
// Built at compile time with Intern(); deciding only calls Find(), once per
// caller group, path segment and the method, so Find() is what is tuned. A
// table of at most eight names (the methods, mostly) is scanned, lengths
// first. A larger one uses open addressing over a power-of-two slot array
// kept at most half full, a hash over all of the name's bytes eight at a time
// (a few multiplications for the short names rules use, where a
// general-purpose string hash costs several times that), and a 32-bit tag
// per slot so that a mismatch rarely compares bytes. The table's contents
// come from the rules file, not from requests; a request's name is one
// lookup whose probe length is set by the table alone.
//
// Not synchronized: intern everything before sharing; const access (Find) is
// then thread-safe. Find allocates nothing.
#ifndef ROLESEL_COMPILE_STRING_TABLE_H_
#define ROLESEL_COMPILE_STRING_TABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/base/attributes.h"
#include "rolesel/internal/bytes.h"

namespace rolesel {

class StringTable {
 public:
  // The id of `name`, adding it when new; ids are 0, 1, 2... in the order
  // names were first interned.
  int Intern(std::string_view name);
  // The id of `name`, or -1 when it was never interned. Always inlined: a
  // decision makes several of these, and out of line the call's register
  // saves cost a quarter of a lookup (docs/performance.md, "Measured
  // choices").
  ABSL_ATTRIBUTE_ALWAYS_INLINE inline int Find(std::string_view name) const;

  size_t size() const { return spans_.size(); }
  bool empty() const { return spans_.empty(); }
  std::string_view name(int id) const {
    const Span& span = spans_[static_cast<size_t>(id)];
    return std::string_view(bytes_.data() + span.offset, span.size);
  }

 private:
  // Up to this many names, Find() scans instead of hashing.
  static constexpr size_t kScannedNames = 8;

  // Where a name's bytes are in bytes_ (offsets stay valid as it grows).
  struct Span {
    uint32_t offset = 0;
    uint32_t size = 0;
  };
  // The span is kept in the slot too, so that a lookup reads the slot and
  // then the bytes, with no hop through the by-id array.
  struct Slot {
    uint32_t tag = 0;  // the hash's high half
    int32_t id = -1;   // -1: empty
    Span span;
  };
  ABSL_ATTRIBUTE_ALWAYS_INLINE static inline uint64_t Hash(std::string_view name);
  void Place(uint64_t hash, int32_t id);
  void Grow();

  std::string bytes_;        // every name, one after another
  std::vector<Span> spans_;  // by id
  std::vector<Slot> slots_;  // size a power of two, at most half full
};

namespace string_table_internal {

// The 128-bit product folded to 64 bits (as wyhash and absl's LowLevelHash
// mix): one multiplication spreads every input bit over the result.
inline uint64_t Mix(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

inline constexpr uint64_t kSeed = 0x9e3779b97f4a7c15ull;
inline constexpr uint64_t kMul1 = 0xbf58476d1ce4e5b9ull;
inline constexpr uint64_t kMul2 = 0x94d049bb133111ebull;

}  // namespace string_table_internal

uint64_t StringTable::Hash(std::string_view name) {
  using internal::Load32;
  using internal::Load64;
  using namespace string_table_internal;  // NOLINT: the helpers above
  const char* p = name.data();
  size_t n = name.size();
  uint64_t h = kSeed ^ n;
  while (n > 8) {
    h = Mix(h ^ Load64(p), kMul1);
    p += 8;
    n -= 8;
  }
  // The last 1-8 bytes, read without going past the end; the length in the
  // seed tells apart the overlapping reads of different lengths.
  uint64_t tail = 0;
  if (n >= 4) {
    tail = (Load32(p) << 32) | Load32(p + n - 4);
  } else if (n > 0) {
    tail = (uint64_t{static_cast<unsigned char>(p[0])} << 16) |
           (uint64_t{static_cast<unsigned char>(p[n / 2])} << 8) |
           static_cast<unsigned char>(p[n - 1]);
  }
  return Mix(h ^ tail, kMul2);
}

int StringTable::Find(std::string_view name) const {
  if (slots_.empty()) return -1;
  // A table of a few names (a rule set's methods, mostly) is scanned: a
  // length test rejects most names before any byte is read, and it costs
  // less than hashing the name.
  if (spans_.size() <= kScannedNames) {
    for (size_t id = 0; id < spans_.size(); ++id) {
      const Span& span = spans_[id];
      if (span.size == name.size() &&
          internal::SameBytes(std::string_view(bytes_.data() + span.offset, span.size), name)) {
        return static_cast<int>(id);
      }
    }
    return -1;
  }
  const uint64_t hash = Hash(name);
  const uint32_t tag = static_cast<uint32_t>(hash >> 32);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id < 0) return -1;  // at most half full: an empty slot ends every probe
    if (slot.tag == tag &&
        internal::SameBytes(std::string_view(bytes_.data() + slot.span.offset, slot.span.size),
                            name)) {
      return slot.id;
    }
  }
}

}  // namespace rolesel

#endif  // ROLESEL_COMPILE_STRING_TABLE_H_
