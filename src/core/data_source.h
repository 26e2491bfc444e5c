#pragma once
// Data sources (FEED-1, FEED-2; G 4.45–4.50, G C22–C23): the bodies that
// supply ContactPoint with records, and the two things that decide whether
// one may upload — its accreditation and its data supply agreement.
//
//   accreditation  pending → accredited ⇄ withdrawn
//   agreement      none → active ⇄ suspended;  none | active | suspended → terminated
//
// A source uploads only when accredited with an active agreement (G 4.46).
// An agreement is activated only for an accredited source; withdrawing
// accreditation leaves the agreement as it is, but stops uploads. Terminated
// is final (G 4.49): nothing about the source changes again. The rules are
// pure and live here; services apply them, the store records them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "platform/date.h"
#include "platform/result.h"

namespace cp::core {

using DataSourceId = std::int64_t;

// Section 12 of the Children Act 2004: a body required (G C22) or permitted
// (G C23) to supply information. No other body may supply it (G 4.45).
enum class SupplierKind { kRequired, kPermitted };

// The body a source is, as listed in G C22 (required) and G C23 (permitted).
enum class SourceBodyType {
  // G C22: required.
  kLocalAuthority,     // social care, education, early help, SEND
  kSchoolCensus,       // maintained, special and independent schools, nationally
  kSchoolOrCollege,    // one school or FE institution, locally
  kGpRegistrations,    // primary care trusts' registrations
  kHealthTrust,        // acute, mental health (CAMHS), health visiting, SHAs
  kPolice,             // police forces and authorities, British Transport Police
  kProbation,          // local probation boards
  kYouthOffending,     // youth offending teams
  kSecureEstate,       // prisons, young offender institutions, secure training centres
  kConnexions,         // services under s.114 Learning and Skills Act 2000
  kLearningAndSkills,  // the Learning and Skills Council
  // G C23: permitted.
  kGovernmentDepartment,    // headed by a Secretary of State
  kChildcareProvider,       // registered under part 3 of the Childcare Act 2006
  kVoluntarySector,         // voluntary organisations holding data on children in the area
  kSocialLandlord,          // registered social landlords
  kHealthcareProfessional,  // regulated healthcare professionals, e.g. a GP practice
  kFireAndRescue,           // the Fire and Rescue Authority
  kCafcass,                 // Children and Family Court Advisory and Support Service
};

enum class AccreditationStatus { kPending, kAccredited, kWithdrawn };
enum class AgreementStatus { kNone, kActive, kSuspended, kTerminated };

// What may be done to a source's standing.
enum class SourceAction {
  kAccredit,
  kWithdrawAccreditation,
  kActivateAgreement,
  kSuspendAgreement,
  kTerminateAgreement,
  kIssueCredential,
};

// Reliability ranks: 1 is the most reliable source; the best view (FEED-4)
// prefers a lower rank when sources disagree.
inline constexpr int kMostReliableRank = 1;
inline constexpr int kLeastReliableRank = 99;
inline constexpr int kDefaultReliabilityRank = 50;

struct DataSource {
  DataSourceId id = 0;
  std::string name;  // unique, ignoring case
  SourceBodyType body_type = SourceBodyType::kLocalAuthority;
  SupplierKind kind = SupplierKind::kRequired;  // always SupplierKindOf(body_type)
  std::string la_code;                          // the LA that manages it; empty: national
  int reliability_rank = kDefaultReliabilityRank;
  AccreditationStatus accreditation = AccreditationStatus::kPending;
  std::optional<Timestamp> accredited_at;               // the latest accreditation
  std::optional<Timestamp> accreditation_withdrawn_at;  // the latest withdrawal
  AgreementStatus agreement = AgreementStatus::kNone;
  std::optional<Timestamp> agreement_activated_at;  // the latest activation
  std::optional<Timestamp> agreement_suspended_at;  // the latest suspension
  std::optional<Timestamp> agreement_terminated_at;
  std::optional<Timestamp> credential_issued_at;  // empty until a credential is issued
  Timestamp registered_at = 0;

  bool IsNational() const { return la_code.empty(); }
};

// G C22/C23: whether the body is required or permitted to supply.
SupplierKind SupplierKindOf(SourceBodyType type);

// FEED-2, G 4.46: accredited and with an active agreement.
bool MayUpload(const DataSource& source);

// Why `source` may not upload, for the source itself; empty when it may.
std::string_view UploadRefusal(const DataSource& source);

// `source` after `action` at `now`, or FailedPrecondition saying why the
// action is not allowed from where the source stands.
Result<DataSource> ApplySourceAction(DataSource source, SourceAction action, Timestamp now);

// Stored and command-line names: "required", "permitted"; "local_authority",
// "school_census", …; "pending", "accredited", "withdrawn"; "none",
// "active", "suspended", "terminated".
std::string_view SupplierKindName(SupplierKind kind);
std::optional<SupplierKind> SupplierKindFromName(std::string_view name);
std::string_view SourceBodyTypeName(SourceBodyType type);
std::string_view SourceBodyTypeTitle(SourceBodyType type);  // "Youth offending team", …
std::optional<SourceBodyType> SourceBodyTypeFromName(std::string_view name);
std::string_view AccreditationStatusName(AccreditationStatus status);
std::optional<AccreditationStatus> AccreditationStatusFromName(std::string_view name);
std::string_view AgreementStatusName(AgreementStatus status);
std::optional<AgreementStatus> AgreementStatusFromName(std::string_view name);
std::string_view SourceActionName(SourceAction action);  // "accredit", "withdraw", …

inline constexpr SourceBodyType kAllSourceBodyTypes[] = {
    SourceBodyType::kLocalAuthority,    SourceBodyType::kSchoolCensus,
    SourceBodyType::kSchoolOrCollege,   SourceBodyType::kGpRegistrations,
    SourceBodyType::kHealthTrust,       SourceBodyType::kPolice,
    SourceBodyType::kProbation,         SourceBodyType::kYouthOffending,
    SourceBodyType::kSecureEstate,      SourceBodyType::kConnexions,
    SourceBodyType::kLearningAndSkills, SourceBodyType::kGovernmentDepartment,
    SourceBodyType::kChildcareProvider, SourceBodyType::kVoluntarySector,
    SourceBodyType::kSocialLandlord,    SourceBodyType::kHealthcareProfessional,
    SourceBodyType::kFireAndRescue,     SourceBodyType::kCafcass};

}  // namespace cp::core
