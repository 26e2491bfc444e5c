#pragma once
// The blocking keys of a search index and, for each, the record slots filed
// under it. Compact for tens of millions of keys: a key costs its 8 bytes,
// a 16-byte list header (two slots held inline) and, beyond two slots, a
// heap array.
//
// Thread safety: none; callers synchronise.

#include <cstdint>
#include <span>
#include <vector>

#include "match/blocking.h"
#include "platform/huge_pages.h"

namespace cp::match {

class PostingTable {
 public:
  PostingTable();
  ~PostingTable();
  PostingTable(const PostingTable&) = delete;
  PostingTable& operator=(const PostingTable&) = delete;

  void Add(BlockingKey key, std::uint32_t slot);
  // Removes one occurrence of `slot` under `key`, if present.
  void Remove(BlockingKey key, std::uint32_t slot);
  // The slots under `key` (empty when none), valid until the next change.
  std::span<const std::uint32_t> Find(BlockingKey key) const;

  std::size_t keys() const { return used_; }
  // Slots filed under all keys together.
  std::size_t postings() const { return postings_; }
  std::size_t MemoryBytes() const;

 private:
  struct List {
    std::uint32_t size = 0;
    std::uint32_t capacity = 2;  // 2: the inline slots are in use
    union {
      std::uint32_t inline_slots[2];
      std::uint32_t* heap;
    };
    List() : inline_slots{0, 0} {}
    std::uint32_t* data() { return capacity > 2 ? heap : inline_slots; }
    const std::uint32_t* data() const { return capacity > 2 ? heap : inline_slots; }
  };

  std::size_t Locate(BlockingKey key) const;  // the slot of `key` or the empty slot to use
  void Grow();

  HugePageVector<BlockingKey> keys_;  // 0 marks an empty entry; keys are never 0 (see below)
  HugePageVector<List> lists_;
  std::size_t used_ = 0;
  std::size_t postings_ = 0;
  std::size_t heap_bytes_ = 0;
};

}  // namespace cp::match
