#pragma once
// Nicknames, diminutives and spelling variants of forenames (SRCH-2:
// "Alfie" finds "Alfred", "Izzy" finds "Isabella", "Mo" finds "Mohammed").
//
// Each row of a nickname file relates a formal name to one of its nicknames.
// Two names are related when one is a nickname of the other, or both are
// nicknames or variants of the same formal name ("Bill" and "Will" through
// "William"). Nicknames of different formal names are not chained: "Ronnie"
// relates to both "Ronald" and "Veronica", but they do not relate to each
// other.
//
// Thread safety: const methods may be called concurrently once loading is
// done.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/result.h"

namespace cp::match {

class NicknameTable {
 public:
  // Reads CSV rows `name1,relationship,name2` (a header row and lines
  // starting with '#' are skipped; names are folded with FoldText). Adds to
  // what earlier calls loaded. Fails when the file cannot be read or a row
  // does not have three columns.
  [[nodiscard]] Status LoadCsv(const std::string& path);

  // Adds one relation between an already folded formal name and nickname.
  void Add(std::string_view formal, std::string_view nickname);

  // The identifiers of the formal names `folded_name` stands for: itself if
  // it is a formal name, and every formal name it is a nickname of. Sorted;
  // empty when the name is in no row.
  std::span<const std::uint32_t> RootsOf(std::string_view folded_name) const;

  // True when the two folded names are related as described above (a name
  // is not its own nickname: equal names give false).
  bool AreRelated(std::string_view a, std::string_view b) const;

  // Every name related to `folded_name` (without itself), sorted: what a
  // search for it should also look under.
  std::vector<std::string> RelatedNames(std::string_view folded_name) const;

  std::size_t size() const { return roots_.size(); }

 private:
  std::uint32_t FormalId(std::string_view formal);

  std::unordered_map<std::string, std::uint32_t> formal_ids_;
  std::vector<std::vector<std::string>> names_of_root_;  // by formal id
  std::unordered_map<std::string, std::vector<std::uint32_t>> roots_;
};

// True when two sorted lists share an element.
bool SortedIntersect(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

}  // namespace cp::match
