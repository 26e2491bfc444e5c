#include "services/new_record_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <iterator>
#include <string_view>
#include <utility>

#include "core/child_validation.h"
#include "core/local_authority.h"
#include "core/postcode.h"
#include "match/explanation.h"
#include "match/match_record.h"
#include "match/model.h"
#include "match/text_pool.h"
#include "policy/projection.h"
#include "services/child_index.h"
#include "services/input_text.h"
#include "store/account_repository.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"

namespace cp::services {
namespace {

using store::NewRecordRequestRepository;
using store::NewRecordRequestRow;

constexpr std::size_t kMaxRelationshipChars = 60;
// Records the store's blocking keys may bring, per surname: far more than
// a child's namesakes born on one day.
constexpr int kStoreCandidates = 200;
// Live records asked of the index.
constexpr std::size_t kIndexCandidates = 64;

// G 3.22: the data administrators of an LA work its requests.
bool IsDataAdministrator(const Actor& a) {
  return a.user_id && !a.la_code.empty() && a.role == core::Role::kLaDataAdministrator &&
         a.Has(core::Right::kAdministerData);
}

boost::json::string Name(NewRecordStatus s) {
  return boost::json::string(store::NewRecordStatusName(s));
}

AuditEvent Event(const char* action, const char* outcome, std::int64_t request_id,
                 std::vector<std::int64_t> ids = {}) {
  return {action, outcome, std::move(ids), AuditDetails({{"request_id", request_id}})};
}

// The details with surrounding spaces gone and the postcode in its stored
// form when it is one.
NewRecordDetails Normalised(const NewRecordDetails& in) {
  NewRecordDetails d = in;
  for (std::string* s : {&d.forenames, &d.surname, &d.known_as_surname, &d.previous_surname,
                         &d.address.line1, &d.address.line2, &d.address.line3, &d.address.town,
                         &d.address.postcode, &d.parent_forenames, &d.parent_surname,
                         &d.parent_relationship, &d.parent_phone, &d.school, &d.gp_practice}) {
    *s = TrimmedText(*s);
  }
  if (auto pc = core::Postcode::Parse(d.address.postcode); pc) d.address.postcode = pc->text();
  return d;
}

std::string TargetLa(const NewRecordAsk& ask, const std::string& requester_la) {
  return ask.la_code.empty() ? requester_la : ask.la_code;
}

// core::ValidateChild's field names, as a request names them.
std::string AskField(const std::string& field) {
  static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
      {"local_authority", "la_code"},
      {"other_names[0].surname", "previous_surname"},
      {"address.line1", "address_line1"},
      {"address.line2", "address_line2"},
      {"address.line3", "address_line3"},
      {"address.town", "town"},
      {"address.postcode", "postcode"},
      {"parents_carers[0].forenames", "parent_forenames"},
      {"parents_carers[0].surname", "parent_surname"},
      {"parents_carers[0].phone", "parent_phone"},
      {"school.organisation", "school"},
      {"gp_practice.organisation", "gp_practice"}};
  for (const auto& [from, to] : kNames) {
    if (field == from) return std::string(to);
  }
  return field;
}

// The order of the request form, for errors.
int FormPosition(const std::string& field) {
  static constexpr std::string_view kOrder[] = {"forenames",
                                                "surname",
                                                "known_as_surname",
                                                "previous_surname",
                                                "gender",
                                                "date_of_birth",
                                                "address_line1",
                                                "address_line2",
                                                "address_line3",
                                                "town",
                                                "postcode",
                                                "la_code",
                                                "parent_forenames",
                                                "parent_surname",
                                                "parent_relationship",
                                                "parent_phone",
                                                "school",
                                                "gp_practice",
                                                "reason"};
  for (std::size_t i = 0; i < std::size(kOrder); ++i) {
    if (field == kOrder[i]) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

bool HasField(const std::vector<Error>& errors, std::string_view field) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const Error& e) { return e.field == field; });
}

