#pragma once
// Persistence of the data source register (FEED-1, FEED-2; migration 0007).
// Runs on the caller's connection, inside the caller's transaction. Status
// changes are compare-and-set: they apply only while the source still
// stands where the caller read it, so two administrators cannot both move
// it and no rule of core/data_source is bypassed by a race.

#include <optional>
#include <string>
#include <vector>

#include "core/data_source.h"
#include "core/user_account.h"
#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

class SourceRepository {
 public:
  explicit SourceRepository(Connection& conn) : conn_(conn) {}

  // Inserts `source` as registered (its statuses, status times and
  // credential are ignored: pending, no agreement, no credential); returns
  // the new id. Conflict when the name, ignoring case, is taken.
  Result<core::DataSourceId> Insert(const core::DataSource& source,
                                    std::optional<core::UserId> registered_by);

  // NotFound when there is no such source.
  Result<core::DataSource> Get(core::DataSourceId id);

  // Every source, national ones first, then by LA and name.
  Result<std::vector<core::DataSource>> ListAll();
  // The national sources and those of `la_code`, in the same order.
  Result<std::vector<core::DataSource>> ListForLocalAuthority(const std::string& la_code);

  // Writes the statuses and status times of `after` when the stored source
  // still has the statuses of `before`; false (nothing changed) otherwise.
  Result<bool> UpdateStanding(const core::DataSource& before, const core::DataSource& after);

  // Replaces the source's credential hash unless its agreement is
  // terminated; false (nothing changed) when it is.
  Result<bool> SetCredential(core::DataSourceId id, const std::string& credential_hash,
                             Timestamp at);

  // The source whose credential hashes to `credential_hash`, if any.
  Result<std::optional<core::DataSource>> FindByCredential(const std::string& credential_hash);

 private:
  Connection& conn_;
};

}  // namespace cp::store
