#include "services/search_service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "core/local_authority.h"
#include "policy/projection.h"
#include "services/child_index.h"
#include "store/child_repository.h"

namespace cp::services {
namespace {

Status CheckReason(const SearchRequest& r) {
  // AUD-2: no search without a reason from the list.
  if (!r.reason) return Error::Invalid("reason", "Select a reason for your search");
  if (*r.reason == core::SearchReason::kOther && r.reason_text.empty()) {
    return Error::Invalid("reason_text", "Give details of your reason for searching");
  }
  if (r.reason_text.size() > 500) {
    return Error::Invalid("reason_text", "Reason must be 500 characters or fewer");
  }
  return Ok();
}

// Exact lookup: a UIN, or a surname with a full date of birth.
Result<std::vector<core::ChildId>> FindCandidates(store::Connection& conn, const SearchCriteria& c,
                                                  int limit) {
  store::ChildRepository repo(conn);
  if (!c.uin.empty()) {
    CP_ASSIGN(core::Uin uin, core::Uin::Parse(c.uin));
    CP_ASSIGN(auto id, repo.FindIdByUin(uin));
    if (!id) return std::vector<core::ChildId>{};
    return std::vector<core::ChildId>{*id};
  }
  if (c.surname.empty()) {
    return Error::Invalid("surname", "Enter the child's UIN, or their surname and date of birth");
  }
  if (!c.date_of_birth) {
    return Error::Invalid("date_of_birth", "Enter the child's date of birth");
  }
  return repo.FindBySurnameAndDob(c.surname, *c.date_of_birth, limit + 1);
}

// SHD-2: items a shielded record hides from viewers without the right.
bool UsesHiddenItems(const SearchCriteria& c) {
  return !c.postcode.empty() || !c.address.empty() || !c.school.empty() || !c.gp_practice.empty() ||
         !c.parent_carer_name.empty();
}

// Matching records asked of the index: enough to tell whether more than
// the largest result limit match (SRCH-3).
constexpr std::size_t kCandidates = 64;

// What the index returns a search: the hits behind the best too (see
// kMatchRegister).
match::SearchDemands MatchDemands() {
  match::SearchDemands demands;
  demands.keep_behind_best = true;
  return demands;
}

}  // namespace

bool SearchCriteria::Empty() const {
  return uin.empty() && forenames.empty() && surname.empty() && !date_of_birth && !birth_year &&
         !gender && postcode.empty() && address.empty() && school.empty() && gp_practice.empty() &&
         parent_carer_name.empty();
}

int ResultLimit(const Actor& actor) { return actor.Has(core::Right::kShield) ? 35 : 10; }

std::string SearchAuditDetails(const SearchRequest& r, const SearchOutcome& o) {
  boost::json::object criteria;
  const SearchCriteria& c = r.criteria;
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) criteria[key] = v;
  };
  put("uin", c.uin);
  put("forenames", c.forenames);
  put("surname", c.surname);
  if (c.date_of_birth) criteria["date_of_birth"] = c.date_of_birth->ToIso();
  if (c.birth_year) criteria["birth_year"] = *c.birth_year;
  if (c.birth_month) criteria["birth_month"] = *c.birth_month;
  if (c.gender) criteria["gender"] = std::string(core::GenderName(*c.gender));
  put("postcode", c.postcode);
  put("address", c.address);
  put("school", c.school);
  put("gp_practice", c.gp_practice);
  put("parent_carer_name", c.parent_carer_name);
  boost::json::object details;
  details["criteria"] = std::move(criteria);
  details["reason"] = r.reason ? std::string(core::SearchReasonName(*r.reason)) : "";
  if (!r.reason_text.empty()) details["reason_text"] = r.reason_text;
  details["matches"] = o.matches;
  details["shown"] = o.hits.size();
  details["too_many"] = o.too_many;
  return boost::json::serialize(details);
}

void KeepMatches(std::vector<match::SearchHit>& hits, std::size_t limit) {
  if (hits.size() <= limit) return;
  std::erase_if(hits, [](const match::SearchHit& h) { return !h.near_best; });
}

double MatchProbabilityIn(double records) {
  if (records <= kMatchRegister) return kMatchProbability;
  // The same evidence: its odds fall with the register's size.
  const double odds =
      kMatchProbability / (1 - kMatchProbability) * (kMatchRegister - 1) / (records - 1);
  return odds / (1 + odds);
}

Result<std::vector<core::ChildId>> SearchService::Candidates(const SearchCriteria& c,
                                                             std::size_t limit, bool all,
                                                             std::vector<double>& scores) const {
  // One more than the limit tells whether more than the limit match: the
  // hits near the best come first.
  auto hits = index_->Search(QueryDetails(c, false), all ? kCandidates : limit + 1, nullptr,
                             MatchDemands());
  if (!hits) {
    return Error::Invalid(
        "criteria", "Give more details about the child, such as a date of birth or first name");
  }
  KeepMatches(*hits, limit);
  std::vector<core::ChildId> ids;
  for (const auto& h : *hits) {
    ids.push_back(static_cast<core::ChildId>(h.id));
    scores.push_back(h.probability);
  }
  return ids;
}

