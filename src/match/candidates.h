#pragma once
// Candidate pairs for a batch linkage: every pair of records that share a
// blocking key, each pair once, with the rules that brought it.

#include <cstdint>
#include <span>
#include <vector>

#include "match/blocking.h"

namespace cp::match {

struct CandidatePair {
  std::uint32_t a = 0;  // a < b; in a two-file linkage a is in the first file
  std::uint32_t b = 0;
  RuleMask rules = 0;  // the rules whose keys the two records share
};

struct CandidateOptions {
  // A block with more records than this is passed over (other rules still
  // pair its records): it would cost more than it finds.
  std::size_t max_block_size = 1000;
};

struct CandidateStats {
  std::size_t blocks = 0;
  std::size_t blocks_skipped = 0;  // larger than max_block_size
};

// `keys[i]` are record i's keys. With `first_of_second_file` = n (the
// number of records) every pair within the one file is a candidate;
// otherwise records [0, first_of_second_file) form the first file and only
// pairs across the two files are candidates. Sorted by (a, b).
std::vector<CandidatePair> GenerateCandidates(std::span<const std::vector<BlockingKey>> keys,
                                              std::size_t first_of_second_file,
                                              const CandidateOptions& options,
                                              CandidateStats* stats = nullptr);

}  // namespace cp::match
