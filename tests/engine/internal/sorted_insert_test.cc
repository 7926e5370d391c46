#include "rolesel/internal/sorted_insert.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace rolesel::internal {
namespace {

// Any order of values, repeats included, ends as their sorted unique set.
TEST(InsertSortedUnique, KeepsTheArraySortedWithoutRepeats) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<int> values(static_cast<size_t>(random() % 40));
    for (int& v : values) v = static_cast<int>(random() % 25) - 5;
    std::vector<int> array(values.size() + 1, 99);
    size_t size = 0;
    for (int v : values) InsertSortedUnique(array.data(), &size, v);
    std::vector<int> expected = values;
    std::sort(expected.begin(), expected.end());
    expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
    EXPECT_EQ(std::vector<int>(array.begin(), array.begin() + size), expected);
  }
}

// The entry index sorts its candidates in place: each value is read from
// the array's unsorted tail just before the sorted head may grow over it.
TEST(InsertSortedUnique, SortsAnArrayInPlace) {
  std::vector<uint32_t> out = {5, 3, 5, 9, 1, 3, 3, 0};
  size_t unique = 0;
  for (size_t i = 0; i < out.size(); ++i) InsertSortedUnique(out.data(), &unique, out[i]);
  EXPECT_EQ(std::vector<uint32_t>(out.begin(), out.begin() + unique),
            (std::vector<uint32_t>{0, 1, 3, 5, 9}));
}

}  // namespace
}  // namespace rolesel::internal
