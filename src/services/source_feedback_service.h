#pragma once
// What ContactPoint tells a data source about the records it sent
// (FEED-3, FEED-5, UPD-3; G 3.1, G 4.52, glossary C14), read by the
// source's own system with its credential — the same credential it uploads
// with, and under the same rule: an accredited source with an active
// agreement (FEED-2).
//
//   mismatches  each item of one of its records that differs from the best
//               view (which record, which item, since when — never the
//               best view's value), while it still differs;
//   unusable    each row a data administrator found not usable, with the
//               administrator's reason (ReviewService::ReportUnusable).
//
// Both are read as feeds: the source passes the last id it has seen of
// each and gets what came after, oldest first, a page at a time. Every
// read is audited with its counts.

#include <cstdint>
#include <string>
#include <vector>

#include "services/actor.h"
#include "services/context.h"
#include "store/contribution_repository.h"
#include "store/review_repository.h"

namespace cp::services {

struct SourceFeedback {
  std::vector<store::MismatchNotice> mismatches;
  std::vector<store::UnusableReport> unusable;
};

class SourceFeedbackService {
 public:
  static constexpr int kPage = 1000;  // of each kind, per read

  explicit SourceFeedbackService(ServiceContext& ctx) : ctx_(ctx) {}

  // The feedback for the source `credential` belongs to, after the ids
  // given. Unauthenticated and PermissionDenied as
  // SourceRegister::AuthoriseUpload.
  Result<SourceFeedback> Read(const std::string& credential, std::int64_t mismatches_after,
                              std::int64_t unusable_after, Route route);

 private:
  ServiceContext& ctx_;
};

}  // namespace cp::services
