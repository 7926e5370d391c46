#include "rolesel/internal/bytes.h"

#include <string>

#include "gtest/gtest.h"

namespace rolesel::internal {
namespace {

// SameBytes must be `==` exactly: for every length around its 4-, 8-, 16-
// and 64-byte paths (and into memcmp's beyond), equal strings compare equal and a change at any single
// position, or a different length, compares unequal.
TEST(SameBytes, AgreesWithEqualityAtEveryLengthAndPosition) {
  for (size_t n = 0; n <= 80; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    const std::string b = a;
    EXPECT_TRUE(SameBytes(a, b)) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = static_cast<char>(c[i] ^ 0x20);
      EXPECT_FALSE(SameBytes(a, c)) << n << " at " << i;
      EXPECT_FALSE(SameBytes(c, a)) << n << " at " << i;
    }
    EXPECT_FALSE(SameBytes(a, a + "x")) << n;
    if (n > 0) EXPECT_FALSE(SameBytes(a, std::string_view(a).substr(0, n - 1))) << n;
  }
}

TEST(SameBytes, ComparesBytesNotCharacters) {
  EXPECT_TRUE(SameBytes(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(SameBytes(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
  EXPECT_FALSE(SameBytes("caf\xc3\xa9", "caf\xc3\xa8"));
}

}  // namespace
}  // namespace rolesel::internal
