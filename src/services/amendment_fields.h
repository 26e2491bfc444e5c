#pragma once
// The items a user amends (UPD-1) written as the feed's columns
// (docs/feeds.md): an amendment is held as a partial statement in exactly
// the form a source's row takes, so the best view reads it as it reads
// every feed (services/feed_row.h, kStatedItemsField).

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/child.h"

namespace cp::services {

using ItemFields = std::map<std::string, std::string>;  // column → value; no empty values

// The columns of an amendable item (core::kAmendableItems), in the form's
// order; empty for any other item.
const std::vector<std::string>& AmendmentColumns(core::Item item);

// The amendable item a column belongs to; nullopt for any other column.
std::optional<core::Item> ItemOfColumn(const std::string& column);

// `item` of `child` as feed columns. Parents/carers are the first two.
ItemFields CurrentItemFields(const core::Child& child, core::Item item);

// `current` with `changes` (columns of `item` only; an empty value clears
// the column) laid over it, trimmed, with a postcode in its stored form.
ItemFields ProposedItemFields(core::Item item, const ItemFields& current,
                              const std::map<std::string, std::string>& changes);

// Fields as a JSON object, and back (a value that is not a string is left
// out).
std::string ItemFieldsJson(const ItemFields& fields);
ItemFields ItemFieldsFromJson(const std::string& json);

}  // namespace cp::services
