// contactpoint audit verify: recomputes the whole hash chain and checks every
// signed checkpoint (AUD-4). Exit status 0 only when the trail is intact.

#include <iostream>

#include "cli/command.h"
#include "cli/runtime.h"
#include "services/audit_signing.h"

namespace cp::cli {
namespace {

struct Options {
  RuntimeOptions runtime;
};

int Verify(const Options& o) {
  auto rt = OpenRuntime(o.runtime);
  if (!rt) {
    std::cerr << "error: " << rt.error().message << "\n";
    return 2;
  }
  auto conn = (*rt)->db->Acquire();
  if (!conn) {
    std::cerr << "error: " << conn.error().message << "\n";
    return 2;
  }
  auto v = services::VerifyAuditTrail(**conn, (*rt)->signer->PublicKeyHex());
  if (!v) {
    std::cerr << "error: " << v.error().message << "\n";
    return 2;
  }
  if (v->ok()) {
    std::cout << "Audit trail intact: " << v->entries << " entries, " << v->checkpoints
              << " signed checkpoints verified\n";
    return 0;
  }
  std::cout << "AUDIT TRAIL TAMPERED: " << services::AuditProblemName(v->problem) << " at entry "
            << v->first_bad_seq << ": " << v->message << "\n";
  return 1;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* audit = app.add_subcommand("audit", "Work with the audit trail");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify",
                                       "Detect any edited, deleted, reordered or "
                                       "truncated audit entry");
  verify->add_option("--db", o->runtime.db_url, "Database URL")->capture_default_str();
  verify->add_option("--keys", o->runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
  verify->callback([o] { Exit(Verify(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
