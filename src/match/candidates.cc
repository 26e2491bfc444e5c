#include "match/candidates.h"

#include <algorithm>
#include <utility>

namespace cp::match {

std::vector<CandidatePair> GenerateCandidates(std::span<const std::vector<BlockingKey>> keys,
                                              std::size_t first_of_second_file,
                                              const CandidateOptions& options,
                                              CandidateStats* stats) {
  std::vector<std::pair<BlockingKey, std::uint32_t>> filed;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    for (BlockingKey k : keys[i]) filed.emplace_back(k, static_cast<std::uint32_t>(i));
  }
  std::sort(filed.begin(), filed.end());
  const bool two_files = first_of_second_file < keys.size();
  const auto split = static_cast<std::uint32_t>(first_of_second_file);

  // (a << 32 | b, rule bit), merged below.
  std::vector<std::pair<std::uint64_t, RuleMask>> raw;
  CandidateStats local;
  std::size_t begin = 0;
  while (begin < filed.size()) {
    std::size_t end = begin + 1;
    while (end < filed.size() && filed[end].first == filed[begin].first) ++end;
    ++local.blocks;
    const RuleMask bit = RuleBit(RuleOfKey(filed[begin].first));
    if (end - begin > options.max_block_size) {
      ++local.blocks_skipped;
    } else {
      for (std::size_t i = begin; i < end; ++i) {
        for (std::size_t j = i + 1; j < end; ++j) {
          std::uint32_t a = filed[i].second;
          std::uint32_t b = filed[j].second;
          if (a == b) continue;
          if (a > b) std::swap(a, b);
          if (two_files && !(a < split && b >= split)) continue;
          raw.emplace_back((static_cast<std::uint64_t>(a) << 32) | b, bit);
        }
      }
    }
    begin = end;
  }
  std::sort(raw.begin(), raw.end());
  std::vector<CandidatePair> pairs;
  for (std::size_t i = 0; i < raw.size();) {
    RuleMask rules = 0;
    std::size_t j = i;
    while (j < raw.size() && raw[j].first == raw[i].first) rules |= raw[j++].second;
    pairs.push_back({static_cast<std::uint32_t>(raw[i].first >> 32),
                     static_cast<std::uint32_t>(raw[i].first & 0xFFFFFFFFU), rules});
    i = j;
  }
  if (stats != nullptr) *stats = local;
  return pairs;
}

}  // namespace cp::match
