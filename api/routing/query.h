// Request-target decoding: path and query string.
#ifndef EBILL_API_ROUTING_QUERY_H_
#define EBILL_API_ROUTING_QUERY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/server/http_types.h"

namespace ebill::api {

// Decodes %XX escapes (and '+' as space when `plus_is_space`). Returns
// nullopt on a malformed escape ("%", "%4", "%zz").
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Splits "a=1&b=x+y&c" into decoded pairs ({"a","1"},{"b","x y"},{"c",""}).
// Empty pieces ("a=1&&b=2") are skipped. nullopt on a malformed escape.
std::optional<std::vector<Field>> parse_query(std::string_view query);

// The target with the `token` parameter dropped, and a share link's
// "/s/<token>" shown as "/s/***", for logs ("/fetch?x=1").
std::string redact_target(std::string_view target);

}  // namespace ebill::api

#endif  // EBILL_API_ROUTING_QUERY_H_
