#include "core/data_source.h"

#include <cstddef>
#include <utility>

namespace cp::core {
namespace {

using T = SourceBodyType;
using K = SupplierKind;

struct BodyRow {
  SourceBodyType type;
  std::string_view name;
  std::string_view title;
  SupplierKind kind;
};

const BodyRow kBodies[] = {
    {T::kLocalAuthority, "local_authority", "Local authority", K::kRequired},
    {T::kSchoolCensus, "school_census", "School census", K::kRequired},
    {T::kSchoolOrCollege, "school_or_college", "School or FE institution", K::kRequired},
    {T::kGpRegistrations, "gp_registrations", "GP registrations (primary care trust)",
     K::kRequired},
    {T::kHealthTrust, "health_trust", "Health trust or health authority", K::kRequired},
    {T::kPolice, "police", "Police force or police authority", K::kRequired},
    {T::kProbation, "probation", "Local probation board", K::kRequired},
    {T::kYouthOffending, "youth_offending", "Youth offending team", K::kRequired},
    {T::kSecureEstate, "secure_estate",
     "Prison, young offender institution or secure training centre", K::kRequired},
    {T::kConnexions, "connexions", "Connexions", K::kRequired},
    {T::kLearningAndSkills, "learning_and_skills", "Learning and Skills Council", K::kRequired},
    {T::kGovernmentDepartment, "government_department", "Government department", K::kPermitted},
    {T::kChildcareProvider, "childcare_provider", "Registered childcare provider", K::kPermitted},
    {T::kVoluntarySector, "voluntary_sector", "Voluntary organisation", K::kPermitted},
    {T::kSocialLandlord, "social_landlord", "Registered social landlord", K::kPermitted},
    {T::kHealthcareProfessional, "healthcare_professional", "Healthcare professional",
     K::kPermitted},
    {T::kFireAndRescue, "fire_and_rescue", "Fire and Rescue Authority", K::kPermitted},
    {T::kCafcass, "cafcass", "CAFCASS", K::kPermitted},
};

constexpr std::pair<SupplierKind, std::string_view> kKindNames[] = {{K::kRequired, "required"},
                                                                    {K::kPermitted, "permitted"}};

constexpr std::pair<AccreditationStatus, std::string_view> kAccreditationNames[] = {
    {AccreditationStatus::kPending, "pending"},
    {AccreditationStatus::kAccredited, "accredited"},
    {AccreditationStatus::kWithdrawn, "withdrawn"}};

constexpr std::pair<AgreementStatus, std::string_view> kAgreementNames[] = {
    {AgreementStatus::kNone, "none"},
    {AgreementStatus::kActive, "active"},
    {AgreementStatus::kSuspended, "suspended"},
    {AgreementStatus::kTerminated, "terminated"}};

constexpr std::pair<SourceAction, std::string_view> kActionNames[] = {
    {SourceAction::kAccredit, "accredit"},
    {SourceAction::kWithdrawAccreditation, "withdraw"},
    {SourceAction::kActivateAgreement, "activate"},
    {SourceAction::kSuspendAgreement, "suspend"},
    {SourceAction::kTerminateAgreement, "terminate"},
    {SourceAction::kIssueCredential, "credential"}};

const BodyRow& Body(SourceBodyType type) {
  for (const BodyRow& row : kBodies) {
    if (row.type == type) return row;
  }
  return kBodies[0];
}

template <class E, std::size_t N>
std::string_view NameIn(const std::pair<E, std::string_view> (&table)[N], E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return table[0].second;
}

template <class E, std::size_t N>
std::optional<E> FromNameIn(const std::pair<E, std::string_view> (&table)[N],
                            std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

Error Refused(std::string message) { return Error::Precondition(std::move(message)); }

}  // namespace

SupplierKind SupplierKindOf(SourceBodyType type) { return Body(type).kind; }

bool MayUpload(const DataSource& s) {
  return s.accreditation == AccreditationStatus::kAccredited &&
         s.agreement == AgreementStatus::kActive;
}

std::string_view UploadRefusal(const DataSource& s) {
  // The agreement's end or pause speaks first: it is the LA's latest decision.
  switch (s.agreement) {
    case AgreementStatus::kTerminated:
      return "The data supply agreement with this source has been terminated";
    case AgreementStatus::kSuspended:
      return "The data supply agreement with this source is suspended";
    case AgreementStatus::kNone:
    case AgreementStatus::kActive:
      break;
  }
  switch (s.accreditation) {
    case AccreditationStatus::kPending:
      return "This source is not yet accredited to supply data";
    case AccreditationStatus::kWithdrawn:
      return "This source's accreditation has been withdrawn";
    case AccreditationStatus::kAccredited:
      break;
  }
  if (s.agreement == AgreementStatus::kNone) {
    return "This source has no active data supply agreement";
  }
  return {};
}

Result<DataSource> ApplySourceAction(DataSource s, SourceAction action, Timestamp now) {
  // G 4.49: a terminated agreement is final; the source is kept as a record.
  if (s.agreement == AgreementStatus::kTerminated) {
    return Refused(
        "The data supply agreement with this source has been terminated: "
        "it cannot change again");
  }
  switch (action) {
    case SourceAction::kAccredit:
      if (s.accreditation == AccreditationStatus::kAccredited) {
        return Refused("This source is already accredited");
      }
      s.accreditation = AccreditationStatus::kAccredited;
      s.accredited_at = now;
      return s;
    case SourceAction::kWithdrawAccreditation:
      if (s.accreditation != AccreditationStatus::kAccredited) {
        return Refused("This source is not accredited, so there is nothing to withdraw");
      }
      s.accreditation = AccreditationStatus::kWithdrawn;
      s.accreditation_withdrawn_at = now;
      return s;
    case SourceAction::kActivateAgreement:
      if (s.agreement == AgreementStatus::kActive) {
        return Refused("The data supply agreement with this source is already active");
      }
      // G 4.46: a source is accredited before it is connected.
      if (s.accreditation != AccreditationStatus::kAccredited) {
        return Refused("Accredit this source before activating its data supply agreement");
      }
      s.agreement = AgreementStatus::kActive;
      s.agreement_activated_at = now;
      return s;
    case SourceAction::kSuspendAgreement:
      if (s.agreement != AgreementStatus::kActive) {
        return Refused("Only an active data supply agreement can be suspended");
      }
      s.agreement = AgreementStatus::kSuspended;
      s.agreement_suspended_at = now;
      return s;
    case SourceAction::kTerminateAgreement:
      // G 4.49: at any time.
      s.agreement = AgreementStatus::kTerminated;
      s.agreement_terminated_at = now;
      return s;
    case SourceAction::kIssueCredential:
      s.credential_issued_at = now;
      return s;
  }
  return Error::Internal("unknown source action");
}

std::string_view SupplierKindName(SupplierKind kind) { return NameIn(kKindNames, kind); }
std::optional<SupplierKind> SupplierKindFromName(std::string_view name) {
  return FromNameIn(kKindNames, name);
}

std::string_view SourceBodyTypeName(SourceBodyType type) { return Body(type).name; }
std::string_view SourceBodyTypeTitle(SourceBodyType type) { return Body(type).title; }
std::optional<SourceBodyType> SourceBodyTypeFromName(std::string_view name) {
  for (const BodyRow& row : kBodies) {
    if (row.name == name) return row.type;
  }
  return std::nullopt;
}

std::string_view AccreditationStatusName(AccreditationStatus status) {
  return NameIn(kAccreditationNames, status);
}
std::optional<AccreditationStatus> AccreditationStatusFromName(std::string_view name) {
  return FromNameIn(kAccreditationNames, name);
}

std::string_view AgreementStatusName(AgreementStatus status) {
  return NameIn(kAgreementNames, status);
}
std::optional<AgreementStatus> AgreementStatusFromName(std::string_view name) {
  return FromNameIn(kAgreementNames, name);
}

std::string_view SourceActionName(SourceAction action) { return NameIn(kActionNames, action); }

}  // namespace cp::core
