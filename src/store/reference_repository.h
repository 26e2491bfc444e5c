#pragma once
// Reference data: local authorities and the organisations that provide
// services (schools, GP practices, teams).

#include <optional>
#include <string>
#include <vector>

#include "core/local_authority.h"
#include "core/organisation.h"
#include "store/db.h"

namespace cp::store {

class ReferenceRepository {
 public:
  explicit ReferenceRepository(Connection& conn) : conn_(conn) {}

  // Inserts or refreshes every English upper-tier LA (idempotent).
  Status SeedLocalAuthorities();

  // Stores a new organisation and sets its id; Conflict when (kind, code)
  // is taken.
  Result<core::OrganisationId> InsertOrganisation(core::Organisation& org);
  Result<std::optional<core::Organisation>> FindOrganisation(core::OrganisationKind kind,
                                                             const std::string& code);
  Result<std::vector<core::Organisation>> OrganisationsIn(const std::string& la_code,
                                                          core::OrganisationKind kind);
  Result<std::int64_t> CountOrganisations();

 private:
  Connection& conn_;
};

}  // namespace cp::store
