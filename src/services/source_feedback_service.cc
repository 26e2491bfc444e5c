#include "services/source_feedback_service.h"

#include "services/input_text.h"
#include "services/source_register.h"

namespace cp::services {

Result<SourceFeedback> SourceFeedbackService::Read(const std::string& credential,
                                                   std::int64_t mismatches_after,
                                                   std::int64_t unusable_after, Route route) {
  CP_ASSIGN(core::DataSource source, SourceRegister(ctx_).AuthoriseUpload(credential, route));
  SourceFeedback out;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(out.mismatches, store::ContributionRepository(*conn).MismatchesForSource(
                                  source.id, mismatches_after, kPage));
    CP_ASSIGN(out.unusable,
              store::ReviewRepository(*conn).UnusableReports(source.id, unusable_after, kPage));
  }
  CP_TRY(ctx_.audit.Append(
      Actor::System(route),
      {"source.feedback",
       "ok",
       {},
       AuditDetails({{"source_id", source.id},
                     {"mismatches", static_cast<std::int64_t>(out.mismatches.size())},
                     {"unusable", static_cast<std::int64_t>(out.unusable.size())}})}));
  return out;
}

}  // namespace cp::services
