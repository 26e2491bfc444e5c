#include "match/search_index.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <mutex>

#include "match/compare.h"
#include "match/guard.h"
#include "match/scoring.h"
#include "match/search_query.h"

namespace cp::match {

SearchIndex::SearchIndex(const NicknameTable* nicknames, MatchModel model, SearchOptions options)
    : nicknames_(nicknames), model_(std::move(model)), options_(options), pool_(nicknames) {
  if (std::popcount(options_.rules) > kMaxSearchRules) std::abort();  // a caller's mistake
}

SearchIndex::~SearchIndex() = default;

void SearchIndex::FileRecord(std::uint32_t slot, int direction) {
  std::vector<BlockingKey> keys;
  AppendBlockingKeys({&records_[slot], &pool_}, options_.rules, &keys);
  for (BlockingKey k : keys) {
    if (direction > 0) {
      postings_.Add(k, slot);
    } else {
      postings_.Remove(k, slot);
    }
  }
  if (direction > 0) {
    frequencies_.Add(records_[slot]);
  } else {
    frequencies_.Remove(records_[slot]);
  }
}

void SearchIndex::Upsert(std::uint64_t id, const PersonDetails& details) {
  std::unique_lock lock(mutex_);
  if (const auto existing = slot_of_.Find(id)) {
    Refile(*existing, PrepareRecord(details, pool_));
    return;
  }
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(records_.size());
    records_.emplace_back();
    ids_.push_back(0);
  }
  records_[slot] = PrepareRecord(details, pool_);
  ids_[slot] = id;
  slot_of_.Put(id, slot);
  FileRecord(slot, +1);
  model_.set_prior(1.0 / static_cast<double>(std::max<std::size_t>(slot_of_.size(), 2)));
}

void SearchIndex::Refile(std::uint32_t slot, MatchRecord fresh) {
  // Only the keys that change are touched: a block of a common date of
  // birth holds thousands of slots, and most changes to a record (a GP
  // practice added, a school) leave its keys as they were.
  std::vector<BlockingKey> before;
  std::vector<BlockingKey> after;
  AppendBlockingKeys({&records_[slot], &pool_}, options_.rules, &before);
  AppendBlockingKeys({&fresh, &pool_}, options_.rules, &after);
  std::sort(before.begin(), before.end());
  std::sort(after.begin(), after.end());
  std::vector<BlockingKey> changed;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::back_inserter(changed));
  for (BlockingKey k : changed) postings_.Remove(k, slot);
  changed.clear();
  std::set_difference(after.begin(), after.end(), before.begin(), before.end(),
                      std::back_inserter(changed));
  for (BlockingKey k : changed) postings_.Add(k, slot);
  frequencies_.Remove(records_[slot]);
  records_[slot] = fresh;
  frequencies_.Add(records_[slot]);
}

bool SearchIndex::Remove(std::uint64_t id) {
  std::unique_lock lock(mutex_);
  const auto slot = slot_of_.Find(id);
  if (!slot) return false;
  FileRecord(*slot, -1);
  records_[*slot] = MatchRecord{};
  slot_of_.Erase(id);
  free_slots_.push_back(*slot);
  model_.set_prior(1.0 / static_cast<double>(std::max<std::size_t>(slot_of_.size(), 2)));
  return true;
}

TfAdjustments SearchIndex::AdjustmentsFor(const MatchRecord& r, const ComparisonVector& cv) const {
  TfAdjustments tf{};
  for (int i = 0; i < kFieldCount; ++i) {
    if (cv.level[static_cast<std::size_t>(i)] != 1) continue;
    tf[static_cast<std::size_t>(i)] = frequencies_.AdjustmentFor(model_, FieldAt(i), r);
  }
  return tf;
}

namespace {

// The rules each slot of the index was found under in one search, by slot,
// for this thread: noting a slot is one store, without a search, where a
// search at national size notes thousands. A rule is a bit of the byte
// (RuleBits). All clear between searches: a search clears each mark it set
// as it collects the slots. 11 MB a thread for 11 million records.
std::uint8_t* MarksForThisThread(std::size_t slots) {
  thread_local HugePageVector<std::uint8_t> marks;
  if (marks.size() < slots) marks.resize(slots + slots / 8 + 1024, 0);
  return marks.data();
}

// The rules of one search's keys, each as one bit of a byte, in the order
// first met: an index files records under at most kMaxSearchRules rules.
class RuleBits {
 public:
  std::uint8_t Of(BlockingRule rule) {
    std::uint8_t& bit = bits_[static_cast<std::size_t>(rule)];
    if (bit == 0) bit = static_cast<std::uint8_t>(1U << used_++);
    return bit;
  }

 private:
  std::array<std::uint8_t, kBlockingRuleCount> bits_{};
  int used_ = 0;
};
static_assert(kMaxSearchRules <= 8);

// True when `rules` holds at least `count` rules.
bool UnderAtLeast(std::uint8_t rules, int count) {
  for (int i = 1; i < count; ++i) rules &= static_cast<std::uint8_t>(rules - 1);  // the lowest goes
  return count <= 0 || rules != 0;
}

// How many records ahead a search asks for a record to be fetched.
constexpr std::size_t kPrefetchAhead = 8;

bool Better(const SearchHit& a, const SearchHit& b) {
  return a.weight != b.weight ? a.weight > b.weight : a.id < b.id;
}

}  // namespace

