// Importing sources' uploads (FEED-2 … FEED-5, FEED-8, NEW-1, NEW-3, UPD-3,
// LA-1) through the service, on a real database of each engine.

#include "services/import_service.h"

#include "services/linkage_fixture.h"

namespace cp::services {
namespace {

// The feeds' fixture (linkage_fixture.h), reading each upload from a file
// the test names: its extension picks the format.
class ImportTest : public LinkageFixture {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  Result<ImportReport> Import(const core::DataSource& source, const std::string& path) {
    return importer_->Import(Actor::System(Route::kBatch), source, path);
  }

  ImportReport ImportFileOk(const core::DataSource& source, const std::string& path) {
    auto r = Import(source, path);
    EXPECT_TRUE(r) << r.error().field << ": " << r.error().message;
    return r ? *r : ImportReport{};
  }
};

const std::string& kHeader = kFeedHeader;
// One school census row per child (linkage_fixture.h).
const std::string& kCensus = kCensusRows;

// NEW-1, LA-1, FEED-3: rows for children ContactPoint does not hold create
// records, in the LA the postcode places them in, each with a UIN.
TEST_F(ImportTest, NewChildrenCreateRecordsInTheirLocalAuthority) {
  const ImportReport r = ImportFileOk(census_, Write("census.csv", kCensus));
  EXPECT_EQ(r.rows, 3);
  EXPECT_EQ(r.created, 3);
  EXPECT_EQ(r.linked + r.review + r.rejected, 0);
  const core::Child oliver = Record(*ChildOf(census_, "SC-1"));
  EXPECT_EQ(oliver.forenames, "Oliver James");
  EXPECT_EQ(oliver.la_code, "E08000035");  // Leeds, from LS (LA-1)
  EXPECT_EQ(oliver.school->organisation, "Brudenell Primary School");
  EXPECT_NE(ChildOf(census_, "SC-1"), ChildOf(census_, "SC-2"));
  EXPECT_NE(Record(*ChildOf(census_, "SC-1")).uin, Record(*ChildOf(census_, "SC-2")).uin);
  EXPECT_EQ(oliver.provenance.at(core::Item::kNames).source_id, census_.id);  // REC-8
}

// FEED-3, FEED-4: another source's rows for the same children link to their
// records — through a nickname, a slip and a missing postcode — and never
// join a brother or sister at the same address. The best view takes each
// item from the most reliable source that gives it, and keeps the GP.
TEST_F(ImportTest, SecondSourceLinksToTheSameChildrenNeverToASibling) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  const std::string gp = kHeader +
                         "GP-1,Ollie,Whitfeld,2016-04-12,male,12 Mill Lane,Leeds,,,,B86001,Mill "
                         "Lane Surgery,Sarah,Whitfield,0,\n"
                         "GP-2,Maya,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,,,"
                         "B86001,Mill Lane Surgery,Sarah,Whitfield,0,\n"
                         "GP-9,Isla,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,,,"
                         "B86001,Mill Lane Surgery,Sarah,Whitfield,0,\n"
                         "GP-8,Ava,Whitfield,2018-11-02,female,12 Mill Lane,Leeds,LS6 2AB,,,"
                         "B86001,Mill Lane Surgery,Sarah,Whitfield,0,\n";
  const ImportReport r = ImportFileOk(gp_, Write("gp.csv", gp));
  EXPECT_EQ(r.linked, 2);
  EXPECT_EQ(r.created, 2);  // Isla, Maya's twin; Ava, a sister: other children
  EXPECT_EQ(ChildOf(gp_, "GP-1"), ChildOf(census_, "SC-1"));
  EXPECT_EQ(ChildOf(gp_, "GP-2"), ChildOf(census_, "SC-2"));
  EXPECT_NE(ChildOf(gp_, "GP-9"), ChildOf(census_, "SC-2"));
  EXPECT_NE(ChildOf(gp_, "GP-8"), ChildOf(census_, "SC-2"));
  const core::Child oliver = Record(*ChildOf(census_, "SC-1"));
  EXPECT_EQ(oliver.surname, "Whitfield");  // the census (rank 10) over the GP (20)
  EXPECT_EQ(oliver.gp_practice->organisation, "Mill Lane Surgery");
  EXPECT_EQ(oliver.school->organisation, "Brudenell Primary School");
}

// FEED-3: a row that repeats a source record id updates that source's
// contribution instead of creating anything; FEED-4: the best view follows.
TEST_F(ImportTest, ARepeatedRecordIdUpdatesItsContribution) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  const std::string moved = kHeader +
                            "SC-3,Reuben,Achterberg,2015-01-21,male,9 Kirkgate,Leeds,LS1 6BG,"
                            "107913,Quarry Mount Primary,,,Ingrid,Achterberg,0,\n";
  const ImportReport r = ImportFileOk(census_, Write("moved.csv", moved));
  EXPECT_EQ(r.linked, 1);
  EXPECT_EQ(r.updated, 1);
  EXPECT_EQ(r.created, 0);
  EXPECT_EQ(Count("child"), 3);
  EXPECT_EQ(Record(*ChildOf(census_, "SC-3")).address.postcode, "LS1 6BG");
}

