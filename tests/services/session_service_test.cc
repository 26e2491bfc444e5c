#include "services/session_service.h"

#include "services/fixture.h"
#include "store/audit_repository.h"

namespace cp::services {
namespace {

class SessionServiceTest : public ServiceFixture {
 protected:
  std::vector<store::AuditRow> Audit() {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).After(0, 100000);
    EXPECT_TRUE(rows);
    return *rows;
  }
};

// AUTH-1: user name, password and token code together open a session.
TEST_F(SessionServiceTest, SignsInWithAllThreeFactors) {
  AddUser("amy", core::Role::kPractitioner);
  auto s = sessions_->SignIn({"amy", kPassword, CodeFor("amy"), Route::kWeb});
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->session_id.size(), 32u);  // 128 bits, hex
  auto info = sessions_->Resolve(s->session_id);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->user.username, "amy");
  EXPECT_EQ(Audit().back().action, "sign_in");
}

// AUTH-3: one generic error whichever factor was wrong.
TEST_F(SessionServiceTest, FailuresSayNothingAboutWhichFactorWasWrong) {
  AddUser("bob", core::Role::kPractitioner);
  const std::string good = CodeFor("bob");
  const std::string bad_code = good == "000000" ? "111111" : "000000";
  const SignInRequest attempts[] = {{"bob", "wrong password here", good, Route::kWeb},
                                    {"bob", kPassword, bad_code, Route::kWeb},
                                    {"nobody-at-all", kPassword, good, Route::kWeb}};
  for (const auto& a : attempts) {
    auto r = sessions_->SignIn(a);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(r.error().message, kSignInFailed);
  }
  for (const auto& row : Audit()) {
    if (row.action == "sign_in") {
      EXPECT_EQ(row.outcome, "failed");  // AUD-1
    }
  }
}

// AUTH-1: an accepted code can never be used again.
TEST_F(SessionServiceTest, RefusesAReplayedCode) {
  AddUser("cat", core::Role::kPractitioner);
  const std::string code = CodeFor("cat");
  ASSERT_TRUE(sessions_->SignIn({"cat", kPassword, code, Route::kWeb}));
  auto replay = sessions_->SignIn({"cat", kPassword, code, Route::kWeb});
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().message, kSignInFailed);
  tdb_.clock().Advance(30);
  EXPECT_TRUE(sessions_->SignIn({"cat", kPassword, CodeFor("cat"), Route::kWeb}));
}

// AUTH-3: at most 10 failures in 5 minutes, then locked out even with the
// right factors, until the window clears.
TEST_F(SessionServiceTest, LocksOutAfterTenFailuresInFiveMinutes) {
  AddUser("dan", core::Role::kPractitioner);
  for (int i = 0; i < 10; ++i) {
    EXPECT_FALSE(sessions_->SignIn({"dan", "not the password!", "123456", Route::kWeb}));
  }
  auto locked = sessions_->SignIn({"dan", kPassword, CodeFor("dan"), Route::kWeb});
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::kResourceExhausted);
  tdb_.clock().Advance(5 * 60 + 1);
  EXPECT_TRUE(sessions_->SignIn({"dan", kPassword, CodeFor("dan"), Route::kWeb}));
}

// AUTH-2: 15 minutes idle ends a session, and the time-out is audited.
TEST_F(SessionServiceTest, EndsAfterFifteenMinutesIdle) {
  AddUser("eve", core::Role::kPractitioner);
  SignInAs("eve");
  const std::string id = session_ids_["eve"];
  tdb_.clock().Advance(14 * 60);
  ASSERT_TRUE(sessions_->Resolve(id));  // activity resets the idle clock
  tdb_.clock().Advance(14 * 60);
  ASSERT_TRUE(sessions_->Resolve(id));
  tdb_.clock().Advance(15 * 60);
  auto expired = sessions_->Resolve(id);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(Audit().back().action, "session.end");
  EXPECT_EQ(Audit().back().outcome, "idle_timeout");
}

