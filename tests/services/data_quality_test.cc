// Data quality (FEED-7, G 4.6): coverage, completeness, uniqueness and
// validity per source and per LA, measured on sources' real uploads with a
// known mix of rows, on a real database of each engine. docs/feeds.md
// ("Data quality") defines every figure asserted here.

#include <filesystem>
#include <fstream>

#include "services/data_quality_service.h"
#include "services/fixture.h"
#include "services/import_service.h"
#include "services/source_register.h"
#include "support/sample_child.h"

namespace cp::services {
namespace {

const std::string kHeader =
    "source_record_id,forenames,surname,date_of_birth,gender,address_line1,town,postcode,"
    "school_urn,school_name,gp_code,gp_name,parent1_forenames,parent1_surname,shield_flag,"
    "la_code\n";

// Four children; SC-5 is SC-1 again under another id (a duplicate within
// the source); SC-6 and SC-7 are unusable. SC-4 gives no gender, postcode
// or parent.
const std::string kCensus =
    kHeader +
    "SC-1,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell "
    "Primary School,,,Sarah,Whitfield,0,\n"
    "SC-2,Maya,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell Primary "
    "School,,,Sarah,Whitfield,0,\n"
    "SC-3,Reuben,Achterberg,2015-01-21,male,4 Quarry Hill,Leeds,LS2 7EY,107913,Quarry Mount "
    "Primary,,,Ingrid,Achterberg,0,\n"
    "SC-4,Noor,Haddad,2014-02-02,,3 Elm Row,Leeds,,107913,Quarry Mount Primary,,,,,0,E08000035\n"
    "SC-5,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell "
    "Primary School,,,Sarah,Whitfield,0,\n"
    "SC-6,Ava,Whitfield,2016-13-12,female,12 Mill Lane,Leeds,LS6 2AB,,,,,,,0,\n"
    "SC-7,Ava,,2016-11-12,female,12 Mill Lane,Leeds,LS6 2AB,,,,,,,0,\n";

// Maya again; Reuben at another address (a mismatch); Isla, Maya's twin:
// a new record.
const std::string kGp =
    kHeader +
    "GP-2,Maya,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,,,B86001,Mill Lane "
    "Surgery,Sarah,Whitfield,0,\n"
    "GP-3,Reuben,Achterberg,2015-01-21,male,77 Old Road,Leeds,LS2 7EY,,,B86002,Park "
    "Surgery,Ingrid,Achterberg,0,\n"
    "GP-9,Isla,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,,,B86001,Mill Lane "
    "Surgery,Sarah,Whitfield,0,\n";

// Leeds's own feed: an Oliver Whitfield too thinly described to link (to
// review), and Maya.
const std::string kLeeds = kHeader +
                           "L-1,Oliver,Whitfield,2016-04-12,,,,,,,,,,,0,E08000035\n"
                           "L-2,Maya,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,,,,,"
                           ",,0,\n";

const std::string kBradford =
    kHeader + "B-1,Aisha,Begum,2017-05-05,female,1 Park Road,Bradford,BD1 1AA,,,,,,,0,\n";

constexpr const char* kLeedsCode = "E08000035";
constexpr const char* kBradfordCode = "E08000032";

using Figure = std::pair<std::int64_t, std::int64_t>;  // count, of (-1: a plain count)

Figure Fig(const std::vector<QualityMeasure>& measures, const std::string& key) {
  for (const auto& m : measures) {
    if (m.key == key) return {m.count, m.of.value_or(-1)};
  }
  ADD_FAILURE() << "no measure " << key;
  return {-2, -2};
}

class DataQualityTest : public ServiceFixture {
 protected:
  DataQualityTest() {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    dir_ = std::filesystem::temp_directory_path() /
           ("cp-quality-" + std::to_string(::getpid()) + "-" + std::to_string(++serial_));
    std::filesystem::create_directories(dir_);
    auto places = LaLocator::Load(CP_DATA_DIR);
    EXPECT_TRUE(places) << places.error().message;
    places_ = std::move(*places);
  }
  ~DataQualityTest() override { std::filesystem::remove_all(dir_); }