Result<std::vector<SearchHit>> SearchIndex::Search(const PersonDetails& query, std::size_t limit,
                                                   SearchStats* stats,
                                                   const SearchDemands& demands) const {
  std::shared_lock lock(mutex_);
  const SearchQuery q(query, nicknames_, pool_, frequencies_, model_, options_.rules,
                      options_.max_name_variants);
  if (q.keys().empty()) {
    return Error::Invalid("query", "give a date of birth, a postcode or a forename with a surname");
  }
  // Smallest blocks first: they are the most specific, so the child sought
  // is usually scored early and the bound then skips most of the rest.
  struct Block {
    std::span<const std::uint32_t> slots;
    std::uint8_t rule;  // its rule's bit (RuleBits)
  };
  std::vector<Block> blocks;
  Block smallest_oversized{};
  RuleBits rule_bits;
  for (BlockingKey k : q.keys()) {
    const Block block{postings_.Find(k), rule_bits.Of(RuleOfKey(k))};
    if (block.slots.empty()) continue;
    if (block.slots.size() > options_.max_postings_per_key) {
      if (smallest_oversized.slots.empty() ||
          block.slots.size() < smallest_oversized.slots.size()) {
        smallest_oversized = block;
      }
      continue;
    }
    blocks.push_back(block);
  }
  if (blocks.empty() && !smallest_oversized.slots.empty()) {
    blocks.push_back(smallest_oversized);
  }
  std::sort(blocks.begin(), blocks.end(),
            [](const auto& a, const auto& b) { return a.slots.size() < b.slots.size(); });
  // A record first found in one of the last min_rules - 1 blocks is under
  // fewer than min_rules of them, so could never be compared: those blocks,
  // the largest, only add their rule to the records of the others.
  const std::size_t demanded = static_cast<std::size_t>(std::max(demands.min_rules, 1));
  const std::size_t opening = blocks.size() >= demanded ? blocks.size() - (demanded - 1) : 0;
  std::size_t opened = 0;
  for (std::size_t b = 0; b < opening; ++b) opened += blocks[b].slots.size();
  // Every block marks its slots with its rule; then the slots of the
  // opening blocks are collected in the order first found, each with all
  // the rules it was found under, and every mark is cleared.
  std::vector<std::uint32_t> qualified;
  qualified.reserve(opened);
  std::size_t candidates = 0;
  std::uint8_t* marks = MarksForThisThread(records_.size());
  for (const Block& block : blocks) {
    for (std::uint32_t slot : block.slots) marks[slot] |= block.rule;
  }
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    for (std::uint32_t slot : blocks[b].slots) {
      const std::uint8_t rules = marks[slot];
      marks[slot] = 0;
      if (rules == 0 || b >= opening) continue;  // collected already, or never opened
      ++candidates;
      if (UnderAtLeast(rules, demands.min_rules)) qualified.push_back(slot);
    }
  }

  // The best `limit` hits so far, worst on top; none below the floor. The
  // floor rises from the register of floor_register records to the whole
  // register's as the best hit found so far pulls ahead (floor_margin), so
  // a record skipped on it could never have been returned.
  const double records = static_cast<double>(std::max<std::size_t>(slot_of_.size(), 2));
  const double full_floor =
      std::max(model_.WeightForProbability(options_.min_probability), demands.min_weight);
  const double near_floor = options_.floor_register > 0 && records > options_.floor_register
                                ? std::max(FloorWeight(options_.floor_register), demands.min_weight)
                                : full_floor;
  double top = -std::numeric_limits<double>::infinity();
  auto near_best_floor = [&] {
    return std::min(full_floor, std::max(near_floor, top - options_.floor_margin));
  };
  auto floor = [&] { return demands.keep_behind_best ? near_floor : near_best_floor(); };
  std::vector<SearchHit> best;
  auto threshold = [&] {
    return best.size() < limit ? floor() : std::max(floor(), best.front().weight);
  };
  const auto worst_on_top = [](const SearchHit& a, const SearchHit& b) { return Better(a, b); };
  const RecordView query_view = q.view();
  SearchStats local;
  local.keys = q.keys().size();
  local.candidates = candidates;
  local.qualified = qualified.size();
  // The records under enough rules, and their ids, fetched from memory a
  // few ahead of their turn: in a register of millions each is a cache
  // miss, and the bound below reads the record at once.
  for (std::size_t i = 0; i < qualified.size(); ++i) {
    if (i + kPrefetchAhead < qualified.size()) {
      __builtin_prefetch(&records_[qualified[i + kPrefetchAhead]]);
      __builtin_prefetch(&ids_[qualified[i + kPrefetchAhead]]);
    }
    const std::uint32_t slot = qualified[i];
    const MatchRecord& r = records_[slot];
    const double needed = threshold();
    if (q.UpperBound(r, needed) < needed) continue;
    ++local.compared;
    const ComparisonVector cv = CompareRecords(query_view, {&r, &pool_});
    const SearchHit hit{ids_[slot], MatchWeight(model_, cv, AdjustmentsFor(r, cv)), 0,
                        ShowsDifferentPeople(cv)};
    if (hit.weight < threshold() || limit == 0) continue;
    // Of hits alike, the lower ids: the hits kept do not depend on the
    // order records were found in.
    if (best.size() == limit && !Better(hit, best.front())) continue;
    top = std::max(top, hit.weight);
    if (best.size() == limit) {
      std::pop_heap(best.begin(), best.end(), worst_on_top);
      best.pop_back();
    }
    best.push_back(hit);
    std::push_heap(best.begin(), best.end(), worst_on_top);
  }
  std::sort(best.begin(), best.end(), Better);
  // Hits taken while the floor was lower than the best now makes it are
  // dropped, or only marked when the caller keeps them.
  const double final_floor = near_best_floor();
  for (SearchHit& h : best) {
    h.near_best = h.weight >= final_floor;
    h.probability = model_.Probability(h.weight);
  }
  if (!demands.keep_behind_best)
    std::erase_if(best, [](const SearchHit& h) { return !h.near_best; });
  if (stats != nullptr) *stats = local;
  return best;
}

