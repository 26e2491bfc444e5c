#pragma once
// How the amendment pages name items, columns and outcomes (UPD-1, UPD-2).

#include <string>

#include "core/amendment.h"
#include "core/items.h"

namespace cp::web {

// "Names", "Date of birth", "Parents and carers", …
std::string AmendmentItemTitle(core::Item item);
// "Applied", "Waiting for a data administrator", …
std::string AmendmentStatusTitle(core::AmendmentStatus status);
// "Forenames", "Parent or carer 1: phone", … (the column name when unknown).
std::string AmendmentColumnLabel(const std::string& column);

}  // namespace cp::web