  core::DataSource AddSource(const std::string& name, core::SourceBodyType type,
                             const std::string& la, int rank) {
    SourceRegister reg(*ctx_);
    auto s = reg.Register(Operator(), {name, type, la, rank});
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE(reg.Accredit(Operator(), s->id));
    auto active = reg.Activate(Operator(), s->id);
    EXPECT_TRUE(active);
    return *active;
  }

  void Import(const core::DataSource& source, const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    auto r = importer_->Import(Actor::System(Route::kBatch), source, path);
    ASSERT_TRUE(r) << r.error().field << ": " << r.error().message;
  }

  // Two records that look the same and an archived one, then the uploads.
  void LoadTheMix() {
    AddChild(cp::testing::SampleChild(1));
    AddChild(cp::testing::SampleChild(2));
    core::Child archived = cp::testing::SampleChild(3);
    archived.archive_state = core::ArchiveState::kSoft;
    AddChild(archived);
    auto index = ChildIndex::Build(tdb_.db());
    ASSERT_TRUE(index);
    index_ = std::move(*index);
    shielding_ = std::make_unique<ShieldingService>(*ctx_, index_.get());
    importer_ = std::make_unique<ImportService>(*ctx_, *index_, places_, *shielding_);
    census_ = AddSource("School census", core::SourceBodyType::kSchoolCensus, "", 10);
    gp_ = AddSource("GP registrations", core::SourceBodyType::kGpRegistrations, "", 20);
    leeds_ = AddSource("Leeds social care", core::SourceBodyType::kLocalAuthority, kLeedsCode, 50);
    bradford_ =
        AddSource("Bradford social care", core::SourceBodyType::kLocalAuthority, kBradfordCode, 50);
    Import(census_, "census.csv", kCensus);
    Import(gp_, "gp.csv", kGp);
    Import(leeds_, "leeds.csv", kLeeds);
    Import(bradford_, "bradford.csv", kBradford);
  }

  static Actor LaAdministrator(const std::string& la) {
    Actor a;
    a.role = core::Role::kLaDataAdministrator;
    a.rights = core::RoleRights(a.role);
    a.la_code = la;
    return a;
  }

  DataQualityReport ReportFor(const Actor& actor) {
    auto r = DataQualityService(*ctx_).Report(actor);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : DataQualityReport{};
  }

  static const SourceQuality& Source(const DataQualityReport& r, core::DataSourceId id) {
    for (const auto& s : r.sources) {
      if (s.id == id) return s;
    }
    ADD_FAILURE() << "no source " << id;
    static const SourceQuality kNone;
    return kNone;
  }

  static const LaQuality& La(const DataQualityReport& r, const std::string& code) {
    for (const auto& l : r.local_authorities) {
      if (l.la_code == code) return l;
    }
    ADD_FAILURE() << "no LA " << code;
    static const LaQuality kNone;
    return kNone;
  }

  std::int64_t Audits(const std::string& action, const std::string& outcome) {
    auto conn = tdb_.Conn();
    auto st = conn->Prepare("SELECT COUNT(*) FROM audit_entry WHERE action = $1 AND outcome = $2");
    EXPECT_TRUE(st);
    store::Bind(*st, action, outcome);
    EXPECT_TRUE(*(*st)->Step());
    return (*st)->Int(0);
  }

