#include "services/amendment_statement.h"

#include <algorithm>
#include <set>

#include "core/local_authority.h"
#include "core/postcode.h"
#include "core/text_fold.h"
#include "services/input_text.h"
#include "services/record_linkage.h"
#include "store/amendment_repository.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

constexpr std::size_t kMaxValueChars = 200;

std::string Get(const ItemFields& f, const std::string& column) {
  auto it = f.find(column);
  return it == f.end() ? "" : it->second;
}

std::string PersonKey(const std::string& forenames, const std::string& surname) {
  return core::FoldForSearch(forenames) + "|" + core::FoldForSearch(surname);
}

// A field the feed's parser or the record's validation names, as the
// form's column. `parents` are the slots ("parent1_", "parent2_") in the
// order the parser reads them.
std::string FormColumn(const std::string& field, const std::vector<std::string>& parents) {
  static const std::pair<const char*, const char*> kSimple[] = {
      {"address.line1", "address_line1"},
      {"address.line2", "address_line2"},
      {"address.line3", "address_line3"},
      {"address.town", "town"},
      {"address.postcode", "postcode"},
      {"la_code", "postcode"},
      {"school.organisation", "school_name"},
      {"gp_practice.organisation", "gp_name"},
      {"educational_setting", "education_setting"}};
  for (const auto& [from, to] : kSimple) {
    if (field == from) return to;
  }
  if (field.rfind("parents_carers[", 0) == 0) {
    const std::size_t close = field.find(']');
    const std::size_t i = static_cast<std::size_t>(std::atoi(field.c_str() + 15));
    const std::string slot = i < parents.size() ? parents[i] : "parent1_";
    std::string rest = close == std::string::npos ? "" : field.substr(close + 1);
    if (!rest.empty() && rest[0] == '.') rest = rest.substr(1);
    return slot + (rest.empty() ? "surname" : rest);
  }
  return field;
}

// An item left without what makes it an item, which the best view would
// take as not supplied at all.
Status CheckNotEmpty(const ItemChange& c) {
  const ItemFields& p = c.proposed;
  switch (c.item) {
    case core::Item::kGender: {
      const std::string g = Get(p, "gender");
      if (g != "male" && g != "female" && g != "not_specified") {
        return Error::Invalid("gender", "Choose male, female or not specified");
      }
      return Ok();
    }
    case core::Item::kAddress:
      if (Get(p, "address_line1").empty() && Get(p, "postcode").empty()) {
        return Error::Invalid("address_line1",
                              "Enter the first line of the address or the postcode");
      }
      return Ok();
    case core::Item::kParentsCarers: {
      bool any = false;
      for (const char* slot : {"parent1_", "parent2_"}) {
        const std::string s = slot;
        bool given = false;
        for (const char* f : {"forenames", "surname", "relationship", "phone", "email"}) {
          given = given || !Get(p, s + f).empty();
        }
        if (given && Get(p, s + "surname").empty()) {
          return Error::Invalid(s + "surname", "Enter the parent or carer's surname");
        }
        any = any || given;
      }
      if (!any) return Error::Invalid("parent1_surname", "Enter a parent or carer");
      return Ok();
    }
    case core::Item::kEducationalSetting: {
      const std::string s = Get(p, "education_setting");
      if (s.empty() || s == "none_known") {
        return Error::Invalid("education_setting", "Choose the educational setting");
      }
      if (s == "school" && Get(p, "school_name").empty()) {
        return Error::Invalid("school_name", "Enter the school's name");
      }
      return Ok();
    }
    case core::Item::kGpPractice:
      if (Get(p, "gp_name").empty()) {
        return Error::Invalid("gp_name", "Enter the GP practice's name");
      }
      return Ok();
    default:
      return Ok();
  }
}

