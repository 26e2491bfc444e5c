#pragma once
// The bridge between stored audit rows and the hash chain of security/:
// the hash of a row given its predecessor's, and verification of a stored
// chain against its signed checkpoints.

#include <string>
#include <vector>

#include "store/audit_repository.h"

namespace cp::services {

// The chain hash of `row` (whose prev_hash must be set), hex-encoded.
std::string ComputeRowHash(const store::AuditRow& row);

}  // namespace cp::services
