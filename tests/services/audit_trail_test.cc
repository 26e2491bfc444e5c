// AUD-1, AUD-4: the audit trail on a real database of each engine.

#include "services/audit_trail.h"

#include <thread>

#include "services/audit_signing.h"
#include "services/fixture.h"
#include "store/audit_repository.h"

namespace cp::services {
namespace {

class AuditTrailTest : public ServiceFixture {
 protected:
  void AppendSome(int n) {
    Actor a = Operator();
    a.user_id = 7;
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(audit_->Append(a, {"record.view", "ok", {100 + i}, "{}"}));
    }
    ASSERT_TRUE(audit_->Checkpoint());
  }
  AuditVerification Verify() {
    auto conn = tdb_.Conn();
    auto v = VerifyAuditTrail(*conn, signer_->PublicKeyHex());
    EXPECT_TRUE(v) << (v ? "" : v.error().message);
    return *v;
  }
  // Tampering needs the append-only guard lifted first, as an attacker with
  // database access would.
  void Tamper(const std::string& sql) {
    auto conn = tdb_.Conn();
    if (conn->engine() == store::Engine::kSqlite) {
      ASSERT_TRUE(
          conn->Exec("DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_no_delete;"
                     "DROP TRIGGER audit_record_no_delete"));
    } else {
      ASSERT_TRUE(
          conn->Exec("DROP TRIGGER audit_entry_append_only ON audit_entry;"
                     "DROP TRIGGER audit_record_append_only ON audit_record"));
    }
    auto s = conn->Exec(sql);
    ASSERT_TRUE(s) << s.error().message;
  }
};

TEST_F(AuditTrailTest, AnIntactTrailVerifies) {
  AppendSome(12);
  const AuditVerification v = Verify();
  EXPECT_TRUE(v.ok()) << v.message;
  EXPECT_EQ(v.entries, 12);
  EXPECT_GE(v.checkpoints, 1);
}

// AUD-1: an entry that names a record twice (a queue with two items about
// one child) is written, and indexed once for that record's history.
TEST_F(AuditTrailTest, AnEntryNamingARecordTwiceIsIndexedOnce) {
  ASSERT_TRUE(audit_->Append(Practitioner(), {"shield.queue", "ok", {7, 7, 8}, "{}"}));
  auto conn = tdb_.Conn();
  auto history = store::AuditRepository(*conn).ForRecord(7, 10);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), 1u);
}

TEST_F(AuditTrailTest, IsAppendOnlyAtTheDatabaseLevel) {  // AUD-4
  AppendSome(2);
  auto conn = tdb_.Conn();
  EXPECT_FALSE(conn->Exec("UPDATE audit_entry SET outcome = 'x' WHERE seq = 1"));
  EXPECT_FALSE(conn->Exec("DELETE FROM audit_entry WHERE seq = 2"));
  EXPECT_FALSE(conn->Exec("UPDATE audit_checkpoint SET signature = 'x'"));
}

TEST_F(AuditTrailTest, DetectsAnEditedEntry) {  // AUD-4
  AppendSome(6);
  Tamper("UPDATE audit_entry SET record_ids = '999' WHERE seq = 3");
  const AuditVerification v = Verify();
  EXPECT_EQ(v.problem, AuditProblem::kEditedEntry);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditTrailTest, DetectsADeletedEntry) {  // AUD-4
  AppendSome(6);
  Tamper("DELETE FROM audit_record WHERE seq = 4; DELETE FROM audit_entry WHERE seq = 4");
  const AuditVerification v = Verify();
  EXPECT_EQ(v.problem, AuditProblem::kMissingEntry);
  EXPECT_EQ(v.first_bad_seq, 4);
}

TEST_F(AuditTrailTest, DetectsReorderedEntries) {  // AUD-4
  AppendSome(6);
  // Swap entries 2 and 3 (every column but the sequence number).
  Tamper(
      "CREATE TABLE scratch AS SELECT * FROM audit_entry WHERE seq IN (2, 3);"
      "UPDATE audit_entry SET at = s.at, user_id = s.user_id, mediator_id = s.mediator_id, "
      "route = s.route, action = s.action, record_ids = s.record_ids, details = s.details, "
      "outcome = s.outcome, prev_hash = s.prev_hash, hash = s.hash FROM scratch s "
      "WHERE (audit_entry.seq = 2 AND s.seq = 3) OR (audit_entry.seq = 3 AND s.seq = 2)");
  const AuditVerification v = Verify();
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_F(AuditTrailTest, DetectsATruncatedTrail) {  // AUD-4
  AppendSome(6);
  Tamper("DELETE FROM audit_record WHERE seq >= 5; DELETE FROM audit_entry WHERE seq >= 5");
  const AuditVerification v = Verify();
  EXPECT_EQ(v.problem, AuditProblem::kTruncated);
}

TEST_F(AuditTrailTest, DetectsAForgedCheckpoint) {  // AUD-4
  AppendSome(3);
  auto other = security::Signer::Generate();
  auto conn = tdb_.Conn();
  auto v = VerifyAuditTrail(*conn, other.PublicKeyHex());
  ASSERT_TRUE(v);
  EXPECT_EQ(v->problem, AuditProblem::kBadCheckpoint);
}

// Group commit: concurrent appenders all land, in one valid chain.
TEST_F(AuditTrailTest, ConcurrentAppendsFormOneValidChain) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this, t] {
      Actor a = Operator();
      a.user_id = t;
      for (int i = 0; i < 25; ++i) {
        EXPECT_TRUE(audit_->Append(a, {"search", "ok", {}, "{}"}));
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(audit_->Checkpoint());
  const AuditVerification v = Verify();
  EXPECT_TRUE(v.ok()) << v.message;
  EXPECT_EQ(v.entries, 200);
}

// AUD-5: a record's access history and a user's activity.
TEST_F(AuditTrailTest, ListsOneRecordsHistoryAndOneUsersActivity) {
  AppendSome(3);
  auto conn = tdb_.Conn();
  auto history = store::AuditRepository(*conn).ForRecord(101, 10);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().action, "record.view");
  auto activity = store::AuditRepository(*conn).ForUser(7, 10);
  ASSERT_TRUE(activity);
  EXPECT_EQ(activity->size(), 3u);
}

}  // namespace
}  // namespace cp::services
