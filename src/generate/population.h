#pragma once
// A synthetic population of children in England, deterministic by seed:
// households of siblings with one or two parents/carers, addresses with
// valid postcodes grouped by local authority, schools and GP practices per
// area, and the services working with children in realistic shares
// (specialist/targeted about 10%, sensitive about 1%, CAF about 3%, lead
// professional about 2%, looked after about 0.7%, a few deceased and a few
// needing shielding). Every demo, test and benchmark uses it.
//
//   CP_ASSIGN(auto gen, PopulationGenerator::Create(options));
//   std::vector<core::Child> batch;
//   while (gen->NextBatch(batch, 10000)) { store(batch); batch.clear(); }

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/child.h"
#include "core/organisation.h"
#include "generate/random.h"
#include "generate/reference_data.h"

namespace cp::generate {

struct PopulationOptions {
  std::uint64_t seed = 1;
  std::int64_t children = 1000;
  Date today = *Date::FromYmd(2026, 11, 24);
  std::vector<std::string> la_codes;  // empty: all of England, by child population
  std::string data_dir;               // empty: the project's data/ folder
};

// The generator's own facts about a child that a record does not hold: the
// household it belongs to, and its index (0-based, also its UIN sequence).
struct ChildFacts {
  std::int64_t index = 0;
  std::int64_t household = 0;
};

class PopulationGenerator {
 public:
  static Result<std::unique_ptr<PopulationGenerator>> Create(const PopulationOptions& options);

  // Schools, GP practices and service teams of the chosen authorities.
  const std::vector<core::Organisation>& organisations() const { return organisations_; }

  // Appends up to `max` further children (whole households, so a batch may
  // run over by a few); false once all have been produced.
  bool NextBatch(std::vector<core::Child>& out, std::size_t max,
                 std::vector<ChildFacts>* facts = nullptr);

  std::int64_t produced() const { return produced_; }

 private:
  struct AuthorityOrgs {
    std::vector<std::size_t> primaries, secondaries, gps;
    std::size_t health_visiting = 0, social_care = 0, youth_offending = 0, camhs = 0,
                sexual_health = 0, substance_misuse = 0, education = 0, family_support = 0;
  };
  PopulationGenerator(PopulationOptions options, ReferenceData data);
  void BuildOrganisations();
  void MakeHousehold(std::vector<core::Child>& out, std::vector<ChildFacts>* facts);
  void AddServices(core::Child& c, const AuthorityOrgs& orgs, int age);
  void AddInvolvements(core::Child& c, const AuthorityOrgs& orgs, int age);
  core::Involvement InvolvementWith(std::size_t org, core::ServiceCategory category,
                                    const std::string& service_type, const std::string& team);
  std::string Postcode(const AuthorityPlaces& a);
  std::string Phone();
  std::string PersonName(bool female);

  PopulationOptions options_;
  ReferenceData data_;
  Rng rng_;
  std::vector<std::size_t> authorities_;  // indexes into data_.authorities
  WeightedChoice authority_choice_;
  std::vector<core::Organisation> organisations_;
  std::vector<AuthorityOrgs> orgs_by_authority_;  // parallel to authorities_
  std::int64_t produced_ = 0;
  std::int64_t households_ = 0;
};

}  // namespace cp::generate
