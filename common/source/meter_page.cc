#include "common/source/meter_page.h"

#include <fmt/core.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "common/source/block_page.h"
#include "common/source/html_text.h"
#include "common/source/html_tokens.h"
#include "common/source/labelled_blocks.h"

namespace ebill::source {

namespace {

// Labels as they read once spaces and the colon are gone.
constexpr std::string_view kNameLabel = "表名称";
constexpr std::string_view kMeterNoLabel = "表号";
constexpr std::string_view kRemainLabel = "剩余电量";
constexpr std::string_view kMoneyLabel = "剩余金额";
constexpr std::string_view kPriceLabel = "综合费用";
constexpr std::string_view kKnownLabels[] = {
    kNameLabel, kMeterNoLabel, kRemainLabel, kMoneyLabel, kPriceLabel};

constexpr std::size_t kExcerptChars = 24;

// How one numeric field reads: its unit and scale, and its upper bound.
struct NumberField {
  std::string_view label;
  std::string_view unit;
  int scale;
  std::int64_t max;
};

constexpr NumberField kRemainField{kRemainLabel, "kWh", 2, kMaxRemainKwh};
constexpr NumberField kMoneyField{kMoneyLabel, "元", 2, kMaxRemainMoney};
constexpr NumberField kPriceField{kPriceLabel, "元/kWh", 4, kMaxUnitPrice};

PageError error(PageErrorCode code, std::string detail) {
  return PageError{code, std::move(detail)};
}

// The page's blocks with a known label, each at most once; the rest
// (e.g. 充值金额, an input row) are not ours to judge.
class Blocks {
 public:
  static Result<Blocks, PageError> index(std::vector<LabelledBlock> all) {
    Blocks b;
    for (LabelledBlock& block : all) {
      if (std::find(std::begin(kKnownLabels), std::end(kKnownLabels),
                    block.label) == std::end(kKnownLabels)) {
        continue;
      }
      if (b.find(block.label) != nullptr) {
        return fail(error(PageErrorCode::kDuplicateField,
                          "duplicate field " + block.label));
      }
      b.blocks_.push_back(std::move(block));
    }
    return b;
  }

  // `label`'s block: nullptr when absent, an error when it has no value.
  Result<const LabelledBlock*, PageError> with_value(
      std::string_view label) const {
    const LabelledBlock* b = find(label);
    if (b != nullptr && !b->value) {
      return fail(error(PageErrorCode::kMissingField,
                        fmt::format("{} has no value", label)));
    }
    return b;
  }

 private:
  const LabelledBlock* find(std::string_view label) const {
    for (const LabelledBlock& b : blocks_) {
      if (b.label == label) return &b;
    }
    return nullptr;
  }

  std::vector<LabelledBlock> blocks_;
};

// Reads a numeric field; nullopt when its block is absent.
Result<std::optional<std::int64_t>, PageError> number_field(
    const Blocks& blocks, const NumberField& f) {
  auto block = blocks.with_value(f.label);
  if (!block.ok()) return fail(block.error());
  if (*block == nullptr) return std::optional<std::int64_t>();
  const std::string& text = *(*block)->value;
  const std::string& unit = (*block)->unit;
  if (!equals_ascii_ignore_case(unit, f.unit)) {
    return fail(error(
        PageErrorCode::kWrongUnit,
        unit.empty()
            ? fmt::format("{} has no unit, expected \"{}\"", f.label, f.unit)
            : fmt::format("{} unit is \"{}\", expected \"{}\"", f.label,
                          excerpt(unit, kExcerptChars), f.unit)));
  }
  const std::optional<std::int64_t> value = parse_fixed(text, f.scale);
  if (!value) {
    return fail(error(PageErrorCode::kNotANumber,
                      fmt::format("{} is not a number: \"{}\"", f.label,
                                  excerpt(text, kExcerptChars))));
  }
  if (*value < 0 || *value > f.max) {
    return fail(error(PageErrorCode::kOutOfRange,
                      fmt::format("{} {} out of range 0..{}", f.label,
                                  format_fixed(*value, f.scale),
                                  format_fixed(f.max, f.scale))));
  }
  return std::optional<std::int64_t>(*value);
}

PageError missing(std::string_view label) {
  return error(PageErrorCode::kMissingField,
               fmt::format("missing field {}", label));
}

// Checks that come before looking for fields: body, block page, encoding,
// completeness.
std::optional<PageError> check_document(std::string_view html,
                                        const std::vector<HtmlToken>& tokens) {
  if (strip_spaces(html).empty()) {
    return error(PageErrorCode::kEmptyBody, "empty body");
  }
  if (auto blocked = block_page_error(tokens)) return blocked;
  if (auto bad = first_invalid_utf8(html)) {
    return error(PageErrorCode::kNotUtf8,
                 fmt::format("body is not UTF-8 (byte 0x{:02X} at offset {})",
                             static_cast<unsigned char>(html[*bad]), *bad));
  }
  bool closed = false;
  for (const HtmlToken& t : tokens) closed = closed || t.is_end("html");
  if (!closed) {
    return error(PageErrorCode::kTruncated,
                 fmt::format("page cut off: no </html> in {} bytes",
                             html.size()));
  }
  return std::nullopt;
}

}  // namespace

Result<MeterPage, PageError> parse_meter_page(
    std::string_view html, std::string_view expected_meter_no) {
  const std::vector<HtmlToken> tokens = tokenize_html(html);
  if (auto e = check_document(html, tokens)) return fail(*e);
  auto blocks = Blocks::index(find_labelled_blocks(tokens));
  if (!blocks.ok()) return fail(blocks.error());

  MeterPage page;
  auto meter_no = blocks->with_value(kMeterNoLabel);
  if (!meter_no.ok()) return fail(meter_no.error());
  if (*meter_no == nullptr || (*meter_no)->value->empty()) {
    return fail(missing(kMeterNoLabel));
  }
  page.meter_no = *(*meter_no)->value;
  if (!expected_meter_no.empty() && page.meter_no != expected_meter_no) {
    return fail(error(PageErrorCode::kMeterMismatch,
                      fmt::format("page is for meter {}, asked for {}",
                                  excerpt(page.meter_no, kExcerptChars),
                                  excerpt(expected_meter_no, kExcerptChars))));
  }

  auto remain = number_field(*blocks, kRemainField);
  if (!remain.ok()) return fail(remain.error());
  if (!*remain) return fail(missing(kRemainLabel));
  page.remain = **remain;

  auto money = number_field(*blocks, kMoneyField);
  if (!money.ok()) return fail(money.error());
  page.remain_money = *money;

  auto price = number_field(*blocks, kPriceField);
  if (!price.ok()) return fail(price.error());
  page.unit_price = *price;

  auto name = blocks->with_value(kNameLabel);
  if (!name.ok()) return fail(name.error());
  if (*name != nullptr) page.name = *(*name)->value;
  return page;
}

Reading to_reading(const MeterPage& page, LocalSeconds collected_at) {
  return Reading{page.meter_no, collected_at, page.remain, page.remain_money,
                 page.unit_price};
}

}  // namespace ebill::source