// FEED-6: when a data administrator has decided that two records are
// different children, a row that could be either goes to the review queue,
// however sure the engine is of one of them.
TEST_F(ImportTest, ARowThatCouldBeEitherOfTwoKnownChildrenGoesToReview) {
  // Two records: the second's date of birth is the first's with two digits
  // swapped, a slip the engine forgives.
  ImportFileOk(census_,
               Write("census.csv",
                     kHeader + "SC-1,Reuben,Achterberg,2015-01-21,male,4 Quarry Hill,Leeds,LS2 "
                               "7EY,,,,,,,0,\n"
                               "SC-2,Reuben,Achterberg,2015-01-12,male,9 Kirkgate,Leeds,LS1 6BG,,,"
                               ",,,,0,\n"));
  const core::ChildId first = *ChildOf(census_, "SC-1"), second = *ChildOf(census_, "SC-2");
  ASSERT_NE(first, second);
  const std::string gp = kHeader +
                         "GP-1,Reuben,Achterberg,2015-01-21,male,4 Quarry Hill,Leeds,LS2 7EY,,,"
                         "B86002,Park Surgery,,,0,\n";
  {
    auto conn = tdb_.Conn();
    const core::UserId admin = AddUser("data.admin", core::Role::kLaDataAdministrator);
    ASSERT_TRUE(store::ReviewRepository(*conn).AddDistinct(first, second, std::nullopt, admin,
                                                           tdb_.clock().Now()));
  }
  const ImportReport r = ImportFileOk(gp_, Write("gp.csv", gp));
  EXPECT_EQ(r.review, 1);
  EXPECT_EQ(r.linked, 0);
  EXPECT_EQ(ChildOf(gp_, "GP-1"), std::nullopt);
}

// Sixty children of Leeds, one row each, with record ids PREFIX-0 … 59;
// `gp` adds a GP practice (the same children as another source sees them).
std::string SixtyChildren(const std::string& prefix, int first_year, bool gp) {
  static const char* const kForenames[] = {"Amelia", "Harry", "Isla", "Jack",  "Mia",
                                           "Noah",   "Poppy", "Theo", "Freya", "Arlo"};
  static const char* const kSurnames[] = {"Kowalczyk", "Brennan", "Okafor",
                                          "Lindqvist", "Mbeki",   "Farrow"};
  std::string rows = kHeader;
  for (int i = 0; i < 60; ++i) {
    // Days past the 12th: no two of them are one another with day and month
    // swapped.
    const Date dob = *Date::FromYmd(first_year, 1 + i % 12, 13 + i % 15);
    rows += prefix + "-" + std::to_string(i) + "," + kForenames[i % 10] + "," + kSurnames[i / 10] +
            "," + dob.ToIso() + "," + (i % 2 ? "male" : "female") + "," + std::to_string(i + 1) +
            " Mill Lane,Leeds,LS6 2AB,,,," + (gp ? "B86001" : "") + ",,,0,\n";
  }
  return rows;
}

