#pragma once
// PostgreSQL 15 driver for the Db interface (libpq). Parameters are sent as
// text and typed by the server from context; results are fetched whole.

#include <memory>
#include <string>

#include "store/db.h"

struct pg_conn;

namespace cp::store {

class PgConnection final : public Connection {
 public:
  // `url` is a libpq connection URI.
  static Result<std::unique_ptr<Connection>> Open(const std::string& url);
  ~PgConnection() override;

  Engine engine() const override { return Engine::kPostgres; }
  Status Exec(std::string_view sql) override;
  Status Begin(TxMode mode) override;
  Status Commit() override;
  Status Rollback() override;
  Status SetDurableCommits(bool durable) override;
  bool Healthy() const override;

 protected:
  Result<std::unique_ptr<Statement>> PrepareRaw(std::string_view sql) override;

 private:
  explicit PgConnection(pg_conn* conn) : conn_(conn) {}
  pg_conn* conn_;
  int next_statement_ = 0;
  bool in_tx_ = false;
};

}  // namespace cp::store