bool HasControlChars(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

match::Gender ToMatch(core::Gender g) {
  if (g == core::Gender::kMale) return match::Gender::kMale;
  if (g == core::Gender::kFemale) return match::Gender::kFemale;
  return match::Gender::kUnknown;
}

match::BirthDate ToBirthDate(Date d) {
  return match::BirthDate::FromParts(d.year(), d.month(), d.day()).value_or(match::BirthDate());
}

std::string FullName(const std::string& forenames, const std::string& surname) {
  if (forenames.empty()) return surname;
  if (surname.empty()) return forenames;
  return forenames + " " + surname;
}

// What the request says about the child, as the matching engine takes it.
match::PersonDetails QueryOf(const NewRecordDetails& d) {
  match::PersonDetails q;
  q.forenames = d.forenames;
  q.surname = d.surname;
  for (const std::string* other : {&d.known_as_surname, &d.previous_surname}) {
    if (!other->empty()) q.other_surnames.push_back(*other);
  }
  q.birth_date = ToBirthDate(d.date_of_birth);
  q.gender = ToMatch(d.gender);
  q.postcode = d.address.postcode;
  q.address_line1 = d.address.line1;
  q.town = d.address.town;
  q.school = d.school;
  q.gp_practice = d.gp_practice;
  q.carer_name = FullName(d.parent_forenames, d.parent_surname);
  return q;
}

// A record as the matching engine takes it: the projection the viewer
// sees, so that nothing it hides weighs in (matching weighs only what both
// sides hold).
match::PersonDetails RecordOf(const core::Child& c) {
  match::PersonDetails r;
  r.forenames = c.forenames;
  r.surname = c.surname;
  if (!c.known_as_surname.empty()) r.other_surnames.push_back(c.known_as_surname);
  for (const core::OtherName& n : c.other_names) r.other_surnames.push_back(n.surname);
  r.birth_date = ToBirthDate(c.date_of_birth);
  r.gender = ToMatch(c.gender);
  r.postcode = c.address.postcode;
  r.address_line1 = c.address.line1;
  r.town = c.address.town;
  if (c.school) r.school = c.school->organisation;
  if (c.gp_practice) r.gp_practice = c.gp_practice->organisation;
  if (!c.parents_carers.empty()) {
    r.carer_name = FullName(c.parents_carers[0].forenames, c.parents_carers[0].surname);
  }
  return r;
}

// The same date with day and month swapped, when that is another date.
Date Transposed(Date d) {
  if (d.day() > 12 || d.day() == d.month()) return d;
  return Date::FromYmd(d.year(), d.day(), d.month()).value_or(d);
}

}  // namespace

core::Child ChildFromDetails(const NewRecordDetails& d, const std::string& la_code, Timestamp now) {
  core::Child c;
  c.la_code = la_code;  // LA-1
  c.forenames = d.forenames;
  c.surname = d.surname;
  c.known_as_surname = d.known_as_surname;
  if (!d.previous_surname.empty()) {
    c.other_names.push_back({core::OtherNameKind::kPrevious, "", d.previous_surname});
  }
  c.address = d.address;
  c.gender = d.gender;
  c.date_of_birth = d.date_of_birth;
  // REC-8: source 0 is a manual entry by a user.
  const core::SourceStamp manual{0, now};
  if (!d.parent_forenames.empty() || !d.parent_surname.empty() || !d.parent_relationship.empty() ||
      !d.parent_phone.empty()) {
    core::ParentCarer p;
    p.forenames = d.parent_forenames;
    p.surname = d.parent_surname;
    p.relationship = d.parent_relationship;
    p.contact.phone = d.parent_phone;
    p.source = manual;
    c.parents_carers.push_back(std::move(p));
  }
  if (!d.school.empty()) {
    c.education_setting = core::EducationSettingKind::kSchool;
    c.school = core::UniversalService{d.school, "", "", {}, manual};
  }
  if (!d.gp_practice.empty())
    c.gp_practice = core::UniversalService{d.gp_practice, "", "", {}, manual};
  c.provenance = {{core::Item::kNames, manual},
                  {core::Item::kGender, manual},
                  {core::Item::kDateOfBirth, manual},
                  {core::Item::kLocalAuthority, manual}};
  if (c.address != core::Address{}) c.provenance[core::Item::kAddress] = manual;
  c.created_at = now;
  c.updated_at = now;
  return c;
}