// AUTH-2: 12 hours at most, however active.
TEST_F(SessionServiceTest, EndsAfterTwelveHoursWhateverTheActivity) {
  AddUser("fay", core::Role::kPractitioner);
  SignInAs("fay");
  const std::string id = session_ids_["fay"];
  for (int i = 0; i < 12 * 6 - 1; ++i) {
    tdb_.clock().Advance(10 * 60);
    ASSERT_TRUE(sessions_->Resolve(id)) << i;
  }
  tdb_.clock().Advance(10 * 60);
  EXPECT_FALSE(sessions_->Resolve(id));
}

TEST_F(SessionServiceTest, SignOutEndsTheSession) {
  AddUser("gus", core::Role::kPractitioner);
  const SessionInfo info = SignInAs("gus");
  ASSERT_TRUE(sessions_->SignOut(info));
  EXPECT_FALSE(sessions_->Resolve(session_ids_["gus"]));
  EXPECT_EQ(Audit().back().action, "sign_out");
}

// AUTH-6, AUD-3: while mediating, actions use the requestor's rights and
// carry both identities.
TEST_F(SessionServiceTest, MediationActsOnTheRequestorsRightsWithBothIdentities) {
  const core::UserId mediator_id = AddUser("mia", core::Role::kSupportStaff);
  const core::UserId requestor_id = AddUser("ned", core::Role::kManager);
  const SessionInfo mediator = SignInAs("mia");
  tdb_.clock().Advance(30);
  ASSERT_TRUE(sessions_->StartMediation(mediator, {"ned", kPassword, CodeFor("ned"), Route::kWeb}));
  auto during = sessions_->Resolve(session_ids_["mia"]);
  ASSERT_TRUE(during);
  EXPECT_EQ(during->actor.user_id, requestor_id);
  EXPECT_EQ(during->actor.mediator_id, mediator_id);
  EXPECT_TRUE(during->actor.Has(core::Right::kUpdate));  // a manager's right, not support staff's
  const auto start = Audit().back();
  EXPECT_EQ(start.action, "mediation.start");
  EXPECT_EQ(start.user_id, requestor_id);
  EXPECT_EQ(start.mediator_id, mediator_id);
  ASSERT_TRUE(sessions_->EndMediation(*during));
  auto after = sessions_->Resolve(session_ids_["mia"]);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->actor.user_id, mediator_id);
  EXPECT_FALSE(after->actor.mediator_id.has_value());
}

// AUTH-6, ACC-6: a suspended requestor is refused, and only holders of the
// mediate right can mediate.
TEST_F(SessionServiceTest, MediationRefusesASuspendedRequestorAndNonMediators) {
  AddUser("ola", core::Role::kSupportStaff);
  const core::UserId requestor = AddUser("pip", core::Role::kPractitioner);
  ASSERT_TRUE(
      accounts_->Suspend(Operator(), requestor, core::SuspensionReason::kInvestigation, ""));
  const SessionInfo mediator = SignInAs("ola");
  tdb_.clock().Advance(30);
  auto refused =
      sessions_->StartMediation(mediator, {"pip", kPassword, CodeFor("pip"), Route::kWeb});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);

  AddUser("quin", core::Role::kPractitioner);  // no mediate right
  AddUser("rex", core::Role::kPractitioner);
  const SessionInfo plain = SignInAs("quin");
  tdb_.clock().Advance(30);
  auto denied = sessions_->StartMediation(plain, {"rex", kPassword, CodeFor("rex"), Route::kWeb});
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

// ACC-6: suspending a requestor ends mediation on their behalf at once.
TEST_F(SessionServiceTest, SuspendingTheRequestorEndsTheMediation) {
  AddUser("sue", core::Role::kSupportStaff);
  const core::UserId requestor = AddUser("tom", core::Role::kPractitioner);
  const SessionInfo mediator = SignInAs("sue");
  tdb_.clock().Advance(30);
  ASSERT_TRUE(sessions_->StartMediation(mediator, {"tom", kPassword, CodeFor("tom"), Route::kWeb}));
  ASSERT_TRUE(
      accounts_->Suspend(Operator(), requestor, core::SuspensionReason::kInvestigation, ""));
  auto after = sessions_->Resolve(session_ids_["sue"]);
  ASSERT_TRUE(after);
  EXPECT_FALSE(after->requestor.has_value());
  EXPECT_NE(after->actor.user_id, requestor);
}

}  // namespace
}  // namespace cp::services
