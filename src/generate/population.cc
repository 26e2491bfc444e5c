#include "generate/population.h"

#include <algorithm>

#include "core/local_authority.h"
#include "core/sensitive_services.h"

namespace cp::generate {
namespace {

using core::Child;
using core::Organisation;
using core::OrganisationKind;
using core::ServiceCategory;

// A generated record is data loaded before any feed: every item it holds
// carries source 0, which no registered source has, so the best view keeps
// it until a source supplies the item (core/best_view.h) and a user's
// amendment of it conflicts with no source (docs/feeds.md).
constexpr core::SourceId kLoadedBeforeFeeds = 0;

constexpr char kInwardLetters[] = "ABDEFGHJLNPQRSTUWXYZ";

std::string Digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + rng.Below(10)));
  return s;
}

std::string Slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  return out;
}

core::ContactDetails OrgContact(const Organisation& o) {
  return {o.contact.phone, o.contact.email, o.address.line1 + ", " + o.address.town};
}

}  // namespace

Result<std::unique_ptr<PopulationGenerator>> PopulationGenerator::Create(
    const PopulationOptions& options) {
  if (options.children < 0) return Error::Invalid("children", "Give a number of children ≥ 0");
  const std::string dir = options.data_dir.empty() ? CP_DEFAULT_DATA_DIR : options.data_dir;
  CP_ASSIGN(ReferenceData data, LoadReferenceData(dir));
  for (const auto& code : options.la_codes) {
    if (core::FindLocalAuthority(code) == nullptr) {
      return Error::Invalid("la", "Not an English local authority code: " + code);
    }
  }
  std::unique_ptr<PopulationGenerator> g(new PopulationGenerator(options, std::move(data)));
  g->BuildOrganisations();
  return g;
}

PopulationGenerator::PopulationGenerator(PopulationOptions options, ReferenceData data)
    : options_(std::move(options)), data_(std::move(data)), rng_(options_.seed) {
  for (std::size_t i = 0; i < data_.authorities.size(); ++i) {
    const auto& a = data_.authorities[i];
    if (!options_.la_codes.empty() && std::find(options_.la_codes.begin(), options_.la_codes.end(),
                                                a.la_code) == options_.la_codes.end()) {
      continue;
    }
    authorities_.push_back(i);
    authority_choice_.Add(a.weight);
  }
}

std::string PopulationGenerator::Postcode(const AuthorityPlaces& a) {
  const std::string& district = a.districts[rng_.Below(a.districts.size())];
  std::string pc = district + " " + Digits(rng_, 1);
  pc.push_back(kInwardLetters[rng_.Below(sizeof kInwardLetters - 1)]);
  pc.push_back(kInwardLetters[rng_.Below(sizeof kInwardLetters - 1)]);
  return pc;
}

std::string PopulationGenerator::Phone() { return "0" + Digits(rng_, 4) + " " + Digits(rng_, 6); }

std::string PopulationGenerator::PersonName(bool female) {
  return (female ? data_.adult_women : data_.adult_men).Pick(rng_) + " " +
         data_.surnames.Pick(rng_);
}

