#include "core/best_view.h"

#include <algorithm>
#include <set>
#include <string>

#include "core/text_fold.h"

namespace cp::core {
namespace {

bool HasNames(const Child& c) { return !c.forenames.empty() || !c.surname.empty(); }
bool HasAddress(const Child& c) { return !c.address.postcode.empty() || !c.address.line1.empty(); }

std::string PersonKey(const std::string& forenames, const std::string& surname) {
  return FoldForSearch(forenames) + "|" + FoldForSearch(surname);
}

std::string ServiceKey(const Involvement& inv) {
  return inv.service_type + "|" + FoldForSearch(inv.organisation) + "|" + FoldForSearch(inv.team) +
         "|" + FoldForSearch(inv.practitioner);
}

bool Supplies(const Child& c, Item item) {
  switch (item) {
    case Item::kNames:
      return HasNames(c);
    case Item::kAddress:
      return HasAddress(c);
    case Item::kGender:
      return c.gender != Gender::kNotKnown;
    case Item::kDateOfBirth:
      return c.date_of_birth != Date();
    case Item::kDateOfDeath:
      return c.date_of_death.has_value();
    case Item::kEducationalSetting:
      return c.education_setting != EducationSettingKind::kNoneKnown || c.school.has_value();
    case Item::kGpPractice:
      return c.gp_practice.has_value();
    case Item::kMidwife:
      return c.midwife.has_value();
    case Item::kHealthVisitor:
      return c.health_visitor.has_value();
    case Item::kSchoolNurse:
      return c.school_nurse.has_value();
    case Item::kCafHolder:
      return c.caf_holder.has_value();
    case Item::kLeadProfessional:
      return c.lead_professional.has_value();
    case Item::kLocalAuthority:
      return !c.la_code.empty();
    case Item::kOtherNames:
      return !c.other_names.empty();
    case Item::kUin:
    case Item::kParentsCarers:
    case Item::kInvolvements:
      return false;  // identity, or lists merged separately
  }
  return false;
}

void Take(Child& to, const Child& from, Item item) {
  switch (item) {
    case Item::kNames:
      to.forenames = from.forenames;
      to.surname = from.surname;
      to.known_as_surname = from.known_as_surname;
      break;
    case Item::kAddress:
      to.address = from.address;
      break;
    case Item::kGender:
      to.gender = from.gender;
      break;
    case Item::kDateOfBirth:
      to.date_of_birth = from.date_of_birth;
      break;
    case Item::kDateOfDeath:
      to.date_of_death = from.date_of_death;
      to.death_confirmed_by_registrar = from.death_confirmed_by_registrar;
      break;
    case Item::kEducationalSetting:
      to.education_setting = from.education_setting;
      to.school = from.school;
      break;
    case Item::kGpPractice:
      to.gp_practice = from.gp_practice;
      break;
    case Item::kMidwife:
      to.midwife = from.midwife;
      break;
    case Item::kHealthVisitor:
      to.health_visitor = from.health_visitor;
      break;
    case Item::kSchoolNurse:
      to.school_nurse = from.school_nurse;
      break;
    case Item::kCafHolder:
      to.caf_holder = from.caf_holder;
      break;
    case Item::kLeadProfessional:
      to.lead_professional = from.lead_professional;
      break;
    case Item::kLocalAuthority:
      to.la_code = from.la_code;
      to.looked_after = from.looked_after;
      break;
    case Item::kOtherNames:
      to.other_names = from.other_names;
      break;
    case Item::kUin:
    case Item::kParentsCarers:
    case Item::kInvolvements:
      break;
  }
}

constexpr Item kSingleItems[] = {
    Item::kNames,         Item::kAddress,     Item::kGender,
    Item::kDateOfBirth,   Item::kDateOfDeath, Item::kEducationalSetting,
    Item::kGpPractice,    Item::kMidwife,     Item::kHealthVisitor,
    Item::kSchoolNurse,   Item::kCafHolder,   Item::kLeadProfessional,
    Item::kLocalAuthority};

void AddOtherName(Child& c, OtherName name) {
  if (FoldForSearch(name.surname).empty()) return;
  if (PersonKey(name.forenames, name.surname) == PersonKey(c.forenames, c.surname)) return;
  for (const OtherName& o : c.other_names) {
    if (PersonKey(o.forenames, o.surname) == PersonKey(name.forenames, name.surname)) return;
  }
  c.other_names.push_back(std::move(name));
}

}  // namespace

Child BestView(const Child& record, const std::vector<Contribution>& contributions) {
  std::vector<const Contribution*> ranked;
  for (const Contribution& c : contributions) ranked.push_back(&c);
  std::stable_sort(ranked.begin(), ranked.end(), [](const Contribution* a, const Contribution* b) {
    if (a->reliability_rank != b->reliability_rank) {
      return a->reliability_rank < b->reliability_rank;
    }
    if (a->received_at != b->received_at) return a->received_at > b->received_at;
    if (a->sequence != b->sequence) return a->sequence > b->sequence;
    return a->source_id < b->source_id;
  });
  std::set<SourceId> speaking;
  for (const Contribution* c : ranked) speaking.insert(c->source_id);
  auto legacy = [&](const SourceStamp& s) { return speaking.count(s.source_id) == 0; };

  Child best = record;
  // What a contributing source supplied before is now its contribution's.
  best.provenance.clear();
  for (Item item : kSingleItems) {
    auto it = record.provenance.find(item);
    if (it != record.provenance.end() && legacy(it->second)) best.provenance[item] = it->second;
  }
  best.parents_carers.clear();
  for (const ParentCarer& p : record.parents_carers) {
    if (legacy(p.source)) best.parents_carers.push_back(p);
  }
  best.involvements.clear();
  for (const Involvement& inv : record.involvements) {
    if (legacy(inv.source)) best.involvements.push_back(inv);
  }

  for (Item item : kSingleItems) {
    for (const Contribution* c : ranked) {
      if (!Supplies(c->data, item)) continue;
      Take(best, c->data, item);
      best.provenance[item] = {c->source_id, c->received_at};
      break;
    }
  }
  // Alternative and previous names from every contribution (C1).
  const bool other_names_legacy = record.provenance.count(Item::kOtherNames) == 0 ||
                                  legacy(record.provenance.at(Item::kOtherNames));
  std::vector<OtherName> others = std::move(best.other_names);
  best.other_names.clear();
  if (other_names_legacy) {
    for (OtherName& o : others) AddOtherName(best, std::move(o));
  }
  for (const Contribution* c : ranked) {
    for (const OtherName& o : c->data.other_names) AddOtherName(best, o);
    if (HasNames(c->data)) {
      AddOtherName(best, {OtherNameKind::kAlternative, c->data.forenames, c->data.surname});
    }
  }
  if (!best.other_names.empty()) {
    best.provenance[Item::kOtherNames] = {ranked.empty() ? 0 : ranked.front()->source_id,
                                          ranked.empty() ? 0 : ranked.front()->received_at};
  }

  std::set<std::string> people, services;
  for (const ParentCarer& p : best.parents_carers) people.insert(PersonKey(p.forenames, p.surname));
  for (const Involvement& inv : best.involvements) services.insert(ServiceKey(inv));
  for (const Contribution* c : ranked) {
    for (ParentCarer p : c->data.parents_carers) {
      if (!people.insert(PersonKey(p.forenames, p.surname)).second) continue;
      p.source = {c->source_id, c->received_at};
      best.parents_carers.push_back(std::move(p));
    }
    for (Involvement inv : c->data.involvements) {
      if (!services.insert(ServiceKey(inv)).second) continue;
      inv.id = 0;
      inv.source = {c->source_id, c->received_at};
      best.involvements.push_back(std::move(inv));
    }
  }
  return best;
}

std::vector<Item> Differences(const Child& supplied, const Child& best) {
  std::vector<Item> out;
  if (HasNames(supplied) && (FoldForSearch(supplied.forenames) != FoldForSearch(best.forenames) ||
                             FoldForSearch(supplied.surname) != FoldForSearch(best.surname))) {
    out.push_back(Item::kNames);
  }
  if (HasAddress(supplied) &&
      (supplied.address.postcode != best.address.postcode ||
       FoldForSearch(supplied.address.line1) != FoldForSearch(best.address.line1))) {
    out.push_back(Item::kAddress);
  }
  if (supplied.gender != Gender::kNotKnown && supplied.gender != best.gender) {
    out.push_back(Item::kGender);
  }
  if (supplied.date_of_birth != Date() && supplied.date_of_birth != best.date_of_birth) {
    out.push_back(Item::kDateOfBirth);
  }
  if (supplied.date_of_death && supplied.date_of_death != best.date_of_death) {
    out.push_back(Item::kDateOfDeath);
  }
  auto service_differs = [](const std::optional<UniversalService>& a,
                            const std::optional<UniversalService>& b) {
    if (!a) return false;
    if (!b) return true;
    if (!a->org_code.empty() && !b->org_code.empty()) return a->org_code != b->org_code;
    return FoldForSearch(a->organisation) != FoldForSearch(b->organisation);
  };
  if (service_differs(supplied.school, best.school)) out.push_back(Item::kEducationalSetting);
  if (service_differs(supplied.gp_practice, best.gp_practice)) out.push_back(Item::kGpPractice);
  if (!supplied.la_code.empty() && supplied.la_code != best.la_code) {
    out.push_back(Item::kLocalAuthority);
  }
  return out;
}

}  // namespace cp::core
