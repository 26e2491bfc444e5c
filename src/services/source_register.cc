#include "services/source_register.h"

#include <optional>
#include <utility>

#include "core/local_authority.h"
#include "security/random.h"
#include "services/input_text.h"
#include "store/amendment_repository.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

using core::DataSource;
using core::SourceAction;

constexpr std::size_t kMaxCredentialChars = 200;

bool IsCentralTeam(const Actor& actor) {
  return actor.role == core::Role::kCentralTeam && actor.Has(core::Right::kAdministerData);
}

// G 4.45: an LA manages the local sources of its own area; the central
// team manages every source, and alone the national ones.
bool Manages(const Actor& actor, const DataSource& source) {
  if (!actor.Has(core::Right::kAdministerData)) return false;
  if (IsCentralTeam(actor)) return true;
  return !source.IsNational() && !actor.la_code.empty() && source.la_code == actor.la_code;
}

// An LA sees the national sources besides its own.
bool Sees(const Actor& actor, const DataSource& source) {
  return Manages(actor, source) || (actor.Has(core::Right::kAdministerData) && source.IsNational());
}

// G 4.46: accreditation is against the national standards, so it is the
// central team's decision; the LA decides on the agreement.
bool MayTake(const Actor& actor, const DataSource& source, SourceAction action) {
  if (action == SourceAction::kAccredit || action == SourceAction::kWithdrawAccreditation) {
    return IsCentralTeam(actor);
  }
  return Manages(actor, source);
}

std::string DeniedMessage(SourceAction action) {
  if (action == SourceAction::kAccredit || action == SourceAction::kWithdrawAccreditation) {
    return "Only the central ContactPoint team accredits data sources";
  }
  return "Only the central team or the data managers of the source's local authority "
         "administer this source";
}

boost::json::string Json(std::string_view s) { return boost::json::string(s); }

// The audit details of a source: ids and statuses only.
std::string Standing(const DataSource& s) {
  return AuditDetails({{"source_id", s.id},
                       {"accreditation", Json(core::AccreditationStatusName(s.accreditation))},
                       {"agreement", Json(core::AgreementStatusName(s.agreement))}});
}

std::string SourceIdOnly(core::DataSourceId id) { return AuditDetails({{"source_id", id}}); }

std::string AuditAction(SourceAction action) {
  return "source." + std::string(core::SourceActionName(action));
}

bool HasControlCharacters(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

Status CheckNew(const NewDataSource& s, const std::string& name) {
  if (name.empty()) return Error::Invalid("name", "Enter the data source's name");
  if (CharCount(name) > kMaxSourceNameChars) {
    return Error::Invalid("name", "The name must be 120 characters or fewer");
  }
  if (HasControlCharacters(name)) {
    return Error::Invalid("name", "The name must be on one line, without control characters");
  }
  if (!s.la_code.empty() && core::FindLocalAuthority(s.la_code) == nullptr) {
    return Error::Invalid("la_code", "Give the ONS code of an English local authority");
  }
  if (s.reliability_rank < core::kMostReliableRank ||
      s.reliability_rank > core::kLeastReliableRank) {
    return Error::Invalid("reliability_rank",
                          "Give a reliability rank from 1 (most reliable) to 99");
  }
  return Ok();
}

Error Unauthenticated() {
  return Error{ErrorCode::kUnauthenticated,
               "This credential does not belong to a registered data source",
               {}};
}

}  // namespace

Result<DataSource> SourceRegister::Register(const Actor& actor, const NewDataSource& input) {
  const char* action = "source.register";
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {action, "denied", {}, "{}"}));
    return Error::Denied("Only the central team or an LA's data managers register data sources");
  }
  DataSource source;
  source.name = TrimmedText(input.name);
  CP_TRY(CheckNew(input, source.name));
  source.body_type = input.body_type;
  source.kind = core::SupplierKindOf(input.body_type);
  source.la_code = input.la_code;
  source.reliability_rank = input.reliability_rank;
  if (!Manages(actor, source)) {
    CP_TRY(ctx_.audit.Append(actor, {action, "denied", {}, "{}"}));
    return Error::Denied(source.IsNational()
                             ? "Only the central team registers national data sources"
                             : "Register data sources of your own local authority only");
  }
  source.registered_at = ctx_.clock.Now();

  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  // The source and its audit entry commit together, or neither does.
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  auto id = store::SourceRepository(*conn).Insert(source, actor.user_id);
  if (!id) {
    if (id.error().code != ErrorCode::kConflict) return id.error();
    return Error::Invalid("name", "A data source with that name is registered already");
  }
  source.id = *id;
  CP_TRY(ctx_.audit.AppendInTransaction(
      *conn, actor,
      {action,
       "ok",
       {},
       AuditDetails({{"source_id", source.id},
                     {"body_type", Json(core::SourceBodyTypeName(source.body_type))},
                     {"kind", Json(core::SupplierKindName(source.kind))},
                     {"la_code", Json(source.la_code)},
                     {"reliability_rank", source.reliability_rank}})}));
  CP_TRY(tx.Commit());
  return source;
}

Result<DataSource> SourceRegister::Accredit(const Actor& actor, core::DataSourceId id) {
  return Change(actor, id, SourceAction::kAccredit, {});
}

Result<DataSource> SourceRegister::Withdraw(const Actor& actor, core::DataSourceId id) {
  return Change(actor, id, SourceAction::kWithdrawAccreditation, {});
}

Result<DataSource> SourceRegister::Activate(const Actor& actor, core::DataSourceId id) {
  return Change(actor, id, SourceAction::kActivateAgreement, {});
}