std::vector<Error> ValidateNewRecordAsk(const NewRecordAsk& ask, const std::string& requester_la,
                                        Date today) {
  const NewRecordDetails d = Normalised(ask.details);
  std::vector<Error> out;
  const std::string typed_postcode = TrimmedText(ask.details.address.postcode);
  if (!typed_postcode.empty()) {
    auto pc = core::Postcode::Parse(typed_postcode);
    if (!pc) {
      out.push_back(Error::Invalid("postcode", pc.error().message));
    } else if (const core::Nation n = core::NationOfArea(pc->area());
               n != core::Nation::kEngland && n != core::Nation::kBorder) {
      // G 3.20, NEW-3: only children ordinarily resident in England. A
      // border area is left to the data administrator (G 3.22).
      out.push_back(Error::Invalid(
          "postcode", "ContactPoint holds records only for children who live in England"));
    }
  }
  for (Error e : core::ValidateChild(ChildFromDetails(d, TargetLa(ask, requester_la), 0), today)) {
    e.field = AskField(e.field);
    if (e.field == "postcode" && HasField(out, "postcode")) continue;
    if (e.field == "la_code") e.message = "Choose the local authority where the child lives";
    out.push_back(std::move(e));
  }
  // REC-1: a live record is for a child aged 0-18; only a retention
  // decision (RET-1), never a new request, keeps one longer.
  if (!HasField(out, "date_of_birth") && d.date_of_birth.YearsOfAgeOn(today) >= 18) {
    out.push_back(
        Error::Invalid("date_of_birth", "A new record can be requested only for a child under 18"));
  }
  if (CharCount(d.parent_relationship) > kMaxRelationshipChars) {
    out.push_back(Error::Invalid("parent_relationship",
                                 "Relationship to the child must be 60 characters or fewer"));
  } else if (HasControlChars(d.parent_relationship)) {
    out.push_back(Error::Invalid("parent_relationship",
                                 "Relationship to the child must not contain control characters"));
  }
  const std::string reason = TrimmedText(ask.reason);
  if (reason.empty()) {
    out.push_back(Error::Invalid("reason", "Enter why the child needs a record"));
  } else if (CharCount(reason) > kMaxNewRecordReasonChars) {
    out.push_back(Error::Invalid("reason", "The reason must be 2,000 characters or fewer"));
  }
  std::stable_sort(out.begin(), out.end(), [](const Error& a, const Error& b) {
    return FormPosition(a.field) < FormPosition(b.field);
  });
  return out;
}

Result<std::int64_t> NewRecordService::Submit(const Actor& actor, const NewRecordAsk& ask) {
  if (!actor.user_id || !actor.Has(core::Right::kRequestNewRecord)) {
    CP_TRY(ctx_.audit.Append(actor, {"new_record.request", "denied", {}, "{}"}));
    return Error::Denied("You cannot ask for a new child record");
  }
  const std::vector<Error> errors = ValidateNewRecordAsk(ask, actor.la_code, ctx_.clock.Today());
  if (!errors.empty()) return errors.front();

  NewRecordRequestRow row;
  row.requester_user_id = *actor.user_id;
  row.mediator_id = actor.mediator_id;
  row.la_code = TargetLa(ask, actor.la_code);
  row.la_basis = ask.la_code.empty() ? LaBasis::kRequester : LaBasis::kAddress;
  row.details = Normalised(ask.details);
  row.reason = TrimmedText(ask.reason);
  row.created_at = ctx_.clock.Now();
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  // The request and its audit entry commit together, or neither does.
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(const std::int64_t id, NewRecordRequestRepository(*conn).Add(row));
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {"new_record.request",
       "ok",
       {},
       AuditDetails({{"request_id", id},
                     {"la_code", boost::json::string(row.la_code)},
                     {"la_basis", boost::json::string(store::LaBasisName(row.la_basis))},
                     {"status", Name(NewRecordStatus::kReceived)}})}));
  CP_TRY(tx.Commit());
  return id;
}

Result<std::vector<NewRecordRequest>> NewRecordService::Mine(const Actor& actor) {
  if (!actor.user_id) {
    CP_TRY(ctx_.audit.Append(actor, {"new_record.mine", "denied", {}, "{}"}));
    return Error::Denied("Sign in to see your requests for new records");
  }
  std::vector<NewRecordRequestRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(rows, NewRecordRequestRepository(*conn).ForRequester(*actor.user_id));
  }
  std::vector<std::int64_t> told;
  for (NewRecordRequestRow& r : rows) {
    // Only a record the requester may see is named to them; who in the
    // team searched and decided is the team's.
    if (!r.outcome_uin) r.child_id.reset();
    if (r.child_id) told.push_back(*r.child_id);
    r.searched_at.reset();
    r.searched_by.reset();
    r.decided_by.reset();
  }
  std::sort(told.begin(), told.end());
  told.erase(std::unique(told.begin(), told.end()), told.end());
  CP_TRY(ctx_.audit.Append(actor,
                           {"new_record.mine", "ok", told,
                            AuditDetails({{"count", static_cast<std::int64_t>(rows.size())}})}));
  return rows;
}

