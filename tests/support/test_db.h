#pragma once
// A fresh, migrated database on the engine under test.
//
// The engine comes from CP_TEST_ENGINE ("sqlite", the default, or
// "postgres"). For PostgreSQL, CP_TEST_PG_URL_FILE names the file where the
// ctest fixture wrote the throw-away cluster's URL; each TestDatabase is its
// own PostgreSQL database, dropped afterwards. For SQLite it is a temporary
// file, deleted afterwards.

#include <memory>
#include <string>

#include "platform/clock.h"
#include "store/db.h"

namespace cp::testing {

class TestDatabase {
 public:
  // Creates and migrates; aborts the test (ASSERT) on failure.
  TestDatabase();
  ~TestDatabase();

  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  store::Engine engine() const { return db_->engine(); }
  // A connection from the pool.
  store::PooledConnection Conn();
  const FakeClock& clock() const { return clock_; }
  FakeClock& clock() { return clock_; }

 private:
  std::string url_;
  std::string admin_url_;  // PostgreSQL: the cluster's maintenance database
  std::string name_;
  std::unique_ptr<store::Database> db_;
  FakeClock clock_;
};

// "sqlite" or "postgres": the engine this test binary runs against.
std::string EngineUnderTest();

// A URL for an empty, unmigrated database on the engine under test; the
// caller drops it with DropEmptyDatabase.
std::string CreateEmptyDatabase();
void DropEmptyDatabase(const std::string& url);

}  // namespace cp::testing
