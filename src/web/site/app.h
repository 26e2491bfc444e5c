#pragma once
// The web interface (AUTH-4): sign in, a home page for each role, search
// with a mandatory reason, the record page, sign out — GOV.UK Design System
// pages that work without JavaScript. Every page that touches personal data
// goes through a service (and so through the policy projection and the
// audit trail); this layer only parses forms and renders.
//
// Security on every response: a strict CSP with no inline script or style,
// nosniff, frame-ancestors 'none', no-referrer, no-store. State-changing
// requests need a same-origin Origin (when sent) and the session's CSRF
// token; the sign-in form uses a pre-session token in its own cookie.
// Cookies are __Host- prefixed, Secure, HttpOnly, SameSite=Strict.

#include <optional>
#include <string>

#include "services/amendment_service.h"
#include "services/break_glass_service.h"
#include "services/brokering_service.h"
#include "services/child_index.h"
#include "services/context.h"
#include "services/credentials.h"
#include "services/data_quality_service.h"
#include "services/merge_service.h"
#include "services/new_record_service.h"
#include "services/record_service.h"
#include "services/review_service.h"
#include "services/search_service.h"
#include "services/sensitive_involvement_service.h"
#include "services/session_service.h"
#include "services/shielding_service.h"
#include "web/site/api.h"
#include "web/site/http_types.h"
#include "web/site/templates.h"

namespace cp::web {

struct AppOptions {
  std::string assets_dir;
  std::string templates_dir;
  services::SessionPolicy sessions;  // idle and absolute time-outs, the warning
};

class App {
 public:
  // `index` (may be null) is searched, and told of the records created here.
  App(services::ServiceContext& ctx, const services::Credentials& credentials,
      services::ChildIndex* index, Templates templates, AppOptions options);

  Response Handle(const Request& request);