// Oliver's name (kCensusRows), his date of birth with day and month
// swapped, and an address in Bradford: he, with a slip, or a namesake.
const std::string kNamesakeRow =
    "NS-1,Oliver,Whitfield,2016-12-04,male,3 Manor Row,Bradford,BD1 4PB,,,,,,,0,\n";

// FEED-3, NEW-1: how likely a row is a record's child weighs how likely its
// child is one ContactPoint already holds, judged from the upload's rows so
// far. The same row — a Leeds child's name and date of birth, from an
// address in Bradford — is a new child in an upload whose rows were all
// new children (a census into a young register)…
TEST_F(ImportTest, ANamesakeInAnUploadOfNewChildrenIsANewChild) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  ImportOptions options;
  options.batch_rows = 10;
  auto r = importer_->Import(
      Actor::System(Route::kBatch), census_,
      Write("census2.csv", SixtyChildren("SC-N", 2017, false) + kNamesakeRow), options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->created, 61);
  EXPECT_EQ(r->review, 0);
  EXPECT_NE(ChildOf(census_, "NS-1"), ChildOf(census_, "SC-1"));
}

// …and is sent to a data administrator in an upload whose rows were all
// children already held (a GP's file after the census).
TEST_F(ImportTest, ANamesakeInAnUploadOfHeldChildrenIsReviewed) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  ImportFileOk(census_, Write("census2.csv", SixtyChildren("SC-N", 2017, false)));
  ImportOptions options;
  options.batch_rows = 10;
  auto r =
      importer_->Import(Actor::System(Route::kBatch), gp_,
                        Write("gp.csv", SixtyChildren("GP-N", 2017, true) + kNamesakeRow), options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->linked, 60);
  EXPECT_EQ(r->review, 1);
  EXPECT_EQ(r->created, 0);
}

// FEED-4: a rebuild writes only what changed. An involvement the record
// still holds keeps its id — a brokering request names it by id (BRK-1) —
// while another source's row adds the GP practice and a second involvement.
TEST_F(ImportTest, ARebuildKeepsTheInvolvementsItStillHolds) {
  const std::string header =
      "source_record_id,forenames,surname,date_of_birth,gender,postcode,involvement_category,"
      "involvement_service,involvement_organisation,involvement_team\n";
  // A second child's involvement is stored after his, so an id given again
  // could not be his old one.
  ImportFileOk(census_,
               Write("care.csv", header + "SC-7,Reuben,Achterberg,2015-01-21,male,LS2 7EY,"
                                          "targeted,social_care,Leeds City Council,East team\n"
                                          "SC-8,Marigold,Quillfeather,2012-05-03,female,LS6 2AB,"
                                          "targeted,social_care,Leeds City Council,West team\n"));
  const core::ChildId child = *ChildOf(census_, "SC-7");
  const core::Child before = Record(child);
  ASSERT_EQ(before.involvements.size(), 1u);
  const std::int64_t involvement_id = before.involvements[0].id;
  ASSERT_EQ(
      ImportFileOk(gp_, Write("gp.csv", header + "GP-7,Reuben,Achterberg,2015-01-21,male,LS2 7EY,"
                                                 "targeted,youth_offending,Leeds YOS,North team\n"))
          .linked,
      1);
  const core::Child after = Record(child);
  ASSERT_EQ(after.involvements.size(), 2u);
  EXPECT_EQ(after.involvements[0].id, involvement_id);
  EXPECT_EQ(after.involvements[0].service_type, "social_care");
  EXPECT_EQ(after.involvements[1].service_type, "youth_offending");
  EXPECT_NE(after.involvements[1].id, involvement_id);
}

// UPD-3, FEED-5, G C14: where a less reliable source differs from the best
// view, that source is told which item — never the best view's value.
TEST_F(ImportTest, ASourceThatDiffersIsToldWhichItemNotTheValue) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  const std::string gp = kHeader +
                         "GP-3,Reuben,Achterberg,2015-01-21,male,77 Old Road,Leeds,LS2 7EY,,,"
                         "B86002,Park Surgery,Ingrid,Achterberg,0,\n";
  ASSERT_EQ(ImportFileOk(gp_, Write("gp.csv", gp)).linked, 1);
  auto conn = tdb_.Conn();
  auto items = store::ContributionRepository(*conn).Mismatches(gp_.id, "GP-3");
  ASSERT_TRUE(items);
  ASSERT_EQ(items->size(), 1u);
  EXPECT_EQ((*items)[0], core::Item::kAddress);
  auto census_items = store::ContributionRepository(*conn).Mismatches(census_.id, "SC-3");
  ASSERT_TRUE(census_items);
  EXPECT_TRUE(census_items->empty());
  EXPECT_EQ(Record(*ChildOf(census_, "SC-3")).address.line1, "4 Quarry Hill");
}

