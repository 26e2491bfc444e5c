#pragma once
// The child record (REC-1 … REC-13, G C21): who a child is, where they live,
// and who works with them — never case notes. There is deliberately no field
// for notes, needs, attainment, attendance or clinical observations (REC-11):
// nothing in the record, the schema or the feed format can carry them.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/items.h"
#include "core/uin.h"
#include "platform/date.h"

namespace cp::core {

using ChildId = std::int64_t;
using SourceId = std::int64_t;

// NHS Data Dictionary person stated gender codes: 0, 1, 2, 9.
enum class Gender { kNotKnown = 0, kMale = 1, kFemale = 2, kNotSpecified = 9 };

// Which source supplied an item, and when (REC-8). Source 0 is a manual
// entry by a user.
struct SourceStamp {
  SourceId source_id = 0;
  Timestamp supplied_at = 0;
  friend bool operator==(const SourceStamp&, const SourceStamp&) = default;
};

struct ContactDetails {
  std::string phone;
  std::string email;
  std::string address;  // one line, for a service's postal address
  friend bool operator==(const ContactDetails&, const ContactDetails&) = default;
};

// A UK address: up to three lines, a town, a postcode (validated format).
struct Address {
  std::string line1;
  std::string line2;
  std::string line3;
  std::string town;
  std::string postcode;  // normalised, e.g. "SW1A 1AA"; empty when unknown
  friend bool operator==(const Address&, const Address&) = default;
};

enum class OtherNameKind { kPrevious, kAlias, kAlternative };

struct OtherName {
  OtherNameKind kind = OtherNameKind::kAlternative;
  std::string forenames;
  std::string surname;
  friend bool operator==(const OtherName&, const OtherName&) = default;
};

// REC-2.
struct ParentCarer {
  std::string forenames;
  std::string surname;
  std::string relationship;  // "mother", "father", "foster carer", …
  bool parental_responsibility = true;
  ContactDetails contact;
  Address address;  // empty when the same as the child's
  SourceStamp source;
  friend bool operator==(const ParentCarer&, const ParentCarer&) = default;
};

// REC-3: the setting in which a child is educated.
enum class EducationSettingKind { kNoneKnown, kSchool, kHome, kHospital, kOther };

// A universal service with its contact details (school, GP practice,
// midwife, health visitor, school nurse).
struct UniversalService {
  std::string organisation;  // e.g. "Hillside Primary School"
  std::string org_code;      // e.g. a school URN or GP practice code
  std::string practitioner;  // named person, when known
  ContactDetails contact;
  SourceStamp source;
  friend bool operator==(const UniversalService&, const UniversalService&) = default;
};

// REC-4, REC-5: G 3.26–3.33.
enum class ServiceCategory { kUniversal, kTargeted, kSensitive };

// SENS-2, G 3.3–3.7, G C2: informed, explicit consent to show a sensitive
// service's involvement — from the child when of sufficient understanding,
// otherwise from a parent/carer. It is never implied, and not open-ended.
enum class ConsentGiver { kChild, kParentCarer };
enum class ConsentMethod { kOral, kWritten };

struct Consent {
  ConsentGiver given_by = ConsentGiver::kChild;
  Date given_on;
  ConsentMethod method = ConsentMethod::kWritten;
  Date renewal_due;  // when the child or parent/carer must be asked again
  friend bool operator==(const Consent&, const Consent&) = default;
};

struct Involvement {
  std::int64_t id = 0;
  ServiceCategory category = ServiceCategory::kTargeted;
  std::string service_type;  // "social_care", "youth_offending", "camhs", …
  std::string organisation;
  std::string team;
  std::string practitioner;
  ContactDetails contact;
  std::optional<Date> start_date;
  std::optional<Date> ceased_date;
  // Last day the ceased involvement stays visible: 1 year after it ceased
  // unless extended, 5 years at most (INV-3).
  std::optional<Date> retention_end;
  // SENS-2: the basis for holding a sensitive involvement — consent, or an
  // overriding public interest (G 3.8: reasonable cause to suspect the child
  // is suffering, or likely to suffer, significant harm) with its
  // justification. Neither is held for other involvements.
  std::optional<Consent> consent;
  std::string public_interest;
  SourceStamp source;
  friend bool operator==(const Involvement&, const Involvement&) = default;
};

// REC-6, REC-7: the practitioner or team holding the latest CAF, and the
// lead professional. `sensitive_service` hides the service's identity from
// users (SENS-5).
struct KeyContact {
  std::string practitioner;
  std::string organisation;
  ContactDetails contact;
  std::optional<Date> since;
  bool sensitive_service = false;
  SourceStamp source;
  friend bool operator==(const KeyContact&, const KeyContact&) = default;
};

// REC-10.
struct DisputeMark {
  Item item = Item::kNames;
  Date disputed_on;
  std::optional<Date> settled_on;
  friend bool operator==(const DisputeMark&, const DisputeMark&) = default;
};

// ARC-2.
enum class ArchiveState { kLive, kPending, kSoft, kHard };

struct Child {
  ChildId id = 0;
  Uin uin = Uin::FromStored(0);
  std::string la_code;  // ONS code of the responsible local authority (REC-12)

  // REC-1 core items.
  std::string forenames;
  std::string surname;
  std::string known_as_surname;
  std::vector<OtherName> other_names;
  Address address;
  Gender gender = Gender::kNotKnown;
  Date date_of_birth;
  std::optional<Date> date_of_death;
  bool death_confirmed_by_registrar = false;

  std::vector<ParentCarer> parents_carers;

  EducationSettingKind education_setting = EducationSettingKind::kNoneKnown;
  std::optional<UniversalService> school;  // only when education_setting is kSchool
  std::optional<UniversalService> gp_practice;
  std::optional<UniversalService> midwife;
  std::optional<UniversalService> health_visitor;
  std::optional<UniversalService> school_nurse;

  std::vector<Involvement> involvements;
  std::optional<KeyContact> caf_holder;
  std::optional<KeyContact> lead_professional;

  bool looked_after = false;  // REC-12: the LA with social services duty
  bool shielded = false;
  ArchiveState archive_state = ArchiveState::kLive;
  std::vector<DisputeMark> disputes;

  // REC-8: for single-valued items, which source supplied the value and when.
  // Lists (parents/carers, services, involvements) carry their own stamps.
  std::map<Item, SourceStamp> provenance;

  Timestamp created_at = 0;
  Timestamp updated_at = 0;
};

std::string_view GenderName(Gender g);  // "male", "female", "not_known", "not_specified"
std::optional<Gender> GenderFromName(std::string_view name);
std::string_view EducationSettingName(EducationSettingKind k);
std::optional<EducationSettingKind> EducationSettingFromName(std::string_view name);
std::string_view ServiceCategoryName(ServiceCategory c);
std::optional<ServiceCategory> ServiceCategoryFromName(std::string_view name);
std::string_view ConsentGiverName(ConsentGiver g);  // "child", "parent_carer"
std::optional<ConsentGiver> ConsentGiverFromName(std::string_view name);
std::string_view ConsentMethodName(ConsentMethod m);  // "oral", "written"
std::optional<ConsentMethod> ConsentMethodFromName(std::string_view name);
std::string_view OtherNameKindName(OtherNameKind k);
std::optional<OtherNameKind> OtherNameKindFromName(std::string_view name);
std::string_view ArchiveStateName(ArchiveState s);
std::optional<ArchiveState> ArchiveStateFromName(std::string_view name);

}  // namespace cp::core
