// The e-mail of one notice (RFC 5322 + MIME, pure): From, To, Subject
// (RFC 2047 UTF-8 encoded words, folded), Date (UTC), Message-ID,
// MIME-Version, Content-Type text/plain; charset=UTF-8 and a base64 body in
// 76-column lines. CRLF line ends throughout.
#ifndef EBILL_COMMON_NOTIFY_MAIL_MESSAGE_H_
#define EBILL_COMMON_NOTIFY_MAIL_MESSAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/notify/notice.h"

namespace ebill::notify {

// `unix_ms`: the sending time (milliseconds since the Unix epoch, UTC).
std::string mail_message(const std::string& from, const std::vector<std::string>& to,
                         const Notice& notice, std::int64_t unix_ms);

// "Tue, 01 Dec 2026 10:21:24 +0000" for `unix_s`.
std::string rfc5322_date(std::int64_t unix_s);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_MAIL_MESSAGE_H_
