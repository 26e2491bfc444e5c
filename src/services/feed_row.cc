#include "services/feed_row.h"

#include <boost/json.hpp>
#include <set>

#include "core/child_validation.h"
#include "core/feed_columns.h"
#include "core/local_authority.h"
#include "core/postcode.h"
#include "core/sensitive_services.h"
#include "match/csv.h"

namespace cp::services {
namespace {

bool KnownColumn(const std::string& name) {
  return std::find(core::FeedColumnNames().begin(), core::FeedColumnNames().end(), name) !=
         core::FeedColumnNames().end();
}

Error FileError(std::int64_t row, const std::string& problem) {
  return Error::Invalid("file", row == 0 ? problem : "Row " + std::to_string(row) + ": " + problem);
}

// Well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
bool IsUtf8(std::string_view s) {
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    const unsigned char c = p[i];
    int extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

FeedFormat FeedFormatOf(const std::string& path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() &&
           path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
  };
  return ends(".jsonl") || ends(".ndjson") ? FeedFormat::kJsonLines : FeedFormat::kCsv;
}

Result<FeedReader> FeedReader::Open(const std::string& path, FeedFormat format) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return Error::Invalid("file", "Cannot read " + path);
  FeedReader reader(std::move(in), format);
  if (format == FeedFormat::kJsonLines) return reader;
  std::vector<std::string> header;
  CP_ASSIGN(bool any, reader.ReadCsvRecord(&header));
  if (!any) return FileError(0, "The file is empty: it needs a header row");
  if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0] = header[0].substr(3);
  std::map<std::string, int> seen;
  for (std::string& h : header) {
    h = Trim(h);
    if (!KnownColumn(h)) return FileError(0, "Unknown column \"" + h + "\" in the header");
    if (seen[h]++ > 0) return FileError(0, "Column \"" + h + "\" appears twice in the header");
  }
  if (seen.count("source_record_id") == 0) {
    return FileError(0, "The header has no source_record_id column");
  }
  reader.header_ = std::move(header);
  return reader;
}

