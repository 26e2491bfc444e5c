// BG-3: break-glass investigations in the store, on SQLite and PostgreSQL.

#include "store/investigation_repository.h"

#include <gtest/gtest.h>

#include "store/account_repository.h"
#include "store/reference_repository.h"
#include "support/test_db.h"

namespace cp::store {
namespace {

using cp::testing::TestDatabase;

class InvestigationRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = tdb_.Conn();
    ASSERT_TRUE(ReferenceRepository(*conn).SeedLocalAuthorities());
    holder_ = AddUser(*conn, "holder", "Pat Holder");
    manager_ = AddUser(*conn, "manager", "Sam Manager");
  }
  static core::UserId AddUser(Connection& conn, const std::string& name,
                              const std::string& display) {
    core::UserAccount a;
    a.username = name;
    a.display_name = display;
    a.la_code = "E08000035";
    a.password_hash = "x";
    a.totp_secret_sealed = "x";
    a.conditions.need_for_access = "test";
    a.conditions.crb_issued_on = Date::ParseIso("2026-01-01");
    a.conditions.accredited_training_on = Date::ParseIso("2026-01-01");
    a.conditions.other_training_on = Date::ParseIso("2026-01-01");
    auto id = AccountRepository(conn).Insert(a);
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }
  InvestigationRow Row(core::ChildId child, const std::string& la, const char* due) const {
    InvestigationRow r;
    r.child_id = child;
    r.la_code = la;
    r.user_id = holder_;
    r.reason = "Immediate risk";
    r.occurred_at = 1779400000;
    r.due_on = *Date::ParseIso(due);
    return r;
  }

  TestDatabase tdb_;
  core::UserId holder_ = 0;
  core::UserId manager_ = 0;
};

TEST_F(InvestigationRepositoryTest, OpensListsPerLaAndReadsBack) {
  auto conn = tdb_.Conn();
  InvestigationRepository repo(*conn);
  auto later = repo.Open(Row(11, "E08000035", "2026-05-27"));
  auto sooner = repo.Open(Row(12, "E08000035", "2026-05-26"));
  auto elsewhere = repo.Open(Row(13, "E09000033", "2026-05-26"));
  ASSERT_TRUE(later && sooner && elsewhere);

  auto leeds = repo.ListOpen(std::string("E08000035"));
  ASSERT_TRUE(leeds) << leeds.error().message;
  ASSERT_EQ(leeds->size(), 2u);
  EXPECT_EQ(leeds->at(0).id, *sooner);  // oldest due first
  EXPECT_EQ(leeds->at(1).id, *later);
  EXPECT_EQ(repo.ListOpen(std::nullopt)->size(), 3u);

  auto got = repo.Get(*sooner);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->child_id, 12);
  EXPECT_EQ(got->user_id, holder_);
  EXPECT_EQ(got->user_display_name, "Pat Holder");
  EXPECT_EQ(got->reason, "Immediate risk");
  EXPECT_EQ(got->due_on.ToIso(), "2026-05-26");
  EXPECT_EQ(got->status, InvestigationStatus::kOpen);
  EXPECT_FALSE(got->mediator_id);
  EXPECT_FALSE(got->resolved_by);
  EXPECT_EQ(repo.Get(999999).error().code, ErrorCode::kNotFound);
}

TEST_F(InvestigationRepositoryTest, ResolvesOnceOnly) {
  auto conn = tdb_.Conn();
  InvestigationRepository repo(*conn);
  auto id = repo.Open(Row(11, "E08000035", "2026-05-26"));
  ASSERT_TRUE(id);
  EXPECT_EQ(repo.Resolve(*id, InvestigationStatus::kOpen, manager_, 1779500000, "").error().code,
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(repo.Resolve(*id, InvestigationStatus::kReferredMisuse, manager_, 1779500000,
                           "Referred to the staff manager"));
  auto again = repo.Resolve(*id, InvestigationStatus::kLegitimate, manager_, 1779500100, "");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(repo.Resolve(999999, InvestigationStatus::kLegitimate, manager_, 1, "").error().code,
            ErrorCode::kNotFound);

  auto got = repo.Get(*id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, InvestigationStatus::kReferredMisuse);
  EXPECT_EQ(got->resolved_by, manager_);
  EXPECT_EQ(got->resolved_at, 1779500000);
  EXPECT_EQ(got->resolution_note, "Referred to the staff manager");
  EXPECT_TRUE(repo.ListOpen(std::nullopt)->empty());
}

}  // namespace
}  // namespace cp::store
