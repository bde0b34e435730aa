#include "collector/spool_line.h"

#include <fmt/format.h>

#include <vector>

#include "collector/fnv1a.h"
#include "common/domain/meter.h"

namespace ebill::collector {

namespace {

constexpr std::string_view kVersion = "v1";

std::string checksum(std::string_view payload) { return fmt::format("{:016x}", fnv1a64(payload)); }

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t from = 0;
  for (std::size_t tab; (tab = line.find('\t', from)) != std::string_view::npos; from = tab + 1) {
    fields.push_back(line.substr(from, tab - from));
  }
  fields.push_back(line.substr(from));
  return fields;
}

// "-" → nullopt; else the decimal with `scale` digits, which must be
// written exactly as format_fixed writes it.
bool optional_field(std::string_view text, int scale, std::optional<std::int64_t>* out) {
  if (text == "-") {
    out->reset();
    return true;
  }
  auto v = parse_fixed(text, scale);
  if (!v || format_fixed(*v, scale) != text) return false;
  *out = *v;
  return true;
}

}  // namespace

std::string encode_spool_line(const Reading& r) {
  const std::string payload = fmt::format(
      "{}\t{}\t{}\t{}\t{}\t{}", kVersion, r.meter_no, format_datetime(r.collected_at),
      format_hundredths(r.remain), r.remain_money ? format_hundredths(*r.remain_money) : "-",
      r.unit_price ? format_fixed(*r.unit_price, 4) : "-");
  return payload + "\t" + checksum(payload);
}

std::optional<Reading> decode_spool_line(std::string_view line) {
  const std::size_t last_tab = line.rfind('\t');
  if (last_tab == std::string_view::npos) return std::nullopt;
  const std::string_view payload = line.substr(0, last_tab);
  if (line.substr(last_tab + 1) != checksum(payload)) return std::nullopt;
  const std::vector<std::string_view> f = split_tabs(payload);
  if (f.size() != 6 || f[0] != kVersion || !valid_meter_id(f[1])) return std::nullopt;
  Reading r;
  r.meter_no = std::string(f[1]);
  const auto at = parse_datetime(f[2]);
  const auto remain = parse_hundredths(f[3]);
  if (!at || !remain || format_hundredths(*remain) != f[3]) return std::nullopt;
  r.collected_at = *at;
  r.remain = *remain;
  if (!optional_field(f[4], 2, &r.remain_money) || !optional_field(f[5], 4, &r.unit_price)) {
    return std::nullopt;
  }
  return r;
}

}  // namespace ebill::collector