  static inline int serial_ = 0;
  std::filesystem::path dir_;
  LaLocator places_;
  std::unique_ptr<ChildIndex> index_;
  std::unique_ptr<ShieldingService> shielding_;
  std::unique_ptr<ImportService> importer_;
  core::DataSource census_, gp_, leeds_, bradford_;
};

// FEED-7, G 4.6: each source's coverage, completeness, uniqueness and
// validity, from what it sent.
TEST_F(DataQualityTest, MeasuresEachSourceOnWhatItSent) {
  LoadTheMix();
  const DataQualityReport r = ReportFor(Operator());
  ASSERT_EQ(r.sources.size(), 4u);
  EXPECT_EQ(r.on, *Date::ParseIso("2026-06-10"));

  const auto& census = Source(r, census_.id).measures;
  EXPECT_EQ(Fig(census, "coverage.source_records"), Figure(5, -1));
  EXPECT_EQ(Fig(census, "coverage.live_records"), Figure(4, 8));  // of England's 8
  EXPECT_EQ(Fig(census, "completeness.postcode"), Figure(4, 5));
  EXPECT_EQ(Fig(census, "completeness.gender"), Figure(4, 5));
  EXPECT_EQ(Fig(census, "completeness.school"), Figure(5, 5));
  EXPECT_EQ(Fig(census, "completeness.gp_practice"), Figure(0, 5));
  EXPECT_EQ(Fig(census, "completeness.parent_carer"), Figure(4, 5));
  EXPECT_EQ(Fig(census, "uniqueness.awaiting_review"), Figure(0, 5));
  EXPECT_EQ(Fig(census, "uniqueness.duplicate_rows"), Figure(1, 5));  // SC-5 is SC-1
  EXPECT_EQ(Fig(census, "validity.rows_rejected"), Figure(2, 7));
  EXPECT_EQ(Fig(census, "validity.records_mismatched"), Figure(0, 5));
  const auto& rejected = Source(r, census_.id).rejected_by_field;
  ASSERT_EQ(rejected.size(), 2u);
  EXPECT_EQ(rejected[0].name, "date_of_birth");
  EXPECT_EQ(rejected[0].count, 1);
  EXPECT_EQ(rejected[1].name, "surname");

  const auto& gp = Source(r, gp_.id).measures;
  EXPECT_EQ(Fig(gp, "coverage.live_records"), Figure(3, 8));
  EXPECT_EQ(Fig(gp, "completeness.gp_practice"), Figure(3, 3));
  EXPECT_EQ(Fig(gp, "completeness.school"), Figure(0, 3));
  EXPECT_EQ(Fig(gp, "uniqueness.duplicate_rows"), Figure(0, 3));
  EXPECT_EQ(Fig(gp, "validity.rows_rejected"), Figure(0, 3));
  EXPECT_EQ(Fig(gp, "validity.records_mismatched"), Figure(1, 3));  // Reuben's address
  ASSERT_EQ(Source(r, gp_.id).mismatches_by_item.size(), 1u);
  EXPECT_EQ(Source(r, gp_.id).mismatches_by_item[0].name, "address");

  // A local source's coverage is of its own LA's records.
  const auto& leeds = Source(r, leeds_.id).measures;
  EXPECT_EQ(Fig(leeds, "coverage.source_records"), Figure(2, -1));
  EXPECT_EQ(Fig(leeds, "coverage.live_records"), Figure(1, 7));
  EXPECT_EQ(Fig(leeds, "completeness.postcode"), Figure(1, 2));
  EXPECT_EQ(Fig(leeds, "uniqueness.awaiting_review"), Figure(1, 2));
  EXPECT_EQ(Fig(leeds, "uniqueness.duplicate_rows"), Figure(0, 1));
  EXPECT_EQ(Fig(Source(r, bradford_.id).measures, "coverage.live_records"), Figure(1, 1));
}

// FEED-7, G 4.6: each LA's live records — never the archived one — and the
// queue and look-alikes that threaten uniqueness.
TEST_F(DataQualityTest, MeasuresEachLocalAuthoritysLiveRecords) {
  LoadTheMix();
  const DataQualityReport r = ReportFor(Operator());
  ASSERT_EQ(r.local_authorities.size(), 2u);
  EXPECT_EQ(r.local_authorities[0].name, "Bradford");  // by name
  const auto& leeds = La(r, kLeedsCode).measures;
  EXPECT_EQ(Fig(leeds, "coverage.live_records"), Figure(7, -1));
  EXPECT_EQ(Fig(leeds, "coverage.with_source"), Figure(5, 7));  // not the two added by hand
  EXPECT_EQ(Fig(leeds, "coverage.school_age_with_school"), Figure(6, 7));  // not Isla
  EXPECT_EQ(Fig(leeds, "coverage.with_gp_practice"), Figure(5, 7));
  EXPECT_EQ(Fig(leeds, "completeness.postcode"), Figure(6, 7));
  EXPECT_EQ(Fig(leeds, "completeness.gender_known"), Figure(6, 7));
  EXPECT_EQ(Fig(leeds, "completeness.parent_carer"), Figure(6, 7));
  EXPECT_EQ(Fig(leeds, "uniqueness.open_reviews"), Figure(1, -1));
  // The two records added by hand look the same; the twins do not.
  EXPECT_EQ(Fig(leeds, "uniqueness.potential_duplicates"), Figure(2, 7));
  EXPECT_EQ(Fig(leeds, "validity.records_mismatched"), Figure(1, 7));
  const auto& bradford = La(r, kBradfordCode).measures;
  EXPECT_EQ(Fig(bradford, "coverage.live_records"), Figure(1, -1));
  EXPECT_EQ(Fig(bradford, "coverage.school_age_with_school"), Figure(0, 1));
  EXPECT_EQ(Fig(bradford, "completeness.parent_carer"), Figure(0, 1));
}

// FEED-7: an LA's data managers see their own LA and sources and the
// national sources; nobody else without administer_data. Every report is
// audited with its counts only.
TEST_F(DataQualityTest, AnLaSeesItsOwnAndTheNationalSourcesAndEveryReportIsAudited) {
  LoadTheMix();
  const DataQualityReport leeds = ReportFor(LaAdministrator(kLeedsCode));
  std::vector<std::string> names;
  for (const auto& s : leeds.sources) names.push_back(s.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"GP registrations", "School census", "Leeds social care"}));
  ASSERT_EQ(leeds.local_authorities.size(), 1u);
  EXPECT_EQ(leeds.local_authorities[0].la_code, kLeedsCode);
  Actor manager = LaAdministrator(kBradfordCode);
  manager.role = core::Role::kLaManager;
  manager.rights = core::RoleRights(manager.role);
  ASSERT_EQ(ReportFor(manager).local_authorities.size(), 1u);

