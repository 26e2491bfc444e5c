#pragma once
// The thin database interface every repository is written against once, for
// both engines (DESIGN "Storage"):
//
//   CP_ASSIGN(auto db, Database::Open("sqlite:var/contactpoint.db"));
//   auto conn = db->Acquire();
//   Transaction tx(*conn, TxMode::kWrite);
//   CP_TRY(tx.Begin());
//   CP_ASSIGN(auto st, conn->Prepare("INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id"));
//   Bind(st, 42, "text");
//   CP_ASSIGN(bool row, st->Step());
//   std::int64_t id = st->Int(0);
//   CP_TRY(tx.Commit());
//
// SQL uses $1…$n placeholders (rewritten to ?1…?n for SQLite), epoch-integer
// times, 0/1 booleans, CAST(x AS …) and no engine-specific functions. A
// unique violation on either engine is ErrorCode::kConflict.
//
// Thread safety: a Connection (and its statements) is used by one thread at a
// time; Database and its pool are thread-safe.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/result.h"

namespace cp::store {

enum class Engine { kSqlite, kPostgres };

// An SQLite connection's page cache unless asked otherwise, in MiB.
inline constexpr int kDefaultCacheMib = 64;

// A prepared statement. Parameters are 1-based, columns 0-based. Text
// views returned by Text() stay valid until the next Step() or Reset().
class Statement {
 public:
  virtual ~Statement() = default;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  // Runs the statement on the first call, then advances; true while a row is
  // available. A constraint failure is returned here.
  virtual Result<bool> Step() = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
  // Rows changed by the last completed INSERT/UPDATE/DELETE.
  virtual std::int64_t RowsAffected() const = 0;
  // Clears bindings and results so the statement can run again.
  virtual void Reset() = 0;

  std::optional<std::int64_t> OptInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }
  std::string String(int column) const { return std::string(Text(column)); }
};

class Connection;

// A prepared statement borrowed from a connection's cache; reset and
// returned when it goes out of scope. `busy` is the cache entry's lending
// flag, or null for a one-off statement that is deleted on return.
class Stmt {
 public:
  Stmt(Statement* statement, bool* busy) : statement_(statement), busy_(busy) {}
  Stmt(Stmt&& other) noexcept;
  Stmt& operator=(Stmt&&) = delete;
  Stmt(const Stmt&) = delete;
  ~Stmt();
  Statement* operator->() const { return statement_; }
  Statement& operator*() const { return *statement_; }

 private:
  Statement* statement_;
  bool* busy_;
};

enum class TxMode { kRead, kWrite };

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Engine engine() const = 0;
  // Prepares (or reuses) the statement for `sql` written with $n placeholders.
  Result<Stmt> Prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema, pragmas).
  virtual Status Exec(std::string_view sql) = 0;
  virtual Status Begin(TxMode mode) = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // Whether each commit on this connection waits until it is on disk (the
  // default). A bulk load that resumes after its last commit may stop
  // waiting for its batches: a crash of the machine (not of the process)
  // may then undo its latest commits, whole, never leave part of one; and
  // the first commit that waits again makes every commit before it
  // durable with it. SQLite: synchronous FULL or NORMAL (in WAL mode);
  // PostgreSQL: synchronous_commit on or off.
  virtual Status SetDurableCommits(bool durable) = 0;
  // Whether the connection is still usable (false after a lost link).
  virtual bool Healthy() const = 0;

 protected:
  // Engine-specific preparation of already-rewritten SQL.
  virtual Result<std::unique_ptr<Statement>> PrepareRaw(std::string_view sql) = 0;

 private:
  friend class Stmt;
  static void Release(Statement* statement, bool* busy);
  // Prepared statements by SQL text; each is lent out to one Stmt at a time
  // (a second concurrent use of the same SQL gets an uncached statement).
  // Looked up by view, so a cached statement costs no allocation.
  struct CacheEntry {
    std::unique_ptr<Statement> statement;
    bool in_use = false;
  };
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_map<std::string, CacheEntry, TextHash, std::equal_to<>> cache_;
};

