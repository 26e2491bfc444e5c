#pragma once
// Keeps a running service's search index in step with records that another
// process writes to the same database — a command-line import while the
// service runs, or a second instance of the service. The services of this
// process tell the index of their own changes (ChildIndex); nothing tells
// it of anyone else's.
//
// Each Poll files again every record written within the last `window`
// seconds whose version it has not yet filed, and removes one that is no
// longer live. A write is stamped with its writer's clock but becomes
// visible only when its transaction commits, so the window must exceed the
// longest time from stamp to commit plus the polling period: an import
// batch commits within seconds of its stamp; the default window is 60 s.
// A record changed both here and elsewhere may briefly show the earlier
// state; the next poll files the later one.

#include <cstddef>
#include <unordered_map>

#include "platform/clock.h"
#include "services/child_index.h"
#include "store/db.h"

namespace cp::services {

class IndexFollower {
 public:
  static constexpr Timestamp kDefaultWindow = 60;

  IndexFollower(store::Database& db, ChildIndex& index, const Clock& clock,
                Timestamp window = kDefaultWindow)
      : db_(db), index_(index), clock_(clock), window_(window) {}

  // One pass; returns how many records it filed again or removed.
  Result<std::size_t> Poll();

 private:
  store::Database& db_;
  ChildIndex& index_;
  const Clock& clock_;
  Timestamp window_;
  // The versions filed for the records written within the window.
  std::unordered_map<core::ChildId, std::int64_t> filed_;
};

}  // namespace cp::services
