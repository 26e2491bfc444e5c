#include "services/child_index.h"

#include <filesystem>
#include <future>

namespace cp::services {
namespace {

constexpr int kPage = 50000;

match::Gender ToMatch(core::Gender g) {
  switch (g) {
    case core::Gender::kMale:
      return match::Gender::kMale;
    case core::Gender::kFemale:
      return match::Gender::kFemale;
    default:
      return match::Gender::kUnknown;
  }
}

match::BirthDate ToBirthDate(Date d) {
  return match::BirthDate::FromParts(d.year(), d.month(), d.day()).value_or(match::BirthDate());
}

}  // namespace

ChildIndex::ChildIndex() : nicknames_(std::make_unique<match::NicknameTable>()) {}

match::PersonDetails RowDetails(const store::MatchRow& r) {
  match::PersonDetails d;
  d.forenames = r.forenames;
  d.surname = r.surname;
  d.other_surnames = r.other_surnames;
  if (!r.known_as_surname.empty()) d.other_surnames.push_back(r.known_as_surname);
  d.birth_date = ToBirthDate(r.date_of_birth);
  d.gender = ToMatch(r.gender);
  d.postcode = r.postcode;
  d.address_line1 = r.address_line1;
  d.town = r.town;
  d.school = r.school;
  d.gp_practice = r.gp_practice;
  d.school_code = r.school_code;
  d.gp_practice_code = r.gp_practice_code;
  d.carer_name = r.carer_name;
  return d;
}

match::PersonDetails QueryDetails(const SearchCriteria& c, bool visible_only) {
  match::PersonDetails d;
  d.forenames = c.forenames;
  d.surname = c.surname;
  if (c.date_of_birth) {
    d.birth_date = ToBirthDate(*c.date_of_birth);
  } else if (c.birth_year) {
    d.birth_date = match::BirthDate::FromParts(*c.birth_year, c.birth_month.value_or(0), 0)
                       .value_or(match::BirthDate());
  }
  if (c.gender) d.gender = ToMatch(*c.gender);
  if (!visible_only) {
    d.postcode = c.postcode;
    d.address_line1 = c.address;
    d.school = c.school;
    d.gp_practice = c.gp_practice;
    d.carer_name = c.parent_carer_name;
  }
  return d;
}

Result<std::unique_ptr<ChildIndex>> ChildIndex::Build(store::Database& db) {
  std::unique_ptr<ChildIndex> idx(new ChildIndex());
  const std::string data = CP_DEFAULT_DATA_DIR;
  CP_TRY(idx->nicknames_->LoadCsv(data + "/names/diminutives_england.csv"));
  const std::string shared = data + "/../../shared/data/names/nicknames.csv";
  std::error_code ec;
  if (std::filesystem::exists(shared, ec)) CP_TRY(idx->nicknames_->LoadCsv(shared));
  // The search service counts and shows only records that match
  // (kMatchProbability, kMatchRegister); with that as the index's floor, a
  // search skips every record whose bound falls short of it instead of
  // scoring it in full.
  match::SearchOptions options;
  options.min_probability = kMatchProbability;
  options.floor_register = kMatchRegister;
  idx->index_ = std::make_unique<match::SearchIndex>(idx->nicknames_.get(),
                                                     match::MatchModel::Defaults(), options);
  // Reading a page of records (on another thread) overlaps with filing the
  // page before it: the two take about as long as each other.
  CP_ASSIGN(auto conn, db.Acquire());
  auto read = [&conn](core::ChildId after) { return store::ReadMatchRows(*conn, after, kPage); };
  auto next = std::async(std::launch::async, read, core::ChildId{0});
  for (;;) {
    CP_ASSIGN(auto rows, next.get());
    if (rows.empty()) break;
    next = std::async(std::launch::async, read, rows.back().id);
    for (const auto& r : rows) idx->File(r);
  }
  return idx;
}

void ChildIndex::File(const store::MatchRow& row) {
  {
    std::lock_guard lock(held_mutex_);
    if (holding_) {
      held_[row.id] = row;
      return;
    }
  }
  index_->Upsert(static_cast<std::uint64_t>(row.id), RowDetails(row));
}

void ChildIndex::Forget(core::ChildId id) {
  {
    std::lock_guard lock(held_mutex_);
    if (holding_) {
      held_[id] = std::nullopt;
      return;
    }
  }
  index_->Remove(static_cast<std::uint64_t>(id));
}

Status ChildIndex::Refresh(store::Connection& conn, core::ChildId id) {
  CP_ASSIGN(auto row, store::ReadMatchRow(conn, id));
  if (row) {
    File(*row);
  } else {
    Forget(id);
  }
  return Ok();
}

void ChildIndex::Put(const core::Child& child) {
  if (child.archive_state != core::ArchiveState::kLive) {
    Forget(child.id);
    return;
  }
  File(store::MatchRowOf(child));
}

Result<match::Explanation> ChildIndex::Explain(const match::PersonDetails& query,
                                               core::ChildId id) const {
  std::optional<match::PersonDetails> held;
  {
    std::lock_guard lock(held_mutex_);
    const auto it = held_.find(id);
    if (it != held_.end()) {
      if (!it->second) return Error::NotFound("no such record in the search index");
      held = RowDetails(*it->second);
    }
  }
  if (!held) return ExplainFiled(query, id);
  return index_->ExplainAgainst(query, *held);
}

std::vector<std::optional<match::Weighing>> ChildIndex::Weigh(
    const match::PersonDetails& query, const std::vector<core::ChildId>& ids) const {
  std::vector<std::uint64_t> keys(ids.begin(), ids.end());
  std::vector<std::optional<match::PersonDetails>> held(ids.size());
  std::vector<bool> removed(ids.size(), false);
  {
    std::lock_guard lock(held_mutex_);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto it = held_.find(ids[i]);
      if (it == held_.end()) continue;
      if (it->second) {
        held[i] = RowDetails(*it->second);
      } else {
        removed[i] = true;
      }
    }
  }
  std::vector<const match::PersonDetails*> details(ids.size(), nullptr);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (held[i]) details[i] = &*held[i];
  }
  auto out = index_->Weigh(query, keys, details);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (removed[i]) out[i].reset();
  }
  return out;
}

void ChildIndex::HoldChanges() {
  std::lock_guard lock(held_mutex_);
  holding_ = true;
}

void ChildIndex::ReleaseChanges() {
  std::map<core::ChildId, std::optional<store::MatchRow>> held;
  {
    std::lock_guard lock(held_mutex_);
    holding_ = false;
    held.swap(held_);
  }
  for (const auto& [id, row] : held) {
    if (row) {
      File(*row);
    } else {
      Forget(id);
    }
  }
}

void ChildIndex::DropChanges() {
  std::lock_guard lock(held_mutex_);
  holding_ = false;
  held_.clear();
}

Result<std::vector<match::SearchHit>> ChildIndex::Search(
    const match::PersonDetails& query, std::size_t limit, match::SearchStats* stats,
    const match::SearchDemands& demands) const {
  return index_->Search(query, limit, stats, demands);
}

}  // namespace cp::services
