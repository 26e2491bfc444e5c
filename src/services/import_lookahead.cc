#include "services/import_lookahead.h"

#include <boost/json.hpp>

namespace cp::services {
namespace {

boost::json::array Ids(const std::vector<core::ChildId>& ids) {
  boost::json::array out;
  for (core::ChildId id : ids) out.push_back(id);
  return out;
}

Result<std::vector<core::ChildId>> IdsOf(const boost::json::value& v) {
  if (!v.is_array()) return Error::Internal("A stored lookahead is malformed");
  std::vector<core::ChildId> out;
  for (const auto& id : v.as_array()) {
    if (!id.is_int64()) return Error::Internal("A stored lookahead is malformed");
    out.push_back(id.as_int64());
  }
  return out;
}

}  // namespace

std::string LookaheadText(const Lookahead& ahead) {
  boost::json::array rows;
  for (const auto& row : ahead.rows) rows.push_back(Ids(row));
  return boost::json::serialize(
      boost::json::object{{"rows", rows}, {"changed", Ids(ahead.changed)}});
}

Result<Lookahead> ParseLookahead(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  const boost::json::object* o = ec ? nullptr : v.if_object();
  if (o == nullptr || !o->contains("rows") || !o->at("rows").is_array() ||
      !o->contains("changed")) {
    return Error::Internal("A stored lookahead is malformed");
  }
  Lookahead ahead;
  for (const auto& row : o->at("rows").as_array()) {
    CP_ASSIGN(auto ids, IdsOf(row));
    ahead.rows.push_back(std::move(ids));
  }
  CP_ASSIGN(ahead.changed, IdsOf(o->at("changed")));
  return ahead;
}

void ChangedRecords::Add(core::ChildId id, Date date_of_birth) {
  born_on[date_of_birth.days()].push_back(id);
}

std::vector<core::ChildId> ChangedRecords::BornAround(Date date_of_birth) const {
  std::vector<core::ChildId> out;
  std::vector<std::int32_t> days = {date_of_birth.days()};
  if (auto swapped =
          Date::FromYmd(date_of_birth.year(), date_of_birth.day(), date_of_birth.month())) {
    if (*swapped != date_of_birth) days.push_back(swapped->days());
  }
  for (std::int32_t day : days) {
    if (auto it = born_on.find(day); it != born_on.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
  }
  return out;
}

}  // namespace cp::services
