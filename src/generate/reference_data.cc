#include "generate/reference_data.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "core/local_authority.h"

namespace cp::generate {
namespace {

Result<std::vector<std::vector<std::string>>> ReadCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Unavailable("cannot read " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string field;
    while (std::getline(s, field, ',')) fields.push_back(field);
    rows.push_back(std::move(fields));
  }
  return rows;
}

Result<WeightedNames> ReadNames(const std::string& path) {
  CP_ASSIGN(auto rows, ReadCsv(path));
  WeightedNames out;
  for (const auto& r : rows) {
    if (r.empty()) continue;
    out.names.push_back(r[0]);
    out.choice.Add(r.size() > 1 ? std::stod(r[1]) : 1.0);
  }
  if (out.names.empty()) return Error::Invalid("data", path + " holds no names");
  return out;
}

// England's surnames number in the tens of thousands, and how often one
// occurs falls with its rank r about as r^-1.07: in Great Britain about 942
// people in a million bear the surname ranked 128th, 420 the 390th, 86 the
// 1,942nd, 30 the 4,605th and 5 the 16,554th, while Smith, the first, is
// borne by 1.2-1.3% of people. surnames.csv lists the most common with their
// weights; the rest are made by joining the elements of
// surname_elements.csv (Ash + worth, Brad + ley), in an order fixed by a
// hash of the name, and weighted by rank on that law (942 / 13,300 of the
// most common's weight at rank 128). With 30,000 of them, the listed
// surnames are borne by about 47% of children and Smith by about 1.6%:
// still a little more crowded than England.
constexpr double kRank128Share = 942.0 / 13300.0;
constexpr double kRankExponent = 1.07;

std::uint64_t NameHash(const std::string& name) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : name) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

Result<WeightedNames> ReadSurnames(const std::string& dir) {
  CP_ASSIGN(auto listed, ReadCsv(dir + "/names/surnames.csv"));
  CP_ASSIGN(auto elements, ReadCsv(dir + "/names/surname_elements.csv"));
  WeightedNames out;
  double most_common = 0;
  std::unordered_set<std::string> seen;
  for (const auto& r : listed) {
    if (r.size() < 2) continue;
    out.names.push_back(r[0]);
    out.choice.Add(std::stod(r[1]));
    most_common = std::max(most_common, std::stod(r[1]));
    seen.insert(r[0]);
  }
  std::vector<std::string> firsts;
  std::vector<std::string> endings;
  for (const auto& r : elements) {
    if (r.size() < 2) continue;
    (r[0] == "first" ? firsts : endings).push_back(r[1]);
  }
  if (out.names.empty() || firsts.empty() || endings.empty()) {
    return Error::Invalid("data", "surname data is missing under " + dir);
  }
  std::vector<std::pair<std::uint64_t, std::string>> rare;
  for (const std::string& first : firsts) {
    for (const std::string& ending : endings) {
      std::string name = first + ending;
      if (seen.insert(name).second) rare.emplace_back(NameHash(name), std::move(name));
    }
  }
  std::sort(rare.begin(), rare.end());
  double rank = static_cast<double>(out.names.size());
  for (auto& [hash, name] : rare) {
    rank += 1;
    out.names.push_back(std::move(name));
    out.choice.Add(most_common * kRank128Share * std::pow(rank / 128, -kRankExponent));
  }
  return out;
}

}  // namespace

Result<ReferenceData> LoadReferenceData(const std::string& dir) {
  ReferenceData d;
  CP_ASSIGN(d.boys, ReadNames(dir + "/names/boys.csv"));
  CP_ASSIGN(d.girls, ReadNames(dir + "/names/girls.csv"));
  CP_ASSIGN(d.surnames, ReadSurnames(dir));
  CP_ASSIGN(d.adult_men, ReadNames(dir + "/names/adult_male.csv"));
  CP_ASSIGN(d.adult_women, ReadNames(dir + "/names/adult_female.csv"));
  CP_ASSIGN(auto streets, ReadCsv(dir + "/places/streets.csv"));
  for (const auto& r : streets) {
    if (r.size() < 2) continue;
    (r[0] == "stem" ? d.street_stems : d.street_suffixes).push_back(r[1]);
  }
  CP_ASSIGN(auto places, ReadCsv(dir + "/places/local_authority_places.csv"));
  // Authorities sharing a postcode area get distinct district numbers.
  std::map<std::string, int> next_district;
  for (const auto& r : places) {
    if (r.size() < 3) continue;
    const core::LocalAuthority* la = core::FindLocalAuthority(r[0]);
    if (la == nullptr) return Error::Invalid("data", "unknown local authority " + r[0]);
    AuthorityPlaces a;
    a.la_code = r[0];
    a.town = std::string(la->name);
    if (auto comma = a.town.find(", "); comma != std::string::npos)
      a.town = a.town.substr(0, comma);
    a.weight = std::stod(r[2]);
    std::stringstream areas(r[1]);
    std::string area;
    while (areas >> area) {
      for (int k = 0; k < 4; ++k) {
        int& n = next_district[area];
        n = n % 98 + 1;
        a.districts.push_back(area + std::to_string(n));
      }
    }
    d.authorities.push_back(std::move(a));
  }
  if (d.authorities.empty() || d.street_stems.empty() || d.street_suffixes.empty()) {
    return Error::Invalid("data", "place data is missing under " + dir);
  }
  return d;
}

}  // namespace cp::generate
