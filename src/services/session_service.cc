#include "services/session_service.h"

#include <boost/json.hpp>

#include "store/account_repository.h"
#include "store/session_repository.h"

namespace cp::services {
namespace {

// A touch is written at most this often, so that reading pages does not
// turn into a write per request; idle time-out is exact to within it.
constexpr std::int64_t kTouchInterval = 30;

std::string Details(std::initializer_list<std::pair<const char*, std::string>> fields) {
  boost::json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return boost::json::serialize(o);
}

Error Generic() { return {ErrorCode::kUnauthenticated, kSignInFailed, {}}; }

Error SessionEnded() {
  return {ErrorCode::kUnauthenticated, "Your session has ended. Sign in again.", {}};
}

}  // namespace

Actor ActorFor(const core::UserAccount& user, const core::UserAccount* mediator, Route route) {
  Actor a;
  a.user_id = user.id;
  a.role = user.role;
  a.rights = user.rights();
  a.la_code = user.la_code;
  a.route = route;
  if (mediator != nullptr) a.mediator_id = mediator->id;
  return a;
}

Result<core::UserAccount> SessionService::Authenticate(store::Connection& conn,
                                                       const SignInRequest& r,
                                                       const Actor& audit_actor,
                                                       const char* action) {
  store::AccountRepository accounts(conn);
  const Timestamp now = ctx_.clock.Now();
  CP_ASSIGN(auto found, accounts.FindByUsername(r.username));
  Actor actor = audit_actor;
  if (!found) {
    credentials_.VerifyDummy(r.password);  // same time as a real check
    CP_TRY(ctx_.audit.Append(
        actor,
        {action, "failed", {}, Details({{"username", r.username}, {"why", "unknown_user"}})}));
    return Generic();
  }
  core::UserAccount user = std::move(*found);
  if (!actor.user_id) actor.user_id = user.id;
  CP_ASSIGN(auto recent, accounts.FailuresSince(user.id, now - policy_.failure_window_seconds));
  if (static_cast<int>(recent.size()) >= policy_.max_failures) {
    CP_TRY(
        ctx_.audit.Append(actor, {action, "locked_out", {}, Details({{"username", r.username}})}));
    return Error{ErrorCode::kResourceExhausted,
                 "Too many failed attempts. Wait 5 minutes, then try again.",
                 {}};
  }
  // Both factors are always checked, so timing says nothing about which failed.
  const bool password_ok = credentials_.VerifyPassword(r.password, user.password_hash);
  const auto step =
      credentials_.CheckCode(user.totp_secret_sealed, r.code, now, user.totp_last_step);
  const bool active = user.status == core::AccountStatus::kActive && user.token_state != "revoked";

  store::Transaction tx(conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  std::string why;
  if (!password_ok) {
    why = "password";
  } else if (!step) {
    why = "code";
  } else if (!active) {
    why = "account_" + std::string(core::AccountStatusName(user.status));
  } else {
    CP_ASSIGN(bool fresh, accounts.AcceptTotpStep(user.id, *step));
    if (!fresh) why = "code_replayed";
  }
  if (!why.empty()) {
    CP_TRY(accounts.RecordFailure(user.id, now));
    CP_TRY(ctx_.audit.AppendInTransaction(
        conn, actor, {action, "failed", {}, Details({{"username", r.username}, {"why", why}})}));
    CP_TRY(tx.Commit());
    return Generic();
  }
  user.totp_last_step = *step;
  CP_TRY(accounts.ClearFailures(user.id));
  CP_TRY(tx.Commit());
  return user;
}

Result<NewSession> SessionService::SignIn(const SignInRequest& r) {
  if (r.username.empty() || r.password.empty() || r.code.empty()) return Generic();
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(core::UserAccount user, Authenticate(*conn, r, Actor::System(r.route), "sign_in"));
  NewSession s{Credentials::NewSessionId(), Credentials::NewCsrfToken(), user.id};
  const Timestamp now = ctx_.clock.Now();
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  store::SessionRow row;
  row.id_hash = Credentials::HashSessionId(s.session_id);
  row.user_id = user.id;
  row.route = std::string(RouteName(r.route));
  row.csrf_token = s.csrf_token;
  row.created_at = now;
  row.last_seen_at = now;
  CP_TRY(store::SessionRepository(*conn).Insert(row));
  CP_TRY(store::AccountRepository(*conn).SetLastSignIn(user.id, now));
  CP_TRY(ctx_.audit.AppendInTransaction(*conn, ActorFor(user, nullptr, r.route),
                                        {"sign_in", "ok", {}, "{}"}));
  CP_TRY(tx.Commit());
  return s;
}

Result<SessionInfo> SessionService::Resolve(const std::string& session_id, bool touch) {
  if (session_id.size() != 32) return SessionEnded();
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::SessionRepository sessions(*conn);
  const std::string id_hash = Credentials::HashSessionId(session_id);
  CP_ASSIGN(auto row, sessions.Find(id_hash));
  if (!row || row->ended_at) return SessionEnded();
  const Timestamp now = ctx_.clock.Now();
  store::AccountRepository accounts(*conn);
  CP_ASSIGN(core::UserAccount user, accounts.Get(row->user_id));
  const Route route = row->route == "api" ? Route::kApi : Route::kWeb;

  std::string end_reason;
  if (now - row->last_seen_at >= policy_.idle_seconds) end_reason = "idle_timeout";
  if (now - row->created_at >= policy_.absolute_seconds) end_reason = "absolute_timeout";
  if (user.status != core::AccountStatus::kActive) end_reason = "account_inactive";
  if (!end_reason.empty()) {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(bool ended, sessions.End(id_hash, now, end_reason));
    if (ended) {
      CP_TRY(ctx_.audit.AppendInTransaction(*conn, ActorFor(user, nullptr, route),
                                            {"session.end", end_reason, {}, "{}"}));
    }
    CP_TRY(tx.Commit());
    return SessionEnded();
  }

  SessionInfo info;
  info.id_hash = id_hash;
  info.csrf_token = row->csrf_token;
  info.user = user;
  info.last_seen_at = row->last_seen_at;
  if (row->requestor_id) {
    CP_ASSIGN(core::UserAccount requestor, accounts.Get(*row->requestor_id));
    if (requestor.status == core::AccountStatus::kActive) {
      info.requestor = requestor;
    }
  }
  info.actor =
      info.requestor ? ActorFor(*info.requestor, &user, route) : ActorFor(user, nullptr, route);
  if (touch && now - row->last_seen_at >= kTouchInterval) {
    CP_TRY(sessions.Touch(id_hash, now));
    info.last_seen_at = now;
  }
  info.expires_at = std::min(info.last_seen_at + policy_.idle_seconds,
                             row->created_at + policy_.absolute_seconds);
  return info;
}

Status SessionService::KeepAlive(const SessionInfo& session) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  return store::SessionRepository(*conn).Touch(session.id_hash, ctx_.clock.Now());
}

Status SessionService::SignOut(const SessionInfo& session) {
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_ASSIGN(bool ended,
            store::SessionRepository(*conn).End(session.id_hash, ctx_.clock.Now(), "signed_out"));
  if (ended) {
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, ActorFor(session.user, nullptr, session.actor.route), {"sign_out", "ok", {}, "{}"}));
  }
  return tx.Commit();
}

