#include "store/child_repository.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <type_traits>
#include <variant>

#include "core/text_fold.h"

namespace cp::store {
namespace {

using core::Child;

std::optional<std::int64_t> OptDays(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return d->days();
}

std::optional<Date> DateAt(const Statement& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return Date::FromDays(static_cast<std::int32_t>(st.Int(col)));
}

constexpr std::string_view kUniversalServices[] = {"school", "gp_practice", "midwife",
                                                   "health_visitor", "school_nurse"};

std::optional<core::UniversalService>* ServiceSlot(Child& c, std::string_view name) {
  if (name == "school") return &c.school;
  if (name == "gp_practice") return &c.gp_practice;
  if (name == "midwife") return &c.midwife;
  if (name == "health_visitor") return &c.health_visitor;
  if (name == "school_nurse") return &c.school_nurse;
  return nullptr;
}

const std::optional<core::UniversalService>& ServiceSlot(const Child& c, std::string_view name) {
  return *ServiceSlot(const_cast<Child&>(c), name);
}

std::optional<std::string> ConsentText(const std::optional<core::Consent>& c,
                                       std::string_view (*name)(const core::Consent&)) {
  if (!c) return std::nullopt;
  return std::string(name(*c));
}

// One involvement row with its SENS-2 basis. The store refuses a live
// sensitive involvement without one (migration 0006), whichever path wrote it.
Result<std::int64_t> InsertInvolvement(Connection& conn, core::ChildId child,
                                       const core::Involvement& inv) {
  const auto& consent = inv.consent;
  CP_ASSIGN(Stmt st,
            conn.Prepare("INSERT INTO involvement (child_id, category, service_type, organisation, "
                         "team, practitioner, phone, email, contact_address, start_date, "
                         "ceased_date, retention_end, consent_given_by, consent_date, "
                         "consent_method, consent_renewal, public_interest, source_id, "
                         "supplied_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
                         "$13, $14, $15, $16, $17, $18, $19) RETURNING id"));
  Bind(st, child, core::ServiceCategoryName(inv.category), inv.service_type, inv.organisation,
       inv.team, inv.practitioner, inv.contact.phone, inv.contact.email, inv.contact.address,
       OptDays(inv.start_date), OptDays(inv.ceased_date), OptDays(inv.retention_end),
       ConsentText(consent,
                   [](const core::Consent& c) { return core::ConsentGiverName(c.given_by); }),
       consent ? std::optional<std::int64_t>(consent->given_on.days()) : std::nullopt,
       ConsentText(consent,
                   [](const core::Consent& c) { return core::ConsentMethodName(c.method); }),
       consent ? std::optional<std::int64_t>(consent->renewal_due.days()) : std::nullopt,
       inv.public_interest, inv.source.source_id, inv.source.supplied_at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("The involvement was not stored");
  return st->Int(0);
}

// The parent or carer at `position` of a record's list.
Status InsertParentCarer(Connection& conn, core::ChildId child, std::size_t position,
                         const core::ParentCarer& p) {
  return Run(conn,
             "INSERT INTO parent_carer (child_id, position, forenames, surname, surname_fold, "
             "relationship, parental_responsibility, phone, email, contact_address, "
             "address_line1, address_line2, address_line3, town, postcode, source_id, "
             "supplied_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
             "$14, $15, $16, $17)",
             child, static_cast<std::int64_t>(position), p.forenames, p.surname,
             core::FoldForSearch(p.surname), p.relationship, p.parental_responsibility,
             p.contact.phone, p.contact.email, p.contact.address, p.address.line1, p.address.line2,
             p.address.line3, p.address.town, p.address.postcode, p.source.source_id,
             p.source.supplied_at);
}

// A record's universal service of kind `name` (one of kUniversalServices).
Status InsertService(Connection& conn, core::ChildId child, std::string_view name,
                     const core::UniversalService& s) {
  return Run(conn,
             "INSERT INTO universal_service (child_id, service, organisation, org_code, "
             "practitioner, phone, email, contact_address, source_id, supplied_at) VALUES "
             "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
             child, name, s.organisation, s.org_code, s.practitioner, s.contact.phone,
             s.contact.email, s.contact.address, s.source.source_id, s.source.supplied_at);
}

// The columns UpdateCore writes (all but id, uin, created_at, updated_at and
// version), with a record's values for them.
struct CoreColumns {
  using Value = std::variant<std::int64_t, std::string, std::monostate>;  // monostate: NULL
  static constexpr std::size_t kCount = 20;
  static constexpr const char* kNames[kCount] = {"la_code",        "forenames",
                                                 "surname",        "known_as_surname",
                                                 "forenames_fold", "surname_fold",
                                                 "gender",         "date_of_birth",
                                                 "date_of_death",  "death_confirmed",
                                                 "address_line1",  "address_line2",
                                                 "address_line3",  "town",
                                                 "postcode",       "education_setting",
                                                 "looked_after",   "shielded",
                                                 "archive_state",  "provenance"};
  explicit CoreColumns(const Child& c)
      : values{c.la_code,
               c.forenames,
               c.surname,
               c.known_as_surname,
               core::FoldForSearch(c.forenames),
               core::FoldForSearch(c.surname),
               std::int64_t{static_cast<int>(c.gender)},
               std::int64_t{c.date_of_birth.days()},
               c.date_of_death ? Value(std::int64_t{c.date_of_death->days()})
                               : Value(std::monostate()),
               std::int64_t{c.death_confirmed_by_registrar ? 1 : 0},
               c.address.line1,
               c.address.line2,
               c.address.line3,
               c.address.town,
               c.address.postcode,
               std::string(core::EducationSettingName(c.education_setting)),
               std::int64_t{c.looked_after ? 1 : 0},
               std::int64_t{c.shielded ? 1 : 0},
               std::string(core::ArchiveStateName(c.archive_state)),
               EncodeProvenance(c.provenance)} {}
  std::array<Value, kCount> values;
};

constexpr const char* kChildColumns =
    "id, uin, la_code, forenames, surname, known_as_surname, gender, date_of_birth, "
    "date_of_death, death_confirmed, address_line1, address_line2, address_line3, town, "
    "postcode, education_setting, looked_after, shielded, archive_state, provenance, "
    "created_at, updated_at";

}  // namespace

std::string EncodeProvenance(const std::map<core::Item, core::SourceStamp>& provenance) {
  std::string out;
  for (const auto& [item, stamp] : provenance) {
    if (!out.empty()) out.push_back(';');
    out.append(core::ItemName(item));
    out.push_back('=');
    out.append(std::to_string(stamp.source_id));
    out.push_back('@');
    out.append(std::to_string(stamp.supplied_at));
  }
  return out;
}

std::map<core::Item, core::SourceStamp> DecodeProvenance(std::string_view text) {
  std::map<core::Item, core::SourceStamp> out;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(';'), text.size());
    const std::string_view part = text.substr(0, end);
    const std::size_t eq = part.find('=');
    const std::size_t at = part.find('@');
    if (eq != std::string_view::npos && at != std::string_view::npos && at > eq) {
      auto item = core::ItemFromName(part.substr(0, eq));
      core::SourceStamp stamp;
      const std::string_view src = part.substr(eq + 1, at - eq - 1);
      const std::string_view when = part.substr(at + 1);
      std::from_chars(src.data(), src.data() + src.size(), stamp.source_id);
      std::from_chars(when.data(), when.data() + when.size(), stamp.supplied_at);
      if (item) out[*item] = stamp;
    }
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return out;
}

Result<core::ChildId> ChildRepository::Insert(Child& c) {
  CP_ASSIGN(
      Stmt st,
      conn_.Prepare("INSERT INTO child (uin, la_code, forenames, surname, known_as_surname, "
                    "forenames_fold, surname_fold, gender, date_of_birth, date_of_death, "
                    "death_confirmed, address_line1, address_line2, address_line3, town, postcode, "
                    "education_setting, looked_after, shielded, archive_state, provenance, "
                    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                    "$12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) RETURNING id"));
  Bind(st, c.uin.value(), c.la_code, c.forenames, c.surname, c.known_as_surname,
       core::FoldForSearch(c.forenames), core::FoldForSearch(c.surname), static_cast<int>(c.gender),
       c.date_of_birth.days(), OptDays(c.date_of_death), c.death_confirmed_by_registrar,
       c.address.line1, c.address.line2, c.address.line3, c.address.town, c.address.postcode,
       core::EducationSettingName(c.education_setting), c.looked_after, c.shielded,
       core::ArchiveStateName(c.archive_state), EncodeProvenance(c.provenance), c.created_at,
       c.updated_at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert child returned no id");
  c.id = st->Int(0);
  CP_TRY(InsertParts(c, kAllParts));
  return c.id;
}

Status ChildRepository::InsertParts(const Child& c, PartGroups groups) {
  for (const auto& n : c.other_names) {
    if (!(groups & kOtherNamesPart)) break;
    CP_TRY(Run(conn_,
               "INSERT INTO child_name (child_id, kind, forenames, surname, surname_fold) "
               "VALUES ($1, $2, $3, $4, $5)",
               c.id, core::OtherNameKindName(n.kind), n.forenames, n.surname,
               core::FoldForSearch(n.surname)));
  }
  for (std::size_t i = 0; (groups & kParentsPart) && i < c.parents_carers.size(); ++i) {
    CP_TRY(InsertParentCarer(conn_, c.id, i, c.parents_carers[i]));
  }
  for (std::string_view name : kUniversalServices) {
    const auto& s = ServiceSlot(c, name);
    if (!s || !(groups & kServicesPart)) continue;
    CP_TRY(InsertService(conn_, c.id, name, *s));
  }
  if (groups & kInvolvementsPart) {
    for (const auto& inv : c.involvements) CP_TRY(InsertInvolvement(conn_, c.id, inv));
  }
  const std::pair<const char*, const std::optional<core::KeyContact>*> contacts[] = {
      {"caf_holder", &c.caf_holder}, {"lead_professional", &c.lead_professional}};
  for (const auto& [role, contact] : contacts) {
    if (!*contact || !(groups & kKeyContactsPart)) continue;
    const core::KeyContact& k = **contact;
    CP_TRY(Run(conn_,
               "INSERT INTO key_contact (child_id, role, practitioner, organisation, phone, "
               "email, contact_address, since, sensitive_service, source_id, supplied_at) VALUES "
               "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
               c.id, role, k.practitioner, k.organisation, k.contact.phone, k.contact.email,
               k.contact.address, OptDays(k.since), k.sensitive_service, k.source.source_id,
               k.source.supplied_at));
  }
  for (const auto& d : c.disputes) {
    if (!(groups & kDisputesPart)) break;
    CP_TRY(Run(conn_,
               "INSERT INTO dispute_mark (child_id, item, disputed_on, settled_on) VALUES ($1, "
               "$2, $3, $4)",
               c.id, core::ItemName(d.item), d.disputed_on.days(), OptDays(d.settled_on)));
  }
  return Ok();
}

Result<Child> ChildRepository::Get(core::ChildId id) {
  CP_ASSIGN(Child c, GetCore(id));
  CP_TRY(LoadParts(c));
  return c;
}

Result<Child> ChildRepository::GetCore(core::ChildId id) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare(std::string("SELECT ") + kChildColumns + " FROM child WHERE id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("No such record");
  Child c;
  c.id = st->Int(0);
  c.uin = core::Uin::FromStored(st->Int(1));
  c.la_code = st->String(2);
  c.forenames = st->String(3);
  c.surname = st->String(4);
  c.known_as_surname = st->String(5);
  c.gender = static_cast<core::Gender>(st->Int(6));
  c.date_of_birth = Date::FromDays(static_cast<std::int32_t>(st->Int(7)));
  c.date_of_death = DateAt(*st, 8);
  c.death_confirmed_by_registrar = st->Int(9) != 0;
  c.address = {st->String(10), st->String(11), st->String(12), st->String(13), st->String(14)};
  c.education_setting =
      core::EducationSettingFromName(st->Text(15)).value_or(core::EducationSettingKind::kNoneKnown);
  c.looked_after = st->Int(16) != 0;
  c.shielded = st->Int(17) != 0;
  c.archive_state = core::ArchiveStateFromName(st->Text(18)).value_or(core::ArchiveState::kLive);
  c.provenance = DecodeProvenance(st->Text(19));
  c.created_at = st->Int(20);
  c.updated_at = st->Int(21);
  return c;
}

Status ChildRepository::LoadParts(Child& c) {
  {
    CP_ASSIGN(Stmt st, conn_.Prepare("SELECT kind, forenames, surname FROM child_name "
                                     "WHERE child_id = $1 ORDER BY id"));
    Bind(st, c.id);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      c.other_names.push_back(
          {core::OtherNameKindFromName(st->Text(0)).value_or(core::OtherNameKind::kAlternative),
           st->String(1), st->String(2)});
    }
  }
  {
    CP_ASSIGN(Stmt st,
              conn_.Prepare("SELECT forenames, surname, relationship, parental_responsibility, "
                            "phone, email, contact_address, address_line1, address_line2, "
                            "address_line3, town, postcode, source_id, supplied_at "
                            "FROM parent_carer WHERE child_id = $1 ORDER BY position"));
    Bind(st, c.id);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      core::ParentCarer p;
      p.forenames = st->String(0);
      p.surname = st->String(1);
      p.relationship = st->String(2);
      p.parental_responsibility = st->Int(3) != 0;
      p.contact = {st->String(4), st->String(5), st->String(6)};
      p.address = {st->String(7), st->String(8), st->String(9), st->String(10), st->String(11)};
      p.source = {st->Int(12), st->Int(13)};
      c.parents_carers.push_back(std::move(p));
    }
  }
  {
    CP_ASSIGN(Stmt st, conn_.Prepare("SELECT service, organisation, org_code, practitioner, "
                                     "phone, email, contact_address, source_id, supplied_at "
                                     "FROM universal_service WHERE child_id = $1"));
    Bind(st, c.id);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      auto* slot = ServiceSlot(c, st->Text(0));
      if (slot == nullptr) continue;
      *slot = core::UniversalService{st->String(1),
                                     st->String(2),
                                     st->String(3),
                                     {st->String(4), st->String(5), st->String(6)},
                                     {st->Int(7), st->Int(8)}};
    }
  }
  {
    CP_ASSIGN(Stmt st,
              conn_.Prepare("SELECT id, category, service_type, organisation, team, practitioner, "
                            "phone, email, contact_address, start_date, ceased_date, "
                            "retention_end, source_id, supplied_at, consent_given_by, "
                            "consent_date, consent_method, consent_renewal, public_interest "
                            "FROM involvement WHERE child_id = $1 AND archived = 0 ORDER BY id"));
    Bind(st, c.id);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      core::Involvement inv;
      inv.id = st->Int(0);
      inv.category =
          core::ServiceCategoryFromName(st->Text(1)).value_or(core::ServiceCategory::kTargeted);
      inv.service_type = st->String(2);
      inv.organisation = st->String(3);
      inv.team = st->String(4);
      inv.practitioner = st->String(5);
      inv.contact = {st->String(6), st->String(7), st->String(8)};
      inv.start_date = DateAt(*st, 9);
      inv.ceased_date = DateAt(*st, 10);
      inv.retention_end = DateAt(*st, 11);
      inv.source = {st->Int(12), st->Int(13)};
      if (!st->IsNull(14) && !st->IsNull(15) && !st->IsNull(16) && !st->IsNull(17)) {
        inv.consent = core::Consent{
            core::ConsentGiverFromName(st->Text(14)).value_or(core::ConsentGiver::kParentCarer),
            *DateAt(*st, 15),
            core::ConsentMethodFromName(st->Text(16)).value_or(core::ConsentMethod::kWritten),
            *DateAt(*st, 17)};
      }
      inv.public_interest = st->String(18);
      c.involvements.push_back(std::move(inv));
    }
  }
  {
    CP_ASSIGN(Stmt st, conn_.Prepare("SELECT role, practitioner, organisation, phone, email, "
                                     "contact_address, since, sensitive_service, source_id, "
                                     "supplied_at FROM key_contact WHERE child_id = $1"));
    Bind(st, c.id);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      core::KeyContact k;
      k.practitioner = st->String(1);
      k.organisation = st->String(2);
      k.contact = {st->String(3), st->String(4), st->String(5)};
      k.since = DateAt(*st, 6);
      k.sensitive_service = st->Int(7) != 0;
      k.source = {st->Int(8), st->Int(9)};
      if (st->Text(0) == "caf_holder") {
        c.caf_holder = std::move(k);
      } else {
        c.lead_professional = std::move(k);
      }
    }
  }
  {
    CP_ASSIGN(Stmt st, conn_.Prepare("SELECT item, disputed_on, settled_on FROM dispute_mark "
                                     "WHERE child_id = $1 ORDER BY id"));
    Bind(st, c.id);
    for (;;) {
      CP_ASSIGN(bool row, st->Step());
      if (!row) break;
      auto item = core::ItemFromName(st->Text(0));
      if (!item) continue;
      c.disputes.push_back(
          {*item, Date::FromDays(static_cast<std::int32_t>(st->Int(1))), DateAt(*st, 2)});
    }
  }
  return Ok();
}

