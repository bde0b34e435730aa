// The secret of a share link: 32 random bytes (256 bits, OpenSSL's
// RAND_bytes) written as 43 base64url characters. Only its SHA-256 is
// stored, so the table alone opens no link. Thread-safe.
#ifndef EBILL_API_ACCESS_SHARE_TOKEN_H_
#define EBILL_API_ACCESS_SHARE_TOKEN_H_

#include <string>
#include <string_view>

namespace ebill::api {

// A fresh token. Throws std::runtime_error when the system has no randomness.
std::string new_share_token();

// What the table stores: the lowercase hex SHA-256 of `token` (64 characters).
std::string share_token_hash(std::string_view token);

// True for text that can be a token: 43 base64url characters.
bool looks_like_share_token(std::string_view text);

// base64url (RFC 4648 section 5) without padding.
std::string base64url(std::string_view bytes);

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_SHARE_TOKEN_H_
