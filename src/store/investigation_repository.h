#pragma once
// Persistence of break-glass investigations (BG-3, S 9): one row per use of
// the emergency shielding override, open until the LA management team
// resolves it. Runs on the caller's connection, inside the caller's
// transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/child.h"
#include "core/user_account.h"
#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

enum class InvestigationStatus { kOpen, kLegitimate, kReferredMisuse };

// "open", "legitimate", "referred_misuse": the stored names.
std::string_view InvestigationStatusName(InvestigationStatus status);
std::optional<InvestigationStatus> InvestigationStatusFromName(std::string_view name);

struct InvestigationRow {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  std::string la_code;                      // the record's LA, whose team investigates
  core::UserId user_id = 0;                 // who broke glass (the requestor when mediated)
  std::optional<core::UserId> mediator_id;  // AUD-3
  std::string reason;                       // as the user gave it
  Timestamp occurred_at = 0;
  Date due_on;  // the next working day after the use
  InvestigationStatus status = InvestigationStatus::kOpen;
  std::optional<core::UserId> resolved_by;
  std::optional<Timestamp> resolved_at;
  std::string resolution_note;
  std::string user_display_name;  // read only: the display name of user_id
};

class InvestigationRepository {
 public:
  explicit InvestigationRepository(Connection& conn) : conn_(conn) {}

  // Inserts `row` as open (its status and resolution are ignored); returns
  // the new id.
  Result<std::int64_t> Open(const InvestigationRow& row);

  // Open investigations of one LA (or of every LA when `la_code` is
  // nullopt), oldest due first.
  Result<std::vector<InvestigationRow>> ListOpen(const std::optional<std::string>& la_code);

  // NotFound when there is no such investigation.
  Result<InvestigationRow> Get(std::int64_t id);

  // Resolves an open investigation, atomically: NotFound when there is no
  // such investigation, FailedPrecondition when it is already resolved (an
  // investigation is resolved once), InvalidArgument when `status` is kOpen.
  Status Resolve(std::int64_t id, InvestigationStatus status, core::UserId by, Timestamp at,
                 const std::string& note);

 private:
  Connection& conn_;
};

}  // namespace cp::store
