#pragma once
// The JSON API for adapted case management systems (AUTH-5): the same
// services as the web pages, under the same rules, reasons and audit, on the
// "api" route. Every request must carry an accredited system's credential
// (X-Client-Credential); users sign in through it with the same three
// factors and then send their session as a bearer token.
// docs/api/openapi.yaml describes it; a test checks each documented route.

#include "services/api_clients.h"
#include "services/child_index.h"
#include "services/record_service.h"
#include "services/search_service.h"
#include "services/session_service.h"
#include "web/site/http_types.h"

namespace cp::web {

class Api {
 public:
  Api(services::ServiceContext& ctx, const services::Credentials& credentials,
      const services::ChildIndex* index, services::SessionPolicy sessions = {});
  // Handles a request whose path starts with /api/.
  Response Handle(const Request& request);

 private:
  Response Route(const Request& r);
  services::ApiClients clients_;
  services::SessionService sessions_;
  services::SearchService search_;
  services::RecordService records_;
};

}  // namespace cp::web
