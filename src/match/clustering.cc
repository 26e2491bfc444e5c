#include "match/clustering.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace cp::match {
namespace {

void SortStrongestFirst(std::vector<ScoredPair>& pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const ScoredPair& x, const ScoredPair& y) {
    if (x.weight != y.weight) return x.weight > y.weight;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
}

// Numbers clusters 0.. in the order of their first record.
void Number(const std::vector<std::uint32_t>& root_of, Clusters& out) {
  const std::size_t n = root_of.size();
  std::vector<std::uint32_t> number(n, UINT32_MAX);
  out.cluster_of.assign(n, 0);
  std::uint32_t next = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t r = root_of[i];
    if (number[r] == UINT32_MAX) number[r] = next++;
    out.cluster_of[i] = number[r];
  }
  out.count = next;
}

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n), members_(n) {
    std::iota(parent_.begin(), parent_.end(), 0U);
    for (std::size_t i = 0; i < n; ++i) members_[i] = {static_cast<std::uint32_t>(i)};
  }
  std::uint32_t Find(std::uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  const std::vector<std::uint32_t>& Members(std::uint32_t root) const { return members_[root]; }
  void Join(std::uint32_t ra, std::uint32_t rb) {
    if (members_[ra].size() < members_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    members_[ra].insert(members_[ra].end(), members_[rb].begin(), members_[rb].end());
    members_[rb].clear();
    members_[rb].shrink_to_fit();
  }
  std::vector<std::uint32_t> Roots() {
    std::vector<std::uint32_t> roots(parent_.size());
    for (std::size_t i = 0; i < roots.size(); ++i) roots[i] = Find(static_cast<std::uint32_t>(i));
    return roots;
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::vector<std::uint32_t>> members_;
};

}  // namespace

Clusters ClusterPairs(std::size_t n, std::vector<ScoredPair> pairs, const ConflictTest& conflict,
                      std::size_t max_checks) {
  SortStrongestFirst(pairs);
  DisjointSets sets(n);
  Clusters out;
  for (const ScoredPair& p : pairs) {
    const std::uint32_t ra = sets.Find(p.a);
    const std::uint32_t rb = sets.Find(p.b);
    if (ra == rb) continue;
    const auto& ma = sets.Members(ra);
    const auto& mb = sets.Members(rb);
    std::size_t checks = 0;
    std::size_t conflicts = 0;
    for (std::uint32_t x : ma) {
      for (std::uint32_t y : mb) {
        if (checks == max_checks) break;
        ++checks;
        if (conflict && conflict(x, y)) ++conflicts;
      }
      if (checks == max_checks) break;
    }
    if (conflicts > 0 &&
        static_cast<double>(conflicts) >= kMaxConflictShare * static_cast<double>(checks)) {
      ++out.merges_refused;
      continue;
    }
    sets.Join(ra, rb);
    out.accepted.push_back(p);
  }
  Number(sets.Roots(), out);
  return out;
}

Clusters AssignOneToOne(std::size_t n, std::vector<ScoredPair> pairs) {
  SortStrongestFirst(pairs);
  std::vector<std::uint32_t> root(n);
  std::iota(root.begin(), root.end(), 0U);
  std::vector<bool> used(n, false);
  Clusters out;
  for (const ScoredPair& p : pairs) {
    if (used[p.a] || used[p.b]) continue;
    used[p.a] = used[p.b] = true;
    root[p.b] = p.a;
    out.accepted.push_back(p);
  }
  Number(root, out);
  return out;
}

}  // namespace cp::match
