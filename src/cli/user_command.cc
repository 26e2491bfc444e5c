// contactpoint user add|suspend|reactivate|close|reset-password|list
//
// Account administration from the command line (ACC-3 … ACC-12). The
// operator acts with the central team's administrative rights; every act is
// audited on the "cli" route.

#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "core/local_authority.h"
#include "security/totp.h"
#include "services/account_service.h"
#include "store/account_repository.h"

namespace cp::cli {
namespace {

struct Options {
  RuntimeOptions runtime;
  std::string username;
  std::string display_name;
  std::string email;
  std::string role = "practitioner";
  std::vector<std::string> rights;
  std::string la_code = "E08000035";
  std::string password;
  std::string need;
  std::string training_on;
  std::string other_training_on;
  std::string crb_issued_on;
  std::string crb_evidence = "disclosure_seen";
  std::string vbs_number;
  std::string staff_manager_name;
  std::string staff_manager_email;
  std::string reason = "investigation";
  std::string note;
};

int Fail(const Error& e) {
  std::cerr << "error: " << e.message << (e.field.empty() ? "" : " (" + e.field + ")") << "\n";
  return 1;
}

Result<std::optional<Date>> OptDate(const std::string& text, const char* field) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::ParseIso(text);
  if (!d) return Error::Invalid(field, std::string("Give ") + field + " as YYYY-MM-DD");
  return std::optional<Date>(*d);
}

Result<core::UserId> FindUser(Runtime& rt, const std::string& username) {
  CP_ASSIGN(auto conn, rt.db->Acquire());
  CP_ASSIGN(auto found, store::AccountRepository(*conn).FindByUsername(username));
  if (!found) return Error::NotFound("No user called " + username);
  return found->id;
}

void PrintToken(const services::IssuedToken& token) {
  std::cout << "Security token for an authenticator app:\n  " << token.otpauth_uri << "\n"
            << "  secret (for manual entry): " << token.base32_secret << "\n\n"
            << security::RenderQrForTerminal(token.otpauth_uri) << "\n";
}

int Add(const Options& o) {
  auto rt = OpenRuntime(o.runtime);
  if (!rt) return Fail(rt.error());
  services::NewAccountRequest r;
  r.username = o.username;
  r.display_name = o.display_name.empty() ? o.username : o.display_name;
  r.email = o.email;
  auto role = core::RoleFromName(o.role);
  if (!role) return Fail(Error::Invalid("role", "Unknown role " + o.role));
  r.role = *role;
  for (const auto& name : o.rights) {
    auto right = core::RightFromName(name);
    if (!right) return Fail(Error::Invalid("rights", "Unknown right " + name));
    r.extra_rights = r.extra_rights.With({*right});
  }
  r.la_code = o.la_code;
  r.password = o.password;
  r.conditions.need_for_access = o.need;
  auto t1 = OptDate(o.training_on, "training_on");
  auto t2 = OptDate(o.other_training_on, "other_training_on");
  auto t3 = OptDate(o.crb_issued_on, "crb_issued_on");
  if (!t1) return Fail(t1.error());
  if (!t2) return Fail(t2.error());
  if (!t3) return Fail(t3.error());
  r.conditions.accredited_training_on = *t1;
  r.conditions.other_training_on = *t2;
  r.conditions.crb_issued_on = *t3;
  auto evidence = core::CrbEvidenceFromName(o.crb_evidence);
  if (!evidence)
    return Fail(Error::Invalid("crb_evidence", "disclosure_seen or employer_confirmation"));
  r.conditions.crb_evidence = *evidence;
  r.conditions.vbs_number = o.vbs_number;
  r.staff_manager_name = o.staff_manager_name;
  r.staff_manager_email = o.staff_manager_email;
  services::AccountService accounts(*(*rt)->ctx, *(*rt)->credentials);
  auto created = accounts.Create(OperatorActor(), r);
  if (!created) return Fail(created.error());
  std::cout << "Created user " << o.username << " (id " << created->id << ")\n";
  PrintToken(created->token);
  return 0;
}

template <class Fn>
int WithUser(const Options& o, Fn fn) {
  auto rt = OpenRuntime(o.runtime);
  if (!rt) return Fail(rt.error());
  auto id = FindUser(**rt, o.username);
  if (!id) return Fail(id.error());
  services::AccountService accounts(*(*rt)->ctx, *(*rt)->credentials);
  Status s = fn(accounts, *id);
  if (!s) return Fail(s.error());
  return 0;
}

void AddCommon(CLI::App* cmd, Options& o) {
  cmd->add_option("--db", o.runtime.db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o.runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
  cmd->add_option("username", o.username, "User name")->required();
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* user = app.add_subcommand("user", "Administer user accounts");
  user->require_subcommand(1);

  auto* add =
      user->add_subcommand("add", "Create an account (all five conditions of access, G 2.7)");
  AddCommon(add, *o);
  add->add_option("--name", o->display_name, "Full name");
  add->add_option("--email", o->email, "Email address");
  add->add_option("--role", o->role,
                  "practitioner, manager, support_staff, la_manager, "
                  "la_data_administrator, user_administrator, central_team")
      ->capture_default_str();
  add->add_option("--right", o->rights, "An extra right for this person (repeatable)");
  add->add_option("--la", o->la_code, "ONS code of the administering local authority")
      ->capture_default_str();
  add->add_option("--password", o->password, "Initial password (12-128 characters)")->required();
  add->add_option("--need", o->need, "Why the applicant's work needs access")->required();
  add->add_option("--training-on", o->training_on, "Accredited training completed (YYYY-MM-DD)");
  add->add_option("--other-training-on", o->other_training_on, "Other LA training (YYYY-MM-DD)");
  add->add_option("--crb-issued-on", o->crb_issued_on,
                  "Enhanced CRB disclosure issued (YYYY-MM-DD)");
  add->add_option("--crb-evidence", o->crb_evidence, "disclosure_seen or employer_confirmation")
      ->capture_default_str();
  add->add_option("--vbs-number", o->vbs_number, "Vetting and Barring Scheme membership");
  add->add_option("--staff-manager", o->staff_manager_name, "Staff manager's name");
  add->add_option("--staff-manager-email", o->staff_manager_email, "Staff manager's email");
  add->callback([o] { Exit(Add(*o)); });

  auto* suspend = user->add_subcommand("suspend", "Suspend an account at once (ACC-6)");
  AddCommon(suspend, *o);
  suspend
      ->add_option("--reason", o->reason,
                   "extended_leave, suspected_misuse, investigation, not_following_guidance, "
                   "prolonged_inactivity, suspended_by_employer, crb_expired, "
                   "token_lost_or_password_known")
      ->capture_default_str();
  suspend->add_option("--note", o->note, "Written record of why");
  suspend->callback([o] {
    auto reason = core::SuspensionReasonFromName(o->reason);
    if (!reason) return Exit(Fail(Error::Invalid("reason", "Unknown reason " + o->reason)));
    Exit(WithUser(*o, [&](services::AccountService& a, core::UserId id) {
      return a.Suspend(OperatorActor(), id, *reason, o->note);
    }));
  });

  auto* reactivate = user->add_subcommand("reactivate", "Reactivate a suspended account");
  AddCommon(reactivate, *o);
  reactivate->callback([o] {
    Exit(WithUser(*o, [&](services::AccountService& a, core::UserId id) {
      return a.Reactivate(OperatorActor(), id);
    }));
  });

  auto* close = user->add_subcommand("close", "Close an account for good (ACC-7)");
  AddCommon(close, *o);
  close->add_option("--note", o->note, "Written record of why");
  close->callback([o] {
    Exit(WithUser(*o, [&](services::AccountService& a, core::UserId id) {
      return a.Close(OperatorActor(), id, o->note);
    }));
  });

  auto* reset = user->add_subcommand("reset-password", "Set a new password (ACC-12)");
  AddCommon(reset, *o);
  reset->add_option("--password", o->password, "The new password")->required();
  reset->callback([o] {
    Exit(WithUser(*o, [&](services::AccountService& a, core::UserId id) {
      return a.ResetPassword(OperatorActor(), id, o->password);
    }));
  });

  auto* token = user->add_subcommand("new-token", "Issue a new security token (ACC-5)");
  AddCommon(token, *o);
  token->callback([o] {
    Exit(WithUser(*o, [&](services::AccountService& a, core::UserId id) -> Status {
      CP_ASSIGN(auto t, a.IssueNewToken(OperatorActor(), id));
      PrintToken(t);
      return Ok();
    }));
  });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
