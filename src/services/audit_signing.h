#pragma once
// Signing and verifying the audit trail (AUD-4): checkpoints sign the chain
// head with Ed25519; verification recomputes every hash and checks every
// checkpoint, so an edited, deleted, reordered or truncated entry is found.

#include <cstdint>
#include <string>

#include "store/audit_repository.h"
#include "store/db.h"

namespace cp::security {
class Signer;
}

namespace cp::services {

// The signature (hex) of a checkpoint row over its canonical encoding.
std::string SignCheckpoint(const security::Signer& signer, const store::AuditCheckpointRow& cp);

enum class AuditProblem {
  kNone,
  kEditedEntry,    // an entry's content no longer matches its hash
  kBrokenLink,     // an entry does not chain to the one before it
  kMissingEntry,   // a gap in the sequence: an entry was deleted
  kReordered,      // entries out of sequence order
  kTruncated,      // entries after a signed checkpoint are gone
  kBadCheckpoint,  // a checkpoint's signature or head does not verify
};

struct AuditVerification {
  AuditProblem problem = AuditProblem::kNone;
  std::int64_t entries = 0;        // entries checked
  std::int64_t checkpoints = 0;    // checkpoints verified
  std::int64_t first_bad_seq = 0;  // where the problem was found
  std::string message;

  bool ok() const { return problem == AuditProblem::kNone; }
};

// Reads the whole trail on `conn` and verifies it against `public_key`
// (hex Ed25519 public key).
Result<AuditVerification> VerifyAuditTrail(store::Connection& conn, const std::string& public_key);

std::string_view AuditProblemName(AuditProblem p);

}  // namespace cp::services
