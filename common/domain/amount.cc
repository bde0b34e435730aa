#include "common/domain/amount.h"

#include <cstdlib>

namespace ebill {

namespace {
constexpr int kMaxScale = 15;
// kwh * price in millionths of a yuan; 10^18 < 2^63.
constexpr std::uint64_t kMaxCostMillionths = 1'000'000'000'000'000'000;

// |v| without the overflow of -INT64_MIN.
std::uint64_t magnitude(std::int64_t v) {
  return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

std::int64_t pow10(int n) {
  std::int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}
}  // namespace

std::optional<std::int64_t> parse_fixed(std::string_view text, int scale) {
  if (text.empty() || scale < 0 || scale > kMaxScale) return std::nullopt;
  const std::int64_t unit = pow10(scale);
  // Whole part bound: whole * unit + fraction must stay within the maximum.
  const std::int64_t max_whole = kMaxFixedMagnitude / unit;
  bool negative = false;
  if (text.front() == '-' || text.front() == '+') {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  std::int64_t whole = 0;
  int whole_digits = 0;
  std::size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    whole = whole * 10 + (text[i] - '0');  // whole <= 10^15 before: no overflow
    if (whole > max_whole) return std::nullopt;
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
  const std::int64_t value = whole * unit + frac;  // <= 10^15 + unit - 1
  if (value > kMaxFixedMagnitude) return std::nullopt;
  return negative ? -value : value;
}

std::string format_fixed(std::int64_t value, int scale) {
  const bool negative = value < 0;
  const std::uint64_t m = magnitude(value);
  const std::uint64_t p = static_cast<std::uint64_t>(pow10(scale));
  std::string frac = std::to_string(m % p);
  if (scale > 0) frac.insert(0, scale - frac.size(), '0');
  std::string out = negative ? "-" : "";
  out += std::to_string(m / p);
  if (scale > 0) out += "." + frac;
  return out;
}

std::optional<Hundredths> cost_of(Hundredths kwh, TenThousandths price) {
  // hundredths * ten-thousandths = 10^-6 yuan; round to 10^-2. The bound is
  // checked on the magnitudes before they are multiplied.
  const std::uint64_t a = magnitude(kwh);
  const std::uint64_t b = magnitude(price);
  if (a != 0 && b > kMaxCostMillionths / a) return std::nullopt;
  const std::uint64_t micro = a * b;
  const auto rounded = static_cast<std::int64_t>((micro + 5'000) / 10'000);
  return (kwh < 0) != (price < 0) ? -rounded : rounded;
}

}  // namespace ebill