void PopulationGenerator::BuildOrganisations() {
  orgs_by_authority_.resize(authorities_.size());
  // Organisations come from their own generator so the children's stream
  // does not depend on how many organisations exist.
  Rng org_rng(options_.seed ^ 0xA5A5A5A5ULL);
  std::swap(rng_, org_rng);
  int urn = 100000;
  int practice = 1000;
  for (std::size_t k = 0; k < authorities_.size(); ++k) {
    const AuthorityPlaces& a = data_.authorities[authorities_[k]];
    AuthorityOrgs& orgs = orgs_by_authority_[k];
    auto add = [&](OrganisationKind kind, std::string code, std::string name) {
      Organisation o;
      o.kind = kind;
      o.code = std::move(code);
      o.name = std::move(name);
      o.la_code = a.la_code;
      o.address.line1 = std::to_string(rng_.Between(1, 200)) + " " +
                        data_.street_stems[rng_.Below(data_.street_stems.size())] + " " +
                        data_.street_suffixes[rng_.Below(data_.street_suffixes.size())];
      o.address.town = a.town;
      o.address.postcode = Postcode(a);
      o.contact.phone = Phone();
      o.contact.email = "office@" + Slug(o.name).substr(0, 24) + ".example.org.uk";
      organisations_.push_back(std::move(o));
      return organisations_.size() - 1;
    };
    const int primaries = std::max(3, static_cast<int>(a.weight / 2.5));
    const int secondaries = std::max(1, static_cast<int>(a.weight / 12));
    const int gps = std::max(2, static_cast<int>(a.weight / 4));
    for (int i = 0; i < primaries; ++i) {
      const std::string stem = data_.street_stems[rng_.Below(data_.street_stems.size())];
      orgs.primaries.push_back(add(OrganisationKind::kSchool, std::to_string(urn++),
                                   stem + (i % 3 == 0   ? " Infant and Junior School"
                                           : i % 3 == 1 ? " Primary School"
                                                        : " Church of England Primary School")));
    }
    for (int i = 0; i < secondaries; ++i) {
      const std::string stem = data_.street_stems[rng_.Below(data_.street_stems.size())];
      orgs.secondaries.push_back(add(OrganisationKind::kSchool, std::to_string(urn++),
                                     stem + (i % 2 == 0 ? " Academy" : " High School")));
    }
    for (int i = 0; i < gps; ++i) {
      const std::string stem = data_.street_stems[rng_.Below(data_.street_stems.size())];
      char code[16];
      std::snprintf(code, sizeof code, "%c%05d", static_cast<char>('A' + practice % 26), practice);
      ++practice;
      orgs.gps.push_back(add(OrganisationKind::kGpPractice, code, stem + " Surgery"));
    }
    const std::string town = a.town;
    orgs.health_visiting = add(OrganisationKind::kHealthVisiting, a.la_code + "-HV",
                               town + " Health Visiting and School Nursing");
    orgs.social_care = add(OrganisationKind::kLocalAuthority, a.la_code + "-CSC",
                           town + " Children's Social Care");
    orgs.education = add(OrganisationKind::kLocalAuthority, a.la_code + "-EDU",
                         town + " Education Welfare and SEND Service");
    orgs.family_support =
        add(OrganisationKind::kVoluntary, a.la_code + "-FS", town + " Family Support (Early Help)");
    orgs.youth_offending =
        add(OrganisationKind::kYouthOffending, a.la_code + "-YOT", town + " Youth Justice Service");
    orgs.camhs = add(OrganisationKind::kHealthTrust, a.la_code + "-CAMHS",
                     town + " Child and Adolescent Mental Health Service");
    orgs.sexual_health = add(OrganisationKind::kHealthTrust, a.la_code + "-SH",
                             town + " Young People's Sexual Health Service");
    orgs.substance_misuse = add(OrganisationKind::kVoluntary, a.la_code + "-SM",
                                town + " Young People's Substance Misuse Service");
  }
  std::swap(rng_, org_rng);
}

core::Involvement PopulationGenerator::InvolvementWith(std::size_t org, ServiceCategory category,
                                                       const std::string& service_type,
                                                       const std::string& team) {
  const Organisation& o = organisations_[org];
  core::Involvement inv;
  inv.category = category;
  inv.service_type = service_type;
  inv.organisation = o.name;
  inv.team = team;
  inv.practitioner = PersonName(rng_.Chance(0.75));
  inv.contact = OrgContact(o);
  inv.contact.phone = Phone();
  inv.start_date = options_.today.AddDays(-rng_.Between(14, 900));
  if (rng_.Chance(0.2)) {
    // INV-3: ceased, visible for a year.
    inv.ceased_date = options_.today.AddDays(-rng_.Between(1, 300));
    if (*inv.ceased_date < *inv.start_date) inv.start_date = inv.ceased_date->AddDays(-90);
    inv.retention_end = inv.ceased_date->AddYears(1);
  }
  inv.source = {kLoadedBeforeFeeds, options_.today.StartTimestamp()};
  return inv;
}

void PopulationGenerator::AddServices(Child& c, const AuthorityOrgs& orgs, int age) {
  const Timestamp supplied = options_.today.StartTimestamp();
  auto service = [&](std::size_t org, std::string practitioner) {
    const Organisation& o = organisations_[org];
    return core::UniversalService{
        o.name, o.code, std::move(practitioner), OrgContact(o), {kLoadedBeforeFeeds, supplied}};
  };
  using Setting = core::EducationSettingKind;
  if (age >= 4) {
    const double r = static_cast<double>(rng_.Below(10000)) / 10000.0;
    if (age <= 15) {
      c.education_setting = r < 0.97    ? Setting::kSchool
                            : r < 0.985 ? Setting::kHome
                            : r < 0.987 ? Setting::kHospital
                            : r < 0.99  ? Setting::kOther
                                        : Setting::kNoneKnown;
    } else {
      c.education_setting = r < 0.5   ? Setting::kSchool
                            : r < 0.8 ? Setting::kOther
                                      : Setting::kNoneKnown;
    }
  }
  if (c.education_setting == Setting::kSchool) {
    const auto& list = age <= 10 ? orgs.primaries : orgs.secondaries;
    c.school = service(list[rng_.Below(list.size())], "");
  }
  if (rng_.Chance(0.97)) c.gp_practice = service(orgs.gps[rng_.Below(orgs.gps.size())], "");
  if (age == 0 && rng_.Chance(0.8)) c.midwife = service(orgs.health_visiting, PersonName(true));
  if (age < 5 && rng_.Chance(0.95)) {
    c.health_visitor = service(orgs.health_visiting, PersonName(true));
  }
  if (age >= 5 && age <= 15 && rng_.Chance(0.2)) {
    c.school_nurse = service(orgs.health_visiting, PersonName(true));
  }
}

