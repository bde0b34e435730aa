// Fuzz target: request-target decoding (percent_decode, parse_query,
// redact_target). Decoding never grows the text, a query that parses
// decodes piece by piece, and a redacted target never carries a token
// (nor a share link's secret, which becomes "***" even when shorter).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/routing/query.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ebill::api;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (bool plus : {false, true}) {
    const auto decoded = percent_decode(text, plus);
    if (decoded) FUZZ_CHECK(decoded->size() <= text.size());
  }
  const auto fields = parse_query(text);
  if (fields) {
    for (const auto& [name, value] : *fields) {
      FUZZ_CHECK(name.size() + value.size() <= text.size());
    }
  }
  const std::string redacted = redact_target(text);
  if (text.substr(0, 3) == "/s/") {
    // A share link's secret is replaced whole, however short it was.
    FUZZ_CHECK(redacted == "/s/***");
    return 0;
  }
  FUZZ_CHECK(redacted.size() <= text.size() + 1);
  const std::size_t q = redacted.find('?');
  if (q != std::string_view::npos) {
    const auto kept = parse_query(std::string_view(redacted).substr(q + 1));
    if (kept) {
      for (const auto& field : *kept) FUZZ_CHECK(field.first != "token");
    }
  }
  return 0;
}
