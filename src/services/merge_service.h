#pragma once
// Merging two records found to be one child, and undoing a wrong merge
// (FEED-6; G 4.51–4.52, G 3.25). Joining two children is the worst error
// the directory can make — one child's practitioners shown on another — so
// a merge is guarded, and every merge can be undone exactly.
//
// Merge(actor, keep, merged): a data administrator of the LA both records
// belong to (the central team: any two records) joins two live records.
//  - Guard: when the matching engine's guard shows two children (a plainly
//    different forename or date of birth: IsSibling) or an administrator
//    decided earlier that they are two children (ReviewService, "not the
//    same child"), the merge is refused unless the administrator records
//    the additional verification they hold (G 3.25). The verification is
//    kept with the merge, never in the audit trail.
//  - Shielding (SHD-2): a merge never moves data from a shielded record
//    into one that is not, and never strands shielding requests: the
//    record merged away may not be shielded nor have shielding requests of
//    its own, unless the only ones are the system's "potential duplicate"
//    requests made because the kept record was shielded (SHD-7). Otherwise
//    keep the shielded record.
//  - Effect, in one transaction with its audit entry: every contribution of
//    the merged record moves to the kept record (each one listed); the
//    kept record's best view is rebuilt from all of them (FEED-4), with the
//    involvements and parents/carers the merged record held that no
//    contribution accounts for (a hand-recorded sensitive involvement,
//    data loaded before feeds); the merged record leaves the live register
//    (archive_state 'soft', merged_into the kept record): no search, index
//    or view shows it again (SRCH-4). The kept record as it stood is kept
//    with the merge for the undo.
//
// Unmerge(actor, merge): every contribution the merge moved returns to the
// merged record, which is live again; both best views are rebuilt — the
// kept record's from its state before the merge, so that nothing of the
// other child stays on it. What happened to the kept record meanwhile
// stays: contributions received since, shielding, disputes; involvements
// recorded by hand since the merge stay on the kept record (the record
// they were recorded on) and are counted in the result so the
// administrator can check them; involvements moved to the archive since
// the merge (consent withdrawn, SENS-3) stay archived on both records. A
// returned row carrying its source's shielding flag shields the merged
// record again (FEED-8); a shield the kept record gained meanwhile stays.
// Merges of one kept record are undone last first: a later merge into it,
// or of it into another, is undone before.
//
// Other references to the merged record do not move: shield requests and
// the shielding log, brokering requests, break-glass investigations and
// requests for new records name the record they were made about, and the
// audit trail never changes. The merge's audit entry names both records,
// so either one's history leads to the other.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "match/explanation.h"
#include "policy/projection.h"
#include "services/actor.h"
#include "services/child_index.h"
#include "services/context.h"
#include "services/feed_row.h"
#include "services/shielding_service.h"
#include "store/merge_repository.h"

namespace cp::services {

using store::MergeGuard;
using store::MergeRow;

inline constexpr std::size_t kMaxVerificationChars = 2000;
inline constexpr int kMaxMergesListed = 200;

// Two records side by side before a merge, for the administrator.
struct MergePreview {
  core::ChildId keep = 0, merged = 0;
  policy::ProjectedRecord kept_record, merged_record;
  MergeGuard guard = MergeGuard::kNone;  // what argues against the merge
  // The engine's reasons, judged on what the administrator may see of
  // both records (SHD-2); its probability that they are one child.
  match::Explanation explanation;
  double probability = 0;
  std::int64_t contributions = 0;  // the merged record's, to move
  // Why the merge cannot be made at all (shielding), when it cannot.
  std::optional<std::string> blocked;
};

struct UnmergeOutcome {
  std::int64_t returned = 0;            // contributions back on the merged record
  std::int64_t kept_hand_recorded = 0;  // involvements recorded by hand since, left on the kept one
};

class MergeService {
 public:
  // `index` (required) is the live search index; `shielding` applies a
  // source's shielding flag to the record its row returns to; `places`
  // (null: the program's, ProgramLaLocator) read stored rows as the import
  // did.
  MergeService(ServiceContext& ctx, ChildIndex* index, ShieldingService& shielding,
               const LaLocator* places = nullptr)
      : ctx_(ctx), index_(index), shielding_(shielding), places_(places) {}

  // The record with this UIN, for an administrator naming records to merge.
  // InvalidArgument (field `field`) for a UIN that is not one or no record.
  Result<core::ChildId> FindByUin(const Actor& actor, const std::string& uin,
                                  const std::string& field);

  // The two records side by side with the engine's explanation, audited
  // with both ids before it is returned. The same refusals as Merge, except
  // that a guard or shielding is reported in the preview, not refused.
  Result<MergePreview> Preview(const Actor& actor, core::ChildId keep, core::ChildId merged);

  // Merges `merged` into `keep`; returns the merge's id. PermissionDenied
  // (audited) for anyone but a data administrator of both records' LA (or
  // the central team); NotFound for no such record; InvalidArgument
  // "merged" for a record merged into itself, "verification" when the
  // guard needs one and none is given or it is too long;
  // FailedPrecondition (audited "refused") unless both are live, or when
  // shielding forbids it.
  Result<std::int64_t> Merge(const Actor& actor, core::ChildId keep, core::ChildId merged,
                             const std::string& verification);

  // Undoes a standing merge. PermissionDenied (audited) outside its LA;
  // NotFound for no such merge; FailedPrecondition (audited "refused") once
  // undone, or while a later merge of the kept record stands.
  Result<UnmergeOutcome> Unmerge(const Actor& actor, std::int64_t merge_id);

  // The merges of the administrator's LA (every LA's for the central team),
  // newest first; audited.
  Result<std::vector<MergeRow>> List(const Actor& actor);

 private:
  struct Pair;
  Result<Pair> Check(const Actor& actor, core::ChildId keep, core::ChildId merged,
                     const char* action);
  Result<const LaLocator*> Places() const;

  ServiceContext& ctx_;
  ChildIndex* index_;
  ShieldingService& shielding_;
  const LaLocator* places_;
};

}  // namespace cp::services
