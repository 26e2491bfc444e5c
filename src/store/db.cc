#include "store/db.h"

#include <condition_variable>
#include <deque>
#include <mutex>

#include "store/postgres/pg_connection.h"
#include "store/sqlite/sqlite_connection.h"

namespace cp::store {

Stmt::Stmt(Stmt&& other) noexcept : statement_(other.statement_), busy_(other.busy_) {
  other.statement_ = nullptr;
}

Stmt::~Stmt() {
  if (statement_ != nullptr) Connection::Release(statement_, busy_);
}

Result<Stmt> Connection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Stmt(it->second.statement.get(), &it->second.in_use);
  }
  const std::string text =
      engine() == Engine::kSqlite ? RewritePlaceholders(sql) : std::string(sql);
  CP_ASSIGN(std::unique_ptr<Statement> fresh, PrepareRaw(text));
  if (it != cache_.end()) {
    // The cached one is busy (nested use of the same SQL): lend a one-off.
    return Stmt(fresh.release(), nullptr);
  }
  Statement* raw = fresh.get();
  // Entries are never erased, so the flag's address is stable.
  auto entry = cache_.emplace(std::string(sql), CacheEntry{std::move(fresh), true}).first;
  return Stmt(raw, &entry->second.in_use);
}

void Connection::Release(Statement* statement, bool* busy) {
  statement->Reset();
  if (busy == nullptr) {
    delete statement;
    return;
  }
  *busy = false;
}

Transaction::~Transaction() {
  if (open_) (void)conn_.Rollback();
}

Status Transaction::Begin() {
  CP_TRY(conn_.Begin(mode_));
  open_ = true;
  return Ok();
}

Status Transaction::Commit() {
  if (!open_) return Error::Internal("commit without an open transaction");
  open_ = false;
  Status s = conn_.Commit();
  if (!s) (void)conn_.Rollback();
  return s;
}

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      out.push_back(c);
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
      continue;
    }
    if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

// ---- pool -----------------------------------------------------------------

struct Database::Pool {
  std::mutex mu;
  std::condition_variable freed;
  std::deque<std::unique_ptr<Connection>> idle;
  int open = 0;
  int size = 4;
};

Database::Database(std::string url, Engine engine, int pool_size, int cache_mib)
    : url_(std::move(url)),
      engine_(engine),
      cache_mib_(cache_mib),
      pool_(std::make_unique<Pool>()) {
  pool_->size = pool_size < 1 ? 1 : pool_size;
}

Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, int pool_size,
                                                 int cache_mib) {
  Engine engine;
  if (url.rfind("sqlite:", 0) == 0) {
    engine = Engine::kSqlite;
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    engine = Engine::kPostgres;
  } else {
    return Error::Invalid("database", "A database URL starts with sqlite: or postgresql://");
  }
  std::unique_ptr<Database> db(new Database(url, engine, pool_size, cache_mib));
  // Open one connection now so a bad URL fails here, not at first use.
  CP_ASSIGN(auto first, db->Connect());
  db->pool_->idle.push_back(std::move(first));
  db->pool_->open = 1;
  return db;
}

Result<std::unique_ptr<Connection>> Database::Connect() { return store::Connect(url_, cache_mib_); }

Result<std::unique_ptr<Connection>> Connect(const std::string& url, int cache_mib) {
  if (url.rfind("sqlite:", 0) == 0) return SqliteConnection::Open(url.substr(7), cache_mib);
  return PgConnection::Open(url);
}

Result<PooledConnection> Database::Acquire() {
  std::unique_lock lock(pool_->mu);
  for (;;) {
    if (!pool_->idle.empty()) {
      auto conn = std::move(pool_->idle.front());
      pool_->idle.pop_front();
      if (conn->Healthy()) return PooledConnection(this, std::move(conn));
      --pool_->open;  // drop a broken connection and open another
      continue;
    }
    if (pool_->open < pool_->size) {
      ++pool_->open;
      lock.unlock();
      auto conn = Connect();
      if (!conn) {
        std::lock_guard relock(pool_->mu);
        --pool_->open;
        return conn.error();
      }
      return PooledConnection(this, std::move(*conn));
    }
    pool_->freed.wait(lock);
  }
}

void Database::Return(std::unique_ptr<Connection> conn) {
  {
    std::lock_guard lock(pool_->mu);
    if (conn->Healthy()) {
      pool_->idle.push_back(std::move(conn));
    } else {
      --pool_->open;
    }
  }
  pool_->freed.notify_one();
}

PooledConnection::~PooledConnection() {
  if (conn_ && db_ != nullptr) db_->Return(std::move(conn_));
}

}  // namespace cp::store
