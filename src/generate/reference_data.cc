#include "generate/reference_data.h"

#include <fstream>
#include <map>
#include <sstream>

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

}  // namespace

Result<ReferenceData> LoadReferenceData(const std::string& dir) {
  ReferenceData d;
  CP_ASSIGN(d.boys, ReadNames(dir + "/names/boys.csv"));
  CP_ASSIGN(d.girls, ReadNames(dir + "/names/girls.csv"));
  CP_ASSIGN(d.surnames, ReadNames(dir + "/names/surnames.csv"));
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
