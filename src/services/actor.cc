#include "services/actor.h"

namespace cp::services {

std::string_view RouteName(Route route) {
  switch (route) {
    case Route::kWeb:
      return "web";
    case Route::kApi:
      return "api";
    case Route::kBatch:
      return "batch";
    case Route::kCli:
      return "cli";
  }
  return "web";
}

}  // namespace cp::services
