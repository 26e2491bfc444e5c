#include "services/index_follower.h"

#include "store/match_rows.h"

namespace cp::services {

Result<std::size_t> IndexFollower::Poll() {
  const Timestamp since = clock_.Now() - window_;
  CP_ASSIGN(auto conn, db_.Acquire());
  CP_ASSIGN(const std::vector<store::ChildChange> changes, store::ChangedSince(*conn, since));
  std::unordered_map<core::ChildId, std::int64_t> seen;
  seen.reserve(changes.size());
  std::size_t refiled = 0;
  for (const store::ChildChange& change : changes) {
    seen[change.id] = change.version;
    const auto it = filed_.find(change.id);
    if (it != filed_.end() && it->second == change.version) continue;
    CP_TRY(index_.Refresh(*conn, change.id));
    ++refiled;
  }
  filed_ = std::move(seen);
  return refiled;
}

}  // namespace cp::services
