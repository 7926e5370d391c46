#include "rolesel/compile/string_table.h"

#include <cstring>

namespace rolesel {
namespace {

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// The 128-bit product folded to 64 bits (as wyhash and absl's LowLevelHash
// mix): one multiplication spreads every input bit over the result.
uint64_t Mix(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// a == b, with the short names rules use compared by a few loads instead of
// a call to memcmp.
bool SameBytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 16) return std::memcmp(a.data(), b.data(), n) == 0;
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

constexpr uint64_t kSeed = 0x9e3779b97f4a7c15ull;
constexpr uint64_t kMul1 = 0xbf58476d1ce4e5b9ull;
constexpr uint64_t kMul2 = 0x94d049bb133111ebull;

}  // namespace

uint64_t StringTable::Hash(std::string_view name) {
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
  const uint64_t hash = Hash(name);
  const uint32_t tag = static_cast<uint32_t>(hash >> 32);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id < 0) return -1;  // at most half full: an empty slot ends every probe
    if (slot.tag == tag &&
        SameBytes(std::string_view(bytes_.data() + slot.span.offset, slot.span.size), name)) {
      return slot.id;
    }
  }
}

void StringTable::Place(uint64_t hash, int32_t id) {
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].id >= 0) i = (i + 1) & mask;
  slots_[i] = {static_cast<uint32_t>(hash >> 32), id, spans_[static_cast<size_t>(id)]};
}

void StringTable::Grow() {
  slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, Slot{});
  for (size_t id = 0; id < spans_.size(); ++id) {
    Place(Hash(name(static_cast<int>(id))), static_cast<int32_t>(id));
  }
}

int StringTable::Intern(std::string_view name) {
  if (int id = Find(name); id >= 0) return id;
  const int id = static_cast<int>(spans_.size());
  // The loader bounds a rules file to 16 MiB, far below 4 GiB of names.
  spans_.push_back({static_cast<uint32_t>(bytes_.size()), static_cast<uint32_t>(name.size())});
  bytes_.append(name.data(), name.size());
  if (spans_.size() * 2 > slots_.size()) {
    Grow();  // places every name, the new one included
  } else {
    Place(Hash(name), id);
  }
  return id;
}

}  // namespace rolesel