void SearchService::DropShieldedFoundByHiddenItems(const Actor& actor, const SearchCriteria& c,
                                                   std::size_t limit,
                                                   std::vector<Found>& found) const {
  if (!UsesHiddenItems(c) || policy::SeesShieldedData(actor.AsViewer())) return;
  const auto shielded = [](const Found& f) { return f.child.shielded; };
  // The search by visible items alone is needed only when a shielded record
  // was found (seldom), so most searches make one index lookup, not two.
  if (std::none_of(found.begin(), found.end(), shielded)) return;
  std::vector<core::ChildId> on_visible;
  if (auto visible = index_->Search(QueryDetails(c, true), kCandidates, nullptr, MatchDemands())) {
    KeepMatches(*visible, limit);
    for (const auto& h : *visible) on_visible.push_back(static_cast<core::ChildId>(h.id));
  }
  std::erase_if(found, [&](const Found& f) {
    return f.child.shielded &&
           std::find(on_visible.begin(), on_visible.end(), f.child.id) == on_visible.end();
  });
}

Result<SearchOutcome> SearchService::Search(const Actor& actor, const SearchRequest& request) {
  if (!actor.Has(core::Right::kSearch)) return Error::Denied("You cannot search ContactPoint");
  CP_TRY(CheckReason(request));
  if (request.criteria.Empty()) {
    return Error::Invalid("criteria", "Enter some details about the child");
  }
  SearchOutcome out;
  out.limit = ResultLimit(actor);
  std::vector<core::ChildId> ids;
  std::vector<double> scores;
  const bool fuzzy = index_ != nullptr && request.criteria.uin.empty();
  // Shielded records found by hidden items drop out (below), so then every
  // match is needed to count what is left.
  const bool may_drop =
      UsesHiddenItems(request.criteria) && !policy::SeesShieldedData(actor.AsViewer());
  if (fuzzy) {
    CP_ASSIGN(ids,
              Candidates(request.criteria, static_cast<std::size_t>(out.limit), may_drop, scores));
  } else {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    CP_ASSIGN(ids, FindCandidates(*conn, request.criteria, out.limit));
    scores.assign(ids.size(), 1.0);
  }
  std::vector<Found> found;
  // More index matches than the viewer's limit, and none of them can drop
  // out (the index files live records only; shielded ones drop only for a
  // search on hidden items): "too many", whatever the rows hold.
  const bool surely_too_many =
      fuzzy && !may_drop && ids.size() > static_cast<std::size_t>(out.limit);
  if (!surely_too_many) {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    store::ChildRepository repo(*conn);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      // The record's own row is all a result shows: one query, not seven.
      CP_ASSIGN(core::Child child, repo.GetCore(ids[i]));
      if (child.archive_state != core::ArchiveState::kLive) continue;  // SRCH-4
      found.push_back({std::move(child), scores[i]});
    }
  }
  if (fuzzy) {
    DropShieldedFoundByHiddenItems(actor, request.criteria, static_cast<std::size_t>(out.limit),
                                   found);
  }
  std::vector<SearchHit> hits;
  const policy::Viewer viewer = actor.AsViewer();
  for (const Found& f : found) {
    hits.push_back(HitOf(policy::Project(f.child, viewer, policy::Purpose::kSearchResult)));
    hits.back().score = f.score;
  }
  out.matches = surely_too_many ? static_cast<int>(ids.size()) : static_cast<int>(hits.size());
  out.too_many = out.matches > out.limit;  // SRCH-3
  if (!out.too_many) out.hits = std::move(hits);

  AuditEvent event{"search", out.too_many ? "too_many_matches" : "ok", {}, {}};
  for (const auto& h : out.hits) event.child_ids.push_back(h.id);
  event.details = SearchAuditDetails(request, out);
  CP_TRY(ctx_.audit.Append(actor, event));  // durable before results are returned
  return out;
}

SearchHit HitOf(const policy::ProjectedRecord& p) {
  const core::Child& c = p.child;
  SearchHit h;
  h.id = c.id;
  h.uin = c.uin;
  h.forenames = c.forenames;
  h.surname = c.surname;
  h.known_as_surname = c.known_as_surname;
  h.gender = c.gender;
  h.date_of_birth = c.date_of_birth;
  h.postcode = c.address.postcode;
  h.town = c.address.town;
  if (const auto* la = core::FindLocalAuthority(c.la_code)) h.la_name = std::string(la->name);
  h.minimal = p.minimal;
  h.deceased = c.date_of_death.has_value();
  h.score = 1.0;
  return h;
}

}  // namespace cp::services
