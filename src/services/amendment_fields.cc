#include "services/amendment_fields.h"

#include <boost/json.hpp>

#include "core/amendment.h"
#include "core/postcode.h"
#include "services/input_text.h"

namespace cp::services {
namespace {

const std::vector<std::string> kNone;

void Put(ItemFields& out, const char* column, const std::string& value) {
  if (!value.empty()) out[column] = value;
}

}  // namespace

const std::vector<std::string>& AmendmentColumns(core::Item item) {
  static const std::vector<std::string> names = {"forenames", "surname", "known_as_surname"};
  static const std::vector<std::string> dob = {"date_of_birth"};
  static const std::vector<std::string> gender = {"gender"};
  static const std::vector<std::string> address = {"address_line1", "address_line2",
                                                   "address_line3", "town", "postcode"};
  static const std::vector<std::string> parents = {
      "parent1_forenames", "parent1_surname",   "parent1_relationship", "parent1_phone",
      "parent1_email",     "parent2_forenames", "parent2_surname",      "parent2_relationship",
      "parent2_phone",     "parent2_email"};
  static const std::vector<std::string> setting = {"education_setting", "school_name",
                                                   "school_urn"};
  static const std::vector<std::string> gp = {"gp_name", "gp_code"};
  switch (item) {
    case core::Item::kNames:
      return names;
    case core::Item::kDateOfBirth:
      return dob;
    case core::Item::kGender:
      return gender;
    case core::Item::kAddress:
      return address;
    case core::Item::kParentsCarers:
      return parents;
    case core::Item::kEducationalSetting:
      return setting;
    case core::Item::kGpPractice:
      return gp;
    default:
      return kNone;
  }
}

std::optional<core::Item> ItemOfColumn(const std::string& column) {
  for (core::Item item : core::kAmendableItems) {
    for (const std::string& c : AmendmentColumns(item)) {
      if (c == column) return item;
    }
  }
  return std::nullopt;
}

ItemFields CurrentItemFields(const core::Child& c, core::Item item) {
  ItemFields out;
  switch (item) {
    case core::Item::kNames:
      Put(out, "forenames", c.forenames);
      Put(out, "surname", c.surname);
      Put(out, "known_as_surname", c.known_as_surname);
      break;
    case core::Item::kDateOfBirth:
      if (c.date_of_birth != Date()) out["date_of_birth"] = c.date_of_birth.ToIso();
      break;
    case core::Item::kGender:
      if (c.gender != core::Gender::kNotKnown) out["gender"] = std::string(GenderName(c.gender));
      break;
    case core::Item::kAddress:
      Put(out, "address_line1", c.address.line1);
      Put(out, "address_line2", c.address.line2);
      Put(out, "address_line3", c.address.line3);
      Put(out, "town", c.address.town);
      Put(out, "postcode", c.address.postcode);
      break;
    case core::Item::kParentsCarers:
      for (std::size_t i = 0; i < c.parents_carers.size() && i < 2; ++i) {
        const core::ParentCarer& p = c.parents_carers[i];
        const std::string base = "parent" + std::to_string(i + 1) + "_";
        Put(out, (base + "forenames").c_str(), p.forenames);
        Put(out, (base + "surname").c_str(), p.surname);
        Put(out, (base + "relationship").c_str(), p.relationship);
        Put(out, (base + "phone").c_str(), p.contact.phone);
        Put(out, (base + "email").c_str(), p.contact.email);
      }
      break;
    case core::Item::kEducationalSetting:
      if (c.education_setting != core::EducationSettingKind::kNoneKnown) {
        out["education_setting"] = std::string(EducationSettingName(c.education_setting));
      }
      if (c.school) {
        Put(out, "school_name", c.school->organisation);
        Put(out, "school_urn", c.school->org_code);
      }
      break;
    case core::Item::kGpPractice:
      if (c.gp_practice) {
        Put(out, "gp_name", c.gp_practice->organisation);
        Put(out, "gp_code", c.gp_practice->org_code);
      }
      break;
    default:
      break;
  }
  return out;
}

ItemFields ProposedItemFields(core::Item item, const ItemFields& current,
                              const std::map<std::string, std::string>& changes) {
  ItemFields out = current;
  for (const std::string& column : AmendmentColumns(item)) {
    auto it = changes.find(column);
    if (it == changes.end()) continue;
    std::string value = TrimmedText(it->second);
    if (column == "postcode" && !value.empty()) {
      if (auto pc = core::Postcode::Parse(value)) value = pc->text();
    }
    if (column == "gender" || column == "education_setting") {
      for (char& ch : value) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (value.empty()) {
      out.erase(column);
    } else {
      out[column] = std::move(value);
    }
  }
  return out;
}

std::string ItemFieldsJson(const ItemFields& fields) {
  boost::json::object o;
  for (const auto& [k, v] : fields) o[k] = v;
  return boost::json::serialize(o);
}

ItemFields ItemFieldsFromJson(const std::string& json) {
  ItemFields out;
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(json, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, value] : v.get_object()) {
    if (value.is_string()) out[std::string(k)] = std::string(value.get_string());
  }
  return out;
}

}  // namespace cp::services
