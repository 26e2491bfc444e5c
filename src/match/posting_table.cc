#include "match/posting_table.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace cp::match {
namespace {

// A key of 0 would look like an empty entry; keys carry their rule in the
// top byte and a hash below, so 0 only arises for rule 0 with hash 0, which
// is remapped.
BlockingKey Stored(BlockingKey key) { return key == 0 ? 1 : key; }

std::size_t Spread(BlockingKey key) {
  key ^= key >> 31;
  key *= 0x9E3779B97F4A7C15ULL;
  key ^= key >> 29;
  return static_cast<std::size_t>(key);
}

}  // namespace

PostingTable::PostingTable() : keys_(1024, 0), lists_(1024) {}

PostingTable::~PostingTable() {
  for (List& l : lists_) {
    if (l.capacity > 2) std::free(l.heap);
  }
}

std::size_t PostingTable::Locate(BlockingKey key) const {
  const std::size_t mask = keys_.size() - 1;
  std::size_t i = Spread(key) & mask;
  while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
  return i;
}

void PostingTable::Add(BlockingKey key, std::uint32_t slot) {
  key = Stored(key);
  if ((used_ + 1) * 10 > keys_.size() * 7) Grow();
  const std::size_t i = Locate(key);
  if (keys_[i] == 0) {
    keys_[i] = key;
    ++used_;
  }
  List& l = lists_[i];
  if (l.size == l.capacity) {
    const std::uint32_t capacity = l.capacity * 2;
    auto* grown = static_cast<std::uint32_t*>(std::malloc(capacity * sizeof(std::uint32_t)));
    if (grown == nullptr) std::abort();
    std::memcpy(grown, l.data(), l.size * sizeof(std::uint32_t));
    if (l.capacity > 2) {
      std::free(l.heap);
      heap_bytes_ -= l.capacity * sizeof(std::uint32_t);
    }
    l.heap = grown;
    l.capacity = capacity;
    heap_bytes_ += capacity * sizeof(std::uint32_t);
  }
  l.data()[l.size++] = slot;
  ++postings_;
}

void PostingTable::Remove(BlockingKey key, std::uint32_t slot) {
  key = Stored(key);
  const std::size_t i = Locate(key);
  if (keys_[i] == 0) return;
  List& l = lists_[i];
  std::uint32_t* d = l.data();
  for (std::uint32_t k = 0; k < l.size; ++k) {
    if (d[k] == slot) {
      d[k] = d[--l.size];
      --postings_;
      return;
    }
  }
}

std::span<const std::uint32_t> PostingTable::Find(BlockingKey key) const {
  key = Stored(key);
  const std::size_t i = Locate(key);
  if (keys_[i] == 0) return {};
  return {lists_[i].data(), lists_[i].size};
}

void PostingTable::Grow() {
  HugePageVector<BlockingKey> keys(keys_.size() * 2, 0);
  HugePageVector<List> lists(keys.size());
  keys.swap(keys_);
  lists.swap(lists_);
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t j = 0; j < keys.size(); ++j) {
    if (keys[j] == 0) continue;
    std::size_t i = Spread(keys[j]) & mask;
    while (keys_[i] != 0) i = (i + 1) & mask;
    keys_[i] = keys[j];
    lists_[i] = lists[j];  // moves the heap pointer with the header
  }
}

std::size_t PostingTable::MemoryBytes() const {
  return keys_.capacity() * sizeof(BlockingKey) + lists_.capacity() * sizeof(List) + heap_bytes_;
}

}  // namespace cp::match
