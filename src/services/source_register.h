#pragma once
// The data source register (FEED-1, FEED-2; G 4.45–4.50, G C22–C23).
//
// Every body that supplies ContactPoint is registered here as required or
// permitted to supply (G C22/C23), with its accreditation and its data
// supply agreement (core/data_source.h has the transitions):
//
//   accreditation  pending → accredited ⇄ withdrawn
//   agreement      none → active ⇄ suspended;  none | active | suspended → terminated
//
// Who may do what (all need the administer_data right):
//  - the central team: everything, for every source; it alone registers and
//    manages national sources (no LA) and it alone accredits or withdraws
//    accreditation, against the national standards (G 4.46);
//  - an LA's data managers (LA ContactPoint manager, LA data administrator):
//    register the local sources of their own LA and activate, suspend and
//    terminate their agreements and credentials (G 4.45, 4.48–4.50); they
//    see their own LA's sources and the national ones.
//
// A source uploads only with a credential of an accredited source whose
// agreement is active (AuthoriseUpload, FEED-2, G 4.46). Credentials are
// shown once and stored hashed, as for api_client.
//
// Every action is audited (G 4.43): a change in the same transaction as the
// change; a refusal, a denial and a read once durable. Audit details hold
// ids and statuses, never names or credentials. Bad input gets an
// InvalidArgument naming the field and changes nothing.

#include <cstddef>
#include <string>
#include <vector>

#include "core/data_source.h"
#include "services/actor.h"
#include "services/context.h"

namespace cp::services {

// What registering a source takes.
struct NewDataSource {
  std::string name;  // 1–kMaxSourceNameChars characters, unique ignoring case
  core::SourceBodyType body_type = core::SourceBodyType::kLocalAuthority;
  std::string la_code;  // ONS code of the LA that manages it; empty for a national source
  int reliability_rank = core::kDefaultReliabilityRank;  // 1 (most reliable) … 99
};

inline constexpr std::size_t kMaxSourceNameChars = 120;

class SourceRegister {
 public:
  explicit SourceRegister(ServiceContext& ctx) : ctx_(ctx) {}

  // Registers a source: accreditation pending, no agreement, no credential;
  // its kind follows from its body type (G C22/C23). In this order:
  //  - PermissionDenied (audited) without administer_data;
  //  - InvalidArgument naming the field: "name" (empty, too long, control
  //    characters, or registered already, ignoring case), "la_code" (not an
  //    English LA), "reliability_rank" (outside 1–99);
  //  - PermissionDenied (audited) for a national source or another LA's
  //    source, unless the actor is the central team.
  Result<core::DataSource> Register(const Actor& actor, const NewDataSource& source);

  // The transitions. PermissionDenied (audited) unless the actor manages the
  // source (Accredit and Withdraw: the central team only); NotFound
  // (audited) for no such source; FailedPrecondition (audited "refused")
  // when the source does not stand where the transition starts, saying why.
  // Each returns the source as it now stands.
  Result<core::DataSource> Accredit(const Actor& actor, core::DataSourceId id);
  Result<core::DataSource> Withdraw(const Actor& actor, core::DataSourceId id);
  // Needs the source accredited (G 4.46).
  Result<core::DataSource> Activate(const Actor& actor, core::DataSourceId id);
  Result<core::DataSource> Suspend(const Actor& actor, core::DataSourceId id);
  // Final (G 4.49): nothing about the source changes again.
  Result<core::DataSource> Terminate(const Actor& actor, core::DataSourceId id);

  // A new credential for the source, replacing any earlier one at once;
  // returned once ("source-<id>:<64 hex>"), only its hash is kept. Refused
  // once the agreement is terminated. Rights as for Activate.
  Result<std::string> IssueCredential(const Actor& actor, core::DataSourceId id);

  // The sources the actor sees, national first, then by LA and name.
  Result<std::vector<core::DataSource>> List(const Actor& actor);
  // One source the actor sees; NotFound or PermissionDenied (both audited).
  Result<core::DataSource> Get(const Actor& actor, core::DataSourceId id);

  // FEED-2: the source `credential` belongs to, if and only if it is
  // accredited with an active agreement. Unauthenticated for a credential
  // of no source; PermissionDenied saying why for a source that may not
  // upload (pending or withdrawn accreditation; no, suspended or terminated
  // agreement). Every attempt is audited as the system on `route`.
  Result<core::DataSource> AuthoriseUpload(const std::string& credential, Route route);

 private:
  Result<core::DataSource> Change(const Actor& actor, core::DataSourceId id,
                                  core::SourceAction action, const std::string& credential);
  ServiceContext& ctx_;
};

}  // namespace cp::services
