#pragma once
// What the API's routes share (api.cc, api_protection.cc, api_sensitive.cc):
// JSON answers, the one error shape {"error": {"code", "message", "field"}},
// the record as JSON, and strict readers of request fields. A field of the
// wrong type is an InvalidArgument naming it — never read as a silent
// default — so that a refused request changes nothing.

#include <boost/json.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "platform/date.h"
#include "platform/result.h"
#include "policy/projection.h"
#include "web/site/http_types.h"

namespace cp::web::api {

Response Json(int status, const boost::json::value& v);
// The error with its status from the one status map (status_map.h).
Response Fail(const Error& e);

// `key` as a string; empty when absent or not a string (sign-in, search).
std::string Str(const boost::json::object& o, const char* key);

// Strict readers: absent or null is "not given"; any other type than the
// one asked for is InvalidArgument naming `key`.
Result<std::string> Text(const boost::json::object& o, const char* key);
Result<bool> Flag(const boost::json::object& o, const char* key);
Result<std::optional<std::int64_t>> Id(const boost::json::object& o, const char* key);
// A day as "YYYY-MM-DD".
Result<std::optional<Date>> Day(const boost::json::object& o, const char* key);
// One of `choices` by name; anything else, absence included, is refused.
Result<std::string> Choice(const boost::json::object& o, const char* key,
                           std::initializer_list<const char*> choices);

// A query parameter counting days, 0 to 366; `fallback` when absent.
Result<int> DaysQuery(const Request& r, const char* key, int fallback);

// A query parameter holding an id to read after: 0 when absent.
Result<std::int64_t> AfterQuery(const Request& r, const char* key);

// "2026-06-10T10:00:00Z".
std::string IsoTime(Timestamp t);

// A child record as `p` lets its viewer see it (SHD-2: a minimal projection
// carries only UIN, names, gender and date of birth).
boost::json::object RecordJson(const policy::ProjectedRecord& p);

}  // namespace cp::web::api
