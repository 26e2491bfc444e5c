#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "core/local_authority.h"
#include "store/migrations.h"
#include "store/reference_repository.h"
#include "support/test_db.h"

namespace cp::store {
namespace {

using cp::testing::TestDatabase;

// Column names of every table in the migrated schema.
std::set<std::string> AllColumns(Connection& conn) {
  std::set<std::string> cols;
  const char* sql = conn.engine() == Engine::kSqlite
                        ? "SELECT m.name || '.' || p.name FROM sqlite_master m, "
                          "pragma_table_info(m.name) p WHERE m.type = 'table'"
                        : "SELECT table_name || '.' || column_name FROM information_schema.columns "
                          "WHERE table_schema = 'public'";
  auto st = conn.Prepare(sql);
  EXPECT_TRUE(st);
  while (*(*st)->Step()) cols.insert((*st)->String(0));
  return cols;
}

TEST(Schema, MigratesOnceAndRecordsTheVersion) {
  TestDatabase tdb;
  auto conn = tdb.Conn();
  auto version = SchemaVersion(*conn);
  ASSERT_TRUE(version);
  EXPECT_EQ(*version, AllMigrations().back().version);
  auto again = Migrate(*conn, tdb.clock());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

// A migration that lands after a later one was applied (branches merged in
// another order) still runs: each version is applied once, whatever the
// highest one applied.
TEST(Schema, AppliesAMissingVersionBelowTheHighest) {
  TestDatabase tdb;
  auto conn = tdb.Conn();
  ASSERT_TRUE(conn->Exec("DROP INDEX shielding_log_child"));
  ASSERT_TRUE(conn->Exec("DELETE FROM schema_migration WHERE version = 11"));
  ASSERT_TRUE(
      conn->Exec("INSERT INTO schema_migration (version, name, applied_at) "
                 "VALUES (99, 'a later branch', 0)"));
  auto applied = Migrate(*conn, tdb.clock());
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, 1);
  auto again = Migrate(*conn, tdb.clock());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
}

// REC-11: the record has no place for case notes, needs, attainment,
// attendance or clinical observations — no column of the schema can hold them.
TEST(Schema, HasNoPlaceForCaseNotes) {
  TestDatabase tdb;
  auto conn = tdb.Conn();
  const auto cols = AllColumns(*conn);
  ASSERT_GT(cols.size(), 50u);
  const std::set<std::string> record_tables = {
      "child",       "child_name",  "parent_carer", "universal_service",
      "involvement", "key_contact", "dispute_mark"};
  for (const std::string& col : cols) {
    if (record_tables.count(col.substr(0, col.find('.'))) == 0) continue;
    for (const char* banned : {"note", "need", "attainment", "attendance", "clinical",
                               "observation", "diagnos", "assessment_text", "case_record"}) {
      EXPECT_EQ(col.find(banned), std::string::npos) << col << " could hold " << banned;
    }
  }
}

TEST(Schema, SeedsEveryEnglishLocalAuthorityIdempotently) {  // REC-12
  TestDatabase tdb;
  auto conn = tdb.Conn();
  ReferenceRepository refs(*conn);
  ASSERT_TRUE(refs.SeedLocalAuthorities());
  ASSERT_TRUE(refs.SeedLocalAuthorities());
  auto st = conn->Prepare("SELECT COUNT(*) FROM local_authority");
  ASSERT_TRUE(st);
  ASSERT_TRUE(*(*st)->Step());
  EXPECT_EQ((*st)->Int(0), static_cast<std::int64_t>(core::EnglandLocalAuthorities().size()));
}

TEST(Schema, OrganisationCodeIsUniquePerKind) {
  TestDatabase tdb;
  auto conn = tdb.Conn();
  ReferenceRepository refs(*conn);
  ASSERT_TRUE(refs.SeedLocalAuthorities());
  core::Organisation school{
      0, core::OrganisationKind::kSchool, "107912", "Brudenell Primary", "E08000035", {}, {}};
  ASSERT_TRUE(refs.InsertOrganisation(school));
  core::Organisation clash = school;
  auto second = refs.InsertOrganisation(clash);
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  core::Organisation gp = school;
  gp.kind = core::OrganisationKind::kGpPractice;
  EXPECT_TRUE(refs.InsertOrganisation(gp));
  auto found = refs.FindOrganisation(core::OrganisationKind::kSchool, "107912");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name, "Brudenell Primary");
  auto in_leeds = refs.OrganisationsIn("E08000035", core::OrganisationKind::kSchool);
  ASSERT_TRUE(in_leeds);
  EXPECT_EQ(in_leeds->size(), 1u);
}

TEST(Dialect, RewritesPlaceholdersOutsideQuotes) {
  EXPECT_EQ(RewritePlaceholders("SELECT $1, '$2', \"$3\", $10"), "SELECT ?1, '$2', \"$3\", ?10");
}

TEST(Dialect, ExpandsTokensPerEngine) {
  const char* sql =
      "CREATE TABLE t (id {{ID}}, n BIGINT) {{STRICT}};\n-- sqlite-only\nA;\n-- end\n"
      "-- postgres-only\nB;\n-- end\n";
  const std::string lite = ExpandDialect(sql, Engine::kSqlite);
  const std::string pg = ExpandDialect(sql, Engine::kPostgres);
  EXPECT_NE(lite.find("id INTEGER PRIMARY KEY, n INTEGER) STRICT"), std::string::npos) << lite;
  EXPECT_NE(lite.find("A;"), std::string::npos);
  EXPECT_EQ(lite.find("B;"), std::string::npos);
  EXPECT_NE(pg.find("GENERATED BY DEFAULT AS IDENTITY"), std::string::npos);
  EXPECT_NE(pg.find("B;"), std::string::npos);
  EXPECT_EQ(pg.find("A;"), std::string::npos);
}

TEST(Database, RefusesAnUnknownUrlScheme) {
  auto db = Database::Open("mysql://nowhere");
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::kInvalidArgument);
}

