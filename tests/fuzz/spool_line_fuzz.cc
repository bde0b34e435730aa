// Fuzz target: the spool line decoder. The input is tried as a whole line
// and, so that mutations reach the field parsers past the checksum, as a
// payload with its correct checksum appended. A line that decodes is
// exactly the line its reading encodes to.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "collector/fnv1a.h"
#include "collector/spool_line.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

void check_line(std::string_view line) {
  const auto reading = ebill::collector::decode_spool_line(line);
  if (reading) FUZZ_CHECK(ebill::collector::encode_spool_line(*reading) == line);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_line(input);
  const std::string sealed =
      fmt::format("{}\t{:016x}", input, ebill::collector::fnv1a64(input));
  check_line(sealed);
  return 0;
}
