#pragma once
// Two-factor sign-in, sessions and mediated access (AUTH-1 … AUTH-3, AUTH-6,
// G 2.2, G 2.15–2.17, F B5–B6).
//
// Sign-in takes user name, password and token code together and answers
// with one generic error whichever was wrong (AUTH-3). At most 10 failures
// in 5 minutes per account, then the account is locked out until the window
// clears. An accepted code can never be used again (the last accepted step
// is stored atomically).
//
// A session lasts 15 minutes idle and 12 hours at most; it ends at once when
// its user is suspended or closed (every request re-checks the account).

#include <optional>
#include <string>

#include "core/user_account.h"
#include "services/actor.h"
#include "services/context.h"
#include "services/credentials.h"

namespace cp::services {

struct SessionPolicy {
  std::int64_t idle_seconds = 15 * 60;
  std::int64_t absolute_seconds = 12 * 60 * 60;
  std::int64_t warning_seconds = 2 * 60;  // the time-out warning shows this long before
  int max_failures = 10;                  // AUTH-3
  std::int64_t failure_window_seconds = 5 * 60;
};

struct SignInRequest {
  std::string username;
  std::string password;
  std::string code;
  Route route = Route::kWeb;
};

struct NewSession {
  std::string session_id;  // the secret for the cookie or bearer header; never stored
  std::string csrf_token;
  core::UserId user_id = 0;
};

// A live session, resolved for one request.
struct SessionInfo {
  std::string id_hash;
  std::string csrf_token;
  core::UserAccount user;                      // who is signed in
  std::optional<core::UserAccount> requestor;  // AUTH-6: on whose behalf, when mediating
  Actor actor;                                 // rights of the requestor when mediating
  Timestamp expires_at = 0;                    // idle or absolute, whichever is first
  Timestamp last_seen_at = 0;
};

class SessionService {
 public:
  SessionService(ServiceContext& ctx, const Credentials& credentials, SessionPolicy policy = {})
      : ctx_(ctx), credentials_(credentials), policy_(policy) {}

  // Unauthenticated with one generic message on any wrong factor, unknown
  // user or inactive account; ResourceExhausted while locked out.
  Result<NewSession> SignIn(const SignInRequest& request);

  // The live session for `session_id`, touched; Unauthenticated when it is
  // unknown, ended, timed out (audited as a time-out), or its user (or
  // requestor) is no longer active.
  Result<SessionInfo> Resolve(const std::string& session_id, bool touch = true);

  Status SignOut(const SessionInfo& session);

  // "Stay signed in" from the time-out warning: restarts the idle time-out
  // now (Resolve touches at most every 30 seconds). The absolute time-out
  // still stands.
  Status KeepAlive(const SessionInfo& session);

  // AUTH-6: the mediator (who holds the mediate right) enters the
  // requestor's user name, password and code; from then on actions are
  // decided on the requestor's rights and audited with both identities.
  Status StartMediation(const SessionInfo& mediator, const SignInRequest& requestor);
  Status EndMediation(const SessionInfo& session);

  // Re-authentication before a sensitive step (break glass, BG-2): checks
  // the password and a fresh token code of the account whose rights the
  // session acts on — the signed-in user, or the requestor while mediating
  // (AUTH-6), who holds the right being exercised. Same rules as sign-in:
  // a wrong, missing or replayed factor is Unauthenticated with the generic
  // kSignInFailed, failures count towards the lock-out (ResourceExhausted),
  // the accepted code is consumed. Failures are audited as
  // "break_glass.authenticate"; the caller audits what success unlocks.
  Status Reauthenticate(const SessionInfo& session, const std::string& password,
                        const std::string& code);

  const SessionPolicy& policy() const { return policy_; }

 private:
  // Checks the three factors for `username`; records failures. On success
  // returns the account with its code step consumed.
  Result<core::UserAccount> Authenticate(store::Connection& conn, const SignInRequest& r,
                                         const Actor& audit_actor, const char* action);
  ServiceContext& ctx_;
  const Credentials& credentials_;
  SessionPolicy policy_;
};

// The generic sign-in failure (AUTH-3).
inline constexpr const char* kSignInFailed =
    "The user name, password or security code is not right";

// The Actor for `user` (and `mediator`, when mediated) on `route`.
Actor ActorFor(const core::UserAccount& user, const core::UserAccount* mediator, Route route);

}  // namespace cp::services
