#include "security/audit_chain.h"

#include "security/random.h"

namespace cp::security {
namespace {

// Length-prefixed field: "<len>:<bytes>;".
void Put(std::string& out, std::string_view value) {
  out.append(std::to_string(value.size()));
  out.push_back(':');
  out.append(value);
  out.push_back(';');
}

void PutOpt(std::string& out, const std::optional<std::int64_t>& v) {
  Put(out, v ? std::to_string(*v) : std::string("-"));
}

}  // namespace

std::string ChainHash(const std::string& prev_hash, const AuditEntryFields& e) {
  std::string msg = "contactpoint-audit-v1;";
  Put(msg, prev_hash);
  Put(msg, std::to_string(e.seq));
  Put(msg, std::to_string(e.at));
  PutOpt(msg, e.user_id);
  PutOpt(msg, e.mediator_id);
  Put(msg, e.route);
  Put(msg, e.action);
  Put(msg, e.record_ids);
  Put(msg, e.details);
  Put(msg, e.outcome);
  return Sha256Hex(msg);
}

std::string CheckpointMessage(std::int64_t seq, const std::string& head_hash, Timestamp at) {
  std::string msg = "contactpoint-audit-checkpoint-v1;";
  Put(msg, std::to_string(seq));
  Put(msg, head_hash);
  Put(msg, std::to_string(at));
  return msg;
}

}  // namespace cp::security
