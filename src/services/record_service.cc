#include "services/record_service.h"

#include "store/child_repository.h"

namespace cp::services {

Result<policy::ProjectedRecord> RecordService::View(const Actor& actor, core::ChildId id) {
  if (!actor.Has(core::Right::kView)) {
    CP_TRY(ctx_.audit.Append(actor, {"record.view", "denied", {id}, {}}));
    return Error::Denied("You cannot view child records");
  }
  core::Child child;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    auto loaded = store::ChildRepository(*conn).Get(id);
    if (!loaded) {
      if (loaded.error().code != ErrorCode::kNotFound) return loaded.error();
      CP_TRY(ctx_.audit.Append(actor, {"record.view", "not_found", {}, {}}));
      return Error::NotFound("There is no such record");
    }
    child = std::move(*loaded);
  }
  if (child.archive_state != core::ArchiveState::kLive) {
    CP_TRY(ctx_.audit.Append(actor, {"record.view", "archived", {id}, {}}));
    return Error::NotFound("There is no such record");
  }
  policy::ProjectedRecord view =
      policy::Project(child, actor.AsViewer(), policy::Purpose::kRecordView);
  const std::string details = view.minimal ? R"({"shielded":true})" : "{}";
  CP_TRY(ctx_.audit.Append(actor, {"record.view", "ok", {id}, details}));
  return view;
}

}  // namespace cp::services
