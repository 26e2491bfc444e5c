#pragma once
// Users' amendments to a child record (UPD-1, UPD-2; G 3.23–3.25).
//
// A user holding the update right, who may view the record, amends items
// of it — names and known-as surname, date of birth, gender, address,
// parents/carers, educational setting and school, GP practice — through the
// web form or an adapted case management system, stating the verification
// they hold ("seen by me: a domestic bill", G 3.24; required for the items
// that say who the child is). On a shielded record only the items the user
// may see can be amended (SHD-2): the form shows no other, and an attempt
// at another is refused before anything is compared with it.
//
// Each amended item is stored as its own amendment (store/amendment_
// repository.h) and resolved at once (core/amendment.h):
//  - resolved by the system: applied now. It is held as a contribution of
//    the record's LA's "users' amendments" source — the most reliable rank
//    — stating only the amended item, and the best view is rebuilt
//    (RebuildBestView, FEED-4): later rebuilds from the feeds keep it, and
//    each source that says otherwise is told of the mismatch (UPD-3);
//  - in conflict (identifying items, a move to another LA, a value a source
//    supplied in the last kRecentSourceDays days): not applied, but queued
//    for the data administrators of the record's LA, who see the value
//    before and the value asked for, who asked and their verification, and
//    either override — applying it, on verification of their own (G 3.25)
//    — or reject it with a reason. The requester sees the outcome.
// A form shown from an older version of the record is refused (Conflict):
// nothing is applied over a change the user has not seen.
//
// Rights come first, before any input is read; every action and every
// refusal is audited with ids, item names and outcomes — never values or
// verification texts, which are kept with the amendment.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/amendment.h"
#include "policy/projection.h"
#include "services/actor.h"
#include "services/amendment_fields.h"
#include "services/child_index.h"
#include "services/context.h"
#include "services/feed_row.h"
#include "store/amendment_repository.h"

namespace cp::services {

using store::AmendmentRow;

inline constexpr std::size_t kMaxAmendmentVerificationChars = 2000;
inline constexpr int kMaxAmendmentsListed = 500;

// What the form shows: the record as the user may see it, its version, and
// the items the user may amend with their current values.
struct AmendmentForm {
  policy::ProjectedRecord record;
  std::int64_t version = 0;
  std::vector<core::Item> amendable;  // in core::kAmendableItems order
  ItemFields values;                  // the amendable items' current values
};

// A user's amendment: feed columns (AmendmentColumns) with their new
// values. A column not sent is unchanged; an empty value clears it. Items
// whose values come out as they are now are not amendments.
struct AmendmentRequest {
  std::int64_t version = 0;  // the record version the form showed
  std::map<std::string, std::string> fields;
  std::string verification;
};

// What became of each amended item.
struct AmendedItem {
  std::int64_t amendment_id = 0;
  core::Item item = core::Item::kAddress;
  core::AmendmentStatus status = core::AmendmentStatus::kApplied;  // applied or pending
};

// One amendment for a data administrator to decide.
struct AmendmentDetail {
  AmendmentRow amendment;          // with both values and the verification
  policy::ProjectedRecord record;  // for the administrator
  ItemFields current;              // the item as the record holds it now
  std::int64_t version = 0;        // the record's, for the decision form
  bool live = true;                // the record is still live
  bool withheld = false;           // shielded: the administrator may not see the item
};

enum class AmendmentVerdict { kOverride, kReject };

struct AmendmentDecision {
  AmendmentVerdict verdict = AmendmentVerdict::kReject;
  // The administrator's verification (override, G 3.25) or reason (reject).
  std::string reason;
  std::int64_t version = 0;  // the record version the decision page showed
};

// UPD-1: who amends — a user with the update right who may view records.
bool MayAmend(const Actor& actor);

class AmendmentService {
 public:
  // `index` (required to apply an amendment) is the live search index;
  // `places` (null: the program's, ProgramLaLocator) read postcodes and
  // stored rows as the import does.
  AmendmentService(ServiceContext& ctx, ChildIndex* index, const LaLocator* places = nullptr)
      : ctx_(ctx), index_(index), places_(places) {}

  // The form for amending live record `child`, audited ("amendment.form")
  // before it is returned. PermissionDenied (audited) without the update
  // and view rights; NotFound for an unknown or archived record.
  Result<AmendmentForm> Form(const Actor& actor, core::ChildId child);

  // UPD-1, UPD-2: amends live record `child`. In this order:
  //  - PermissionDenied (audited) as Form, and for a column of an item the
  //    user may not see (a shielded record);
  //  - NotFound for an unknown or archived record;
  //  - Conflict (audited "refused") when the record's version is no longer
  //    request.version;
  //  - InvalidArgument naming the column: not an amendable column, a value
  //    the feed's rules refuse (a date that is not one, a postcode outside
  //    England, …), an item left empty; "verification" when an identifying
  //    item changes without one, or it is too long; "fields" when nothing
  //    changes.
  // Each changed item is applied or queued as the class comment says, all
  // in one transaction with one audit entry ("record.amend").
  Result<std::vector<AmendedItem>> Amend(const Actor& actor, core::ChildId child,
                                         const AmendmentRequest& request);

  // The pending amendments of the administrator's LA (every LA's for the
  // central team), oldest first, without their values; audited.
  // PermissionDenied (audited) for anyone else (IsDataAdministration).
  Result<std::vector<AmendmentRow>> Queue(const Actor& actor);

  // One amendment beside the record, audited with the record's id before
  // it is returned. PermissionDenied (audited) outside the amendment's LA;
  // NotFound for no such amendment. When the administrator may not see the
  // item (a shielded record), the values are left out and `withheld` set.
  Result<AmendmentDetail> Detail(const Actor& actor, std::int64_t amendment_id);

  // UPD-2, G 3.25: decides a pending amendment. PermissionDenied (audited)
  // as Detail, and for an item the administrator may not see;
  // FailedPrecondition (audited "refused") once decided or when the record
  // is no longer live; InvalidArgument "reason" for no verification (an
  // override) or no reason (a rejection), or one too long; Conflict
  // (audited "refused") when the record changed since the page showed it.
  // An override applies the amendment as a resolved one is applied.
  Status Decide(const Actor& actor, std::int64_t amendment_id, const AmendmentDecision& decision);

  // The actor's own amendments — on `child` only when given — newest
  // first, with outcomes but without values or verification; audited.
  Result<std::vector<AmendmentRow>> Mine(const Actor& actor, std::optional<core::ChildId> child);

 private:
  struct Applied;
  Result<const LaLocator*> Places() const;
  Result<std::int64_t> Apply(store::Connection& conn, const core::Child& record, core::Item item,
                             const ItemFields& previous, const ItemFields& proposed,
                             const LaLocator& places, Timestamp now);

  ServiceContext& ctx_;
  ChildIndex* index_;
  const LaLocator* places_;
};

}  // namespace cp::services