// A transaction on one connection; rolled back on destruction unless
// committed. kWrite takes the write lock at once (SQLite BEGIN IMMEDIATE).
class Transaction {
 public:
  Transaction(Connection& conn, TxMode mode) : conn_(conn), mode_(mode) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status Begin();
  Status Commit();

 private:
  Connection& conn_;
  TxMode mode_;
  bool open_ = false;
};

class Database;

// A connection borrowed from the pool; returned when destroyed.
class PooledConnection {
 public:
  PooledConnection(Database* db, std::unique_ptr<Connection> conn)
      : db_(db), conn_(std::move(conn)) {}
  PooledConnection(PooledConnection&&) noexcept = default;
  ~PooledConnection();
  Connection* operator->() const { return conn_.get(); }
  Connection& operator*() const { return *conn_; }

 private:
  Database* db_;
  std::unique_ptr<Connection> conn_;
};

// A database reached by URL: "sqlite:PATH" or "postgresql://…" (libpq URI).
class Database {
 public:
  // `cache_mib`: each SQLite connection's page cache; a bulk load that
  // reads and writes all over a large database gives its connections more
  // (PostgreSQL's cache is the server's own).
  static Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size = 4,
                                                int cache_mib = kDefaultCacheMib);
  ~Database();
  Engine engine() const { return engine_; }
  const std::string& url() const { return url_; }
  // Blocks until a connection is free (opening a new one while under the
  // pool size). Fails only when a new connection cannot be opened.
  Result<PooledConnection> Acquire();

 private:
  friend class PooledConnection;
  Database(std::string url, Engine engine, int pool_size, int cache_mib);
  Result<std::unique_ptr<Connection>> Connect();
  void Return(std::unique_ptr<Connection> conn);
  struct Pool;
  std::string url_;
  Engine engine_;
  int cache_mib_;
  std::unique_ptr<Pool> pool_;
};

// Opens one connection without a pool.
Result<std::unique_ptr<Connection>> Connect(const std::string& url,
                                            int cache_mib = kDefaultCacheMib);

// Rewrites $1…$n to ?1…?n outside quoted text (for SQLite).
std::string RewritePlaceholders(std::string_view sql);

// Binds arguments in order: integers, doubles, strings, std::nullopt, and
// std::optional of those.
namespace detail {
inline void BindOne(Statement& s, int i, std::int64_t v) { s.BindInt(i, v); }
inline void BindOne(Statement& s, int i, int v) { s.BindInt(i, v); }
inline void BindOne(Statement& s, int i, bool v) { s.BindInt(i, v ? 1 : 0); }
inline void BindOne(Statement& s, int i, double v) { s.BindDouble(i, v); }
inline void BindOne(Statement& s, int i, std::string_view v) { s.BindText(i, v); }
inline void BindOne(Statement& s, int i, const std::string& v) { s.BindText(i, v); }
inline void BindOne(Statement& s, int i, const char* v) { s.BindText(i, v); }
inline void BindOne(Statement& s, int i, std::nullopt_t) { s.BindNull(i); }
template <class T>
void BindOne(Statement& s, int i, const std::optional<T>& v) {
  if (v) {
    BindOne(s, i, *v);
  } else {
    s.BindNull(i);
  }
}
}  // namespace detail

template <class... Args>
void Bind(Stmt& st, const Args&... args) {
  int i = 0;
  (detail::BindOne(*st, ++i, args), ...);
}

// Prepares, binds and runs a statement that returns no rows.
template <class... Args>
Status Run(Connection& conn, std::string_view sql, const Args&... args) {
  CP_ASSIGN(Stmt st, conn.Prepare(sql));
  Bind(st, args...);
  CP_ASSIGN(bool row, st->Step());
  (void)row;
  return Ok();
}

}  // namespace cp::store