Result<std::vector<NewRecordRequest>> NewRecordService::Queue(const Actor& actor) {
  if (!IsDataAdministrator(actor)) {
    CP_TRY(ctx_.audit.Append(actor, {"new_record.queue", "denied", {}, "{}"}));
    return Error::Denied("Only the LA data administrators work the requests for new records");
  }
  std::vector<NewRecordRequestRow> rows;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(rows, NewRecordRequestRepository(*conn).ListReceived(actor.la_code));
  }
  CP_TRY(
      ctx_.audit.Append(actor, {"new_record.queue",
                                "ok",
                                {},
                                AuditDetails({{"count", static_cast<std::int64_t>(rows.size())},
                                              {"la_code", boost::json::string(actor.la_code)}})}));
  return rows;
}

Result<NewRecordRequest> NewRecordService::Get(const Actor& actor, std::int64_t request_id) {
  const char* action = "new_record.view";
  if (!IsDataAdministrator(actor)) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", request_id)));
    return Error::Denied("Only the LA data administrators work the requests for new records");
  }
  NewRecordRequestRow row;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    auto found = NewRecordRequestRepository(*conn).Get(request_id);
    if (!found) {
      if (found.error().code != ErrorCode::kNotFound) return found.error();
      CP_TRY(ctx_.audit.Append(actor, Event(action, "not_found", request_id)));
      return found.error();
    }
    row = std::move(*found);
  }
  if (row.la_code != actor.la_code) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", request_id)));
    return Error::Denied("This request belongs to another local authority");
  }
  CP_TRY(ctx_.audit.Append(actor, Event(action, "ok", request_id)));
  return row;
}

Result<std::vector<NewRecordCandidate>> NewRecordService::Candidates(
    store::Connection& conn, const Actor& actor, const NewRecordDetails& details) {
  const match::PersonDetails query = QueryOf(details);
  // Live records (shielded ones among them) from the index; the store
  // finds the archived ones, which the index never holds (SRCH-4) — and
  // every record when there is no index or the details give it no key.
  std::vector<std::pair<core::ChildId, double>> indexed;
  store::CandidateScope scope = store::CandidateScope::kEveryRecord;
  if (index_ != nullptr) {
    if (auto hits = index_->Search(query, kIndexCandidates)) {
      scope = store::CandidateScope::kArchivedOnly;
      for (const auto& h : *hits)
        indexed.emplace_back(static_cast<core::ChildId>(h.id), h.probability);
    }
  }
  std::vector<core::ChildId> ids;
  for (const auto& [id, probability] : indexed) ids.push_back(id);
  store::NewRecordRequestRepository requests(conn);
  const Date born = details.date_of_birth;
  for (const std::string* surname :
       {&details.surname, &details.known_as_surname, &details.previous_surname}) {
    if (surname->empty()) continue;
    CP_ASSIGN(auto found,
              requests.FindCandidates(*surname, born, Transposed(born), details.address.postcode,
                                      scope, kStoreCandidates));
    ids.insert(ids.end(), found.begin(), found.end());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());

  // One child is sought among all the records: the prior the index uses.
  match::MatchModel model = match::MatchModel::Defaults();
  std::int64_t population = 0;
  if (index_ != nullptr) {
    population = static_cast<std::int64_t>(index_->size());
  } else {
    CP_ASSIGN(population, store::ChildRepository(conn).Count());
  }
  model.set_prior(1.0 / static_cast<double>(std::max<std::int64_t>(population, 2)));
  match::TextPool pool;
  const match::MatchRecord asked = match::PrepareRecord(query, pool);
  const match::TfAdjustments no_tf{};

  std::vector<NewRecordCandidate> out;
  store::ChildRepository children(conn);
  const policy::Viewer viewer = actor.AsViewer();
  for (core::ChildId id : ids) {
    CP_ASSIGN(core::Child child, children.Get(id));
    // SHD-2: judged, like shown, on what the administrator may see.
    const policy::ProjectedRecord seen =
        policy::Project(child, viewer, policy::Purpose::kSearchResult);
    const match::MatchRecord record = match::PrepareRecord(RecordOf(seen.child), pool);
    const match::Explanation why = match::Explain(model, {&asked, &pool}, {&record, &pool}, no_tf);
    NewRecordCandidate c;
    c.hit = HitOf(seen);
    c.archive_state = child.archive_state;
    c.shielded = child.shielded;
    c.probability = why.probability;
    // The index's own figure (with term frequencies and nicknames) for a
    // live record it found, unless part of what it compared is hidden.
    const auto in_index =
        std::find_if(indexed.begin(), indexed.end(), [&](const auto& p) { return p.first == id; });
    if (in_index != indexed.end() && !seen.minimal) c.probability = in_index->second;
    if (c.probability < MatchProbabilityIn(static_cast<double>(population))) continue;
    for (const match::FieldEvidence& f : why.fields) {
      if (f.weight > 0 && f.counted) c.agreed.emplace_back(match::FieldName(f.field));
    }
    c.hit.score = c.probability;
    out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.probability > b.probability; });
  if (out.size() > kMaxNewRecordCandidates) out.resize(kMaxNewRecordCandidates);
  return out;
}

