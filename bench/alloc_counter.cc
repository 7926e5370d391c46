#include "alloc_counter.h"

#include <cstdlib>
#include <new>

namespace rolesel::bench {
namespace {
thread_local uint64_t allocations = 0;
}  // namespace

uint64_t ThreadAllocations() { return allocations; }

void CountAllocation() { ++allocations; }

}  // namespace rolesel::bench

void* operator new(std::size_t size) {
  rolesel::bench::CountAllocation();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  rolesel::bench::CountAllocation();
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
