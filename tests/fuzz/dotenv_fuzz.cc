// Fuzz target: the .env reader (parse_dotenv). An accepted file has only
// well-formed keys; a refused one has a one-line error naming the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/config/environment.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool valid_key(const std::string& key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  for (char c : key) {
    const bool ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string file = "fuzz.env";
  const auto env = ebill::parse_dotenv(text, file);
  if (env) {
    for (const auto& [key, value] : *env) FUZZ_CHECK(valid_key(key));
  } else {
    FUZZ_CHECK(env.error().message.rfind(file + ":", 0) == 0);
  }
  return 0;
}
