#pragma once
// The data files the generator draws from (data/names, data/places): first
// names and surnames with their frequencies (the rarer surnames made from
// elements), parents' names, street words, and for each local authority its
// postcode areas and share of children.

#include <string>
#include <vector>

#include "generate/random.h"
#include "platform/result.h"

namespace cp::generate {

struct WeightedNames {
  std::vector<std::string> names;
  WeightedChoice choice;
  const std::string& Pick(Rng& rng) const { return names[choice.Pick(rng)]; }
};

struct AuthorityPlaces {
  std::string la_code;
  std::string town;                    // the authority's name, as a town
  std::vector<std::string> districts;  // outward codes, e.g. "LS6"
  double weight = 1;
};

struct ReferenceData {
  WeightedNames boys, girls, surnames, adult_men, adult_women;
  std::vector<std::string> street_stems, street_suffixes;
  std::vector<AuthorityPlaces> authorities;
};

// Reads the files under `data_dir` (the project's data/ folder).
Result<ReferenceData> LoadReferenceData(const std::string& data_dir);

}  // namespace cp::generate
