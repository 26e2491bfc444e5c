#pragma once
// Interned, folded strings with the features that comparison needs
// precomputed once per distinct string (phonetic codes, nickname roots), so
// that records hold 4-byte ids and comparing two records allocates nothing.
//
// Thread safety: Intern mutates; const methods may run concurrently with
// each other but not with Intern.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "match/nicknames.h"
#include "platform/huge_pages.h"

namespace cp::match {

// 0 is "no value"; other ids index the pool.
using TextId = std::uint32_t;
inline constexpr TextId kNoText = 0;

// Up to four code characters in one integer ('S','M','0' → 0x00304D53); 0
// for the empty code.
std::uint32_t PackCode(std::string_view code);
std::string UnpackCode(std::uint32_t packed);

enum class TextKind : std::uint8_t {
  kName,   // forenames and surnames: phonetic codes and nickname roots
  kOther,  // address lines, postcodes, identifiers: the text only
};

struct TextEntry {
  std::uint32_t offset = 0;  // of the text in the pool's characters
  std::uint16_t length = 0;
  std::uint16_t root_count = 0;   // nickname roots (kName only)
  std::uint32_t root_offset = 0;  // into the pool's root list
  std::uint32_t metaphone_primary = 0;
  std::uint32_t metaphone_alternate = 0;
  // Bit c - 'a' for each letter a–z in the text, bit 31 for any other byte.
  std::uint32_t letters = 0;
};

// The `letters` bits of a text.
std::uint32_t LetterBits(std::string_view text);

// An upper bound on Jaro(a, b) from the letters each has: a character of
// one string can only be matched if its letter occurs in the other.
double JaroUpperBound(std::string_view a, std::uint32_t a_letters, std::string_view b,
                      std::uint32_t b_letters);

class TextPool {
 public:
  // `nicknames` (may be null) gives the nickname roots of names; it must
  // outlive the pool.
  explicit TextPool(const NicknameTable* nicknames = nullptr);

  // An overlay on `base` (a search query's pool over an index's): a string
  // `base` holds keeps its id there, so comparing it with the index's
  // records is comparing ids; other strings get ids of the overlay's own,
  // from base->size() up. `base` is never changed and must not change
  // while the overlay lives.
  TextPool(const TextPool* base, const NicknameTable* nicknames);

  // The id of `folded` (already normalised by the caller), adding it if new.
  // The empty string is kNoText. A string first added as kOther and later
  // interned as kName gains its name features.
  TextId Intern(std::string_view folded, TextKind kind);
  // The id of `folded`, or kNoText when it was never interned.
  TextId Find(std::string_view folded) const;

  std::string_view Text(TextId id) const {
    if (id < first_own_) return base_->Text(id);
    const TextEntry& e = entries_[id - offset_];
    return {chars_.data() + e.offset, e.length};
  }
  const TextEntry& Entry(TextId id) const {
    return id < first_own_ ? base_->Entry(id) : entries_[id - offset_];
  }
  std::span<const std::uint32_t> Roots(TextId id) const {
    if (id < first_own_) return base_->Roots(id);
    const TextEntry& e = entries_[id - offset_];
    return {roots_.data() + e.root_offset, e.root_count};
  }
  // The pool that handed out `id`: this one, or the base of an overlay.
  const TextPool* Owner(TextId id) const { return id < first_own_ ? base_ : this; }

  // One more than the largest id handed out (kNoText included).
  std::size_t size() const { return offset_ + entries_.size(); }
  // Heap bytes held.
  std::size_t MemoryBytes() const;

 private:
  void AddNameFeatures(TextId id);
  void Grow();

  const NicknameTable* nicknames_;
  const TextPool* base_ = nullptr;
  TextId first_own_ = 0;  // ids below this are the base's
  TextId offset_ = 0;     // own id - offset_ = index into entries_
  HugePageVector<char> chars_;
  HugePageVector<TextEntry> entries_;
  std::vector<std::uint32_t> roots_;
  std::vector<std::uint8_t> has_name_features_;
  HugePageVector<TextId> slots_;  // open addressing by hash of the text
};

}  // namespace cp::match
