#include "common/storage/row_text.h"

#include "common/storage/storage_error.h"

namespace ebill::storage {

LocalSeconds datetime_column(std::string_view text, const char* column) {
  // MySQL may add fractional seconds to DATETIME(n) columns; keep seconds.
  const auto t = parse_datetime(text.substr(0, 19));
  if (!t) throw StorageError(std::string("bad ") + column + " value '" + std::string(text) + "'");
  return *t;
}

std::int64_t decimal_column(std::string_view text, int scale, const char* column) {
  // SQLite keeps DECIMAL as a number: "100" or "0.6012" (at most 15
  // significant digits, exact for DECIMAL(10,2) and (10,4) values).
  const auto v = parse_fixed(text, scale);
  if (!v) throw StorageError(std::string("bad ") + column + " value '" + std::string(text) + "'");
  return *v;
}

void RowText::exchange_into(soci::statement& st) {
  st.exchange(soci::into(meter_no_));
  st.exchange(soci::into(collected_at_));
  st.exchange(soci::into(remain_));
  st.exchange(soci::into(remain_money_, money_ind_));
  st.exchange(soci::into(unit_price_, price_ind_));
}

Reading RowText::reading() const {
  Reading r;
  r.meter_no = meter_no_;
  r.collected_at = datetime_column(collected_at_, "collected_at");
  r.remain = decimal_column(remain_, 2, "remain");
  if (money_ind_ == soci::i_ok) r.remain_money = decimal_column(remain_money_, 2, "remain_money");
  if (price_ind_ == soci::i_ok) r.unit_price = decimal_column(unit_price_, 4, "unit_price");
  return r;
}

}  // namespace ebill::storage
