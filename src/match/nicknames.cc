#include "match/nicknames.h"

#include <algorithm>
#include <fstream>

#include "match/csv.h"
#include "match/normalise.h"

namespace cp::match {

std::uint32_t NicknameTable::FormalId(std::string_view formal) {
  const auto [it, inserted] =
      formal_ids_.try_emplace(std::string(formal), static_cast<std::uint32_t>(formal_ids_.size()));
  if (inserted) names_of_root_.emplace_back();
  return it->second;
}

void NicknameTable::Add(std::string_view formal, std::string_view nickname) {
  if (formal.empty() || nickname.empty() || formal == nickname) return;
  const std::uint32_t id = FormalId(formal);
  for (std::string_view name : {formal, nickname}) {
    auto& roots = roots_[std::string(name)];
    const auto at = std::lower_bound(roots.begin(), roots.end(), id);
    if (at == roots.end() || *at != id) {
      roots.insert(at, id);
      names_of_root_[id].emplace_back(name);
    }
  }
}

std::vector<std::string> NicknameTable::RelatedNames(std::string_view folded_name) const {
  std::vector<std::string> names;
  for (std::uint32_t root : RootsOf(folded_name)) {
    for (const auto& n : names_of_root_[root]) {
      if (n != folded_name) names.push_back(n);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

Status NicknameTable::LoadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Invalid("nicknames", "cannot read nickname file " + path);
  std::string line;
  int line_no = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cols = SplitCsvLine(line);
    if (cols.size() != 3) {
      std::string message = path;
      message.append(":").append(std::to_string(line_no)).append(": expected three columns");
      return Error::Invalid("nicknames", message);
    }
    if (!header_seen) {
      header_seen = true;
      if (FoldText(cols[1]) == "relationship") continue;
    }
    Add(FoldText(cols[0]), FoldText(cols[2]));
  }
  return Ok();
}

std::span<const std::uint32_t> NicknameTable::RootsOf(std::string_view folded_name) const {
  const auto it = roots_.find(std::string(folded_name));
  if (it == roots_.end()) return {};
  return it->second;
}

bool NicknameTable::AreRelated(std::string_view a, std::string_view b) const {
  if (a == b) return false;
  return SortedIntersect(RootsOf(a), RootsOf(b));
}

bool SortedIntersect(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  auto i = a.begin();
  auto j = b.begin();
  while (i != a.end() && j != b.end()) {
    if (*i == *j) return true;
    if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  return false;
}

}  // namespace cp::match
