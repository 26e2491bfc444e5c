#include "support/test_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "store/migrations.h"

namespace cp::testing {
namespace {

std::atomic<int> g_counter{0};

std::string PgAdminUrl() {
  const char* file = std::getenv("CP_TEST_PG_URL_FILE");
  if (file == nullptr) {
    ADD_FAILURE() << "CP_TEST_PG_URL_FILE is not set: run the tests through ctest";
    return {};
  }
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  if (url.empty()) ADD_FAILURE() << "no PostgreSQL URL in " << file;
  return url;
}

// "postgresql://postgres@/postgres?host=DIR" with the database name replaced.
std::string WithDatabase(const std::string& admin, const std::string& name) {
  const std::size_t q = admin.find('?');
  const std::size_t slash = admin.rfind('/', q);
  return admin.substr(0, slash + 1) + name + admin.substr(q);
}

std::string UniqueName() {
  return "cp_test_" + std::to_string(getpid()) + "_" + std::to_string(g_counter++);
}

}  // namespace

std::string EngineUnderTest() {
  const char* e = std::getenv("CP_TEST_ENGINE");
  return e == nullptr ? "sqlite" : e;
}

std::string CreateEmptyDatabase() {
  const std::string name = UniqueName();
  if (EngineUnderTest() == "postgres") {
    const std::string admin = PgAdminUrl();
    auto conn = store::Connect(admin);
    EXPECT_TRUE(conn) << conn.error().message;
    if (!conn) return {};
    auto s = (*conn)->Exec("CREATE DATABASE " + name);
    EXPECT_TRUE(s) << s.error().message;
    return WithDatabase(admin, name);
  }
  const std::string path = ::testing::TempDir() + name + ".db";
  std::remove(path.c_str());
  return "sqlite:" + path;
}

void DropEmptyDatabase(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    const std::string path = url.substr(7);
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    return;
  }
  const std::string admin = PgAdminUrl();
  const std::size_t q = url.find('?');
  const std::size_t slash = url.rfind('/', q);
  const std::string name = url.substr(slash + 1, q - slash - 1);
  auto conn = store::Connect(admin);
  if (conn) (void)(*conn)->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
}

TestDatabase::TestDatabase() : clock_(Date::ParseIso("2026-11-24")->StartTimestamp() + 36000) {
  url_ = CreateEmptyDatabase();
  auto db = store::Database::Open(url_, 4);
  if (!db) {
    ADD_FAILURE() << "open " << url_ << ": " << db.error().message;
    return;
  }
  db_ = std::move(*db);
  auto conn = db_->Acquire();
  EXPECT_TRUE(conn);
  auto applied = store::Migrate(**conn, clock_);
  EXPECT_TRUE(applied) << (applied ? "" : applied.error().message);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  DropEmptyDatabase(url_);
}

store::PooledConnection TestDatabase::Conn() {
  auto conn = db_->Acquire();
  if (!conn) {
    ADD_FAILURE() << conn.error().message;
    std::abort();
  }
  return std::move(*conn);
}

}  // namespace cp::testing
