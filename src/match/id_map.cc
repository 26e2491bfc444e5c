#include "match/id_map.h"

namespace cp::match {

std::optional<std::uint32_t> IdMap::Find(std::uint64_t id) const {
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t i = Home(id); used_[i]; i = (i + 1) & mask) {
    if (keys_[i] == id) return values_[i];
  }
  return std::nullopt;
}

void IdMap::Put(std::uint64_t id, std::uint32_t slot) {
  if ((size_ + 1) * 10 > keys_.size() * 7) Rehash(keys_.size() * 2);
  const std::size_t mask = keys_.size() - 1;
  std::size_t i = Home(id);
  for (; used_[i]; i = (i + 1) & mask) {
    if (keys_[i] == id) {
      values_[i] = slot;
      return;
    }
  }
  used_[i] = true;
  keys_[i] = id;
  values_[i] = slot;
  ++size_;
}

bool IdMap::Erase(std::uint64_t id) {
  const std::size_t mask = keys_.size() - 1;
  std::size_t i = Home(id);
  while (used_[i] && keys_[i] != id) i = (i + 1) & mask;
  if (!used_[i]) return false;
  // Backward shift: move later entries of the probe run into the hole when
  // their home position allows it.
  std::size_t hole = i;
  for (std::size_t j = (i + 1) & mask; used_[j]; j = (j + 1) & mask) {
    const std::size_t home = Home(keys_[j]);
    const bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
    if (movable) {
      keys_[hole] = keys_[j];
      values_[hole] = values_[j];
      hole = j;
    }
  }
  used_[hole] = false;
  --size_;
  return true;
}

void IdMap::Rehash(std::size_t capacity) {
  HugePageVector<std::uint64_t> keys(capacity);
  HugePageVector<std::uint32_t> values(capacity);
  std::vector<bool> used(capacity, false);
  keys.swap(keys_);
  values.swap(values_);
  used.swap(used_);
  size_ = 0;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (used[i]) Put(keys[i], values[i]);
  }
}

}  // namespace cp::match