// A GP's row for Reuben (kCensus's SC-3), at his census address, with his
// GP practice.
const std::string kReubenAtQuarrySurgery =
    "GP-5,Reuben,Achterberg,2015-01-21,male,4 Quarry Hill,Leeds,LS2 7EY,,,B86003,Quarry Surgery,"
    "Ingrid,Achterberg,0,\n";

// FEED-4, UPD-3: two rows of one batch for one child each count in its best
// view. Both rows' rebuilds are planned before the batch is written, so the
// second's plan was read before the first changed the record: it must be
// worked out again, not applied as planned (the record's version moved on).
TEST_F(ImportTest, FEED4_RowsOfOneBatchForOneChildEachCountInItsBestView) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  const std::string gp = kHeader +
                         "GP-3,Reuben,Achterberg,2015-01-21,male,77 Old Road,Leeds,LS2 7EY,,,"
                         "B86002,Park Surgery,Ingrid,Achterberg,0,\n" +
                         kReubenAtQuarrySurgery;
  const ImportReport r = ImportFileOk(gp_, Write("gp.csv", gp));
  ASSERT_EQ(r.linked, 2);
  const core::ChildId reuben = *ChildOf(census_, "SC-3");
  EXPECT_EQ(ChildOf(gp_, "GP-3"), reuben);
  EXPECT_EQ(ChildOf(gp_, "GP-5"), reuben);
  // The later statement of the same source gives the GP practice.
  EXPECT_EQ(Record(reuben).gp_practice->organisation, "Quarry Surgery");
  auto conn = tdb_.Conn();
  store::ContributionRepository contributions(*conn);
  auto first = contributions.Mismatches(gp_.id, "GP-3");
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (std::vector<core::Item>{core::Item::kAddress, core::Item::kGpPractice}));
  auto second = contributions.Mismatches(gp_.id, "GP-5");
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->empty());
}

// FEED-4: a rebuild planned from a reading of a record is refused once the
// record has changed since (here another source's row linked to it), and
// writes nothing: a plan never undoes a change it did not see.
TEST_F(ImportTest, FEED4_ARebuildPlannedBeforeTheRecordChangedIsRefused) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  const core::ChildId reuben = *ChildOf(census_, "SC-3");
  core::Child row;  // what a GP's row about him says
  row.forenames = "Reuben";
  row.surname = "Achterberg";
  row.date_of_birth = *Date::ParseIso("2015-01-21");
  row.gp_practice = core::UniversalService{"Park Surgery", "B86002", {}, {}, {}};
  const std::string record_id = "GP-3";
  const IncomingContribution incoming{
      &row, gp_.id, &record_id, gp_.reliability_rank, tdb_.clock().Now(), 1};
  std::optional<RebuildPlan> plan;
  {
    auto conn = tdb_.Conn();
    auto planned = PlanRebuild(*conn, places_, reuben, tdb_.clock().Now(), std::nullopt, &incoming);
    ASSERT_TRUE(planned) << planned.error().message;
    plan = std::move(*planned);
  }
  ASSERT_EQ(ImportFileOk(gp_, Write("gp.csv", kHeader + kReubenAtQuarrySurgery)).linked, 1);
  const core::Child before = Record(reuben);
  auto conn = tdb_.Conn();
  store::Transaction tx(*conn, store::TxMode::kWrite);
  ASSERT_TRUE(tx.Begin());
  const Status applied = ApplyRebuild(*conn, *index_, *plan);
  ASSERT_FALSE(applied);
  EXPECT_EQ(applied.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(tx.Commit());
  EXPECT_EQ(Record(reuben).gp_practice->organisation, "Quarry Surgery");
  EXPECT_EQ(Record(reuben).updated_at, before.updated_at);
}

