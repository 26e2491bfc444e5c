#pragma once
// The JSON API for adapted case management systems (AUTH-5): the same
// services as the web pages, under the same rules, reasons and audit, on the
// "api" route. Every request must carry an accredited system's credential
// (X-Client-Credential); users sign in through it with the same three
// factors and then send their session as a bearer token.
// docs/api/openapi.yaml describes it; a test checks each documented route.
//
// The protection workflows — shielding, break glass, brokering — are routed
// in api_protection.cc, and sensitive services and consent in
// api_sensitive.cc, through the same services and so the same rights and
// audit as their web pages.
//
// A data source's upload (FEED-2, api_uploads.cc) and its read of what it is
// told back (FEED-5, G 4.52) are the routes that take no client credential
// or session: the source presents its own credential (X-Source-Credential).

#include <boost/json/fwd.hpp>
#include <memory>
#include <optional>

#include "services/amendment_service.h"
#include "services/api_clients.h"
#include "services/break_glass_service.h"
#include "services/brokering_service.h"
#include "services/child_index.h"
#include "services/import_service.h"
#include "services/record_service.h"
#include "services/search_service.h"
#include "services/sensitive_involvement_service.h"
#include "services/session_service.h"
#include "services/shielding_service.h"
#include "services/source_feedback_service.h"
#include "services/upload_service.h"
#include "web/site/http_types.h"

namespace cp::web {

class Api {
 public:
  // `index` (may be null) is searched, and kept in step by uploads; without
  // it uploads are Unavailable.
  Api(services::ServiceContext& ctx, const services::Credentials& credentials,
      services::ChildIndex* index, services::SessionPolicy sessions = {});
  // Handles a request whose path starts with /api/.
  Response Handle(const Request& request);
  // The upload path this API's route uses, for the upload page to share.
  services::UploadService& uploads() { return uploads_; }

 private:
  Response Route(const Request& r);
  // api_uploads.cc: FEED-2, FEED-5; nullopt unless the request is an
  // upload or a source's read of its feedback.
  std::optional<Response> RouteUploads(const Request& r);
  // api_protection.cc: nullopt when the path is none of theirs. `body` is
  // the parsed JSON object of a POST (empty otherwise).
  std::optional<Response> RouteProtection(const Request& r, const boost::json::object& body,
                                          const services::SessionInfo& s);
  std::optional<Response> RouteShielding(const Request& r, const boost::json::object& body,
                                         const services::SessionInfo& s);
  std::optional<Response> RouteBreakGlass(const Request& r, const boost::json::object& body,
                                          const services::SessionInfo& s);
  std::optional<Response> RouteBrokering(const Request& r, const boost::json::object& body,
                                         const services::SessionInfo& s);
  // api_sensitive.cc: SENS-2, SENS-3; nullopt when the path is none of its.
  std::optional<Response> RouteSensitive(const Request& r, const boost::json::object& body,
                                         const services::SessionInfo& s);

  // api_amendments.cc: UPD-1, UPD-2; nullopt when the path is none of its.
  std::optional<Response> RouteAmendments(const Request& r, const boost::json::object& body,
                                          const services::SessionInfo& s);

  services::ServiceContext& ctx_;  // the clock: a report's default period, what is overdue
  services::ApiClients clients_;
  services::SessionService sessions_;
  services::SearchService search_;
  services::RecordService records_;
  services::ShieldingService shielding_;
  services::BreakGlassService break_glass_;  // re-authenticates through sessions_
  services::BrokeringService brokering_;
  services::SensitiveInvolvementService sensitive_;
  std::unique_ptr<services::LaLocator> places_;  // null without an index
  services::AmendmentService amendments_;        // reads postcodes with places_ (or the program's)
  std::unique_ptr<services::ImportService> importer_;  // null without an index
  services::UploadService uploads_;
  services::SourceFeedbackService feedback_;
};

}  // namespace cp::web