// When a source that is not users' amendments supplied the value `item` of
// `record` holds now; empty when none did.
Result<std::optional<Timestamp>> SourceSupplied(store::Connection& conn, const core::Child& record,
                                                core::Item item) {
  std::vector<core::SourceStamp> stamps;
  switch (item) {
    case core::Item::kParentsCarers:
      for (std::size_t i = 0; i < record.parents_carers.size() && i < 2; ++i) {
        stamps.push_back(record.parents_carers[i].source);
      }
      break;
    case core::Item::kEducationalSetting:
      if (record.school) stamps.push_back(record.school->source);
      break;
    case core::Item::kGpPractice:
      if (record.gp_practice) stamps.push_back(record.gp_practice->source);
      break;
    default:
      break;
  }
  if (auto it = record.provenance.find(item); it != record.provenance.end()) {
    stamps.push_back(it->second);
  }
  std::optional<Timestamp> latest;
  store::AmendmentRepository amendments(conn);
  for (const core::SourceStamp& s : stamps) {
    if (s.source_id == 0) continue;  // a manual entry, or data loaded before feeds
    CP_ASSIGN(bool users, amendments.IsAmendmentSource(s.source_id));
    if (!users && (!latest || s.supplied_at > *latest)) latest = s.supplied_at;
  }
  return latest;
}

// The LA's users' amendments source, registered on first use: a local
// source of the LA, most reliable, never accredited — so it never uploads
// (SourceRegister refuses to change its standing).
Result<std::int64_t> AmendmentSource(store::Connection& conn, const std::string& la_code,
                                     Timestamp now) {
  store::AmendmentRepository amendments(conn);
  CP_ASSIGN(auto existing, amendments.SourceOf(la_code));
  if (existing) return *existing;
  core::DataSource s;
  const core::LocalAuthority* la = core::FindLocalAuthority(la_code);
  s.name = "Users' amendments: " + std::string(la != nullptr ? la->name : la_code) + " (" +
           la_code + ")";
  s.body_type = core::SourceBodyType::kLocalAuthority;
  s.kind = core::SupplierKindOf(s.body_type);
  s.la_code = la_code;
  s.reliability_rank = core::kMostReliableRank;
  s.registered_at = now;
  CP_ASSIGN(std::int64_t id, store::SourceRepository(conn).Insert(s, std::nullopt));
  CP_TRY(amendments.AddSource(la_code, id));
  return id;
}

}  // namespace

std::string PostcodeLa(const ItemFields& fields, const LaLocator& places) {
  const std::string pc = Get(fields, "postcode");
  if (pc.empty()) return "";
  auto parsed = core::Postcode::Parse(pc);
  if (!parsed) return "";
  return places.ForPostcodeArea(parsed->area());
}

Status CheckChanges(const std::vector<ItemChange>& changes, const LaLocator& places, Date today) {
  FeedRecord record;
  std::string stated;
  std::vector<std::string> parents;
  for (const ItemChange& c : changes) {
    for (const auto& [column, value] : c.proposed) {
      if (CharCount(value) > kMaxValueChars) {
        return Error::Invalid(column, "This must be 200 characters or fewer");
      }
      if (std::any_of(value.begin(), value.end(),
                      [](char ch) { return static_cast<unsigned char>(ch) < 0x20; })) {
        return Error::Invalid(column, "This must not contain control characters");
      }
    }
    CP_TRY(CheckNotEmpty(c));
    for (const auto& [column, value] : c.proposed) record.fields[column] = value;
    stated += (stated.empty() ? "" : ",") + std::string(core::ItemName(c.item));
    if (c.item == core::Item::kParentsCarers) {
      for (const char* slot : {"parent1_", "parent2_"}) {
        const std::string s = slot;
        if (!Get(c.proposed, s + "forenames").empty() || !Get(c.proposed, s + "surname").empty()) {
          parents.push_back(s);
        }
      }
    }
  }
  record.fields["source_record_id"] = "amendment";
  record.fields[kStatedItemsField] = stated;
  auto parsed = ParseSourceRow(record, places, {0, 0}, today);
  if (!parsed) {
    Error e = parsed.error();
    e.field = FormColumn(e.field, parents);
    return e;
  }
  return Ok();
}

bool ChangesIdentity(const core::Child& record, const ItemChange& c) {
  auto differs = [&](const char* column) {
    return core::FoldForSearch(Get(c.previous, column)) !=
           core::FoldForSearch(Get(c.proposed, column));
  };
  switch (c.item) {
    case core::Item::kNames:
      return differs("forenames") || differs("surname");
    case core::Item::kDateOfBirth:
      return true;
    case core::Item::kGender:
      return record.gender != core::Gender::kNotKnown;
    default:
      return false;
  }
}