// FEED-3, NEW-3: unusable rows are refused on their own — with the row
// number, the field and the problem, never the values — and the rest of
// the upload goes in. A child resident outside England is refused.
TEST_F(ImportTest, UnusableRowsAreRefusedWithRowFieldAndProblem) {
  const std::string text = kHeader +
                           "SC-1,Oliver,Whitfield,2016-13-12,male,,Leeds,LS6 2AB,,,,,,,0,\n"
                           "SC-2,Maya,,2018-09-30,female,,Leeds,LS6 2AB,,,,,,,0,\n"
                           "SC-3,Rhys,Pritchard,2015-01-21,male,,Cardiff,CF10 1AA,,,,,,,0,\n"
                           "SC-4,Cerys,Pritchard,2015-01-21,female,,Cardiff,,,,,,,,0,W06000015\n"
                           "SC-5,Reuben,Achterberg,2015-01-21,male,,Leeds,LS2 7EY,,,,,,,0,\n";
  const ImportReport r = ImportFileOk(census_, Write("rows.csv", text));
  EXPECT_EQ(r.rows, 5);
  EXPECT_EQ(r.rejected, 4);
  EXPECT_EQ(r.created, 1);
  ASSERT_EQ(r.problems.size(), 4u);
  EXPECT_EQ(r.problems[0].row, 1);
  EXPECT_EQ(r.problems[0].field, "date_of_birth");
  EXPECT_EQ(r.problems[1].field, "surname");
  EXPECT_EQ(r.problems[2].field, "la_code");  // NEW-3, from the Welsh postcode
  EXPECT_NE(r.problems[2].message.find("outside England"), std::string::npos);
  EXPECT_EQ(r.problems[3].field, "la_code");  // NEW-3, from the Welsh LA code
  EXPECT_EQ(Count("upload_rejection"), 4);
  EXPECT_EQ(Count("child"), 1);
}

// Malformed files are refused as a whole before anything changes: not
// UTF-8, an unknown column, a row with too many or too few fields, a file
// cut off inside a quoted field, a line over 64 KiB, a JSON line that is not
// an object.
TEST_F(ImportTest, MalformedFilesAreRefusedAndChangeNothing) {
  const std::string good_row = "SC-1,Oliver,Whitfield,2016-04-12,male,,Leeds,LS6 2AB,,,,,,,0,\n";
  const std::pair<std::string, std::string> files[] = {
      {"latin1.csv", kHeader + "SC-1,Zo\xEB,Whitfield,2016-04-12,male,,Leeds,LS6 2AB,,,,,,,0,\n"},
      {"unknown.csv", "source_record_id,forenames,case_notes\nSC-1,Oliver,x\n"},
      {"extra.csv", kHeader + good_row +
                        "SC-2,Maya,Whitfield,2018-09-30,female,,Leeds,LS6 "
                        "2AB,,,,,,,0,,surplus\n"},
      {"missing.csv", kHeader + good_row + "SC-2,Maya,Whitfield\n"},
      {"truncated.csv", kHeader + good_row + "SC-2,\"Maya,Whitfi"},
      {"huge.csv", kHeader + "SC-1," + std::string(70 * 1024, 'a') + ",x,2016-04-12\n"},
      {"notjson.jsonl", "{\"source_record_id\":\"SC-1\"}\n[1,2,3]\n"},
      {"empty.csv", ""},
  };
  for (const auto& [name, text] : files) {
    auto r = Import(census_, Write(name, text));
    ASSERT_FALSE(r) << name;
    EXPECT_EQ(r.error().field, "file") << name;
    EXPECT_FALSE(r.error().message.empty());
  }
  EXPECT_EQ(Count("child"), 0);
  EXPECT_EQ(Count("contribution"), 0);
  EXPECT_EQ(Count("data_upload"), 0);
}

