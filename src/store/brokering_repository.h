#pragma once
// Persistence of brokering requests (SENS-4, BRK-1; migration 0005). Runs on
// the caller's connection, inside the caller's transaction. Each step of a
// request is a conditional UPDATE that applies only from the step before it
// and reports whether it applied, so two team members cannot both take the
// same step and no step is skipped:
//
//   received → passed_on → disclosed | declined → closed

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

// What is asked.
enum class BrokeringKind {
  kSensitiveServiceContact,    // contact with a sensitive service (G 3.48–3.52)
  kShieldedRecordInformation,  // more information about a shielded record (S 8)
};

enum class BrokeringStatus { kReceived, kPassedOn, kDisclosed, kDeclined, kClosed };

// The stored names: "sensitive_service_contact", "shielded_record_information";
// "received", "passed_on", "disclosed", "declined", "closed".
std::string_view BrokeringKindName(BrokeringKind kind);
std::optional<BrokeringKind> BrokeringKindFromName(std::string_view name);
std::string_view BrokeringStatusName(BrokeringStatus status);
std::optional<BrokeringStatus> BrokeringStatusFromName(std::string_view name);

struct BrokeringRequestRow {
  std::int64_t id = 0;
  core::ChildId child_id = 0;
  std::string la_code;                      // the record's LA, whose team brokers
  core::UserId requester_user_id = 0;       // who asked (the requestor when mediated)
  std::optional<core::UserId> mediator_id;  // AUD-3
  BrokeringKind kind = BrokeringKind::kSensitiveServiceContact;
  std::optional<std::int64_t> involvement_id;  // the sensitive involvement, when named
  std::string requester_contact;               // phone or email, as given
  std::string reason;                          // as given
  BrokeringStatus status = BrokeringStatus::kReceived;
  Timestamp created_at = 0;
  std::optional<Timestamp> passed_on_at;
  std::optional<core::UserId> passed_on_by;
  std::string passed_on_to;  // the service or practitioner, in the team's words
  std::optional<Timestamp> decided_at;
  std::optional<core::UserId> decided_by;  // the team member who recorded it
  std::optional<bool> disclosed;           // the decision: true disclosed, false declined
  std::string decision_reasons;            // required when declined (S 8)
  std::optional<Date> feedback_sent_on;
  std::optional<core::UserId> closed_by;
  std::optional<Timestamp> closed_at;
  std::string requester_display_name;  // read only: the display name of requester_user_id
};

class BrokeringRepository {
 public:
  explicit BrokeringRepository(Connection& conn) : conn_(conn) {}

  // Inserts `row` as received (its status and later steps are ignored);
  // returns the new id.
  Result<std::int64_t> Add(const BrokeringRequestRow& row);

  // NotFound when there is no such request.
  Result<BrokeringRequestRow> Get(std::int64_t id);

  // Requests of `la_code` not yet closed, oldest first.
  Result<std::vector<BrokeringRequestRow>> ListOpen(const std::string& la_code);

  // Every request `user` asked, newest first.
  Result<std::vector<BrokeringRequestRow>> ForRequester(core::UserId user);

  // received → passed_on. False (nothing changed) from any other status.
  Result<bool> PassOn(std::int64_t id, core::UserId by, Timestamp at, const std::string& to_whom);

  // passed_on → disclosed or declined. False from any other status.
  Result<bool> Decide(std::int64_t id, bool disclosed, core::UserId by, Timestamp at,
                      const std::string& reasons);

  // disclosed or declined → closed, the feedback sent on `on`. False from
  // any other status.
  Result<bool> Close(std::int64_t id, core::UserId by, Timestamp at, Date on);

 private:
  Connection& conn_;
};

}  // namespace cp::store
