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

  // The stored version of a record (for optimistic concurrency).
  Result<std::int64_t> Version(core::ChildId id);

  Result<std::int64_t> Count();

 private:
  Status InsertParts(const core::Child& child);
  Status DeleteParts(core::ChildId id);
  Status LoadParts(core::Child& child);
  Connection& conn_;
};

// "names=3@1700000000;address=…": REC-8 metadata of single-valued items.
std::string EncodeProvenance(const std::map<core::Item, core::SourceStamp>& provenance);
std::map<core::Item, core::SourceStamp> DecodeProvenance(std::string_view text);

}  // namespace cp::store