// The same rows as JSON Lines import as from CSV.
TEST_F(ImportTest, JsonLinesAreTheSameFeed) {
  const std::string jsonl =
      "{\"source_record_id\":\"SC-1\",\"forenames\":\"Oliver\",\"surname\":\"Whitfield\","
      "\"date_of_birth\":\"2016-04-12\",\"postcode\":\"LS6 2AB\",\"gender\":null}\n"
      "\n"
      "{\"source_record_id\":\"SC-2\",\"forenames\":\"Maya\",\"surname\":\"Whitfield\","
      "\"date_of_birth\":\"2018-09-30\",\"postcode\":\"LS6 2AB\"}\n";
  const ImportReport r = ImportFileOk(census_, Write("census.jsonl", jsonl));
  EXPECT_EQ(r.created, 2);
}

// FEED-2, G 4.43: a source without an active agreement cannot upload; the
// refusal is audited and nothing changes.
TEST_F(ImportTest, OnlyASourceWithAnActiveAgreementUploads) {
  SourceRegister reg(*ctx_);
  auto suspended = reg.Suspend(Operator(), census_.id);
  ASSERT_TRUE(suspended);
  auto r = Import(*suspended, Write("census.csv", kCensus));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Count("child"), 0);
  auto conn = tdb_.Conn();
  auto st = conn->Prepare(
      "SELECT COUNT(*) FROM audit_entry WHERE action = 'import.upload' AND "
      "outcome = 'denied'");
  ASSERT_TRUE(st);
  ASSERT_TRUE((*st)->Step());
  EXPECT_EQ((*st)->Int(0), 1);
}

// FEED-2: every upload is audited: its start, each batch with the records
// it touched, and its end with the counts.
TEST_F(ImportTest, EveryUploadIsAudited) {
  const ImportReport r = ImportFileOk(census_, Write("census.csv", kCensus));
  auto conn = tdb_.Conn();
  auto st = conn->Prepare(
      "SELECT action, record_ids FROM audit_entry WHERE action LIKE "
      "'import.%' ORDER BY seq");
  ASSERT_TRUE(st);
  std::vector<std::string> actions;
  std::string batch_records;
  while (*(*st)->Step()) {
    actions.push_back((*st)->String(0));
    if (actions.back() == "import.batch") batch_records = (*st)->String(1);
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"import.upload.start", "import.batch", "import.upload"}));
  EXPECT_NE(batch_records.find(std::to_string(*ChildOf(census_, "SC-1"))), std::string::npos);
  EXPECT_GT(r.upload_id, 0);
}

// FEED-8: a source's shielding flag shields the record.
TEST_F(ImportTest, ASourcesShieldingFlagShieldsTheRecord) {
  const std::string text =
      kHeader + "SC-7,Noor,Haddad,2014-02-02,female,3 Elm Row,Leeds,LS7 1AA,,,,,,,1,\n";
  const ImportReport r = ImportFileOk(census_, Write("flag.csv", text));
  EXPECT_EQ(r.shielded, 1);
  EXPECT_TRUE(Record(*ChildOf(census_, "SC-7")).shielded);
}

// FEED-3: a re-run of an upload that finished adds nothing: every row is a
// repeat of what the source already said.
TEST_F(ImportTest, ImportingTheSameFileAgainChangesNothing) {
  const std::string path = Write("census.csv", kCensus);
  ImportFileOk(census_, path);
  const ImportReport again = ImportFileOk(census_, path);
  EXPECT_EQ(again.created, 0);
  EXPECT_EQ(again.updated, 3);
  EXPECT_EQ(Count("child"), 3);
  EXPECT_EQ(Count("contribution"), 3);
}

