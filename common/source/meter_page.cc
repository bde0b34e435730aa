#include "common/source/meter_page.h"

#include <fmt/core.h>

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

// The page's blocks by label, each at most once.
class Blocks {
 public:
  static Result<Blocks, PageError> index(std::vector<LabelledBlock> all) {
    Blocks b;
    for (LabelledBlock& block : all) {
      for (const LabelledBlock& seen : b.blocks_) {
        if (seen.label == block.label) {
          return fail(error(PageErrorCode::kDuplicateField,
                            "duplicate field " + excerpt(block.label, 12)));
        }
      }
      b.blocks_.push_back(std::move(block));
    }
    return b;
  }

  const LabelledBlock* find(std::string_view label) const {
    for (const LabelledBlock& b : blocks_) {
      if (b.label == label) return &b;
    }
    return nullptr;
  }

 private:
  std::vector<LabelledBlock> blocks_;
};

// The value text of `label`'s block: nullopt when the block is absent; an
// error when the block is there without a value.
Result<std::optional<std::string>, PageError> block_value(
    const Blocks& blocks, std::string_view label) {
  const LabelledBlock* b = blocks.find(label);
  if (b == nullptr) return std::optional<std::string>();
  if (!b->value) {
    return fail(error(PageErrorCode::kMissingField,
                      fmt::format("{} has no value", label)));
  }
  return b->value;
}

// Reads a numeric field; nullopt when its block is absent.
Result<std::optional<std::int64_t>, PageError> number_field(
    const Blocks& blocks, const NumberField& f) {
  auto text = block_value(blocks, f.label);
  if (!text.ok()) return fail(text.error());
  if (!*text) return std::optional<std::int64_t>();
  const std::string& unit = blocks.find(f.label)->unit;
  if (!equals_ascii_ignore_case(unit, f.unit)) {
    return fail(error(
        PageErrorCode::kWrongUnit,
        unit.empty()
            ? fmt::format("{} has no unit, expected \"{}\"", f.label, f.unit)
            : fmt::format("{} unit is \"{}\", expected \"{}\"", f.label,
                          excerpt(unit, kExcerptChars), f.unit)));
  }
  const std::optional<std::int64_t> value = parse_fixed(**text, f.scale);
  if (!value) {
    return fail(error(PageErrorCode::kNotANumber,
                      fmt::format("{} is not a number: \"{}\"", f.label,
                                  excerpt(**text, kExcerptChars))));
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
  auto meter_no = block_value(*blocks, kMeterNoLabel);
  if (!meter_no.ok()) return fail(meter_no.error());
  if (!*meter_no || (*meter_no)->empty()) return fail(missing(kMeterNoLabel));
  page.meter_no = **meter_no;
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

  auto name = block_value(*blocks, kNameLabel);
  if (!name.ok()) return fail(name.error());
  page.name = name->value_or("");
  return page;
}

}  // namespace ebill::source
