#include "match/text_pool.h"

#include <algorithm>

#include "match/double_metaphone.h"

namespace cp::match {
namespace {

std::uint64_t Hash(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

}  // namespace

std::uint32_t PackCode(std::string_view code) {
  std::uint32_t packed = 0;
  const std::size_t n = std::min<std::size_t>(code.size(), 4);
  for (std::size_t i = 0; i < n; ++i) {
    packed |= static_cast<std::uint32_t>(static_cast<unsigned char>(code[i])) << (8 * i);
  }
  return packed;
}

std::uint32_t LetterBits(std::string_view text) {
  std::uint32_t bits = 0;
  for (char c : text) {
    bits |= (c >= 'a' && c <= 'z') ? std::uint32_t{1} << (c - 'a') : std::uint32_t{1} << 31;
  }
  return bits;
}

double JaroUpperBound(std::string_view a, std::uint32_t a_letters, std::string_view b,
                      std::uint32_t b_letters) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0 : 0.0;
  auto matchable = [](std::string_view s, std::uint32_t other) {
    std::size_t n = 0;
    for (char c : s) {
      const std::uint32_t bit =
          (c >= 'a' && c <= 'z') ? std::uint32_t{1} << (c - 'a') : std::uint32_t{1} << 31;
      if ((other & bit) != 0) ++n;
    }
    return n;
  };
  const double m = static_cast<double>(
      std::min({matchable(a, b_letters), matchable(b, a_letters), a.size(), b.size()}));
  if (m == 0) return 0.0;
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + 1.0) / 3.0;
}

std::string UnpackCode(std::uint32_t packed) {
  std::string code;
  while (packed != 0) {
    code.push_back(static_cast<char>(packed & 0xFF));
    packed >>= 8;
  }
  return code;
}

TextPool::TextPool(const NicknameTable* nicknames) : nicknames_(nicknames) {
  entries_.emplace_back();  // kNoText
  has_name_features_.push_back(0);
  slots_.assign(1024, kNoText);
}

TextPool::TextPool(const TextPool* base, const NicknameTable* nicknames) : TextPool(nicknames) {
  base_ = base;
  first_own_ = static_cast<TextId>(base->size());
  offset_ = first_own_ - 1;
}

TextId TextPool::Find(std::string_view folded) const {
  if (folded.empty()) return kNoText;
  if (base_ != nullptr) {
    if (const TextId id = base_->Find(folded); id != kNoText) return id;
  }
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = Hash(folded) & mask;; i = (i + 1) & mask) {
    const TextId id = slots_[i];
    if (id == kNoText) return kNoText;
    if (Text(id) == folded) return id;
  }
}

TextId TextPool::Intern(std::string_view folded, TextKind kind) {
  if (folded.empty()) return kNoText;
  folded = folded.substr(0, 0xFFFF);
  if (base_ != nullptr) {
    // A base string without the name features a name needs is copied, so
    // that its phonetic codes and nicknames are there; comparison then
    // falls back to the text, which still agrees.
    const TextId id = base_->Find(folded);
    if (id != kNoText && (kind == TextKind::kOther || base_->Entry(id).metaphone_primary != 0 ||
                          !base_->Roots(id).empty())) {
      return id;
    }
  }
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = Hash(folded) & mask;
  for (;; i = (i + 1) & mask) {
    const TextId id = slots_[i];
    if (id == kNoText) break;
    if (Text(id) == folded) {
      if (kind == TextKind::kName && !has_name_features_[id - offset_]) AddNameFeatures(id);
      return id;
    }
  }
  const auto id = static_cast<TextId>(offset_ + entries_.size());
  TextEntry e;
  e.offset = static_cast<std::uint32_t>(chars_.size());
  e.length = static_cast<std::uint16_t>(folded.size());
  e.letters = LetterBits(folded);
  chars_.insert(chars_.end(), folded.begin(), folded.end());
  entries_.push_back(e);
  has_name_features_.push_back(0);
  slots_[i] = id;
  if (kind == TextKind::kName) AddNameFeatures(id);
  if (entries_.size() * 10 > slots_.size() * 7) Grow();
  return id;
}

void TextPool::AddNameFeatures(TextId id) {
  const std::string text(Text(id));
  const MetaphoneCodes codes = DoubleMetaphone(text);
  TextEntry& e = entries_[id - offset_];
  e.metaphone_primary = PackCode(codes.primary);
  e.metaphone_alternate = PackCode(codes.alternate);
  if (nicknames_ != nullptr) {
    const auto roots = nicknames_->RootsOf(text);
    e.root_offset = static_cast<std::uint32_t>(roots_.size());
    e.root_count = static_cast<std::uint16_t>(std::min<std::size_t>(roots.size(), 0xFFFF));
    roots_.insert(roots_.end(), roots.begin(), roots.begin() + e.root_count);
  }
  has_name_features_[id - offset_] = 1;
}

void TextPool::Grow() {
  HugePageVector<TextId> bigger(slots_.size() * 2, kNoText);
  const std::size_t mask = bigger.size() - 1;
  for (std::size_t local = 1; local < entries_.size(); ++local) {
    const auto id = static_cast<TextId>(offset_ + local);
    std::size_t i = Hash(Text(id)) & mask;
    while (bigger[i] != kNoText) i = (i + 1) & mask;
    bigger[i] = id;
  }
  slots_.swap(bigger);
}

std::size_t TextPool::MemoryBytes() const {
  return chars_.capacity() + entries_.capacity() * sizeof(TextEntry) +
         roots_.capacity() * sizeof(std::uint32_t) + has_name_features_.capacity() +
         slots_.capacity() * sizeof(TextId);
}

}  // namespace cp::match
