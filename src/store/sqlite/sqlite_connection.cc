#include "store/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <string>

namespace cp::store {
namespace {

Error SqliteError(sqlite3* db, int rc, std::string_view what) {
  const int extended = db != nullptr ? sqlite3_extended_errcode(db) : rc;
  std::string msg =
      std::string(what) + ": " + (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error::Conflict(msg);
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return Error::Unavailable(msg);
  if ((rc & 0xff) == SQLITE_CONSTRAINT) return Error::Precondition(msg);
  return Error::Internal(msg);
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* st) : db_(db), st_(st) {}
  ~SqliteStatement() override { sqlite3_finalize(st_); }

  void BindInt(int i, std::int64_t v) override { sqlite3_bind_int64(st_, i, v); }
  void BindDouble(int i, double v) override { sqlite3_bind_double(st_, i, v); }
  void BindText(int i, std::string_view v) override {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) override { sqlite3_bind_null(st_, i); }

  Result<bool> Step() override {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      return false;
    }
    return SqliteError(db_, rc, "step");
  }
  bool IsNull(int c) const override { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  std::int64_t Int(int c) const override { return sqlite3_column_int64(st_, c); }
  double Double(int c) const override { return sqlite3_column_double(st_, c); }
  std::string_view Text(int c) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, c));
    if (p == nullptr) return {};
    return {p, static_cast<std::size_t>(sqlite3_column_bytes(st_, c))};
  }
  std::int64_t RowsAffected() const override { return changes_; }
  void Reset() override {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_;
  std::int64_t changes_ = 0;
};

// Once a process, before SQLite starts: no memory statistics, which would
// take a global lock at every allocation SQLite makes (each value a
// statement reads or binds), where connections are used by one thread at a
// time and nothing reads the statistics. Set too late (SQLite started by
// other code), it is refused and SQLite runs as before.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<Connection>> SqliteConnection::Open(const std::string& path, int cache_mib) {
  ConfigureSqliteOnce();
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db, rc, "open " + path);
    sqlite3_close(db);
    return Error::Unavailable(e.message);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
  // The write-ahead log is folded into the database every 10,000 pages
  // (about 40 MB) rather than SQLite's 1,000: a busy record is written once
  // per fold instead of several times.
  CP_TRY(
      conn->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                 "PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=10000;"));
  // A negative size is in KiB.
  CP_TRY(conn->Exec("PRAGMA cache_size=-" + std::to_string(std::max(1, cache_mib) * 1024)));
  return std::unique_ptr<Connection>(std::move(conn));
}

SqliteConnection::~SqliteConnection() {
  // Statements cached by the base class are finalised before the handle
  // closes: sqlite3_close_v2 defers the close until they are.
  sqlite3_close_v2(db_);
}

Status SqliteConnection::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Error e = SqliteError(db_, rc, "exec");
    sqlite3_free(err);
    return e;
  }
  return Ok();
}

Status SqliteConnection::Begin(TxMode mode) {
  return Exec(mode == TxMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}
Status SqliteConnection::Commit() { return Exec("COMMIT"); }
Status SqliteConnection::SetDurableCommits(bool durable) {
  return Exec(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}
Status SqliteConnection::Rollback() {
  if (sqlite3_get_autocommit(db_) != 0) return Ok();  // nothing open
  return Exec("ROLLBACK");
}

Result<std::unique_ptr<Statement>> SqliteConnection::PrepareRaw(std::string_view sql) {
  sqlite3_stmt* st = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &st, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "prepare");
  return std::unique_ptr<Statement>(new SqliteStatement(db_, st));
}

}  // namespace cp::store