  auto refused = DataQualityService(*ctx_).Report(Practitioner());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kPermissionDenied);
  EXPECT_EQ(Audits("data_quality.view", "denied"), 1);
  EXPECT_EQ(Audits("data_quality.view", "ok"), 2);
  ASSERT_TRUE(DataQualityService(*ctx_).Report(Operator(), QualityUse::kExport));
  EXPECT_EQ(Audits("data_quality.export", "ok"), 1);

  auto conn = tdb_.Conn();
  auto st = conn->Prepare(
      "SELECT details FROM audit_entry WHERE action LIKE 'data_quality.%' AND outcome = 'ok'");
  ASSERT_TRUE(st);
  int rows = 0;
  while (*(*st)->Step()) {
    const std::string details = (*st)->String(0);
    EXPECT_NE(details.find("\"sources\":"), std::string::npos) << details;
    EXPECT_EQ(details.find("Whitfield"), std::string::npos) << details;
    ++rows;
  }
  EXPECT_EQ(rows, 3);
}

// School age on the day: 5 today counts, 16 today does not.
TEST_F(DataQualityTest, SchoolAgeIsFiveToFifteenOnTheDay) {
  int n = 10;
  for (const char* born : {"2021-06-10", "2021-06-11", "2010-06-11", "2010-06-10"}) {
    core::Child c = cp::testing::SampleChild(++n);
    c.date_of_birth = *Date::ParseIso(born);
    c.forenames = "Child " + std::to_string(n);
    c.school.reset();
    c.education_setting = core::EducationSettingKind::kNoneKnown;
    AddChild(c);
  }
  const DataQualityReport r = ReportFor(Operator());
  ASSERT_EQ(r.local_authorities.size(), 1u);
  // Born 2021-06-10 (five today) and 2010-06-11 (sixteen tomorrow).
  EXPECT_EQ(Fig(r.local_authorities[0].measures, "coverage.school_age_with_school"), Figure(0, 2));
  EXPECT_TRUE(r.sources.empty());
  const QualityMeasure none{QualityDimension::kCoverage, "x", "x", 0, 0};
  EXPECT_FALSE(none.Percent());
  const QualityMeasure some{QualityDimension::kCoverage, "x", "x", 1, 8};
  EXPECT_DOUBLE_EQ(*some.Percent(), 12.5);
}

}  // namespace
}  // namespace cp::services
