#pragma once
// Turning matched pairs into groups of records of one person.
//
// Deduplication joins matched pairs strongest first, but refuses to join
// two groups when records of one conflict with records of the other (for
// example two different forenames, as with twins): a chain of plausible
// pairs through a record that lacks the telling detail must not make one
// person out of two. One odd record in a large group (a source that
// garbled one name) does not veto a join on its own: the join is refused
// when at least `kMaxConflictShare` of the record pairs across the two
// groups conflict.
//
// Linking two files assigns each record at most one partner in the other
// file, strongest pair first.

#include <cstdint>
#include <functional>
#include <vector>

namespace cp::match {

struct ScoredPair {
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  double weight = 0;  // higher is stronger evidence
};

// True when records x and y cannot be the same person.
using ConflictTest = std::function<bool(std::uint32_t x, std::uint32_t y)>;

struct Clusters {
  std::vector<std::uint32_t> cluster_of;  // per record, numbered from 0 in record order
  std::vector<ScoredPair> accepted;       // the pairs that joined groups, strongest first
  std::size_t count = 0;                  // number of clusters (singletons included)
  std::size_t merges_refused = 0;         // joins the conflict test stopped
};

inline constexpr double kMaxConflictShare = 1.0 / 3.0;

// Groups `n` records from `pairs` (all of which are above the match
// threshold). At most `max_checks` record pairs are tested per join; a
// join whose groups are larger is tested on a prefix of each.
Clusters ClusterPairs(std::size_t n, std::vector<ScoredPair> pairs, const ConflictTest& conflict,
                      std::size_t max_checks = 4096);

// One-to-one assignment: strongest pair first, each record used at most
// once.
Clusters AssignOneToOne(std::size_t n, std::vector<ScoredPair> pairs);

}  // namespace cp::match