Result<std::optional<core::ChildId>> ChildRepository::FindIdByUin(core::Uin uin) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT id FROM child WHERE uin = $1"));
  Bind(st, uin.value());
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<core::ChildId>();
  return std::optional<core::ChildId>(st->Int(0));
}

Result<std::vector<core::ChildId>> ChildRepository::FindBySurnameAndDob(const std::string& surname,
                                                                        Date dob, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT id FROM child WHERE surname_fold = $1 AND "
                                   "date_of_birth = $2 AND archive_state = 'live' "
                                   "ORDER BY id LIMIT $3"));
  Bind(st, core::FoldForSearch(surname), dob.days(), limit);
  std::vector<core::ChildId> ids;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    ids.push_back(st->Int(0));
  }
  return ids;
}

Result<std::int64_t> ChildRepository::Version(core::ChildId id) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT version FROM child WHERE id = $1"));
  Bind(st, id);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("No such record");
  return st->Int(0);
}

Status ChildRepository::Touch(core::ChildId id, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE child SET version = version + 1, updated_at = $2 "
                                   "WHERE id = $1 RETURNING id"));
  Bind(st, id, at);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("No such record");
  return Ok();
}

Result<std::int64_t> ChildRepository::AddInvolvement(core::ChildId child,
                                                     const core::Involvement& involvement,
                                                     Timestamp at) {
  CP_TRY(Touch(child, at));
  return InsertInvolvement(conn_, child, involvement);
}

