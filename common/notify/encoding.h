// Text encodings the channels need: base64, URL escaping, RFC 2047 header
// words, HMAC-SHA256 (OpenSSL's libcrypto). Pure and thread-safe.
#ifndef EBILL_COMMON_NOTIFY_ENCODING_H_
#define EBILL_COMMON_NOTIFY_ENCODING_H_

#include <string>
#include <string_view>

namespace ebill::notify {

// Standard base64 (RFC 4648 section 4) with '=' padding.
std::string base64(std::string_view bytes);

// Percent-encoding of every byte but A-Z a-z 0-9 - . _ ~ (RFC 3986).
std::string url_escape(std::string_view text);

// `text` as is when it is printable ASCII; otherwise one RFC 2047 encoded
// word "=?UTF-8?B?...?=".
std::string header_text(std::string_view text);

// The 32-byte HMAC-SHA256 of `message` under `key` (RFC 2104).
std::string hmac_sha256(std::string_view key, std::string_view message);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_ENCODING_H_