Result<core::AmendmentConflict> ConflictOf(store::Connection& conn, const core::Child& record,
                                           const ItemChange& change, const LaLocator& places,
                                           Timestamp now) {
  core::AmendmentFacts facts;
  facts.changes_identity = ChangesIdentity(record, change);
  if (change.item == core::Item::kAddress) {
    const std::string la = PostcodeLa(change.proposed, places);
    facts.moves_local_authority = !la.empty() && la != record.la_code;
  }
  CP_ASSIGN(facts.source_supplied_at, SourceSupplied(conn, record, change.item));
  return core::ClassifyAmendment(facts, now);
}

Result<std::vector<std::int64_t>> ApplyChanges(store::Connection& conn, ChildIndex& index,
                                               const LaLocator& places, const core::Child& record,
                                               const std::vector<ItemChange>& changes,
                                               Timestamp now) {
  CP_ASSIGN(std::int64_t source, AmendmentSource(conn, record.la_code, now));
  store::ContributionRepository contributions(conn);
  std::vector<std::int64_t> out;
  std::set<std::string> replaced_people;
  for (const ItemChange& c : changes) {
    ItemFields fields = c.proposed;
    std::string stated(core::ItemName(c.item));
    // A new address in another LA moves the record there (LA-1, G 4.53):
    // only an administrator's override gets this far with one.
    const std::string la = c.item == core::Item::kAddress ? PostcodeLa(fields, places) : "";
    if (!la.empty() && la != record.la_code) {
      fields["la_code"] = la;
      stated += "," + std::string(core::ItemName(core::Item::kLocalAuthority));
    }
    // One statement per record and item: a later amendment of the item
    // replaces the earlier one, as a source's repeated row does.
    const std::string record_id =
        "record-" + std::to_string(record.id) + "-" + std::string(core::ItemName(c.item));
    fields["source_record_id"] = record_id;
    fields[kStatedItemsField] = stated;
    FeedRecord as_row;
    as_row.fields = fields;
    const std::string json = FieldsJson(as_row);
    CP_ASSIGN(auto existing, contributions.Find(source, record_id));
    if (existing && existing->child_id == record.id) {
      CP_TRY(contributions.UpdateFields(existing->id, json, false, std::nullopt, now));
      out.push_back(existing->id);
    } else {
      if (existing) {
        // Moved to another record by a merge since: this record's own
        // statement takes another id.
        as_row.fields["source_record_id"] = record_id + "-" + std::to_string(now);
      }
      store::ContributionRow row;
      row.source_id = source;
      row.source_record_id = as_row.fields["source_record_id"];
      row.child_id = record.id;
      row.state = store::ContributionState::kLinked;
      row.fields = FieldsJson(as_row);
      row.received_at = now;
      CP_ASSIGN(std::int64_t id, contributions.Insert(row));
      out.push_back(id);
    }
    if (c.item == core::Item::kParentsCarers) {
      for (const char* slot : {"parent1_", "parent2_"}) {
        const std::string s = slot;
        if (Get(c.previous, s + "surname").empty()) continue;
        replaced_people.insert(
            PersonKey(Get(c.previous, s + "forenames"), Get(c.previous, s + "surname")));
      }
    }
  }
  if (!replaced_people.empty()) {
    // The best view keeps a parent/carer no source supplies (a manual entry,
    // data loaded before feeds) ahead of every statement: the amended ones
    // are now the statement's, so they leave the record's own list.
    store::ChildRepository children(conn);
    CP_ASSIGN(core::Child held, children.Get(record.id));
    CP_ASSIGN(auto parts, contributions.ForChild(record.id));
    std::set<core::SourceId> speaking;
    for (const auto& p : parts) speaking.insert(p.source_id);
    const auto before = held.parents_carers.size();
    std::erase_if(held.parents_carers, [&](const core::ParentCarer& p) {
      return speaking.count(p.source.source_id) == 0 &&
             replaced_people.count(PersonKey(p.forenames, p.surname)) != 0;
    });
    if (held.parents_carers.size() != before) {
      CP_ASSIGN(std::int64_t version, children.Version(record.id));
      CP_TRY(children.Replace(held, version));
    }
  }
  CP_TRY(RebuildBestView(conn, index, places, record.id, now));
  return out;
}

}  // namespace cp::services