double SearchIndex::FloorWeight(double records) const {
  // As MatchModel::WeightForProbability, with a prior of one in `records`.
  const double p = std::clamp(options_.min_probability, 1e-12, 1 - 1e-12);
  return std::log2(p / (1 - p)) + std::log2(std::max(records, 2.0) - 1);
}

Result<Explanation> SearchIndex::Explain(const PersonDetails& query, std::uint64_t id) const {
  std::shared_lock lock(mutex_);
  const auto slot = slot_of_.Find(id);
  if (!slot) return Error::NotFound("no such record in the search index");
  // Only the query's record: a comparison needs no keys and no bounds.
  TextPool query_pool(&pool_, nicknames_);
  const MatchRecord q = PrepareRecord(query, query_pool);
  const RecordView query_view{&q, &query_pool};
  const MatchRecord& r = records_[*slot];
  const RecordView record_view{&r, &pool_};
  return match::Explain(model_, query_view, record_view,
                        AdjustmentsFor(r, CompareRecords(query_view, record_view)));
}

Explanation SearchIndex::ExplainAgainst(const PersonDetails& query,
                                        const PersonDetails& details) const {
  std::shared_lock lock(mutex_);
  // The record's strings in an overlay on the index's pool, and the query's
  // in an overlay on that: one id space for the comparison.
  TextPool record_pool(&pool_, nicknames_);
  const MatchRecord r = PrepareRecord(details, record_pool);
  TextPool query_pool(&record_pool, nicknames_);
  const MatchRecord q = PrepareRecord(query, query_pool);
  const RecordView query_view{&q, &query_pool};
  const RecordView record_view{&r, &record_pool};
  return match::Explain(model_, query_view, record_view,
                        AdjustmentsFor(r, CompareRecords(query_view, record_view)));
}

std::vector<std::optional<Weighing>> SearchIndex::Weigh(
    const PersonDetails& query, std::span<const std::uint64_t> ids,
    std::span<const PersonDetails* const> details) const {
  std::shared_lock lock(mutex_);
  // As ExplainAgainst: the given records' strings in an overlay on the
  // index's pool, the query's in an overlay on that.
  TextPool record_pool(&pool_, nicknames_);
  std::vector<MatchRecord> given(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i < details.size() && details[i] != nullptr)
      given[i] = PrepareRecord(*details[i], record_pool);
  }
  TextPool query_pool(&record_pool, nicknames_);
  const MatchRecord q = PrepareRecord(query, query_pool);
  const RecordView query_view{&q, &query_pool};
  std::vector<std::optional<Weighing>> out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const MatchRecord* r = &given[i];
    if (i >= details.size() || details[i] == nullptr) {
      const auto slot = slot_of_.Find(ids[i]);
      if (!slot) continue;
      r = &records_[*slot];
    }
    const ComparisonVector cv = CompareRecords(query_view, {r, &record_pool});
    out[i] = Weighing{MatchWeight(model_, cv, AdjustmentsFor(*r, cv)), ShowsDifferentPeople(cv)};
  }
  return out;
}

std::size_t SearchIndex::size() const {
  std::shared_lock lock(mutex_);
  return slot_of_.size();
}

std::size_t SearchIndex::postings() const {
  std::shared_lock lock(mutex_);
  return postings_.postings();
}

std::size_t SearchIndex::MemoryBytes() const {
  std::shared_lock lock(mutex_);
  return pool_.MemoryBytes() + records_.capacity() * sizeof(MatchRecord) +
         ids_.capacity() * sizeof(std::uint64_t) + free_slots_.capacity() * sizeof(std::uint32_t) +
         slot_of_.MemoryBytes() + postings_.MemoryBytes() + frequencies_.MemoryBytes();
}

}  // namespace cp::match
