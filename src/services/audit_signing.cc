#include "services/audit_signing.h"

#include <map>

#include "security/audit_chain.h"
#include "security/signer.h"
#include "services/audit_hash.h"

namespace cp::services {
namespace {

constexpr int kPage = 5000;

AuditVerification Problem(AuditProblem p, std::int64_t seq, std::string message,
                          AuditVerification v) {
  v.problem = p;
  v.first_bad_seq = seq;
  v.message = std::move(message);
  return v;
}

}  // namespace

std::string SignCheckpoint(const security::Signer& signer, const store::AuditCheckpointRow& cp) {
  return signer.Sign(security::CheckpointMessage(cp.seq, cp.head_hash, cp.at));
}

std::string_view AuditProblemName(AuditProblem p) {
  switch (p) {
    case AuditProblem::kNone:
      return "none";
    case AuditProblem::kEditedEntry:
      return "edited entry";
    case AuditProblem::kBrokenLink:
      return "broken link (reordered or replaced entries)";
    case AuditProblem::kMissingEntry:
      return "missing entry";
    case AuditProblem::kReordered:
      return "reordered entries";
    case AuditProblem::kTruncated:
      return "truncated trail";
    case AuditProblem::kBadCheckpoint:
      return "bad checkpoint";
  }
  return "unknown";
}

Result<AuditVerification> VerifyAuditTrail(store::Connection& conn, const std::string& public_key) {
  store::AuditRepository repo(conn);
  AuditVerification v;
  CP_ASSIGN(auto checkpoints, repo.Checkpoints());
  std::map<std::int64_t, const store::AuditCheckpointRow*> by_seq;
  for (const auto& cp : checkpoints) {
    if (!security::VerifySignature(
            public_key, security::CheckpointMessage(cp.seq, cp.head_hash, cp.at), cp.signature)) {
      return Problem(AuditProblem::kBadCheckpoint, cp.seq,
                     "checkpoint signature does not verify with this key", v);
    }
    by_seq[cp.seq] = &cp;
    ++v.checkpoints;
  }
  std::int64_t expected = 1;
  std::string prev_hash;
  for (;;) {
    CP_ASSIGN(auto rows, repo.After(expected - 1, kPage));
    if (rows.empty()) break;
    for (const auto& row : rows) {
      if (row.seq != expected) {
        return Problem(AuditProblem::kMissingEntry, expected,
                       "entry " + std::to_string(expected) + " is missing", v);
      }
      if (row.prev_hash != prev_hash) {
        return Problem(AuditProblem::kBrokenLink, row.seq,
                       "entry does not follow the entry before it", v);
      }
      if (ComputeRowHash(row) != row.hash) {
        return Problem(AuditProblem::kEditedEntry, row.seq, "entry content does not match its hash",
                       v);
      }
      if (auto it = by_seq.find(row.seq); it != by_seq.end() && it->second->head_hash != row.hash) {
        return Problem(AuditProblem::kEditedEntry, row.seq,
                       "entry differs from the signed checkpoint", v);
      }
      prev_hash = row.hash;
      ++expected;
      ++v.entries;
    }
  }
  if (!checkpoints.empty() && checkpoints.back().seq > v.entries) {
    return Problem(AuditProblem::kTruncated, v.entries + 1,
                   "entries up to " + std::to_string(checkpoints.back().seq) +
                       " were signed but the trail ends at " + std::to_string(v.entries),
                   v);
  }
  return v;
}

}  // namespace cp::services
