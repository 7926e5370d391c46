#include "rolesel/compile/string_table.h"

namespace rolesel {

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
