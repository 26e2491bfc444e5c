#pragma once
// Persistence of users' amendments (UPD-1, UPD-2; migration 0012): one row
// per amended item, the data administrators' queue of conflicting ones,
// and each LA's "users' amendments" source that holds the amendments that
// took effect. Runs on the caller's connection, inside the caller's
// transaction. A decision is compare-and-set: a pending amendment is
// decided once, however many administrators press the button.

#include <optional>
#include <string>
#include <vector>

#include "core/amendment.h"
#include "core/child.h"
#include "core/user_account.h"
#include "store/db.h"

namespace cp::store {

struct AmendmentRow {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  std::string la_code;
  core::Item item = core::Item::kAddress;
  std::string previous;  // JSON object of feed columns: the item when asked
  std::string proposed;  // JSON object of feed columns: the item as asked for
  std::string verification;
  core::UserId requested_by = 0;
  std::optional<core::UserId> mediated_by;
  std::string route;
  Timestamp requested_at = 0;
  std::int64_t record_version = 0;
  core::AmendmentStatus status = core::AmendmentStatus::kApplied;
  core::AmendmentConflict conflict = core::AmendmentConflict::kNone;
  std::optional<core::UserId> decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_reason;
  std::optional<std::int64_t> contribution_id;
  // Read with the row, for lists: the requester's display name and the
  // record's UIN (stored form).
  std::string requester_name;
  std::int64_t uin = 0;
};

class AmendmentRepository {
 public:
  explicit AmendmentRepository(Connection& conn) : conn_(conn) {}

  // Stores a new amendment (its id, decision and names are ignored);
  // returns its id.
  Result<std::int64_t> Insert(const AmendmentRow& row);
  // NotFound when there is no such amendment.
  Result<AmendmentRow> Get(std::int64_t id);

  // Pending amendments of `la_code` — every LA's when empty — oldest
  // first, at most `limit`.
  Result<std::vector<AmendmentRow>> ListPending(const std::optional<std::string>& la_code,
                                                int limit);
  // Amendments asked for by `user`, on `child` only when given, newest
  // first, at most `limit`.
  Result<std::vector<AmendmentRow>> ListByRequester(core::UserId user,
                                                    std::optional<core::ChildId> child, int limit);

  // Decides a pending amendment: overridden (with the contribution that
  // now holds it) or rejected. False (nothing changed) when it is no longer
  // pending.
  Result<bool> Decide(std::int64_t id, core::AmendmentStatus status, core::UserId by, Timestamp at,
                      const std::string& reason, std::optional<std::int64_t> contribution_id);

  // The LA's users' amendments source, if it has one yet.
  Result<std::optional<std::int64_t>> SourceOf(const std::string& la_code);
  Status AddSource(const std::string& la_code, std::int64_t source_id);
  // Whether `source_id` holds an LA's users' amendments.
  Result<bool> IsAmendmentSource(std::int64_t source_id);

 private:
  Connection& conn_;
};

}  // namespace cp::store
