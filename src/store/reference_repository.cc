#include "store/reference_repository.h"

#include "core/text_fold.h"

namespace cp::store {
namespace {

std::string_view KindName(core::LocalAuthorityKind k) {
  switch (k) {
    case core::LocalAuthorityKind::kCounty:
      return "county";
    case core::LocalAuthorityKind::kMetropolitanDistrict:
      return "metropolitan_district";
    case core::LocalAuthorityKind::kLondonBorough:
      return "london_borough";
    case core::LocalAuthorityKind::kUnitary:
      return "unitary";
  }
  return "unitary";
}

constexpr const char* kOrgColumns =
    "id, kind, code, name, la_code, address_line1, address_line2, town, postcode, phone, email";

core::Organisation ReadOrganisation(const Statement& st) {
  core::Organisation o;
  o.id = st.Int(0);
  o.kind = core::OrganisationKindFromName(st.Text(1)).value_or(core::OrganisationKind::kOther);
  o.code = st.String(2);
  o.name = st.String(3);
  o.la_code = st.String(4);
  o.address.line1 = st.String(5);
  o.address.line2 = st.String(6);
  o.address.town = st.String(7);
  o.address.postcode = st.String(8);
  o.contact.phone = st.String(9);
  o.contact.email = st.String(10);
  return o;
}

}  // namespace

Status ReferenceRepository::SeedLocalAuthorities() {
  for (const core::LocalAuthority& la : core::EnglandLocalAuthorities()) {
    CP_TRY(Run(conn_,
               "INSERT INTO local_authority (code, name, region, kind) VALUES ($1, $2, $3, $4) "
               "ON CONFLICT (code) DO UPDATE SET name = excluded.name, region = excluded.region, "
               "kind = excluded.kind",
               la.code, la.name, la.region, KindName(la.kind)));
  }
  return Ok();
}

Result<core::OrganisationId> ReferenceRepository::InsertOrganisation(core::Organisation& o) {
  CP_ASSIGN(Stmt st,
            conn_.Prepare("INSERT INTO organisation (kind, code, name, name_fold, la_code, "
                          "address_line1, address_line2, town, postcode, phone, email) VALUES "
                          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id"));
  Bind(st, core::OrganisationKindName(o.kind), o.code, o.name, core::FoldForSearch(o.name),
       o.la_code, o.address.line1, o.address.line2, o.address.town, o.address.postcode,
       o.contact.phone, o.contact.email);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return Error::Internal("insert organisation returned no id");
  o.id = st->Int(0);
  return o.id;
}

Result<std::optional<core::Organisation>> ReferenceRepository::FindOrganisation(
    core::OrganisationKind kind, const std::string& code) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kOrgColumns +
                                   " FROM organisation WHERE kind = $1 AND code = $2"));
  Bind(st, core::OrganisationKindName(kind), code);
  CP_ASSIGN(bool row, st->Step());
  if (!row) return std::optional<core::Organisation>();
  return std::optional<core::Organisation>(ReadOrganisation(*st));
}

Result<std::vector<core::Organisation>> ReferenceRepository::OrganisationsIn(
    const std::string& la_code, core::OrganisationKind kind) {
  CP_ASSIGN(Stmt st, conn_.Prepare(std::string("SELECT ") + kOrgColumns +
                                   " FROM organisation WHERE la_code = $1 AND kind = $2 "
                                   "ORDER BY name, id"));
  Bind(st, la_code, core::OrganisationKindName(kind));
  std::vector<core::Organisation> out;
  for (;;) {
    CP_ASSIGN(bool row, st->Step());
    if (!row) break;
    out.push_back(ReadOrganisation(*st));
  }
  return out;
}

Result<std::int64_t> ReferenceRepository::CountOrganisations() {
  CP_ASSIGN(Stmt st, conn_.Prepare("SELECT COUNT(*) FROM organisation"));
  CP_ASSIGN(bool row, st->Step());
  return row ? st->Int(0) : 0;
}

}  // namespace cp::store
