#pragma once
// An open-addressing map from 64-bit ids to 32-bit slots: 12 bytes a slot
// at most 70% full, where std::unordered_map would spend about 40 bytes an
// entry. Linear probing with backward-shift deletion (no tombstones).
//
// Thread safety: none; callers synchronise.

#include <cstdint>
#include <optional>
#include <vector>

#include "platform/huge_pages.h"

namespace cp::match {

class IdMap {
 public:
  IdMap() { Rehash(16); }

  std::optional<std::uint32_t> Find(std::uint64_t id) const;
  // Inserts or replaces.
  void Put(std::uint64_t id, std::uint32_t slot);
  // True when the id was present.
  bool Erase(std::uint64_t id);

  std::size_t size() const { return size_; }
  std::size_t MemoryBytes() const {
    return keys_.capacity() * sizeof(std::uint64_t) + values_.capacity() * sizeof(std::uint32_t) +
           used_.capacity() / 8;
  }

 private:
  std::size_t Home(std::uint64_t id) const {
    id ^= id >> 33;
    id *= 0xFF51AFD7ED558CCDULL;
    id ^= id >> 33;
    return static_cast<std::size_t>(id) & (keys_.size() - 1);
  }
  void Rehash(std::size_t capacity);

  HugePageVector<std::uint64_t> keys_;
  HugePageVector<std::uint32_t> values_;
  std::vector<bool> used_;
  std::size_t size_ = 0;
};

}  // namespace cp::match