Status ChildRepository::ArchiveInvolvement(core::ChildId child, std::int64_t involvement_id,
                                           std::string_view reason, Timestamp at) {
  CP_ASSIGN(Stmt st, conn_.Prepare("UPDATE involvement SET archived = 1, archived_at = $3, "
                                   "archive_reason = $4 WHERE id = $1 AND child_id = $2 AND "
                                   "archived = 0 RETURNING id"));
  Bind(st, involvement_id, child, at, reason);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::NotFound("This record has no such involvement");
  return Touch(child, at);
}

Result<std::vector<ChildRepository::ConsentRenewal>> ChildRepository::ConsentRenewalsDue(
    const std::string& la_code, Date by, int limit) {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT i.child_id, i.id, i.service_type, i.consent_renewal "
                                   "FROM involvement i JOIN child c ON c.id = i.child_id "
                                   "WHERE i.archived = 0 AND i.consent_renewal IS NOT NULL AND "
                                   "i.consent_renewal <= $1 AND c.la_code = $2 AND "
                                   "c.archive_state = 'live' "
                                   "ORDER BY i.consent_renewal, i.id LIMIT $3"));
  Bind(st, by.days(), la_code, limit);
  std::vector<ConsentRenewal> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back({st->Int(0), st->Int(1), st->String(2), *DateAt(*st, 3)});
  }
  return out;
}

