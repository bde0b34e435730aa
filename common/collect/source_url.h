// The address of one meter's source page, from METER_SOURCE_URL.
#ifndef EBILL_COMMON_COLLECT_SOURCE_URL_H_
#define EBILL_COMMON_COLLECT_SOURCE_URL_H_

#include <string>
#include <string_view>

namespace ebill::collect {

// `url_template` with every "{meter}" replaced by `meter_no`, percent-encoded
// (RFC 3986: everything but A-Z a-z 0-9 - . _ ~ becomes %XX). A template
// without "{meter}" comes back unchanged.
std::string meter_url(std::string_view url_template, std::string_view meter_no);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_SOURCE_URL_H_