Status SessionService::StartMediation(const SessionInfo& mediator, const SignInRequest& r) {
  const Actor self = ActorFor(mediator.user, nullptr, mediator.actor.route);
  if (!mediator.user.rights().Has(core::Right::kMediate)) {
    CP_TRY(ctx_.audit.Append(self, {"mediation.start", "denied", {}, "{}"}));
    return Error::Denied("You do not have the right to mediate access");
  }
  if (mediator.requestor) return Error::Precondition("End the current mediation first");
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  Actor audit_actor = self;
  audit_actor.user_id.reset();
  audit_actor.mediator_id = mediator.user.id;
  CP_ASSIGN(core::UserAccount requestor,
            Authenticate(*conn, r, audit_actor, "mediation.authenticate"));
  if (requestor.id == mediator.user.id) {
    return Error::Invalid("username", "You cannot mediate for yourself");
  }
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(store::SessionRepository(*conn).SetRequestor(mediator.id_hash, requestor.id));
  CP_TRY(ctx_.audit.AppendInTransaction(*conn,
                                        ActorFor(requestor, &mediator.user, mediator.actor.route),
                                        {"mediation.start", "ok", {}, "{}"}));
  return tx.Commit();
}

Status SessionService::Reauthenticate(const SessionInfo& session, const std::string& password,
                                      const std::string& code) {
  constexpr const char* kAction = "break_glass.authenticate";
  const core::UserAccount& holder = session.requestor ? *session.requestor : session.user;
  if (password.empty() || code.empty()) {
    CP_TRY(ctx_.audit.Append(session.actor,
                             {kAction, "failed", {}, Details({{"why", "missing_factor"}})}));
    return Generic();
  }
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  CP_ASSIGN(core::UserAccount checked,
            Authenticate(*conn, {holder.username, password, code, session.actor.route},
                         session.actor, kAction));
  if (checked.id != holder.id) return Generic();  // a renamed account: not the same person
  return Ok();
}

Status SessionService::EndMediation(const SessionInfo& session) {
  if (!session.requestor) return Ok();
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  store::Transaction tx(*conn, store::TxMode::kWrite);
  CP_TRY(tx.Begin());
  CP_TRY(store::SessionRepository(*conn).SetRequestor(session.id_hash, std::nullopt));
  CP_TRY(ctx_.audit.AppendInTransaction(*conn, session.actor, {"mediation.end", "ok", {}, "{}"}));
  return tx.Commit();
}

}  // namespace cp::services
