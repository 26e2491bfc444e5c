#pragma once
// The service layer of the feeds on a fresh database of the engine under
// test: two accredited sources, the import, the live search index, the
// review queue and merges, and the people who work them (FEED-6 tests).

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "services/fixture.h"
#include "services/import_service.h"
#include "services/merge_service.h"
#include "services/review_service.h"
#include "services/source_register.h"
#include "store/audit_repository.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/review_repository.h"
#include "store/shield_repository.h"

namespace cp::services {

inline constexpr const char* kLeeds = "E08000035";
inline constexpr const char* kBradford = "E08000032";

inline const std::string kFeedHeader =
    "source_record_id,forenames,surname,date_of_birth,gender,address_line1,town,postcode,"
    "school_urn,school_name,gp_code,gp_name,parent1_forenames,parent1_surname,shield_flag,"
    "la_code\n";

// Three children of Leeds: Oliver and his sister Maya at one address, and
// Reuben.
inline const std::string kCensusRows =
    kFeedHeader +
    "SC-1,Oliver James,Whitfield,2016-04-12,male,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell "
    "Primary School,,,Sarah,Whitfield,0,\n"
    "SC-2,Maya,Whitfield,2018-09-30,female,12 Mill Lane,Leeds,LS6 2AB,107912,Brudenell Primary "
    "School,,,Sarah,Whitfield,0,\n"
    "SC-3,Reuben,Achterberg,2015-01-21,male,4 Quarry Hill,Leeds,LS2 7EY,107913,Quarry Mount "
    "Primary,,,Ingrid,Achterberg,0,\n";

// A GP's row for Oliver that names him and his date of birth but not his
// address: near his record, but not surely him (the review queue).
inline const std::string kUncertainGpRow =
    kFeedHeader + "GP-4,Oliver,Whitfield,2016-04-12,,,,,,,B86001,Mill Lane Surgery,,,0,E08000035\n";

class LinkageFixture : public ServiceFixture {
 protected:
  LinkageFixture() {
    tdb_.clock().Set(Date::ParseIso("2026-06-10")->StartTimestamp() + 10 * 3600);
    dir_ = std::filesystem::temp_directory_path() /
           ("cp-linkage-" + std::to_string(::getpid()) + "-" + std::to_string(++serial_));
    std::filesystem::create_directories(dir_);
    auto places = LaLocator::Load(CP_DATA_DIR);
    EXPECT_TRUE(places) << places.error().message;
    places_ = std::move(*places);
    auto index = ChildIndex::Build(tdb_.db());
    EXPECT_TRUE(index);
    index_ = std::move(*index);
    shielding_ = std::make_unique<ShieldingService>(*ctx_, index_.get());
    importer_ = std::make_unique<ImportService>(*ctx_, *index_, places_, *shielding_);
    reviews_ = std::make_unique<ReviewService>(*ctx_, index_.get(), *shielding_, &places_);
    merges_ = std::make_unique<MergeService>(*ctx_, index_.get(), *shielding_, &places_);
    census_ = AddSource("School census", core::SourceBodyType::kSchoolCensus, 10);
    gp_ = AddSource("GP registrations", core::SourceBodyType::kGpRegistrations, 20);
    admin_ = ActorFor(AddUser("leeds.admin", core::Role::kLaDataAdministrator),
                      core::Role::kLaDataAdministrator);
    shield_admin_ =
        ActorFor(AddUser("leeds.admin.shielded", core::Role::kLaDataAdministrator,
                         {core::Right::kViewShielded}),
                 core::Role::kLaDataAdministrator, kLeeds, {core::Right::kViewShielded});
    bradford_admin_ =
        ActorFor(AddUser("bradford.admin", core::Role::kLaDataAdministrator, {}, kBradford),
                 core::Role::kLaDataAdministrator, kBradford);
    central_ = ActorFor(AddUser("central", core::Role::kCentralTeam), core::Role::kCentralTeam);
    teacher_ = ActorFor(AddUser("teacher", core::Role::kPractitioner), core::Role::kPractitioner);
  }
  ~LinkageFixture() override { std::filesystem::remove_all(dir_); }

  static Actor ActorFor(core::UserId id, core::Role role, const std::string& la = kLeeds,
                        core::Rights extra = {}) {
    Actor a;
    a.user_id = id;
    a.role = role;
    a.rights = core::RoleRights(role).With(extra);
    a.la_code = la;
    return a;
  }

