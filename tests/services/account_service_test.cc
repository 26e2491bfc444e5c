#include "services/account_service.h"

#include "services/fixture.h"
#include "store/account_repository.h"
#include "store/audit_repository.h"
#include "store/notification_repository.h"

namespace cp::services {
namespace {

class AccountServiceTest : public ServiceFixture {
 protected:
  NewAccountRequest Request(const std::string& username) {
    NewAccountRequest r;
    r.username = username;
    r.display_name = "Pat Example";
    r.role = core::Role::kPractitioner;
    r.la_code = "E08000035";
    r.password = kPassword;
    const Date today = tdb_.clock().Today();
    r.conditions = {"School safeguarding lead",
                    today.AddDays(-10),
                    today.AddDays(-5),
                    today.AddYears(-2),
                    core::CrbEvidence::kEmployerConfirmation,
                    ""};
    return r;
  }
  std::string LastAction() {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).After(0, 100000);
    EXPECT_TRUE(rows);
    return rows->empty() ? "" : rows->back().action + ":" + rows->back().outcome;
  }
};

// ACC-3, F B4: each of the five conditions missing refuses the account,
// naming the condition; the refusal is audited and nothing is created.
TEST_F(AccountServiceTest, RefusesUnlessAllFiveConditionsAreRecorded) {
  const Date today = tdb_.clock().Today();
  struct Case {
    const char* field;
    void (*spoil)(NewAccountRequest&, Date);
  };
  const Case cases[] = {
      {"need_for_access", [](NewAccountRequest& r, Date) { r.conditions.need_for_access.clear(); }},
      {"accredited_training_on",
       [](NewAccountRequest& r, Date) { r.conditions.accredited_training_on.reset(); }},
      {"other_training_on",
       [](NewAccountRequest& r, Date) { r.conditions.other_training_on.reset(); }},
      {"crb_issued_on",
       [](NewAccountRequest& r, Date t) { r.conditions.crb_issued_on = t.AddYears(-3); }},
  };
  for (const Case& c : cases) {
    NewAccountRequest r = Request(std::string("user_") + c.field);
    c.spoil(r, today);
    auto created = accounts_->Create(Operator(), r);
    ASSERT_FALSE(created) << c.field;
    EXPECT_EQ(created.error().field, c.field);
    EXPECT_EQ(LastAction(), "user.create:refused");
    auto conn = tdb_.Conn();
    auto found = store::AccountRepository(*conn).FindByUsername(r.username);
    ASSERT_TRUE(found);
    EXPECT_FALSE(found->has_value()) << c.field;
  }
  // VBS membership once the central team switches the requirement on.
  ASSERT_TRUE(accounts_->SetVbsRequired(Operator(), true));
  auto no_vbs = accounts_->Create(Operator(), Request("user_vbs"));
  ASSERT_FALSE(no_vbs);
  EXPECT_EQ(no_vbs.error().field, "vbs_number");
  NewAccountRequest with_vbs = Request("user_vbs");
  with_vbs.conditions.vbs_number = "VBS-0001";
  EXPECT_TRUE(accounts_->Create(Operator(), with_vbs));
}

TEST_F(AccountServiceTest, RefusesCommonPasswordsAndRightsTheRoleCannotHold) {
  NewAccountRequest weak = Request("weak_password");
  weak.password = "password1234";
  auto r = accounts_->Create(Operator(), weak);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  NewAccountRequest wrong_right = Request("too_powerful");
  wrong_right.extra_rights = {core::Right::kUnshield};  // SHD-4: LA manager only
  auto r2 = accounts_->Create(Operator(), wrong_right);
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().field, "extra_rights");
}

