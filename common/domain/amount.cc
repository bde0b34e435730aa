#include "common/domain/amount.h"

#include <cstdlib>

namespace ebill {

namespace {
constexpr std::int64_t kMaxMagnitude = 1'000'000'000'000'000;  // 10^15

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}
}  // namespace

std::optional<std::int64_t> parse_fixed(std::string_view text, int scale) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::int64_t whole = 0;
  int whole_digits = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    whole = whole * 10 + (text[i] - '0');
    if (whole > kMaxMagnitude) return std::nullopt;
    ++whole_digits;
  }
  std::int64_t frac = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (++frac_digits > scale) return std::nullopt;
      frac = frac * 10 + (text[i] - '0');
    }
  }
  if (i != text.size() || whole_digits + frac_digits == 0) return std::nullopt;
  frac *= pow10(scale - frac_digits);
  std::int64_t value = whole * pow10(scale) + frac;
  if (value > kMaxMagnitude) return std::nullopt;
  return negative ? -value : value;
}

std::string format_fixed(std::int64_t value, int scale) {
  const bool negative = value < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(value) : value;
  const std::uint64_t p = static_cast<std::uint64_t>(pow10(scale));
  std::string frac = std::to_string(magnitude % p);
  if (scale > 0) frac.insert(0, scale - frac.size(), '0');
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / p);
  if (scale > 0) out += "." + frac;
  return out;
}

Hundredths cost_of(Hundredths kwh, TenThousandths price) {
  // hundredths * ten-thousandths = 10^-6 yuan; round to 10^-2.
  const std::int64_t micro = kwh * price;
  const std::int64_t q = micro / 10'000;
  const std::int64_t r = micro % 10'000;
  if (r >= 5'000) return q + 1;
  if (r <= -5'000) return q - 1;
  return q;
}

}  // namespace ebill