  core::DataSource AddSource(const std::string& name, core::SourceBodyType type, int rank) {
    SourceRegister reg(*ctx_);
    auto s = reg.Register(Operator(), {name, type, "", rank});
    EXPECT_TRUE(s) << s.error().message;
    EXPECT_TRUE(reg.Accredit(Operator(), s->id));
    auto active = reg.Activate(Operator(), s->id);
    EXPECT_TRUE(active);
    return *active;
  }

  ImportReport ImportOk(const core::DataSource& source, const std::string& text) {
    const std::string path = (dir_ / ("upload-" + std::to_string(++uploads_) + ".csv")).string();
    std::ofstream(path, std::ios::binary) << text;
    auto r = importer_->Import(Actor::System(Route::kBatch), source, path);
    EXPECT_TRUE(r) << r.error().field << ": " << r.error().message;
    return r ? *r : ImportReport{};
  }

  std::optional<core::ChildId> ChildOf(const core::DataSource& s, const std::string& record_id) {
    auto conn = tdb_.Conn();
    auto row = store::ContributionRepository(*conn).Find(s.id, record_id);
    EXPECT_TRUE(row);
    if (!row || !*row) return std::nullopt;
    return (*row)->child_id;
  }

  core::Child Record(core::ChildId id) {
    auto conn = tdb_.Conn();
    auto c = store::ChildRepository(*conn).Get(id);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : core::Child{};
  }

  std::int64_t Count(const std::string& table) {
    auto conn = tdb_.Conn();
    auto st = conn->Prepare("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(st);
    EXPECT_TRUE((*st)->Step());
    return (*st)->Int(0);
  }

  // Every open review, in every queue.
  std::vector<store::MatchReviewRow> OpenReviews() {
    auto conn = tdb_.Conn();
    auto rows = store::ReviewRepository(*conn).ListOpen(std::nullopt, 100);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::MatchReviewRow>{};
  }
  // The one open review; the test fails without exactly one.
  std::int64_t TheReview() {
    const auto open = OpenReviews();
    EXPECT_EQ(open.size(), 1u);
    return open.empty() ? 0 : open.front().id;
  }

  std::vector<store::AuditRow> ByUser(const Actor& who) {
    auto conn = tdb_.Conn();
    auto rows = store::AuditRepository(*conn).ForUser(*who.user_id, 200);
    EXPECT_TRUE(rows) << rows.error().message;
    return rows ? *rows : std::vector<store::AuditRow>{};
  }
  // The newest entry of `action` with `outcome` among `rows`, if any.
  static std::optional<store::AuditRow> Find(const std::vector<store::AuditRow>& rows,
                                             const std::string& action,
                                             const std::string& outcome) {
    for (const auto& r : rows) {
      if (r.action == action && r.outcome == outcome) return r;
    }
    return std::nullopt;
  }

  // Whether the index finds record `id` for `forenames` `surname` born `dob`.
  bool Searchable(core::ChildId id, const std::string& forenames, const std::string& surname,
                  const std::string& dob) {
    SearchCriteria c;
    c.forenames = forenames;
    c.surname = surname;
    c.date_of_birth = Date::ParseIso(dob);
    auto hits = index_->Search(QueryDetails(c, false), 20);
    EXPECT_TRUE(hits) << hits.error().message;
    if (!hits) return false;
    for (const auto& h : *hits) {
      if (static_cast<core::ChildId>(h.id) == id) return true;
    }
    return false;
  }

  // Shields a record directly (no request), as a test set-up.
  void ShieldDirectly(core::ChildId id) {
    auto conn = tdb_.Conn();
    ASSERT_TRUE(store::ShieldRepository(*conn).SetShielded(id, true, tdb_.clock().Now()));
    ASSERT_TRUE(index_->Refresh(*conn, id));
  }

  static inline int serial_ = 0;
  int uploads_ = 0;
  std::filesystem::path dir_;
  LaLocator places_;
  std::unique_ptr<ChildIndex> index_;
  std::unique_ptr<ShieldingService> shielding_;
  std::unique_ptr<ImportService> importer_;
  std::unique_ptr<ReviewService> reviews_;
  std::unique_ptr<MergeService> merges_;
  core::DataSource census_, gp_;
  Actor admin_, shield_admin_, bradford_admin_, central_, teacher_;
};

}  // namespace cp::services
