// InsertSortedUnique: adds a value to a short sorted array without repeats.
//
// For the handful of ids a decision collects (a caller's group ids, an entry
// index's candidates): a scan from the end and a shift beat a sort and a
// unique afterwards, and need no library call. `sorted[0, *size)` must be
// sorted and unique, with room for one more; the value is copied first, so it
// may be read from the array's own unused tail.
#ifndef ROLESEL_INTERNAL_SORTED_INSERT_H_
#define ROLESEL_INTERNAL_SORTED_INSERT_H_

#include <cstddef>

namespace rolesel::internal {

template <typename T>
void InsertSortedUnique(T* sorted, size_t* size, T value) {
  size_t at = *size;
  while (at > 0 && sorted[at - 1] > value) --at;
  if (at > 0 && sorted[at - 1] == value) return;
  for (size_t i = *size; i > at; --i) sorted[i] = sorted[i - 1];
  sorted[at] = value;
  ++*size;
}

}  // namespace rolesel::internal

#endif  // ROLESEL_INTERNAL_SORTED_INSERT_H_
