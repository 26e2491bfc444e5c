#pragma once
// Viewing a child record: the best view, projected for the viewer (one
// door), with its audit entry written before the record is returned.

#include "policy/projection.h"
#include "services/actor.h"
#include "services/context.h"

namespace cp::services {

class RecordService {
 public:
  explicit RecordService(ServiceContext& ctx) : ctx_(ctx) {}

  // The record as `actor` may see it. NotFound for an unknown or archived
  // record (SRCH-4: archived records are not reachable by ordinary users);
  // PermissionDenied without the view right. Audited as "record.view".
  Result<policy::ProjectedRecord> View(const Actor& actor, core::ChildId id);

 private:
  ServiceContext& ctx_;
};

}  // namespace cp::services
