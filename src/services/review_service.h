#pragma once
// The review queue of uncertain matches (FEED-6; G 4.51–4.52, G 3.25).
//
// A row the import could not place with confidence — near one or more live
// records but surely none — waits in the queue of the LA it points to
// (services/import_service.h). A data administrator of that LA (the
// central team: of any LA) works the queue (Queue), looks at the row as
// the source sent it beside each candidate record with the matching
// engine's field-by-field explanation (Detail), and decides, once:
//
//   open → linked    the row is that record's child: its contribution is
//                    linked and the record's best view rebuilt (FEED-4);
//        → created   the row is a child ContactPoint does not hold: a new
//                    record with its own UIN, in the LA the row places the
//                    child in (NEW-1, LA-1);
//        → not_same  the row is none of the candidates, and the
//                    administrator says so: a new record is made as for
//                    "created", and it and each candidate are recorded as
//                    two children (store distinct_child), so that a merge of
//                    such a pair later needs verification (G 3.25) as the
//                    engine's own sibling guard does. "Created" asserts
//                    nothing about the candidates.
//
// Or the administrator finds the row not usable (G 4.52): it is reported
// back to the source with the administrator's reason, and ContactPoint keeps
// nothing of it but that report (ReportUnusable).
//
// A row's shielding flag shields the record it ends in (FEED-8), as at
// import. Each decision commits with its audit entry (ids and outcomes,
// never the row's values); the index learns of the records touched after
// the commit, and forgets what a rolled-back decision filed. Refusals are
// audited too.
//
// What a candidate shows is projected for the administrator (policy, SHD-2):
// a shielded record they may not see in full shows only UIN, names, gender
// and date of birth, and its explanation and probability are worked out on
// those items alone — an agreeing postcode would otherwise give its
// address away.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "match/explanation.h"
#include "policy/projection.h"
#include "services/actor.h"
#include "services/child_index.h"
#include "services/context.h"
#include "services/feed_row.h"
#include "services/shielding_service.h"
#include "store/review_repository.h"

namespace cp::services {

using store::ReviewOutcome;

// The places a stored row is read with, as the import read it: the
// program's own data (data/places), loaded once. Internal error when they
// cannot be read.
Result<const LaLocator*> ProgramLaLocator();

// The engine's field-by-field explanation of record `a` against record `b`
// on exactly the items each holds, with the prior of a national register
// (kNationalRegister) — for records projected for a viewer, so that what
// the projection hides weighs nothing and shows nothing (SHD-2).
match::Explanation ExplainRecords(const core::Child& a, const core::Child& b);

// Who works the queue: a data administrator of an LA (their own LA's
// queue) or the central team (every queue), holding administer_data.
bool IsDataAdministration(const Actor& actor);

// One open review, as the queue lists it.
struct ReviewSummary {
  std::int64_t review_id = 0;
  Timestamp created_at = 0;
  std::string la_code;
  std::string source_name;
  std::string forenames, surname;  // as the row gives them
  std::optional<Date> date_of_birth;
  std::size_t candidates = 0;
};

// A candidate record beside the row: the record the engine proposed, or
// the record it has since been merged into.
struct ReviewCandidate {
  core::ChildId child_id = 0;
  std::optional<core::ChildId> merged_from;  // the record proposed, when merged since
  policy::ProjectedRecord record;            // for the administrator
  bool live = true;                          // no longer live: archived or merged since
  bool shielded = false;
  // The probability that the row is this record's child, and the engine's
  // field-by-field reasons; empty when the record is no longer live.
  double probability = 0;
  std::optional<match::Explanation> explanation;
};

struct ReviewDetail {
  store::MatchReviewRow review;
  core::Child row;                          // what the source sent, as a record
  bool row_usable = true;                   // false when the stored row no longer parses
  std::vector<ReviewCandidate> candidates;  // best first
};

// The decisions.
struct LinkTo {
  core::ChildId child = 0;  // one of the review's candidates
};
struct CreateNew {};
struct NotSameChild {};
using ReviewDecision = std::variant<LinkTo, CreateNew, NotSameChild>;

inline constexpr int kMaxQueue = 500;

class ReviewService {
 public:
  // `index` (required for decisions) is the live search index; `places`
  // (null: ProgramLaLocator) read the stored rows; `shielding` applies
  // sources' shielding flags.
  ReviewService(ServiceContext& ctx, ChildIndex* index, ShieldingService& shielding,
                const LaLocator* places = nullptr)
      : ctx_(ctx), index_(index), shielding_(shielding), places_(places) {}

  // The open reviews of the actor's LA (every LA's for the central team),
  // oldest first. PermissionDenied (audited) for anyone else.
  Result<std::vector<ReviewSummary>> Queue(const Actor& actor);

  // One review beside its candidates, audited (with the candidates' ids)
  // before it is returned. PermissionDenied (audited) outside the review's
  // LA; NotFound for no such review.
  Result<ReviewDetail> Detail(const Actor& actor, std::int64_t review_id);

  // Decides an open review; returns the record the row is now linked to.
  // PermissionDenied and NotFound as Detail; FailedPrecondition (audited
  // "refused") once decided, or when the chosen record is no longer live;
  // InvalidArgument "child_id" for a record that is not a candidate (nor
  // the record a candidate has been merged into since), "la_code" when a
  // new record has no LA to belong to. "Not the same child" records the
  // new record as distinct from each candidate as it is now.
  Result<core::ChildId> Decide(const Actor& actor, std::int64_t review_id,
                               const ReviewDecision& decision);

  // G 4.52, FEED-3: closes an open review as not usable, with `reason` (up
  // to kMaxReasonChars; the source reads it, so it names the problem, not
  // the child's details): the report is kept for the source
  // (SourceFeedbackService), the row and the review are deleted. A later row with
  // the same source record id is matched afresh. PermissionDenied and
  // NotFound as Detail; FailedPrecondition (audited) once decided;
  // InvalidArgument "reason" without one.
  Status ReportUnusable(const Actor& actor, std::int64_t review_id, const std::string& reason);

  static constexpr std::size_t kMaxReasonChars = 500;

 private:
  struct Checked;
  Result<Checked> Check(const Actor& actor, std::int64_t review_id, const char* action);
  Result<const LaLocator*> Places() const;

  ServiceContext& ctx_;
  ChildIndex* index_;
  ShieldingService& shielding_;
  const LaLocator* places_;
};

// The candidates a review lists (its JSON), best first.
std::vector<std::pair<core::ChildId, double>> ReviewCandidates(const std::string& json);

}  // namespace cp::services
