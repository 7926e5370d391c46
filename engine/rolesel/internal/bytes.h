// Byte helpers for the decision's hot path: unaligned loads; SameBytes,
// string equality for the short strings a decision compares (group names,
// path segments, claim names and values); HexDigitValue, for the percent
// escapes of paths and of SigV4's URI encoding.
//
// `a == b` on string views ends in a call to memcmp, which for strings of a
// few bytes costs more than the comparison. SameBytes compares strings of up
// to 16 bytes with two overlapping loads, up to 64 eight bytes at a time, and
// longer ones with memcmp. Same result as `a == b` for every input. Loads are
// native-endian.
#ifndef ROLESEL_INTERNAL_BYTES_H_
#define ROLESEL_INTERNAL_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string_view>

namespace rolesel::internal {

// 0..15 for a hex digit (either case), -1 for any other byte.
inline int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

inline bool SameBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 64) return std::memcmp(a.data(), b.data(), n) == 0;
  if (n > 16) {
    // Role ARNs, issuers, claim values: eight bytes at a time, the last
    // load overlapping the one before it.
    for (size_t i = 0; i + 8 < n; i += 8) {
      if (Load64(a.data() + i) != Load64(b.data() + i)) return false;
    }
    return Load64(a.data() + n - 8) == Load64(b.data() + n - 8);
  }
  if (n >= 8) {
    return Load64(a.data()) == Load64(b.data()) &&
           Load64(a.data() + n - 8) == Load64(b.data() + n - 8);
  }
  if (n >= 4) {
    return Load32(a.data()) == Load32(b.data()) &&
           Load32(a.data() + n - 4) == Load32(b.data() + n - 4);
  }
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_BYTES_H_