TEST(Database, PoolHandsOutDistinctConnections) {
  TestDatabase tdb;
  auto a = tdb.db().Acquire();
  auto b = tdb.db().Acquire();
  ASSERT_TRUE(a);
  ASSERT_TRUE(b);
  EXPECT_NE(&**a, &**b);
}

// FEED-3: an import's batches may commit without waiting for the disk, on
// its own connection only, and the connection waits again when told to.
TEST(Database, ACommitWaitsForTheDiskUnlessItsConnectionIsToldNotTo) {
  TestDatabase tdb;
  auto setting = [](Connection& conn) {
    const bool sqlite = conn.engine() == Engine::kSqlite;
    auto st = conn.Prepare(sqlite ? "PRAGMA synchronous" : "SHOW synchronous_commit");
    EXPECT_TRUE(st);
    EXPECT_TRUE(*(*st)->Step());
    // SQLite: 2 is FULL, 1 NORMAL.
    return sqlite ? std::string((*st)->Int(0) == 2 ? "on" : "off") : (*st)->String(0);
  };
  auto loader = tdb.db().Acquire();
  auto other = tdb.db().Acquire();
  ASSERT_TRUE(loader);
  ASSERT_TRUE(other);
  // The test cluster's own default may not wait (it is thrown away); the
  // service's SQLite databases wait.
  if ((*loader)->engine() == Engine::kSqlite) {
    EXPECT_EQ(setting(**loader), "on");
  }
  const std::string others = setting(**other);
  ASSERT_TRUE((*loader)->SetDurableCommits(false));
  EXPECT_EQ(setting(**loader), "off");
  EXPECT_EQ(setting(**other), others);
  ASSERT_TRUE((*loader)->SetDurableCommits(true));
  EXPECT_EQ(setting(**loader), "on");
}

// An INSERT of one row returning its id gives that row's id once, and
// then ends, on both engines, also when its statement is reused from the
// cache; one that inserts nothing gives an error and no row.
TEST(Database, AnInsertReturningIdGivesTheNewRowsIdOnce) {
  TestDatabase tdb;
  auto conn = tdb.Conn();
  const char* insert =
      "INSERT INTO notification (created_at, recipient, subject, body) VALUES ($1, $2, $3, $4) "
      "RETURNING id";
  std::vector<std::int64_t> ids;
  for (const char* subject : {"first", "second"}) {
    auto st = conn->Prepare(insert);
    ASSERT_TRUE(st);
    Bind(*st, 1, "someone", subject, "body");
    auto row = (*st)->Step();
    ASSERT_TRUE(row) << row.error().message;
    ASSERT_TRUE(*row);
    EXPECT_FALSE((*st)->IsNull(0));
    ids.push_back((*st)->Int(0));
    auto end = (*st)->Step();
    ASSERT_TRUE(end);
    EXPECT_FALSE(*end);
  }
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(ids[0], ids[1]);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto st = conn->Prepare("SELECT subject FROM notification WHERE id = $1");
    ASSERT_TRUE(st);
    Bind(*st, ids[i]);
    ASSERT_TRUE(*(*st)->Step());
    EXPECT_EQ((*st)->String(0), i == 0 ? "first" : "second");
  }
  // NOT NULL refused: an error, no row, nothing stored.
  auto refused = conn->Prepare(insert);
  ASSERT_TRUE(refused);
  Bind(*refused, 2, std::nullopt, "third", "body");
  EXPECT_FALSE((*refused)->Step());
  auto count = conn->Prepare("SELECT COUNT(*) FROM notification");
  ASSERT_TRUE(count);
  ASSERT_TRUE(*(*count)->Step());
  EXPECT_EQ((*count)->Int(0), 2);
}

// Issue 6's national load: the page cache asked for reaches every SQLite
// connection the pool opens, and the service's default is kept otherwise.
TEST(Database, GivesEverySqliteConnectionThePageCacheAskedFor) {
  // Its own file: each engine's run of these tests may run at once.
  const std::string path =
      ::testing::TempDir() + "cache_size_test_" + std::to_string(getpid()) + ".db";
  auto cache_kib = [](Connection& conn) {
    auto st = conn.Prepare("PRAGMA cache_size");
    EXPECT_TRUE(st);
    EXPECT_TRUE(*(*st)->Step());
    return -(*st)->Int(0);
  };
  {
    auto db = Database::Open("sqlite:" + path, 2, 200);
    ASSERT_TRUE(db) << db.error().message;
    auto a = (*db)->Acquire();
    auto b = (*db)->Acquire();
    ASSERT_TRUE(a);
    ASSERT_TRUE(b);
    EXPECT_EQ(cache_kib(**a), 200 * 1024);
    EXPECT_EQ(cache_kib(**b), 200 * 1024);
  }
  {
    auto db = Database::Open("sqlite:" + path);
    ASSERT_TRUE(db);
    auto conn = (*db)->Acquire();
    ASSERT_TRUE(conn);
    EXPECT_EQ(cache_kib(**conn), kDefaultCacheMib * 1024);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

}  // namespace
}  // namespace cp::store