Result<NewRecordSearch> NewRecordService::SearchAgain(const Actor& actor, std::int64_t request_id) {
  const char* action = "new_record.search";
  if (!IsDataAdministrator(actor)) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", request_id)));
    return Error::Denied("Only the LA data administrators work the requests for new records");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  NewRecordRequestRepository requests(*conn);
  auto found = requests.Get(request_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, Event(action, "not_found", request_id)));
    return found.error();
  }
  NewRecordSearch out;
  out.request = std::move(*found);
  if (out.request.la_code != actor.la_code) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", request_id)));
    return Error::Denied("This request belongs to another local authority");
  }
  if (out.request.status != NewRecordStatus::kReceived) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
    return Error::Precondition("This request has already been decided");
  }
  CP_ASSIGN(out.candidates, Candidates(*conn, actor, out.request.details));

  std::vector<std::int64_t> shown;
  std::int64_t archived = 0, shielded = 0;
  for (const NewRecordCandidate& c : out.candidates) {
    shown.push_back(c.hit.id);
    archived += c.archive_state != core::ArchiveState::kLive ? 1 : 0;
    shielded += c.shielded ? 1 : 0;
  }
  const Timestamp now = ctx_.clock.Now();
  {
    // The search is recorded on the request with its audit entry — SRCH-4,
    // ARC-6: the archive is searched for a stated reason — before any
    // result is returned.
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(const bool applied, requests.MarkSearched(request_id, *actor.user_id, now));
    if (applied) {
      CP_TRY(ctx_.audit.AppendInTransaction(
          *conn, actor,
          {action, "ok", shown,
           AuditDetails({{"request_id", request_id},
                         {"reason", "new_record_request"},
                         {"scope", "live_shielded_archived"},
                         {"shown", static_cast<std::int64_t>(shown.size())},
                         {"archived", archived},
                         {"shielded", shielded}})}));
      CP_TRY(tx.Commit());
      out.request.searched_at = now;
      out.request.searched_by = actor.user_id;
      return out;
    }
  }  // rolled back: decided meanwhile
  CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
  return Error::Precondition("This request has already been decided");
}

// A request a data administrator may decide now, with the connection it
// was read on.
struct NewRecordService::Checked {
  store::PooledConnection conn;
  NewRecordRequestRow row;
};

Result<NewRecordService::Checked> NewRecordService::CheckDecision(const Actor& actor,
                                                                  std::int64_t request_id,
                                                                  const char* action) {
  if (!IsDataAdministrator(actor)) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", request_id)));
    return Error::Denied("Only the LA data administrators work the requests for new records");
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  auto found = NewRecordRequestRepository(*conn).Get(request_id);
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, Event(action, "not_found", request_id)));
    return found.error();
  }
  if (found->la_code != actor.la_code) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "denied", request_id)));
    return Error::Denied("This request belongs to another local authority");
  }
  if (found->status != NewRecordStatus::kReceived) {
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
    return Error::Precondition("This request has already been decided");
  }
  if (!found->searched_at) {
    // G 3.22: further checks before a decision.
    CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
    return Error::Precondition(
        "Search again, including shielded and archived records, before deciding");
  }
  return Checked{std::move(conn), std::move(*found)};
}