// FEED-4: among statements of one rank received in the same second (the
// test's clock stands still), the later stated speaks — and a source's
// repeated row is stated when it is repeated, not when its record id was
// first sent.
TEST_F(ImportTest, FEED4_ARepeatedRowIsStatedWhenItIsRepeated) {
  ImportFileOk(census_, Write("census.csv", kCensus));
  const core::DataSource other_gp =
      AddSource("GP registrations, second system", core::SourceBodyType::kGpRegistrations, 20);
  auto oliver_at = [&](const std::string& id, const std::string& code, const std::string& name) {
    return kHeader + id + ",Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,,," +
           code + "," + name + ",Sarah,Whitfield,0,\n";
  };
  ImportFileOk(gp_, Write("gp.csv", oliver_at("GP-1", "B86001", "Mill Lane Surgery")));
  ImportFileOk(other_gp, Write("gp2.csv", oliver_at("GQ-1", "B86002", "Park Surgery")));
  const core::ChildId oliver = *ChildOf(census_, "SC-1");
  ASSERT_EQ(ChildOf(gp_, "GP-1"), oliver);
  ASSERT_EQ(ChildOf(other_gp, "GQ-1"), oliver);
  EXPECT_EQ(Record(oliver).gp_practice->organisation, "Park Surgery");

  ImportFileOk(gp_, Write("gp-again.csv", oliver_at("GP-1", "B86003", "Quarry Surgery")));
  EXPECT_EQ(Record(oliver).gp_practice->organisation, "Quarry Surgery");
}

// Oliver twice in one census upload, as a school's system sends a child it
// holds twice: the second row, alone in a batch that was matched while the
// first row's batch was written, before his record existed.
std::string OliverTwice() {
  return kHeader +
         "SC-1,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,107912,"
         "Brudenell Primary School,,,Sarah,Whitfield,0,\n"
         "SC-1B,Oliver,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,107912,"
         "Brudenell Primary School,,,Sarah,Whitfield,0,\n";
}

// FEED-3, NEW-1: a batch is matched while the batch before it is written,
// so its rows are also compared with the records that batch created: the
// second row joins the record the first created instead of making another.
TEST_F(ImportTest, FEED3_ARowFindsTheRecordTheBatchBeforeCreated) {
  ImportOptions options;
  options.batch_rows = 1;
  auto r = importer_->Import(Actor::System(Route::kBatch), census_,
                             Write("census.csv", OliverTwice()), options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->created, 1);
  EXPECT_EQ(r->linked, 1);
  EXPECT_EQ(ChildOf(census_, "SC-1"), ChildOf(census_, "SC-1B"));
  EXPECT_EQ(Count("child"), 1);
}

// FEED-3: nothing lost, nothing twice. An import stopped after its first
// batch has kept what it matched for the second with the first's progress;
// run again (a new process: a new index), it treats the second batch as the
// unbroken run did, and the upload's lookahead is cleared when it finishes.
TEST_F(ImportTest, FEED3_AResumedImportUsesWhatItMatchedAhead) {
  const std::string path = Write("census.csv", OliverTwice());
  struct Stop {};
  ImportOptions options;
  options.batch_rows = 1;
  options.before_row = [](std::int64_t row) {
    if (row == 2) throw Stop{};
  };
  EXPECT_THROW((void)importer_->Import(Actor::System(Route::kBatch), census_, path, options), Stop);
  std::int64_t upload_id = 0;
  {
    auto conn = tdb_.Conn();
    auto st = conn->Prepare("SELECT MAX(id) FROM data_upload");
    ASSERT_TRUE(st && (*st)->Step());
    upload_id = (*st)->Int(0);
  }
  {
    auto conn = tdb_.Conn();
    auto upload = store::ContributionRepository(*conn).GetUpload(upload_id);
    ASSERT_TRUE(upload) << upload.error().message;
    EXPECT_EQ(upload->rows_done, 1);
    EXPECT_NE(upload->lookahead, "");
  }
  EXPECT_EQ(Count("child"), 1);

  auto index = ChildIndex::Build(tdb_.db());
  ASSERT_TRUE(index);
  ShieldingService shielding(*ctx_, index->get());
  ImportService again(*ctx_, **index, places_, shielding);
  options.before_row = nullptr;
  auto r = again.Import(Actor::System(Route::kBatch), census_, path, options);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->resumed);
  EXPECT_EQ(r->linked, 1);
  EXPECT_EQ(ChildOf(census_, "SC-1"), ChildOf(census_, "SC-1B"));
  EXPECT_EQ(Count("child"), 1);
  EXPECT_EQ(r->upload_id, upload_id);
  auto conn = tdb_.Conn();
  auto upload = store::ContributionRepository(*conn).GetUpload(upload_id);
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, "completed");
  EXPECT_EQ(upload->lookahead, "");
}

}  // namespace
}  // namespace cp::services