Result<bool> FeedReader::ReadCsvRecord(std::vector<std::string>* fields) {
  fields->clear();
  std::streambuf* buf = in_->rdbuf();
  std::string field;
  bool quoted = false, in_quotes = false, any = false;
  std::size_t bytes = 0;
  const std::int64_t row = row_ + 1;
  for (;;) {
    const int ch = buf->sbumpc();
    if (ch == std::char_traits<char>::eof()) {
      if (in_quotes) {
        return FileError(row, "The file ends inside a quoted field: it may be truncated");
      }
      if (!any) return false;
      fields->push_back(std::move(field));
      break;
    }
    ++bytes_;
    if (++bytes > kMaxRecordBytes) {
      return FileError(row, "A row is longer than 65,536 bytes");
    }
    const char c = static_cast<char>(ch);
    if (in_quotes) {
      if (c == '"') {
        if (buf->sgetc() == '"') {
          buf->sbumpc();
          ++bytes_;
          field.push_back('"');
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '\r') continue;
    if (c == '\n') {
      if (!any && field.empty()) continue;  // a blank line
      fields->push_back(std::move(field));
      break;
    }
    any = true;
    if (c == ',') {
      fields->push_back(std::move(field));
      field.clear();
      quoted = false;
    } else if (c == '"' && Trim(field).empty() && !quoted) {
      field.clear();
      in_quotes = quoted = true;
    } else {
      field.push_back(c);
    }
  }
  for (const std::string& f : *fields) {
    if (!IsUtf8(f)) return FileError(row, "The file is not UTF-8");
  }
  return true;
}

Result<bool> FeedReader::ReadLine(std::string* line) {
  line->clear();
  std::streambuf* buf = in_->rdbuf();
  for (;;) {
    const int ch = buf->sbumpc();
    if (ch == std::char_traits<char>::eof()) return !line->empty();
    ++bytes_;
    if (ch == '\n') {
      if (!line->empty() && line->back() == '\r') line->pop_back();
      if (line->find_first_not_of(" \t") == std::string::npos) {
        line->clear();
        continue;
      }
      return true;
    }
    line->push_back(static_cast<char>(ch));
    if (line->size() > kMaxRecordBytes) {
      return FileError(row_ + 1, "A row is longer than 65,536 bytes");
    }
  }
}

Result<bool> FeedReader::Next(FeedRecord* record) { return Read(record); }

Result<bool> FeedReader::Skip() { return Read(nullptr); }

Result<bool> FeedReader::Read(FeedRecord* record) {
  if (record != nullptr) record->fields.clear();
  if (format_ == FeedFormat::kCsv) {
    CP_ASSIGN(bool any, ReadCsvRecord(&fields_));
    if (!any) return false;
    ++row_;
    if (fields_.size() != header_.size()) {
      return FileError(row_, "Expected " + std::to_string(header_.size()) + " fields, found " +
                                 std::to_string(fields_.size()));
    }
    if (record == nullptr) return true;
    record->row = row_;
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      std::string v = Trim(fields_[i]);
      if (!v.empty()) record->fields.emplace(header_[i], std::move(v));
    }
    return true;
  }
  std::string line;
  CP_ASSIGN(bool any, ReadLine(&line));
  if (!any) return false;
  ++row_;
  if (record != nullptr) record->row = row_;
  if (!IsUtf8(line)) return FileError(row_, "The file is not UTF-8");
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(line, ec);
  if (ec || !v.is_object()) return FileError(row_, "A line is not a JSON object");
  for (const auto& [key, value] : v.as_object()) {
    const std::string name(key);
    if (!KnownColumn(name)) return FileError(row_, "Unknown field \"" + name + "\"");
    if (value.is_null()) continue;
    if (!value.is_string()) return FileError(row_, "Field \"" + name + "\" is not a string");
    if (record == nullptr) continue;
    std::string text = Trim(std::string(value.as_string()));
    if (!text.empty()) record->fields[name] = std::move(text);
  }
  return true;
}

Result<LaLocator> LaLocator::Load(const std::string& data_dir) {
  const std::string path = data_dir + "/places/local_authority_places.csv";
  auto reader = match::CsvReader::Open(path);
  if (!reader) return Error::Unavailable("Cannot read " + path);
  LaLocator out;
  std::map<std::string, double> best_weight;
  std::vector<std::string> f;
  while (reader->Next(&f)) {
    if (f.size() < 3 || f[0].empty() || f[0][0] == '#' || f[0] == "la_code") continue;
    const double weight = std::atof(f[2].c_str());
    std::size_t start = 0;
    const std::string& areas = f[1];
    while (start <= areas.size()) {
      std::size_t end = areas.find_first_of(" ;|", start);
      if (end == std::string::npos) end = areas.size();
      const std::string area = areas.substr(start, end - start);
      if (!area.empty() && weight > best_weight[area]) {
        best_weight[area] = weight;
        out.by_area_[area] = f[0];
      }
      start = end + 1;
    }
  }
  return out;
}

std::string LaLocator::ForPostcodeArea(const std::string& area) const {
  auto it = by_area_.find(area);
  return it == by_area_.end() ? "" : it->second;
}

namespace {

class RowReader {
 public:
  explicit RowReader(const FeedRecord& r) : r_(r) {}
  std::string Get(const char* name) const {
    auto it = r_.fields.find(name);
    return it == r_.fields.end() ? "" : it->second;
  }
  Result<std::optional<Date>> GetDate(const char* name) const {
    const std::string text = Get(name);
    if (text.empty()) return std::optional<Date>();
    auto d = Date::ParseIso(text);
    if (!d) return Error::Invalid(name, "Give the date as YYYY-MM-DD");
    return d;
  }

 private:
  const FeedRecord& r_;
};

// The items a partial statement states; nullopt for a whole row.
Result<std::optional<std::set<core::Item>>> StatedItems(const FeedRecord& record) {
  auto it = record.fields.find(kStatedItemsField);
  if (it == record.fields.end()) return std::optional<std::set<core::Item>>();
  std::set<core::Item> items;
  std::size_t start = 0;
  const std::string& list = it->second;
  while (start <= list.size()) {
    std::size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const auto item = core::ItemFromName(list.substr(start, end - start));
    if (!item) return Error::Invalid(kStatedItemsField, "Not the name of an item");
    items.insert(*item);
    start = end + 1;
  }
  return std::optional<std::set<core::Item>>(std::move(items));
}

Error OutsideEngland() {
  return Error::Invalid("la_code",
                        "The child is resident outside England: ContactPoint holds records of "
                        "children in England only");
}

}  // namespace

Result<SourceRow> ParseSourceRow(const FeedRecord& record, const LaLocator& places,
                                 core::SourceStamp stamp, Date received_on) {
  const RowReader in(record);
  SourceRow out;
  out.source_record_id = in.Get("source_record_id");
  if (out.source_record_id.empty()) {
    return Error::Invalid("source_record_id", "Every row needs the source's own record id");
  }
  if (out.source_record_id.size() > 100) {
    return Error::Invalid("source_record_id", "A record id must be 100 characters or fewer");
  }
  CP_ASSIGN(const std::optional<std::set<core::Item>> stated, StatedItems(record));
  auto states = [&](core::Item item) { return !stated || stated->count(item) != 0; };
  core::Child& c = out.child;
  c.forenames = in.Get("forenames");
  c.surname = in.Get("surname");
  c.known_as_surname = in.Get("known_as_surname");
  if (states(core::Item::kNames)) {
    if (c.forenames.empty()) {
      return Error::Invalid("forenames", "The child's forenames are missing");
    }
    if (c.surname.empty()) return Error::Invalid("surname", "The child's surname is missing");
  }
  if (const std::string prev = in.Get("previous_surname"); !prev.empty()) {
    c.other_names.push_back({core::OtherNameKind::kPrevious, "", prev});
  }
  CP_ASSIGN(auto dob, in.GetDate("date_of_birth"));
  if (!dob && states(core::Item::kDateOfBirth)) {
    return Error::Invalid("date_of_birth", "The child's date of birth is missing");
  }
  if (dob) c.date_of_birth = *dob;
  if (const std::string g = in.Get("gender"); !g.empty()) {
    auto gender = core::GenderFromName(g);
    if (!gender) {
      return Error::Invalid("gender", "Gender must be male, female, not_known or not_specified");
    }
    c.gender = *gender;
  }
  c.address = {in.Get("address_line1"), in.Get("address_line2"), in.Get("address_line3"),
               in.Get("town"), ""};
  std::string area;
  if (const std::string pc = in.Get("postcode"); !pc.empty()) {
    auto parsed = core::Postcode::Parse(pc);
    if (!parsed) return Error::Invalid("postcode", parsed.error().message);
    c.address.postcode = parsed->text();
    area = parsed->area();
  }
  // NEW-3 and LA-1: where the child lives decides whether ContactPoint holds
  // the record and which LA is responsible.
  c.la_code = in.Get("la_code");
  if (!c.la_code.empty()) {
    if (core::FindLocalAuthority(c.la_code) == nullptr) {
      const char nation = c.la_code[0];
      if (nation == 'W' || nation == 'S' || nation == 'N') return OutsideEngland();
      return Error::Invalid("la_code", "Not the code of an English local authority");
    }
  } else if (!area.empty()) {
    const core::Nation nation = core::NationOfArea(area);
    if (nation != core::Nation::kEngland && nation != core::Nation::kBorder) {
      return OutsideEngland();
    }
    c.la_code = places.ForPostcodeArea(area);
  }
  if (!states(core::Item::kLocalAuthority)) c.la_code.clear();
  CP_ASSIGN(c.date_of_death, in.GetDate("date_of_death"));
  c.death_confirmed_by_registrar = in.Get("death_confirmed") == "1";

  for (const char* p : {"parent1_", "parent2_"}) {
    const std::string base = p;
    core::ParentCarer pc;
    pc.forenames = in.Get((base + "forenames").c_str());
    pc.surname = in.Get((base + "surname").c_str());
    if (pc.forenames.empty() && pc.surname.empty()) continue;
    pc.relationship = in.Get((base + "relationship").c_str());
    pc.contact.phone = in.Get((base + "phone").c_str());
    pc.contact.email = in.Get((base + "email").c_str());
    pc.source = stamp;
    c.parents_carers.push_back(std::move(pc));
  }
  if (const std::string s = in.Get("education_setting"); !s.empty()) {
    auto setting = core::EducationSettingFromName(s);
    if (!setting) {
      return Error::Invalid("education_setting",
                            "Setting must be school, home, hospital, other or none_known");
    }
    c.education_setting = *setting;
  }
  if (const std::string name = in.Get("school_name"); !name.empty()) {
    c.education_setting = core::EducationSettingKind::kSchool;
    c.school = core::UniversalService{name, in.Get("school_urn"), "", {}, stamp};
  }
  if (const std::string name = in.Get("gp_name"); !name.empty()) {
    c.gp_practice = core::UniversalService{name, in.Get("gp_code"), "", {}, stamp};
  }
  if (const std::string service = in.Get("involvement_service"); !service.empty()) {
    core::Involvement inv;
    auto category = core::ServiceCategoryFromName(in.Get("involvement_category"));
    if (!category) {
      return Error::Invalid("involvement_category",
                            "Category must be universal, targeted or sensitive");
    }
    inv.service_type = service;
    inv.category = core::HeldCategory(service, *category);  // SENS-1
    inv.organisation = in.Get("involvement_organisation");
    inv.team = in.Get("involvement_team");
    inv.practitioner = in.Get("involvement_practitioner");
    inv.contact.phone = in.Get("involvement_phone");
    inv.contact.email = in.Get("involvement_email");
    CP_ASSIGN(inv.start_date, in.GetDate("involvement_start"));
    CP_ASSIGN(inv.ceased_date, in.GetDate("involvement_ceased"));
    if (inv.ceased_date) inv.retention_end = inv.ceased_date->AddYears(1);  // INV-3
    if (!in.Get("consent_given_by").empty() || !in.Get("consent_date").empty()) {
      auto by = core::ConsentGiverFromName(in.Get("consent_given_by"));
      if (!by)
        return Error::Invalid("consent_given_by", "Consent is given by child or parent_carer");
      auto method = core::ConsentMethodFromName(in.Get("consent_method"));
      if (!method) return Error::Invalid("consent_method", "Consent is given oral or written");
      CP_ASSIGN(auto given, in.GetDate("consent_date"));
      if (!given) return Error::Invalid("consent_date", "Say when consent was given");
      CP_ASSIGN(auto renewal, in.GetDate("consent_renewal"));
      inv.consent =
          core::Consent{*by, *given, *method,
                        renewal.value_or(given->AddMonths(core::kDefaultConsentRenewalMonths))};
    }
    inv.public_interest = in.Get("public_interest");
    inv.source = stamp;
    c.involvements.push_back(std::move(inv));
  }
  if (const std::string caf = in.Get("caf_holder"); !caf.empty()) {
    c.caf_holder = core::KeyContact{caf, "", {}, std::nullopt, false, stamp};
  }
  if (const std::string lead = in.Get("lead_professional"); !lead.empty()) {
    c.lead_professional = core::KeyContact{lead, "", {}, std::nullopt, false, stamp};
  }
  const std::string flag = in.Get("shield_flag");
  if (!flag.empty() && flag != "0" && flag != "1") {
    return Error::Invalid("shield_flag", "The shielding flag is 1 or 0");
  }
  out.shield_flag = flag == "1";

  // The record's own rules, but a row may leave the LA to the record it
  // joins.
  for (const Error& e : core::ValidateChild(c, received_on)) {
    if (e.field == "local_authority" && c.la_code.empty()) continue;
    const bool names = e.field == "forenames" || e.field == "surname";
    if (names && !states(core::Item::kNames)) continue;
    if (e.field == "date_of_birth" && !states(core::Item::kDateOfBirth)) continue;
    return e;
  }
  for (core::Item item : {core::Item::kNames, core::Item::kDateOfBirth}) {
    if (states(item)) c.provenance[item] = stamp;
  }
  if (c.gender != core::Gender::kNotKnown) c.provenance[core::Item::kGender] = stamp;
  if (!c.address.postcode.empty() || !c.address.line1.empty()) {
    c.provenance[core::Item::kAddress] = stamp;
  }
  return out;
}

}  // namespace cp::services
