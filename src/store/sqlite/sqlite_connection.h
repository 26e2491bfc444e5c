#pragma once
// SQLite driver for the Db interface: WAL, synchronous=FULL, foreign keys on,
// a busy timeout, BEGIN IMMEDIATE for write transactions (DESIGN "Storage").

#include <memory>
#include <string>

#include "store/db.h"

struct sqlite3;

namespace cp::store {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) the database file at `path`.
  // `cache_mib`: the connection's page cache (SQLite's own, beside the
  // operating system's).
  static Result<std::unique_ptr<Connection>> Open(const std::string& path,
                                                  int cache_mib = kDefaultCacheMib);
  ~SqliteConnection() override;

  Engine engine() const override { return Engine::kSqlite; }
  Status Exec(std::string_view sql) override;
  Status Begin(TxMode mode) override;
  Status Commit() override;
  Status Rollback() override;
  Status SetDurableCommits(bool durable) override;
  bool Healthy() const override { return db_ != nullptr; }

 protected:
  Result<std::unique_ptr<Statement>> PrepareRaw(std::string_view sql) override;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace cp::store
