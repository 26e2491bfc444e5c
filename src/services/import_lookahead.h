#pragma once
// What an import matched ahead: the candidates of a batch's rows, found on
// another thread while the batch before it was written (docs/feeds.md).
//
// The matching thread sees the search index as it stood when the batch
// before began (ChildIndex::HoldChanges), so the candidates do not depend on
// how far that batch's writing had got. They are kept with that batch's
// progress, in its transaction: an import stopped after it and run again
// takes the same candidates instead of matching against an index that has
// moved on. Every candidate is judged again as its record stands when the
// row is processed, and so is every record the batch before changed that
// the row may be (ChangedRecords).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/child.h"
#include "platform/date.h"
#include "platform/result.h"

namespace cp::services {

struct Lookahead {
  // For each row of the batch, in order, the records it may be (none for a
  // row that does not parse).
  std::vector<std::vector<core::ChildId>> rows;
  // The records the batch before changed (created or rebuilt).
  std::vector<core::ChildId> changed;
};

// As stored with the upload's progress (store::UploadRow::lookahead), and
// back. Ids only: no personal data.
std::string LookaheadText(const Lookahead& ahead);
Result<Lookahead> ParseLookahead(std::string_view text);

// Records by date of birth (in days): those the batch before changed, which
// a row is compared with directly since its candidates were found before
// they changed; and those earlier rows of the row's own batch created.
struct ChangedRecords {
  std::unordered_map<std::int32_t, std::vector<core::ChildId>> born_on;

  void Add(core::ChildId id, Date date_of_birth);
  // Those born on `date_of_birth`, or on it with day and month swapped.
  std::vector<core::ChildId> BornAround(Date date_of_birth) const;
};

}  // namespace cp::services