Status NewRecordService::DecideExists(const Actor& actor, std::int64_t request_id,
                                      core::ChildId child_id) {
  const char* action = "new_record.record_exists";
  CP_ASSIGN(Checked c, CheckDecision(actor, request_id, action));
  auto child = store::ChildRepository(*c.conn).GetCore(child_id);
  if (!child) {
    if (child.error().code != ErrorCode::kNotFound) return child.error();
    return Error::Invalid("child_id", "There is no such record");
  }
  // The requester is told the UIN only of a record they may reach and see:
  // live (SRCH-4), and not shielded unless they see shielded data (SHD-2).
  CP_ASSIGN(const core::UserAccount requester,
            store::AccountRepository(*c.conn).Get(c.row.requester_user_id));
  const policy::Viewer requester_view{requester.role, requester.rights(), requester.la_code};
  const bool tell_uin = child->archive_state == core::ArchiveState::kLive &&
                        (!child->shielded || policy::SeesShieldedData(requester_view));
  const std::optional<std::int64_t> uin =
      tell_uin ? std::optional<std::int64_t>(child->uin.value()) : std::nullopt;
  {
    store::Transaction tx(*c.conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(const bool applied, store::NewRecordRequestRepository(*c.conn).DecideExists(
                                      request_id, child_id, uin, *actor.user_id, ctx_.clock.Now()));
    if (applied) {
      CP_TRY(ctx_.audit.AppendInTransaction(
          *c.conn, actor,
          {action,
           "ok",
           {child_id},
           AuditDetails({{"request_id", request_id},
                         {"status", Name(NewRecordStatus::kRecordExists)},
                         {"uin_told", tell_uin}})}));
      return tx.Commit();
    }
  }  // rolled back: decided meanwhile
  CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
  return Error::Precondition("This request has already been decided");
}

Result<core::ChildId> NewRecordService::Create(const Actor& actor, std::int64_t request_id) {
  const char* action = "new_record.create";
  CP_ASSIGN(Checked c, CheckDecision(actor, request_id, action));
  const Timestamp now = ctx_.clock.Now();
  core::Child child = ChildFromDetails(c.row.details, c.row.la_code, now);
  // The details passed at submission; a day later the child may be 18.
  if (auto errors = core::ValidateChild(child, ctx_.clock.Today()); !errors.empty()) {
    Error e = errors.front();
    e.field = AskField(e.field);
    return e;
  }
  {
    // The record, the decision and the audit entry commit together.
    store::Transaction tx(*c.conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    // UINs issued by ContactPoint come from one sequence (NEW-1, NEW-2).
    CP_ASSIGN(const std::int64_t sequence, store::ReserveUinSequence(*c.conn, 1));
    child.uin = core::Uin::FromSequence(sequence);
    CP_ASSIGN(const core::ChildId id, store::ChildRepository(*c.conn).Insert(child));
    CP_ASSIGN(const bool applied, store::NewRecordRequestRepository(*c.conn).DecideCreated(
                                      request_id, id, child.uin.value(), *actor.user_id, now));
    if (applied) {
      CP_TRY(ctx_.audit.AppendInTransaction(
          *c.conn, actor,
          {action,
           "ok",
           {id},
           AuditDetails({{"request_id", request_id},
                         {"status", Name(NewRecordStatus::kCreated)},
                         {"la_code", boost::json::string(child.la_code)}})}));
      CP_TRY(tx.Commit());
      // Searchable at once; were this to fail, the index is rebuilt at
      // start-up from the committed record.
      if (index_ != nullptr) (void)index_->Refresh(*c.conn, id);
      return id;
    }
  }  // rolled back: no record, no UIN used
  CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
  return Error::Precondition("This request has already been decided");
}

Status NewRecordService::Refuse(const Actor& actor, std::int64_t request_id,
                                const std::string& reasons) {
  const char* action = "new_record.refuse";
  CP_ASSIGN(Checked c, CheckDecision(actor, request_id, action));
  const std::string why = TrimmedText(reasons);
  if (why.empty()) return Error::Invalid("reasons", "Enter the reasons for refusing the request");
  if (CharCount(why) > kMaxNewRecordReasonChars) {
    return Error::Invalid("reasons", "The reasons must be 2,000 characters or fewer");
  }
  {
    store::Transaction tx(*c.conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(const bool applied, store::NewRecordRequestRepository(*c.conn).Refuse(
                                      request_id, why, *actor.user_id, ctx_.clock.Now()));
    if (applied) {
      CP_TRY(ctx_.audit.AppendInTransaction(
          *c.conn, actor,
          {action,
           "ok",
           {},
           AuditDetails(
               {{"request_id", request_id}, {"status", Name(NewRecordStatus::kRefused)}})}));
      return tx.Commit();
    }
  }  // rolled back: decided meanwhile
  CP_TRY(ctx_.audit.Append(actor, Event(action, "refused", request_id)));
  return Error::Precondition("This request has already been decided");
}

}  // namespace cp::services
