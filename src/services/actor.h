#pragma once
// Actor: who is acting, by which route, on whose rights. Every service call
// that touches personal data takes one (DESIGN invariant 2) and its audit
// entry records it.

#include <optional>
#include <string>
#include <string_view>

#include "core/rights.h"
#include "core/user_account.h"
#include "policy/viewer.h"

namespace cp::services {

enum class Route { kWeb, kApi, kBatch, kCli };

std::string_view RouteName(Route route);

struct Actor {
  // The user whose rights decide the action: the requestor while mediated
  // (AUTH-6). Empty for the system itself (scheduled jobs, imports).
  std::optional<core::UserId> user_id;
  // AUD-3: the mediator, when access is mediated.
  std::optional<core::UserId> mediator_id;
  core::Role role = core::Role::kPractitioner;
  core::Rights rights;
  std::string la_code;
  Route route = Route::kWeb;

  bool Has(core::Right r) const { return rights.Has(r); }
  policy::Viewer AsViewer(bool break_glass = false) const {
    return policy::Viewer{role, rights, la_code, break_glass};
  }

  // The system itself, for batch work with no user behind it.
  static Actor System(Route route) {
    Actor a;
    a.route = route;
    return a;
  }
};

}  // namespace cp::services
