#pragma once
// Small helpers the services share for free-text input and audit details.

#include <boost/json.hpp>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>

namespace cp::services {

// `s` without leading and trailing white space.
std::string TrimmedText(const std::string& s);

// Characters, not bytes: UTF-8 continuation bytes are not counted.
std::size_t CharCount(const std::string& s);

// An audit entry's details as a JSON object. Callers put ids, dates and
// names of outcomes in it, never free text.
std::string AuditDetails(std::initializer_list<std::pair<const char*, boost::json::value>> fields);

}  // namespace cp::services