Status ChildRepository::DeleteParts(core::ChildId id, PartGroups groups) {
  const std::pair<PartGroups, const char*> tables[] = {{kOtherNamesPart, "child_name"},
                                                       {kParentsPart, "parent_carer"},
                                                       {kServicesPart, "universal_service"},
                                                       {kKeyContactsPart, "key_contact"},
                                                       {kDisputesPart, "dispute_mark"}};
  for (const auto& [group, table] : tables) {
    if (groups & group) {
      CP_TRY(Run(conn_, std::string("DELETE FROM ") + table + " WHERE child_id = $1", id));
    }
  }
  if (!(groups & kInvolvementsPart)) return Ok();
  // Archived involvements stay (ARC-8); live ones are rewritten.
  return Run(conn_, "DELETE FROM involvement WHERE child_id = $1 AND archived = 0", id);
}

Status ChildRepository::UpdateCore(const Child& c, std::int64_t expected_version,
                                   const Child* stored) {
  const CoreColumns now(c);
  std::optional<CoreColumns> before;
  if (stored != nullptr) before.emplace(*stored);
  std::string sql = "UPDATE child SET ";
  std::vector<std::size_t> set;
  for (std::size_t i = 0; i < CoreColumns::kCount; ++i) {
    if (before && before->values[i] == now.values[i]) continue;
    set.push_back(i);
    sql.append(CoreColumns::kNames[i]).append(" = $").append(std::to_string(set.size()));
    sql.append(", ");
  }
  const std::size_t n = set.size();
  sql.append("updated_at = $" + std::to_string(n + 1) + ", version = version + 1 WHERE id = $" +
             std::to_string(n + 2) + " AND version = $" + std::to_string(n + 3));
  CP_ASSIGN(Stmt st, conn_.Prepare(sql));
  int index = 0;
  for (std::size_t i : set) {
    ++index;
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
            st->BindNull(index);
          } else {
            detail::BindOne(*st, index, v);
          }
        },
        now.values[i]);
  }
  detail::BindOne(*st, static_cast<int>(n + 1), c.updated_at);
  detail::BindOne(*st, static_cast<int>(n + 2), c.id);
  detail::BindOne(*st, static_cast<int>(n + 3), expected_version);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  if (st->RowsAffected() != 1) {
    return Error::Conflict("The record was changed by someone else; reload it and try again");
  }
  return Ok();
}