 private:
  Response Route(const Request& r);
  Response SignInPage(const Request& r, const std::string& error, int status = 200);
  Response SignIn(const Request& r);
  Response SignOut(const Request& r, const services::SessionInfo& s);
  Response Home(const services::SessionInfo& s);
  Response SearchPage(const services::SessionInfo& s, const Request* r,
                      const std::vector<Error>& errors);
  Response Search(const Request& r, const services::SessionInfo& s);
  Response MediationPage(const services::SessionInfo& s, const std::string& error, int status);
  Response Mediate(const Request& r, const services::SessionInfo& s);
  Response Asset(const std::string& path);
  // Shielding pages (shielding_pages.cc): the request form, withdrawal and
  // unshielding from the record page, the management team's queues.
  std::optional<Response> RouteShielding(const Request& r, const services::SessionInfo& s);
  void AddShieldingPanel(PageData& d, const services::SessionInfo& s, core::ChildId id,
                         bool shielded);
  Response ShieldRequestPage(const services::SessionInfo& s, core::ChildId id, const Request* r,
                             const std::vector<Error>& errors);
  Response ShieldRequest(const Request& r, const services::SessionInfo& s, core::ChildId id);
  Response ShieldingQueue(const services::SessionInfo& s, const std::string& notice,
                          const std::string& error);
  Response ShieldingLog(const services::SessionInfo& s);
  Response ShieldingReport(const Request& r, const services::SessionInfo& s);
  Response Record(const services::SessionInfo& s, const std::string& id, const std::string& notice,
                  const std::string& shield_error, int status);
  Response RecordPage(const services::SessionInfo& s, core::ChildId id,
                      const policy::ProjectedRecord& view, const std::string& notice,
                      const std::string& shield_error, int status, bool break_glass);
  // Break-glass pages (break_glass_pages.cc): the override form and the
  // management team's investigation queue.
  std::optional<Response> RouteBreakGlass(const Request& r, const services::SessionInfo& s);
  Response BreakGlassPage(const services::SessionInfo& s, core::ChildId id,
                          const std::string& reason, const std::vector<Error>& errors, int status);
  Response InvestigationsPage(const services::SessionInfo& s, const std::string& notice,
                              const std::string& error);
  // Brokering pages (brokering_pages.cc).
  std::optional<Response> RouteBrokering(const Request& r, const services::SessionInfo& s);
  Response BrokerAskPage(const services::SessionInfo& s, core::ChildId id, const Request& r,
                         const std::vector<Error>& errors, bool from_form);
  Response BrokerAsk(const Request& r, const services::SessionInfo& s, core::ChildId id);
  Response BrokeringPage(const services::SessionInfo& s, const std::string& notice,
                         const std::string& error);
  // Sensitive services and consent (sensitive_pages.cc).
  std::optional<Response> RouteSensitive(const Request& r, const services::SessionInfo& s);
  Response SensitiveInvolvementPage(const services::SessionInfo& s, core::ChildId id,
                                    const Request* r, const std::vector<Error>& errors);
  Response ConsentRenewalsPage(const services::SessionInfo& s);
  // Requests for a new child record (new_record_pages.cc, NEW-2).
  std::optional<Response> RouteNewRecords(const Request& r, const services::SessionInfo& s);
  Response NewRecordFormPage(const services::SessionInfo& s, const Request* r,
                             const std::vector<Error>& errors);
  Response NewRecordsPage(const services::SessionInfo& s, const std::string& notice);
  Response NewRecordReviewPage(const services::SessionInfo& s, std::int64_t id,
                               const services::NewRecordSearch* search, const Error* error);
  // Data quality (quality_pages.cc, FEED-7) and the upload page
  // (upload_pages.cc, FEED-2). Routed before the CSRF check, which reads
  // urlencoded forms only: the multipart upload checks its token itself.
  std::optional<Response> RouteFeeds(const Request& r, const services::SessionInfo& s);
  Response DataQualityPage(const services::SessionInfo& s);
  Response DataQualityCsv(const services::SessionInfo& s);
  Response UploadPage(const services::SessionInfo& s, const std::vector<Error>& errors,
                      const services::ImportReport* report, core::DataSourceId chosen, int status);
  Response Upload(const Request& r, const services::SessionInfo& s);
  // Matching and cleansing (review_pages.cc, FEED-6): the review queue of
  // uncertain matches, merging two records and undoing a merge.
  std::optional<Response> RouteReview(const Request& r, const services::SessionInfo& s);
  Response ReviewQueuePage(const services::SessionInfo& s, const std::string& notice);
  // `reason`: what the administrator typed as why the row is not usable,
  // shown again with an error.
  Response ReviewDetailPage(const services::SessionInfo& s, std::int64_t id, const Error* error,
                            const std::string& reason = "");
  Response MergeFormPage(const services::SessionInfo& s, const Request* r,
                         const std::vector<Error>& errors);
  Response MergeConfirmPage(const services::SessionInfo& s, core::ChildId keep,
                            core::ChildId merged, const Error* error);
  Response MergesPage(const services::SessionInfo& s, const std::string& notice,
                      const Error* error);
  // Users' amendments (amendment_pages.cc, UPD-1, UPD-2): the form, the
  // user's own amendments, the data administrators' queue and decision.
  std::optional<Response> RouteAmendments(const Request& r, const services::SessionInfo& s);
  Response AmendFormPage(const services::SessionInfo& s, core::ChildId id, const Request* r,
                         const std::vector<Error>& errors);
  Response MyAmendmentsPage(const services::SessionInfo& s, const std::string& notice);
  Response AmendmentQueuePage(const services::SessionInfo& s, const std::string& notice);
  Response AmendmentDetailPage(const services::SessionInfo& s, std::int64_t id, const Error* error);
  Response ErrorPage(int status, const std::string& heading, const std::string& message,
                     const services::SessionInfo* s = nullptr);
  Response Render(const std::string& page, const PageData& data, const std::string& title,
                  const services::SessionInfo* s, int status = 200);
  bool SameOrigin(const Request& r) const;

  services::ServiceContext& ctx_;
  const services::Credentials& credentials_;
  services::SessionService sessions_;
  services::SearchService search_;
  services::RecordService records_;
  services::ShieldingService shielding_;
  services::BreakGlassService break_glass_;
  services::BrokeringService brokering_;
  services::SensitiveInvolvementService sensitive_;
  services::NewRecordService new_records_;
  Api api_;  // also the upload path the upload page shares (Api::uploads)
  services::DataQualityService quality_{ctx_};
  services::ReviewService reviews_;
  services::MergeService merges_;
  services::AmendmentService amendments_;
  Templates templates_;
  AppOptions options_;
};

inline constexpr const char* kSessionCookie = "__Host-cp_session";
inline constexpr const char* kSignInCookie = "__Host-cp_signin";

}  // namespace cp::web
