#include "api/access/share_token.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "common/notify/encoding.h"

namespace ebill::api {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenChars = 43;  // 32 bytes in base64url, unpadded

bool is_base64url_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

}  // namespace

std::string base64url(std::string_view bytes) {
  std::string out = notify::base64(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  std::replace(out.begin(), out.end(), '+', '-');
  std::replace(out.begin(), out.end(), '/', '_');
  return out;
}

std::string new_share_token() {
  unsigned char bytes[kTokenBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("no random bytes for a share token");
  return base64url(std::string_view(reinterpret_cast<const char*>(bytes), sizeof bytes));
}

std::string share_token_hash(std::string_view token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

bool looks_like_share_token(std::string_view text) {
  return text.size() == kTokenChars && std::all_of(text.begin(), text.end(), is_base64url_char);
}

}  // namespace ebill::api
