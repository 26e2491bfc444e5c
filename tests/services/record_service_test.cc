#include "services/record_service.h"

#include "services/fixture.h"
#include "store/audit_repository.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

class RecordServiceTest : public ServiceFixture {
 protected:
  RecordServiceTest() : records_(*ctx_) {}
  RecordService records_;
};

// DESIGN invariant 2 / AUD-1: a record view is audited with the record id.
TEST_F(RecordServiceTest, AuditsEveryRecordView) {
  const core::ChildId id = AddChild(cp::testing::SampleChild());
  auto view = records_.View(Practitioner(), id);
  ASSERT_TRUE(view) << view.error().message;
  EXPECT_EQ(view->child.surname, "Okafor-Smith");
  auto conn = tdb_.Conn();
  auto history = store::AuditRepository(*conn).ForRecord(id, 10);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->front().action, "record.view");
  EXPECT_EQ(history->front().user_id, 1);
}

// DESIGN invariant 2: no audit, no data — when the audit entry cannot be
// written, the record is not returned.
TEST_F(RecordServiceTest, ReturnsNothingWhenTheAuditEntryCannotBeWritten) {
  const core::ChildId id = AddChild(cp::testing::SampleChild());
  {
    auto conn = tdb_.Conn();
    ASSERT_TRUE(conn->Exec("DROP TABLE audit_head"));  // every append now fails
  }
  auto view = records_.View(Practitioner(), id);
  ASSERT_FALSE(view);
}

// DESIGN invariant 1: what leaves the service is the policy projection.
TEST_F(RecordServiceTest, ReturnsTheProjectionForTheViewer) {
  core::Child child = cp::testing::SampleChild();
  child.shielded = true;
  const core::ChildId id = AddChild(child);
  auto view = records_.View(Practitioner(), id);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->minimal);
  EXPECT_TRUE(view->child.address.postcode.empty());  // SHD-2
  EXPECT_TRUE(view->child.parents_carers.empty());
}

TEST_F(RecordServiceTest, ArchivedRecordsAreNotFound) {  // SRCH-4
  core::Child child = cp::testing::SampleChild();
  child.archive_state = core::ArchiveState::kSoft;
  const core::ChildId id = AddChild(child);
  auto view = records_.View(Practitioner(), id);
  ASSERT_FALSE(view);
  EXPECT_EQ(view.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace cp::services
