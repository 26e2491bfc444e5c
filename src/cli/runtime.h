#pragma once
// The composition root shared by the subcommands that act through the
// services: a database, the keys held outside it, credentials, the signed
// audit trail and the service context.
//
// Keys live in a directory beside the database (var/keys for the demo),
// created on first use with mode 0600: the password pepper, the key that
// seals token secrets, and the Ed25519 key that signs audit checkpoints.

#include <memory>
#include <string>

#include "platform/clock.h"
#include "security/signer.h"
#include "services/audit_trail.h"
#include "services/context.h"
#include "services/credentials.h"
#include "store/db.h"

namespace cp::cli {

struct RuntimeOptions {
  std::string db_url = "sqlite:var/contactpoint.db";
  std::string keys_dir = "var/keys";
  std::string password_list;  // default: the project's data/passwords/common.txt
  int pool_size = 4;
  int cache_mib = store::kDefaultCacheMib;  // each SQLite connection's page cache
};

struct Runtime {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<security::Signer> signer;
  std::unique_ptr<services::Credentials> credentials;
  std::unique_ptr<services::AuditTrail> audit;
  std::unique_ptr<services::ServiceContext> ctx;

  ~Runtime();
};

// Opens the database (migrating it), loads or creates the keys.
Result<std::unique_ptr<Runtime>> OpenRuntime(const RuntimeOptions& options);

// The operator at the command line: acts with the central team's
// administrative rights, audited on the "cli" route.
services::Actor OperatorActor();

// Reads a file's bytes, creating it with `size` random bytes (mode 0600)
// when it does not exist.
Result<std::string> LoadOrCreateSecret(const std::string& path, std::size_t size);

}  // namespace cp::cli