void PopulationGenerator::AddInvolvements(Child& c, const AuthorityOrgs& orgs, int age) {
  if (rng_.Chance(0.10)) {
    struct Kind {
      std::size_t org;
      const char* type;
      const char* team;
      int min_age;
    };
    const Kind kinds[] = {{orgs.social_care, "social_care", "Children in Need Team", 0},
                          {orgs.social_care, "child_protection", "Child Protection Team", 0},
                          {orgs.family_support, "family_support", "Early Help", 0},
                          {orgs.education, "education_welfare", "Education Welfare", 5},
                          {orgs.education, "special_educational_needs", "SEND Team", 2},
                          {orgs.youth_offending, "youth_offending", "Youth Justice", 10},
                          {orgs.education, "connexions", "Careers and Connexions", 13}};
    const int n = rng_.Chance(0.25) ? 2 : 1;
    for (int i = 0; i < n; ++i) {
      const Kind& k = kinds[rng_.Below(std::size(kinds))];
      if (age < k.min_age) continue;
      c.involvements.push_back(InvolvementWith(k.org, ServiceCategory::kTargeted, k.type, k.team));
    }
  }
  if (rng_.Chance(0.01)) {
    // SENS-1: sexual health, mental health (CAMHS), substance misuse.
    if (age >= 13 && rng_.Chance(0.4)) {
      c.involvements.push_back(
          InvolvementWith(orgs.sexual_health, ServiceCategory::kSensitive, "sexual_health", ""));
    } else if (age >= 12 && rng_.Chance(0.3)) {
      c.involvements.push_back(InvolvementWith(orgs.substance_misuse, ServiceCategory::kSensitive,
                                               "substance_misuse", ""));
    } else {
      c.involvements.push_back(
          InvolvementWith(orgs.camhs, ServiceCategory::kSensitive, "camhs", "CAMHS Tier 3"));
    }
    // SENS-2: held only with consent, taken when the service began — from
    // the child at 13 or over, otherwise from a parent/carer — and renewed
    // yearly. Derived without further draws so populations stay as before.
    core::Involvement& inv = c.involvements.back();
    const Date given = inv.start_date.value_or(options_.today);
    inv.consent = core::Consent{
        age >= 13 ? core::ConsentGiver::kChild : core::ConsentGiver::kParentCarer, given,
        inv.practitioner.size() % 3 == 0 ? core::ConsentMethod::kOral
                                         : core::ConsentMethod::kWritten,
        given.AddMonths(core::kDefaultConsentRenewalMonths)};
  }
  const Timestamp supplied = options_.today.StartTimestamp();
  if (rng_.Chance(0.03)) {
    const std::size_t org =
        c.school ? (age <= 10 ? orgs.primaries[0] : orgs.secondaries[0]) : orgs.family_support;
    const Organisation& o = organisations_[org];
    c.caf_holder = core::KeyContact{PersonName(true),
                                    c.school ? c.school->organisation : o.name,
                                    OrgContact(o),
                                    options_.today.AddDays(-rng_.Between(10, 500)),
                                    false,
                                    {kLoadedBeforeFeeds, supplied}};
  }
  if (rng_.Chance(0.02)) {
    const Organisation& o = organisations_[orgs.social_care];
    c.lead_professional = core::KeyContact{PersonName(rng_.Chance(0.7)),
                                           o.name,
                                           OrgContact(o),
                                           options_.today.AddDays(-rng_.Between(10, 500)),
                                           false,
                                           {kLoadedBeforeFeeds, supplied}};
  }
}

