#include "store/postgres/pg_connection.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <string>
#include <vector>

namespace cp::store {
namespace {

// Maps a failed result to an Error; 23505 (unique_violation) is a Conflict.
Error PgError(PGconn* conn, const PGresult* res, std::string_view what) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = std::string(what) + ": " +
                    (res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn));
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (state != nullptr) {
    const std::string s(state);
    if (s == "23505") return Error::Conflict(msg);
    if (s.rfind("23", 0) == 0) return Error::Precondition(msg);
    if (s == "40001" || s == "40P01" || s.rfind("08", 0) == 0 || s == "57P01") {
      return Error::Unavailable(msg);
    }
  }
  if (PQstatus(conn) != CONNECTION_OK) return Error::Unavailable(msg);
  return Error::Internal(msg);
}

class PgStatement final : public Statement {
 public:
  PgStatement(PGconn* conn, std::string name, int params)
      : conn_(conn), name_(std::move(name)), values_(params), is_null_(params, true) {}
  ~PgStatement() override { Clear(); }

  void BindInt(int i, std::int64_t v) override { Set(i, std::to_string(v)); }
  void BindDouble(int i, double v) override {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    Set(i, buf);
  }
  void BindText(int i, std::string_view v) override { Set(i, std::string(v)); }
  void BindNull(int i) override {
    if (i >= 1 && i <= static_cast<int>(values_.size())) is_null_[i - 1] = true;
  }

  Result<bool> Step() override {
    if (res_ == nullptr) {
      std::vector<const char*> ptrs(values_.size());
      for (std::size_t k = 0; k < values_.size(); ++k) {
        ptrs[k] = is_null_[k] ? nullptr : values_[k].c_str();
      }
      res_ = PQexecPrepared(conn_, name_.c_str(), static_cast<int>(ptrs.size()), ptrs.data(),
                            nullptr, nullptr, 0);
      const ExecStatusType st = PQresultStatus(res_);
      if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        Error e = PgError(conn_, res_, "execute");
        Clear();
        failed_ = true;
        return e;
      }
      rows_ = PQntuples(res_);
      const char* n = PQcmdTuples(res_);
      affected_ = (n != nullptr && *n != '\0') ? std::atoll(n) : 0;
      row_ = -1;
    }
    if (failed_) return Error::Internal("statement stepped after failure without reset");
    ++row_;
    return row_ < rows_;
  }
  bool IsNull(int c) const override { return PQgetisnull(res_, row_, c) != 0; }
  std::int64_t Int(int c) const override { return std::atoll(PQgetvalue(res_, row_, c)); }
  double Double(int c) const override { return std::atof(PQgetvalue(res_, row_, c)); }
  std::string_view Text(int c) const override {
    return {PQgetvalue(res_, row_, c), static_cast<std::size_t>(PQgetlength(res_, row_, c))};
  }
  std::int64_t RowsAffected() const override { return affected_; }
  void Reset() override {
    Clear();
    failed_ = false;
    for (std::size_t k = 0; k < is_null_.size(); ++k) is_null_[k] = true;
  }

 private:
  void Set(int i, std::string v) {
    if (i < 1 || i > static_cast<int>(values_.size())) return;
    values_[i - 1] = std::move(v);
    is_null_[i - 1] = false;
  }
  void Clear() {
    if (res_ != nullptr) PQclear(res_);
    res_ = nullptr;
  }

  PGconn* conn_;
  std::string name_;
  std::vector<std::string> values_;
  std::vector<bool> is_null_;
  PGresult* res_ = nullptr;
  int rows_ = 0;
  int row_ = -1;
  std::int64_t affected_ = 0;
  bool failed_ = false;
};

// Highest $n in the SQL, outside quoted text.
int CountParams(std::string_view sql) {
  int max = 0;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      continue;
    }
    if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      int n = 0;
      std::size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') n = n * 10 + (sql[j++] - '0');
      if (n > max) max = n;
    }
  }
  return max;
}

void IgnoreNotice(void*, const PGresult*) {}

}  // namespace

Result<std::unique_ptr<Connection>> PgConnection::Open(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return Error::Unavailable("connect to PostgreSQL: " + msg);
  }
  PQsetNoticeReceiver(conn, IgnoreNotice, nullptr);
  std::unique_ptr<PgConnection> c(new PgConnection(conn));
  CP_TRY(c->Exec("SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'"));
  return std::unique_ptr<Connection>(std::move(c));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

Status PgConnection::Exec(std::string_view sql) {
  const std::string text(sql);
  PGresult* res = PQexec(conn_, text.c_str());
  const ExecStatusType st = PQresultStatus(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY) {
    Error e = PgError(conn_, res, "exec");
    PQclear(res);
    return e;
  }
  PQclear(res);
  return Ok();
}

Status PgConnection::Begin(TxMode mode) {
  CP_TRY(Exec(mode == TxMode::kWrite ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                     : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  in_tx_ = true;
  return Ok();
}

Status PgConnection::Commit() {
  in_tx_ = false;
  return Exec("COMMIT");
}

Status PgConnection::SetDurableCommits(bool durable) {
  return Exec(durable ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
}

Status PgConnection::Rollback() {
  if (!in_tx_ && PQtransactionStatus(conn_) == PQTRANS_IDLE) return Ok();
  in_tx_ = false;
  return Exec("ROLLBACK");
}

Result<std::unique_ptr<Statement>> PgConnection::PrepareRaw(std::string_view sql) {
  const std::string name = "cp" + std::to_string(next_statement_++);
  const std::string text(sql);
  PGresult* res = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
  if (PQresultStatus(res) != PGRES_COMMAND_OK) {
    Error e = PgError(conn_, res, "prepare");
    PQclear(res);
    return e;
  }
  PQclear(res);
  return std::unique_ptr<Statement>(new PgStatement(conn_, name, CountParams(sql)));
}

}  // namespace cp::store
