#include "generate/extracts.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "core/feed_columns.h"

namespace cp::generate {
namespace {

using core::Child;

const std::vector<std::string>& kColumns = core::FeedColumnNames();

enum class Source { kSchoolCensus, kGp, kHealthVisiting, kSocialCare, kYouthOffending, kCamhs };
constexpr Source kSources[] = {Source::kSchoolCensus,   Source::kGp,
                               Source::kHealthVisiting, Source::kSocialCare,
                               Source::kYouthOffending, Source::kCamhs};

const char* SourceName(Source s) {
  switch (s) {
    case Source::kSchoolCensus:
      return "school_census";
    case Source::kGp:
      return "gp_registrations";
    case Source::kHealthVisiting:
      return "health_visiting";
    case Source::kSocialCare:
      return "la_social_care";
    case Source::kYouthOffending:
      return "youth_offending";
    case Source::kCamhs:
      return "camhs_and_sensitive_services";
  }
  return "unknown";
}

// The prefix of a source's own record ids.
const char* SourceCode(Source s) {
  switch (s) {
    case Source::kSchoolCensus:
      return "SC";
    case Source::kGp:
      return "GP";
    case Source::kHealthVisiting:
      return "HV";
    case Source::kSocialCare:
      return "CSC";
    case Source::kYouthOffending:
      return "YJS";
    case Source::kCamhs:
      return "SEN";
  }
  return "X";
}

std::string Csv(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

// Formal name → diminutives, from the project's list.
std::map<std::string, std::vector<std::string>> LoadDiminutives(const std::string& dir) {
  std::map<std::string, std::vector<std::string>> out;
  std::ifstream in(dir + "/names/diminutives_england.csv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("name1,", 0) == 0) continue;
    std::stringstream s(line);
    std::string a, rel, b;
    std::getline(s, a, ',');
    std::getline(s, rel, ',');
    std::getline(s, b, ',');
    if (!a.empty() && !b.empty()) out[a].push_back(b);
  }
  return out;
}

std::string Capitalise(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// One keyboard slip: substitute, drop, double or swap a letter.
std::string Typo(Rng& rng, std::string s) {
  if (s.size() < 3) return s;
  const std::size_t i = 1 + rng.Below(s.size() - 2);
  switch (rng.Below(4)) {
    case 0:
      s[i] = static_cast<char>('a' + rng.Below(26));
      break;
    case 1:
      s.erase(i, 1);
      break;
    case 2:
      s.insert(i, 1, s[i]);
      break;
    default:
      std::swap(s[i], s[i - 1]);
      break;
  }
  return s;
}

struct Row {
  std::vector<std::string> v = std::vector<std::string>(kColumns.size());
  void Set(const char* column, std::string value) {
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      if (kColumns[i] == column) {
        v[i] = std::move(value);
        return;
      }
    }
  }
};

class ExtractWriter {
 public:
  ExtractWriter(const PopulationOptions& o, const std::string& dir)
      : rng_(o.seed ^ 0x5EEDF00DULL), today_(o.today) {
    diminutives_ = LoadDiminutives(o.data_dir.empty() ? CP_DEFAULT_DATA_DIR : o.data_dir);
    for (Source s : kSources) {
      auto f = std::make_unique<std::ofstream>(dir + "/" + SourceName(s) + ".csv");
      for (std::size_t i = 0; i < kColumns.size(); ++i) *f << (i ? "," : "") << kColumns[i];
      *f << "\n";
      files_[s] = std::move(f);
    }
    truth_.open(dir + "/ground_truth.csv");
    truth_ << "source,source_record_id,child_id,uin\n";
  }

  std::int64_t rows() const { return rows_; }

  void Write(const Child& c, const ChildFacts& facts, const std::vector<core::Child>& household) {
    const int age = c.date_of_birth.YearsOfAgeOn(today_);
    if (c.school) Emit(Source::kSchoolCensus, c, facts, household, nullptr);
    if (c.gp_practice && rng_.Chance(0.95)) Emit(Source::kGp, c, facts, household, nullptr);
    if (age < 5 && c.health_visitor) Emit(Source::kHealthVisiting, c, facts, household, nullptr);
    for (const auto& inv : c.involvements) {
      if (inv.category == core::ServiceCategory::kSensitive) {
        Emit(Source::kCamhs, c, facts, household, &inv);
      } else if (inv.service_type == "youth_offending") {
        Emit(Source::kYouthOffending, c, facts, household, &inv);
      } else {
        Emit(Source::kSocialCare, c, facts, household, &inv);
      }
    }
  }

 private:
  std::string Forename(const std::string& formal) {
    std::string first = formal.substr(0, formal.find(' '));
    auto it = diminutives_.find(Lower(first));
    if (it != diminutives_.end() && rng_.Chance(0.06)) {
      return Capitalise(it->second[rng_.Below(it->second.size())]);
    }
    if (formal.find(' ') != std::string::npos && rng_.Chance(0.3)) return first;  // middle dropped
    return formal;
  }

  void Emit(Source s, const Child& c, const ChildFacts& facts,
            const std::vector<core::Child>& household, const core::Involvement* inv) {
    Row r;
    char id[32];
    std::snprintf(id, sizeof id, "%s-%09lld", SourceCode(s), static_cast<long long>(++next_id_[s]));
    const std::string record_id = id;
    r.Set("source_record_id", record_id);
    std::string forenames = Forename(c.forenames);
    std::string surname = c.surname;
    if (rng_.Chance(0.03)) forenames = Typo(rng_, forenames);
    if (rng_.Chance(0.03)) surname = Typo(rng_, surname);
    if (rng_.Chance(0.02) && c.parents_carers.size() > 1) surname = c.parents_carers[1].surname;
    if (!c.other_names.empty() && rng_.Chance(0.5)) surname = c.other_names[0].surname;  // old name
    r.Set("forenames", forenames);
    r.Set("surname", surname);
    r.Set("known_as_surname", c.known_as_surname);
    Date dob = c.date_of_birth;
    if (rng_.Chance(0.015) && dob.day() <= 12 && dob.day() != dob.month()) {
      dob = *Date::FromYmd(dob.year(), dob.day(), dob.month());  // day and month swapped
    } else if (rng_.Chance(0.01)) {
      dob = dob.AddDays(rng_.Chance(0.5) ? 1 : -1);
    }
    r.Set("date_of_birth", dob.ToIso());
    if (!rng_.Chance(0.02)) r.Set("gender", std::string(core::GenderName(c.gender)));
    core::Address a = c.address;
    if (rng_.Chance(0.04)) {
      // An old address: another household's in the same batch.
      const core::Child& other = household[rng_.Below(household.size())];
      a = other.address;
    }
    r.Set("address_line1", a.line1);
    r.Set("town", a.town);
    if (!rng_.Chance(0.03)) r.Set("postcode", a.postcode);
    if (c.date_of_death) {
      r.Set("date_of_death", c.date_of_death->ToIso());
      r.Set("death_confirmed", c.death_confirmed_by_registrar ? "1" : "0");
    }
    for (std::size_t p = 0; p < c.parents_carers.size() && p < 2; ++p) {
      const auto& pc = c.parents_carers[p];
      const std::string n = "parent" + std::to_string(p + 1) + "_";
      r.Set((n + "forenames").c_str(), pc.forenames);
      r.Set((n + "surname").c_str(), pc.surname);
      r.Set((n + "relationship").c_str(), pc.relationship);
      r.Set((n + "phone").c_str(), pc.contact.phone);
      r.Set((n + "email").c_str(), pc.contact.email);
    }
    if (s == Source::kSchoolCensus && c.school) {
      r.Set("education_setting", "school");
      r.Set("school_urn", c.school->org_code);
      r.Set("school_name", c.school->organisation);
    }
    if (s == Source::kGp && c.gp_practice) {
      r.Set("gp_code", c.gp_practice->org_code);
      r.Set("gp_name", c.gp_practice->organisation);
    }
    if (inv != nullptr) {
      r.Set("involvement_category", std::string(core::ServiceCategoryName(inv->category)));
      r.Set("involvement_service", inv->service_type);
      r.Set("involvement_organisation", inv->organisation);
      r.Set("involvement_team", inv->team);
      r.Set("involvement_practitioner", inv->practitioner);
      r.Set("involvement_phone", inv->contact.phone);
      r.Set("involvement_email", inv->contact.email);
      if (inv->start_date) r.Set("involvement_start", inv->start_date->ToIso());
      if (inv->ceased_date) r.Set("involvement_ceased", inv->ceased_date->ToIso());
      if (inv->category == core::ServiceCategory::kSensitive) {
        // SENS-2: a sensitive involvement is supplied only with its consent.
        const bool method_draw = rng_.Chance(0.7);  // kept: extracts stay as before
        const Date given = inv->start_date.value_or(today_);
        const core::Consent consent = inv->consent.value_or(core::Consent{
            c.date_of_birth.YearsOfAgeOn(today_) >= 13 ? core::ConsentGiver::kChild
                                                       : core::ConsentGiver::kParentCarer,
            given, method_draw ? core::ConsentMethod::kWritten : core::ConsentMethod::kOral,
            given.AddYears(1)});
        r.Set("consent_given_by", std::string(core::ConsentGiverName(consent.given_by)));
        r.Set("consent_date", consent.given_on.ToIso());
        r.Set("consent_method", std::string(core::ConsentMethodName(consent.method)));
        r.Set("consent_renewal", consent.renewal_due.ToIso());
      }
      if (c.caf_holder && s == Source::kSocialCare) r.Set("caf_holder", c.caf_holder->practitioner);
      if (c.lead_professional && s == Source::kSocialCare) {
        r.Set("lead_professional", c.lead_professional->practitioner);
      }
    }
    r.Set("shield_flag", c.shielded && s == Source::kSocialCare ? "1" : "0");
    r.Set("la_code", c.la_code);
    std::ofstream& f = *files_[s];
    for (std::size_t i = 0; i < r.v.size(); ++i) f << (i ? "," : "") << Csv(r.v[i]);
    f << "\n";
    truth_ << SourceName(s) << "," << record_id << "," << facts.index << "," << c.uin.ToString()
           << "\n";
    ++rows_;
  }

  Rng rng_;
  Date today_;
  std::map<std::string, std::vector<std::string>> diminutives_;
  std::map<Source, std::unique_ptr<std::ofstream>> files_;
  std::map<Source, std::int64_t> next_id_;
  std::ofstream truth_;
  std::int64_t rows_ = 0;
};

}  // namespace


Result<ExtractSummary> WriteExtracts(const PopulationOptions& options, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Error::Unavailable("cannot create " + dir);
  CP_ASSIGN(auto generator, PopulationGenerator::Create(options));
  ExtractWriter writer(options, dir);
  ExtractSummary summary;
  std::vector<core::Child> batch;
  std::vector<ChildFacts> facts;
  while (generator->NextBatch(batch, 10000, &facts)) {
    for (std::size_t i = 0; i < batch.size(); ++i) writer.Write(batch[i], facts[i], batch);
    summary.children += static_cast<std::int64_t>(batch.size());
    batch.clear();
    facts.clear();
  }
  summary.rows = writer.rows();
  summary.files = static_cast<int>(std::size(kSources));
  return summary;
}

}  // namespace cp::generate
