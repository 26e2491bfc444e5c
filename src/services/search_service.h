#pragma once
// Searching for a child record (SRCH-1 … SRCH-5, AUD-2).
//
// Every search carries a reason from the list (AUD-2); the audit entry holds
// the criteria, the reason and the number of results. When more records
// match than the viewer's limit (10, or 35 with the shielding right), no
// results are shown and the user is asked for more details (SRCH-3).
// Archived records are never returned (SRCH-4) and shielded ones appear with
// UIN, names, gender and date of birth only (SRCH-5).

#include <optional>
#include <string>
#include <vector>

#include "core/child.h"
#include "core/search_reason.h"
#include "match/search_index.h"
#include "policy/projection.h"
#include "services/actor.h"
#include "services/context.h"

namespace cp::services {

struct SearchCriteria {
  std::string uin;
  std::string forenames;
  std::string surname;
  std::optional<Date> date_of_birth;
  std::optional<int> birth_year;  // a partial date of birth
  std::optional<int> birth_month;
  std::optional<core::Gender> gender;
  std::string postcode;
  std::string address;
  std::string school;
  std::string gp_practice;
  std::string parent_carer_name;

  bool Empty() const;
};

struct SearchRequest {
  SearchCriteria criteria;
  std::optional<core::SearchReason> reason;
  std::string reason_text;
};

// One result row, already projected for the viewer.
struct SearchHit {
  core::ChildId id = 0;
  core::Uin uin = core::Uin::FromStored(0);
  std::string forenames;
  std::string surname;
  std::string known_as_surname;
  core::Gender gender = core::Gender::kNotKnown;
  Date date_of_birth;
  std::string postcode;  // empty when withheld
  std::string town;      // empty when withheld
  std::string la_name;   // empty when withheld
  bool minimal = false;  // shielded (SRCH-5)
  bool deceased = false;
  double score = 0;  // higher is a closer match
};

struct SearchOutcome {
  std::vector<SearchHit> hits;  // empty when too_many
  int matches = 0;              // how many records matched; past the limit, a lower bound
  int limit = 10;               // the viewer's result limit (SRCH-3)
  bool too_many = false;        // ask for more details
};

// The viewer's result limit: 35 with the shielding right, else 10 (SRCH-3).
int ResultLimit(const Actor& actor);

class ChildIndex;

// A record "matches" a search (and counts towards the result limit of
// SRCH-3) when the matching engine puts the probability that it is the child
// sought at this or more (or, in a register of kMatchRegister records, at
// this or more near the best hit, or anywhere when all that reach it fit
// within the limit: below). Low on purpose: the posterior is taken over the
// whole register (a prior of one in a million), so a real child searched
// for with a surname and date of birth but no forename lands near 0.1–0.5;
// the limit, not the threshold, guards against trawling.
inline constexpr double kMatchProbability = 0.05;
// Beyond a million records, the evidence a record near the best needs
// stops rising with the register (match::SearchOptions::floor_register).
// Among 11 million children, a surname, a date of birth and a gender fit a
// score of children as well as each other: each is unlikely to be the child
// sought, yet none can be told from the best, so the search says "too many,
// give more details" — not "no match", which could send a practitioner to
// ask for a new record. When all the records that would match in a register
// of kMatchRegister number no more than the limit, all of them match: the
// search then shows what it would among a million children, so a child
// searched for with day and month swapped (weaker evidence than namesakes
// born on the date given) is still shown after them.
inline constexpr double kMatchRegister = 1'000'000;

// The hits of an index search (SearchDemands::keep_behind_best, best
// first) that match: all of them when they fit within `limit`, else only
// those near the best (kMatchRegister). More than `limit` left means too many.
void KeepMatches(std::vector<match::SearchHit>& hits, std::size_t limit);

// The probability, in a register of `records`, that the evidence giving
// kMatchProbability in a register of kMatchRegister gives: kMatchProbability
// up to kMatchRegister records, less beyond. A request for a new record
// lists every record that reaches it (NEW-2: the checker sees them all).
double MatchProbabilityIn(double records);

// Two records are taken for the same child (SHD-7's potential duplicates)
// at this probability or more.
inline constexpr double kSameChildProbability = 0.5;

// The result row of a record already projected for the viewer (score 1).
SearchHit HitOf(const policy::ProjectedRecord& projected);

class SearchService {
 public:
  // Without an index, searches are exact: a UIN, or surname and full date
  // of birth. With one, they tolerate spelling, nicknames, transposed or
  // partial dates and changed surnames (SRCH-2).
  explicit SearchService(ServiceContext& ctx, const ChildIndex* index = nullptr)
      : ctx_(ctx), index_(index) {}

  // InvalidArgument (naming the field) for a missing reason, "other"
  // without text, or criteria too thin to search on; PermissionDenied
  // without the search right. Every completed search is audited.
  Result<SearchOutcome> Search(const Actor& actor, const SearchRequest& request);

 private:
  struct Found {
    core::Child child;
    double score = 0;
  };
  // Ids (and probabilities, in `scores`) of the records the index finds
  // matching the criteria, best first: more than `limit` of them when more
  // than `limit` match (SRCH-3). With `all`, every match up to kCandidates
  // (some may drop out later).
  Result<std::vector<core::ChildId>> Candidates(const SearchCriteria& c, std::size_t limit,
                                                bool all, std::vector<double>& scores) const;
  // SHD-2: a viewer without the right must not find a shielded record by an
  // item it hides; such a record stays only if it matches on what it shows.
  // What it matches on is judged as any search's matches are (KeepMatches
  // with the viewer's `limit`).
  void DropShieldedFoundByHiddenItems(const Actor& actor, const SearchCriteria& c,
                                      std::size_t limit, std::vector<Found>& found) const;
  ServiceContext& ctx_;
  const ChildIndex* index_;
};

// The audit details of a search: criteria (as entered), reason, results.
std::string SearchAuditDetails(const SearchRequest& request, const SearchOutcome& outcome);

}  // namespace cp::services
