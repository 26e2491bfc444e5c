#include "policy/projection.h"

namespace cp::policy {
namespace {

using core::Item;

// SHD-2: what a shielded record shows to everyone without the right.
bool ShownWhenShielded(Item item) {
  return item == Item::kUin || item == Item::kNames || item == Item::kGender ||
         item == Item::kDateOfBirth;
}

void Clear(core::Child& c, Item item) {
  switch (item) {
    case Item::kUin:
      break;  // never withheld
    case Item::kNames:
      c.forenames.clear();
      c.surname.clear();
      c.known_as_surname.clear();
      break;
    case Item::kOtherNames:
      c.other_names.clear();
      break;
    case Item::kAddress:
      c.address = {};
      break;
    case Item::kGender:
      c.gender = core::Gender::kNotKnown;
      break;
    case Item::kDateOfBirth:
      break;  // never withheld
    case Item::kDateOfDeath:
      c.date_of_death.reset();
      c.death_confirmed_by_registrar = false;
      break;
    case Item::kParentsCarers:
      c.parents_carers.clear();
      break;
    case Item::kEducationalSetting:
      c.school.reset();
      c.education_setting = core::EducationSettingKind::kNoneKnown;
      break;
    case Item::kGpPractice:
      c.gp_practice.reset();
      break;
    case Item::kMidwife:
      c.midwife.reset();
      break;
    case Item::kHealthVisitor:
      c.health_visitor.reset();
      break;
    case Item::kSchoolNurse:
      c.school_nurse.reset();
      break;
    case Item::kInvolvements:
      c.involvements.clear();
      break;
    case Item::kCafHolder:
      c.caf_holder.reset();
      break;
    case Item::kLeadProfessional:
      c.lead_professional.reset();
      break;
    case Item::kLocalAuthority:
      c.la_code.clear();
      break;
  }
}

// SENS-5: a key contact from a sensitive service keeps only that it exists.
void HideService(core::KeyContact& k) {
  k.practitioner.clear();
  k.organisation.clear();
  k.contact = {};
}

}  // namespace

bool SeesShieldedData(const Viewer& v) {
  return v.rights.Has(core::Right::kViewShielded) ||
         (v.break_glass && v.rights.Has(core::Right::kBreakGlass));
}

bool SeesSensitiveServices(const Viewer& v) { return core::IsManagementTeam(v.role); }

bool MaySee(const Viewer& v, const core::Child& c, Item item, Purpose) {
  if (c.shielded && !SeesShieldedData(v)) return ShownWhenShielded(item);
  return true;
}

ProjectedRecord Project(const core::Child& child, const Viewer& viewer, Purpose purpose) {
  ProjectedRecord out;
  out.child = child;
  out.minimal = child.shielded && !SeesShieldedData(viewer);
  for (Item item : core::kAllItems) {
    if (MaySee(viewer, child, item, purpose)) continue;
    Clear(out.child, item);
    out.withheld.insert(item);
  }
  if (!SeesSensitiveServices(viewer)) {
    for (auto& inv : out.child.involvements) {
      if (inv.category != core::ServiceCategory::kSensitive) continue;
      // REC-5: only the fact that a sensitive service is involved — not
      // which, who, or on what basis (SENS-2).
      core::Involvement fact;
      fact.id = inv.id;
      fact.category = core::ServiceCategory::kSensitive;
      inv = std::move(fact);
      ++out.hidden_sensitive_services;
    }
    if (out.child.caf_holder && out.child.caf_holder->sensitive_service) {
      HideService(*out.child.caf_holder);
    }
    if (out.child.lead_professional && out.child.lead_professional->sensitive_service) {
      HideService(*out.child.lead_professional);
    }
  }
  out.metadata_visible = viewer.rights.Has(core::Right::kAdministerData) && !out.minimal;
  if (!out.metadata_visible) {
    // REC-8: metadata is not part of the ordinary view.
    out.child.provenance.clear();
    for (auto& p : out.child.parents_carers) p.source = {};
    for (auto& inv : out.child.involvements) inv.source = {};
    for (auto* s : {&out.child.school, &out.child.gp_practice, &out.child.midwife,
                    &out.child.health_visitor, &out.child.school_nurse}) {
      if (*s) (*s)->source = {};
    }
    if (out.child.caf_holder) out.child.caf_holder->source = {};
    if (out.child.lead_professional) out.child.lead_professional->source = {};
  }
  return out;
}

}  // namespace cp::policy