Status ChildRepository::Replace(const Child& c, std::int64_t expected_version) {
  CP_TRY(UpdateCore(c, expected_version));
  CP_TRY(DeleteParts(c.id, kAllParts));
  return InsertParts(c, kAllParts);
}

Status ChildRepository::ReplaceChanged(const Child& c, std::int64_t expected_version,
                                       const Child& stored) {
  CP_TRY(UpdateCore(c, expected_version, &stored));
  PartGroups changed = 0;
  if (c.other_names != stored.other_names) changed |= kOtherNamesPart;
  if (c.caf_holder != stored.caf_holder || c.lead_professional != stored.lead_professional) {
    changed |= kKeyContactsPart;
  }
  if (c.disputes != stored.disputes) changed |= kDisputesPart;
  CP_TRY(DeleteParts(c.id, changed));
  CP_TRY(InsertParts(c, changed));
  // Parents and carers from the first that differs: a carer a source adds
  // at the end of the list is one row written, not the list again.
  const auto first_changed = std::ranges::mismatch(c.parents_carers, stored.parents_carers).in1;
  const auto same_carers = static_cast<std::size_t>(first_changed - c.parents_carers.begin());
  if (same_carers < stored.parents_carers.size()) {
    CP_TRY(Run(conn_, "DELETE FROM parent_carer WHERE child_id = $1 AND position >= $2", c.id,
               static_cast<std::int64_t>(same_carers)));
  }
  for (std::size_t i = same_carers; i < c.parents_carers.size(); ++i) {
    CP_TRY(InsertParentCarer(conn_, c.id, i, c.parents_carers[i]));
  }
  // Universal services kind by kind: a GP registration added leaves the
  // school's row be.
  for (std::string_view name : kUniversalServices) {
    const auto& now = ServiceSlot(c, name);
    const auto& before = ServiceSlot(stored, name);
    if (now == before) continue;
    if (before) {
      CP_TRY(Run(conn_, "DELETE FROM universal_service WHERE child_id = $1 AND service = $2", c.id,
                 name));
    }
    if (now) CP_TRY(InsertService(conn_, c.id, name, *now));
  }
  // Involvements one by one: one still held keeps its row and id.
  auto same = [](core::Involvement a, core::Involvement b) {
    a.id = b.id = 0;
    return a == b;
  };
  std::vector<bool> kept(c.involvements.size(), false);
  for (const core::Involvement& old : stored.involvements) {
    std::size_t i = 0;
    while (i < c.involvements.size() && (kept[i] || !same(old, c.involvements[i]))) ++i;
    if (i < c.involvements.size()) {
      kept[i] = true;
      continue;
    }
    CP_TRY(Run(conn_, "DELETE FROM involvement WHERE id = $1 AND child_id = $2 AND archived = 0",
               old.id, c.id));
  }
  for (std::size_t i = 0; i < c.involvements.size(); ++i) {
    if (!kept[i]) CP_TRY(InsertInvolvement(conn_, c.id, c.involvements[i]));
  }
  return Ok();
}

Result<std::int64_t> ChildRepository::Count() {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*) FROM child"));
  CP_ASSIGN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace cp::store
