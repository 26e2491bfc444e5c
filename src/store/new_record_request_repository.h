#pragma once
// Persistence of requests for a new child record (NEW-2; migration 0009).
// Runs on the caller's connection, inside the caller's transaction. Each
// decision is a conditional UPDATE that applies only to a request still
// received and already searched, and reports whether it applied, so two
// data administrators cannot both decide one request and none decides
// without the further search (G 3.22):
//
//   received → record_exists | created | refused
//
// Also the store's part of that further search: records, live or archived,
// that share a blocking key with the details given (the search index files
// live records only, SRCH-4).

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

enum class NewRecordStatus { kReceived, kRecordExists, kCreated, kRefused };

// Why a request went to its LA: the child's address is there, or no LA was
// named and it went to the requester's own.
enum class LaBasis { kAddress, kRequester };

// The stored names: "received", "record_exists", "created", "refused";
// "address", "requester".
std::string_view NewRecordStatusName(NewRecordStatus status);
std::optional<NewRecordStatus> NewRecordStatusFromName(std::string_view name);
std::string_view LaBasisName(LaBasis basis);

// The child's details as the requester submitted them: enough to create a
// record (REC-1, REC-2, REC-3).
struct NewRecordDetails {
  std::string forenames;
  std::string surname;
  std::string known_as_surname;
  std::string previous_surname;
  core::Gender gender = core::Gender::kNotKnown;
  Date date_of_birth;
  core::Address address;  // postcode normalised ("LS6 3AB") or empty
  // One parent or carer, when known.
  std::string parent_forenames;
  std::string parent_surname;
  std::string parent_relationship;
  std::string parent_phone;
  std::string school;       // the school's name, when the child attends one
  std::string gp_practice;  // the GP practice's name
  friend bool operator==(const NewRecordDetails&, const NewRecordDetails&) = default;
};

struct NewRecordRequestRow {
  std::int64_t id = 0;
  core::UserId requester_user_id = 0;       // the requestor when mediated
  std::optional<core::UserId> mediator_id;  // AUD-3
  std::string la_code;                      // whose data administrators work it
  LaBasis la_basis = LaBasis::kRequester;
  NewRecordDetails details;
  std::string reason;  // why the requester needs the record, as given
  NewRecordStatus status = NewRecordStatus::kReceived;
  Timestamp created_at = 0;
  std::optional<Timestamp> searched_at;  // the latest further search
  std::optional<core::UserId> searched_by;
  std::optional<Timestamp> decided_at;
  std::optional<core::UserId> decided_by;
  std::optional<core::ChildId> child_id;    // the record that exists or was created
  std::optional<std::int64_t> outcome_uin;  // core::Uin::value() told to the requester
  std::string refusal_reasons;
  std::string requester_display_name;  // read only: the display name of requester_user_id
};

// Which records a candidate lookup may return.
enum class CandidateScope { kArchivedOnly, kEveryRecord };

class NewRecordRequestRepository {
 public:
  explicit NewRecordRequestRepository(Connection& conn) : conn_(conn) {}

  // Inserts `row` as received (its status and later steps are ignored);
  // returns the new id.
  Result<std::int64_t> Add(const NewRecordRequestRow& row);

  // NotFound when there is no such request.
  Result<NewRecordRequestRow> Get(std::int64_t id);

  // Requests of `la_code` still received, oldest first.
  Result<std::vector<NewRecordRequestRow>> ListReceived(const std::string& la_code);

  // Every request `user` made, newest first.
  Result<std::vector<NewRecordRequestRow>> ForRequester(core::UserId user);

  // Records the further search of a received request. False (nothing
  // changed) once it is decided.
  Result<bool> MarkSearched(std::int64_t id, core::UserId by, Timestamp at);

  // received and searched → record_exists, naming `child`; `uin` is what the
  // requester is told (none for a record they may not see). False otherwise.
  Result<bool> DecideExists(std::int64_t id, core::ChildId child, std::optional<std::int64_t> uin,
                            core::UserId by, Timestamp at);
  // received and searched → created, naming the new record and its UIN.
  Result<bool> DecideCreated(std::int64_t id, core::ChildId child, std::int64_t uin,
                             core::UserId by, Timestamp at);
  // received and searched → refused, with `reasons` (not empty).
  Result<bool> Refuse(std::int64_t id, const std::string& reasons, core::UserId by, Timestamp at);

  // Ids of records (in `scope`) born on `born` or `or_born` (a second date,
  // such as day and month transposed; pass `born` twice when there is none)
  // whose surname, legal or other, is `surname` case-insensitively — or
  // whose postcode is `postcode` with that surname or one of those dates.
  // Up to `limit`, in id order.
  Result<std::vector<core::ChildId>> FindCandidates(const std::string& surname, Date born,
                                                    Date or_born, const std::string& postcode,
                                                    CandidateScope scope, int limit);

 private:
  Connection& conn_;
};

}  // namespace cp::store
