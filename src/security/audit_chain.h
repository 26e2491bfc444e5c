#pragma once
// The hash chain of the audit trail (AUD-4). Each entry's hash is SHA-256
// over the previous entry's hash and an unambiguous, length-prefixed
// encoding of every field, so changing, removing or reordering any entry
// breaks every hash after it. Checkpoints sign (sequence, head hash, time).

#include <cstdint>
#include <optional>
#include <string>

#include "platform/date.h"

namespace cp::security {

struct AuditEntryFields {
  std::int64_t seq = 0;
  Timestamp at = 0;
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> mediator_id;
  std::string route;
  std::string action;
  std::string record_ids;
  std::string details;
  std::string outcome;
};

// Hex SHA-256 of prev_hash ‖ canonical(entry).
std::string ChainHash(const std::string& prev_hash, const AuditEntryFields& entry);

// The message a checkpoint signature covers.
std::string CheckpointMessage(std::int64_t seq, const std::string& head_hash, Timestamp at);

}  // namespace cp::security