void PopulationGenerator::MakeHousehold(std::vector<Child>& out, std::vector<ChildFacts>* facts) {
  const std::size_t k = authority_choice_.Pick(rng_);
  const AuthorityPlaces& place = data_.authorities[authorities_[k]];
  const AuthorityOrgs& orgs = orgs_by_authority_[k];
  const Timestamp supplied = options_.today.StartTimestamp();

  core::Address home;
  home.line1 = std::to_string(rng_.Between(1, 240)) + " " +
               data_.street_stems[rng_.Below(data_.street_stems.size())] + " " +
               data_.street_suffixes[rng_.Below(data_.street_suffixes.size())];
  home.town = place.town;
  home.postcode = Postcode(place);

  const std::string family = data_.surnames.Pick(rng_);
  std::vector<core::ParentCarer> parents;
  const bool mother_first = rng_.Chance(0.85);
  auto parent = [&](bool female, const std::string& surname) {
    core::ParentCarer p;
    p.forenames = (female ? data_.adult_women : data_.adult_men).Pick(rng_);
    p.surname = surname;
    p.relationship = female ? "mother" : "father";
    p.contact.phone = "07" + Digits(rng_, 3) + " " + Digits(rng_, 6);
    if (rng_.Chance(0.6))
      p.contact.email = Slug(p.forenames) + "." + Slug(surname) + "@example.com";
    p.source = {kLoadedBeforeFeeds, supplied};
    return p;
  };
  parents.push_back(parent(mother_first, family));
  std::string second_surname = family;
  if (rng_.Chance(0.6)) {
    second_surname = rng_.Chance(0.7) ? family : data_.surnames.Pick(rng_);
    parents.push_back(parent(!mother_first, second_surname));
    if (rng_.Chance(0.05)) parents.back().relationship = mother_first ? "stepfather" : "stepmother";
  }

  const double r = static_cast<double>(rng_.Below(100)) / 100.0;
  const int siblings = r < 0.40 ? 1 : r < 0.78 ? 2 : r < 0.93 ? 3 : 4;
  // Ages: the youngest uniform over 0-18, each older sibling 1-4 years on.
  std::vector<int> ages = {rng_.Chance(0.35) ? rng_.Between(0, 8) : rng_.Between(0, 18)};
  while (static_cast<int>(ages.size()) < siblings) {
    const int next = ages.back() + rng_.Between(1, 4);
    if (next > 18) break;
    ages.push_back(next);
  }
  const std::int64_t household = households_++;
  for (int age : ages) {
    if (produced_ >= options_.children) break;
    Child c;
    c.uin = core::Uin::FromSequence(produced_);
    c.la_code = place.la_code;
    const bool female = rng_.Chance(0.49);
    c.gender = female ? core::Gender::kFemale : core::Gender::kMale;
    c.forenames = (female ? data_.girls : data_.boys).Pick(rng_);
    if (rng_.Chance(0.35)) c.forenames += " " + (female ? data_.girls : data_.boys).Pick(rng_);
    c.surname = rng_.Chance(0.9) ? family : second_surname;
    if (rng_.Chance(0.02)) c.known_as_surname = second_surname;
    if (rng_.Chance(0.03)) {
      c.other_names.push_back({core::OtherNameKind::kPrevious, "", data_.surnames.Pick(rng_)});
    }
    c.date_of_birth = options_.today.AddYears(-age).AddDays(-rng_.Between(1, 364));
    if (c.date_of_birth.YearsOfAgeOn(options_.today) > 18)
      c.date_of_birth = c.date_of_birth.AddDays(200);
    c.address = home;
    c.parents_carers = parents;
    AddServices(c, orgs, c.date_of_birth.YearsOfAgeOn(options_.today));
    AddInvolvements(c, orgs, c.date_of_birth.YearsOfAgeOn(options_.today));
    if (rng_.Chance(0.007)) {
      // REC-12: looked after; the responsible LA is the placing council.
      c.looked_after = true;
      c.parents_carers = {parent(true, data_.surnames.Pick(rng_))};
      c.parents_carers[0].relationship = "foster carer";
      c.parents_carers[0].parental_responsibility = false;
    }
    if (rng_.Chance(0.001)) {
      const int days_alive = c.date_of_birth.days() < options_.today.days()
                                 ? options_.today.days() - c.date_of_birth.days()
                                 : 1;
      c.date_of_death =
          options_.today.AddDays(-static_cast<int>(rng_.Below(std::min(days_alive, 700))));
      c.death_confirmed_by_registrar = rng_.Chance(0.5);
    }
    if (rng_.Chance(0.0005)) c.shielded = true;
    const core::SourceStamp loaded{kLoadedBeforeFeeds, supplied};
    c.provenance = {{core::Item::kNames, loaded},
                    {core::Item::kAddress, loaded},
                    {core::Item::kDateOfBirth, loaded},
                    {core::Item::kGender, loaded}};
    c.created_at = supplied;
    c.updated_at = supplied;
    if (facts != nullptr) facts->push_back({produced_, household});
    out.push_back(std::move(c));
    ++produced_;
  }
}

bool PopulationGenerator::NextBatch(std::vector<Child>& out, std::size_t max,
                                    std::vector<ChildFacts>* facts) {
  if (produced_ >= options_.children || authorities_.empty()) return false;
  const std::size_t start = out.size();
  while (produced_ < options_.children && out.size() - start < max) MakeHousehold(out, facts);
  return true;
}

}  // namespace cp::generate