Result<DataSource> SourceRegister::Suspend(const Actor& actor, core::DataSourceId id) {
  return Change(actor, id, SourceAction::kSuspendAgreement, {});
}

Result<DataSource> SourceRegister::Terminate(const Actor& actor, core::DataSourceId id) {
  return Change(actor, id, SourceAction::kTerminateAgreement, {});
}

Result<std::string> SourceRegister::IssueCredential(const Actor& actor, core::DataSourceId id) {
  std::string credential = "source-" + std::to_string(id) + ":" + security::RandomHex(32);
  CP_TRY(Change(actor, id, SourceAction::kIssueCredential, credential));
  return credential;
}

Result<DataSource> SourceRegister::Change(const Actor& actor, core::DataSourceId id,
                                          SourceAction action, const std::string& credential) {
  const std::string audit_action = AuditAction(action);
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {audit_action, "denied", {}, SourceIdOnly(id)}));
    return Error::Denied(DeniedMessage(action));
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  const char* outcome = "refused";
  std::optional<Error> refusal;
  std::string details = SourceIdOnly(id);
  {
    // The change and its audit entry commit together.
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    const Timestamp now = ctx_.clock.Now();
    store::SourceRepository sources(*conn);
    auto found = sources.Get(id);
    if (!found) {
      if (found.error().code != ErrorCode::kNotFound) return found.error();
      outcome = "not_found";
      refusal = found.error();
    } else if (!MayTake(actor, *found, action)) {
      outcome = "denied";
      refusal = Error::Denied(DeniedMessage(action));
    } else if (auto users = store::AmendmentRepository(*conn).IsAmendmentSource(id); !users) {
      return users.error();
    } else if (*users) {
      // UPD-1: where an LA's users' amendments are held, not a body that
      // supplies data: it is never accredited, so it never uploads.
      refusal = Error::Precondition("This source holds users' amendments: it never uploads");
    } else if (auto after = core::ApplySourceAction(*found, action, now); !after) {
      details = Standing(*found);
      refusal = after.error();
    } else {
      Result<bool> applied = action == SourceAction::kIssueCredential
                                 ? sources.SetCredential(id, security::Sha256Hex(credential), now)
                                 : sources.UpdateStanding(*found, *after);
      if (!applied) return applied.error();
      if (*applied) {
        CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor,
                                              {audit_action, "ok", {}, Standing(*after)}));
        CP_TRY(tx.Commit());
        return *after;
      }
      // Another administrator moved it between the read and the write.
      details = Standing(*found);
      refusal = Error::Conflict("This data source changed meanwhile: look at it again");
    }
  }  // rolled back: nothing changed
  // After the transaction ends: Append waits for the group-commit writer,
  // which would wait for this connection's write lock.
  CP_TRY(ctx_.audit.Append(actor, {audit_action, outcome, {}, details}));
  return *refusal;
}

Result<std::vector<DataSource>> SourceRegister::List(const Actor& actor) {
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {"source.list", "denied", {}, "{}"}));
    return Error::Denied("Only the central team or an LA's data managers see data sources");
  }
  std::vector<DataSource> sources;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    store::SourceRepository repo(*conn);
    if (IsCentralTeam(actor)) {
      CP_ASSIGN(sources, repo.ListAll());
    } else {
      CP_ASSIGN(sources, repo.ListForLocalAuthority(actor.la_code));
    }
  }
  CP_TRY(ctx_.audit.Append(actor,
                           {"source.list",
                            "ok",
                            {},
                            AuditDetails({{"count", static_cast<std::int64_t>(sources.size())}})}));
  return sources;
}

Result<DataSource> SourceRegister::Get(const Actor& actor, core::DataSourceId id) {
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {"source.get", "denied", {}, SourceIdOnly(id)}));
    return Error::Denied("Only the central team or an LA's data managers see data sources");
  }
  Result<DataSource> found = Error::Internal("unread");
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    found = store::SourceRepository(*conn).Get(id);
  }
  if (!found) {
    if (found.error().code != ErrorCode::kNotFound) return found.error();
    CP_TRY(ctx_.audit.Append(actor, {"source.get", "not_found", {}, SourceIdOnly(id)}));
    return found.error();
  }
  if (!Sees(actor, *found)) {
    CP_TRY(ctx_.audit.Append(actor, {"source.get", "denied", {}, SourceIdOnly(id)}));
    return Error::Denied("This data source belongs to another local authority");
  }
  CP_TRY(ctx_.audit.Append(actor, {"source.get", "ok", {}, Standing(*found)}));
  return found;
}

Result<DataSource> SourceRegister::AuthoriseUpload(const std::string& credential, Route route) {
  const Actor system = Actor::System(route);
  const char* action = "source.authorise_upload";
  std::optional<DataSource> source;
  if (!credential.empty() && credential.size() <= kMaxCredentialChars) {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(source,
              store::SourceRepository(*conn).FindByCredential(security::Sha256Hex(credential)));
  }
  if (!source) {
    CP_TRY(ctx_.audit.Append(system, {action, "unauthenticated", {}, "{}"}));
    return Unauthenticated();
  }
  // FEED-2, G 4.46: accredited, with an active agreement.
  if (!core::MayUpload(*source)) {
    CP_TRY(ctx_.audit.Append(system, {action, "refused", {}, Standing(*source)}));
    return Error::Denied(std::string(core::UploadRefusal(*source)));
  }
  CP_TRY(ctx_.audit.Append(system, {action, "ok", {}, Standing(*source)}));
  return *source;
}

}  // namespace cp::services