TEST_F(AccountServiceTest, OnlyUserAdministratorsCreateAccounts) {  // ACC-1
  Actor practitioner;
  practitioner.user_id = 99;
  practitioner.rights = core::RoleRights(core::Role::kPractitioner);
  auto r = accounts_->Create(practitioner, Request("nobody"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
}

// ACC-6, AUTH-2: suspension ends every session at once and tells the staff
// manager; the account then has no access.
TEST_F(AccountServiceTest, SuspensionEndsSessionsAtOnceAndTellsTheStaffManager) {
  const core::UserId id = AddUser("sam", core::Role::kPractitioner);
  const SessionInfo session = SignInAs("sam");
  ASSERT_TRUE(accounts_->Suspend(Operator(), id, core::SuspensionReason::kExtendedLeave, "leave"));
  EXPECT_FALSE(sessions_->Resolve(session_ids_["sam"]));
  (void)session;
  tdb_.clock().Advance(60);
  auto again = sessions_->SignIn({"sam", kPassword, CodeFor("sam"), Route::kWeb});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().message, kSignInFailed);
  auto conn = tdb_.Conn();
  auto unsent = store::NotificationRepository(*conn).Unsent(10);
  ASSERT_TRUE(unsent);
  ASSERT_EQ(unsent->size(), 1u);
  EXPECT_EQ(unsent->front().recipient, "manager.sam@example.org");
}

// ACC-5: after a lost token, reactivation needs a new token first.
TEST_F(AccountServiceTest, LostTokenNeedsANewTokenBeforeReactivation) {
  const core::UserId id = AddUser("lee", core::Role::kPractitioner);
  ASSERT_TRUE(
      accounts_->Suspend(Operator(), id, core::SuspensionReason::kTokenLostOrPasswordKnown, ""));
  auto refused = accounts_->Reactivate(Operator(), id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kFailedPrecondition);
  auto token = accounts_->IssueNewToken(Operator(), id);
  ASSERT_TRUE(token);
  sealed_["lee"] = token->sealed_secret;
  ASSERT_TRUE(accounts_->Reactivate(Operator(), id));
  tdb_.clock().Advance(60);
  EXPECT_TRUE(sessions_->SignIn({"lee", kPassword, CodeFor("lee"), Route::kWeb}));
}

// ACC-7: closing is permanent and revokes the token.
TEST_F(AccountServiceTest, ClosingIsPermanent) {
  const core::UserId id = AddUser("kim", core::Role::kPractitioner);
  ASSERT_TRUE(accounts_->Close(Operator(), id, "left the organisation"));
  auto conn = tdb_.Conn();
  auto account = store::AccountRepository(*conn).Get(id);
  ASSERT_TRUE(account);
  EXPECT_EQ(account->status, core::AccountStatus::kClosed);
  EXPECT_EQ(account->token_state, "revoked");
  auto reopen = accounts_->Reactivate(Operator(), id);
  ASSERT_FALSE(reopen);
  EXPECT_EQ(reopen.error().code, ErrorCode::kFailedPrecondition);
}

// ACC-12: an administrator resets a password; the old one stops working.
TEST_F(AccountServiceTest, AdministratorResetsAPassword) {
  const core::UserId id = AddUser("jo.b", core::Role::kPractitioner);
  ASSERT_TRUE(accounts_->ResetPassword(Operator(), id, "a brand new long passphrase"));
  tdb_.clock().Advance(31);
  auto old = sessions_->SignIn({"jo.b", kPassword, CodeFor("jo.b"), Route::kWeb});
  EXPECT_FALSE(old);
  tdb_.clock().Advance(31);
  EXPECT_TRUE(
      sessions_->SignIn({"jo.b", "a brand new long passphrase", CodeFor("jo.b"), Route::kWeb}));
}

// ACC-2, ACC-10: an LA's administrator cannot act on another LA's users.
TEST_F(AccountServiceTest, AdministratorsActOnlyOnTheirOwnAuthority) {
  const core::UserId id = AddUser("remote", core::Role::kPractitioner, {}, "E09000033");
  Actor leeds_admin;
  leeds_admin.user_id = 1;
  leeds_admin.role = core::Role::kUserAdministrator;
  leeds_admin.rights = core::RoleRights(core::Role::kUserAdministrator);
  leeds_admin.la_code = "E08000035";
  auto r = accounts_->Suspend(leeds_admin, id, core::SuspensionReason::kInvestigation, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace cp::services
