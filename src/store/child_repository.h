#pragma once
// Persistence of child records (the best view, REC-1 … REC-10) on either
// engine. All methods run on the caller's connection and inside the caller's
// transaction: the service layer decides transaction boundaries, so a record
// and its audit entry commit together.

#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "store/db.h"

namespace cp::store {

class ChildRepository {
 public:
  explicit ChildRepository(Connection& conn) : conn_(conn) {}

  // Stores a new record with everything it holds; sets child.id and the ids
  // of its involvements. A UIN already in use is a Conflict.
  Result<core::ChildId> Insert(core::Child& child);

  // The whole record, or NotFound.
  Result<core::Child> Get(core::ChildId id);
  // The record's own row only — identity, address, flags — without its
  // other names, parents/carers, services, involvements or disputes: what a
  // search result shows, in one query instead of seven.
  Result<core::Child> GetCore(core::ChildId id);

  // The record's id for a UIN, if any record has it.
  Result<std::optional<core::ChildId>> FindIdByUin(core::Uin uin);

  // Ids of live records whose surname (legal or known-as) and date of birth
  // equal these, up to `limit` (exact, case-insensitive match).
  Result<std::vector<core::ChildId>> FindBySurnameAndDob(const std::string& surname,
                                                         Date date_of_birth, int limit);

  // Replaces the stored best view with `child` when its version is still
  // `expected_version`; Conflict when someone changed it meanwhile. The new
  // version is expected_version + 1.
  Status Replace(const core::Child& child, std::int64_t expected_version);
  // As Replace, writing only what differs from `stored` (the record as read
  // at `expected_version`): its own columns that changed, parents and
  // carers from the first that changed, universal services of the kinds
  // that changed, other lists whole when they changed. A live involvement
  // that `child` still holds keeps its row and id, so what refers to it (a
  // brokering request) still finds it.
  Status ReplaceChanged(const core::Child& child, std::int64_t expected_version,
                        const core::Child& stored);

  // The stored version of a record (for optimistic concurrency).
  Result<std::int64_t> Version(core::ChildId id);

  Result<std::int64_t> Count();

  // Adds one involvement to a record at `at`, returning its id. A live
  // sensitive involvement without consent or a public interest is refused by
  // the store itself (SENS-2).
  //
  // Both methods below change the record: its version moves on, so a
  // Replace prepared from an older read is a Conflict instead of silently
  // undoing the change.
  Result<std::int64_t> AddInvolvement(core::ChildId child, const core::Involvement& involvement,
                                      Timestamp at);

  // Moves a live involvement of `child` to the archive at `at` (SENS-3,
  // ARC-8): no view reads it again. NotFound when `child` has no such live
  // involvement.
  Status ArchiveInvolvement(core::ChildId child, std::int64_t involvement_id,
                            std::string_view reason, Timestamp at);

  // SENS-2: live sensitive involvements on live records of `la_code` whose
  // consent is due for renewal on or before `by`, soonest first.
  struct ConsentRenewal {
    core::ChildId child_id = 0;
    std::int64_t involvement_id = 0;
    std::string service_type;
    Date renewal_due;
  };
  Result<std::vector<ConsentRenewal>> ConsentRenewalsDue(const std::string& la_code, Date by,
                                                         int limit);

 private:
  // The tables of a record's parts, as bits.
  using PartGroups = unsigned;
  static constexpr PartGroups kOtherNamesPart = 1, kParentsPart = 2, kServicesPart = 4,
                              kInvolvementsPart = 8, kKeyContactsPart = 16, kDisputesPart = 32,
                              kAllParts = 63;
  // Writes the record's own columns, or with `stored` only those that
  // differ from it (an index on an unchanged column is then not touched),
  // and always updated_at and the version.
  Status UpdateCore(const core::Child& child, std::int64_t expected_version,
                    const core::Child* stored = nullptr);
  Status InsertParts(const core::Child& child, PartGroups groups);
  Status DeleteParts(core::ChildId id, PartGroups groups);
  Status Touch(core::ChildId id, Timestamp at);
  Status LoadParts(core::Child& child);
  Connection& conn_;
};

// "names=3@1700000000;address=…": REC-8 metadata of single-valued items.
std::string EncodeProvenance(const std::map<core::Item, core::SourceStamp>& provenance);
std::map<core::Item, core::SourceStamp> DecodeProvenance(std::string_view text);

}  // namespace cp::store
