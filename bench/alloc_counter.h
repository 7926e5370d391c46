// Counts heap allocations in the benchmark binary (a replaced global
// operator new), so benchmarks can report allocations per operation.
#ifndef ROLESEL_BENCH_ALLOC_COUNTER_H_
#define ROLESEL_BENCH_ALLOC_COUNTER_H_

#include <cstdint>

namespace rolesel::bench {

// Allocations made by this thread so far.
uint64_t ThreadAllocations();

}  // namespace rolesel::bench

#endif  // ROLESEL_BENCH_ALLOC_COUNTER_H_
