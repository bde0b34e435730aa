// Internal to common/storage: a reading row fetched as exact text (DECIMAL
// and DATETIME never pass through double or std::tm) and turned into a
// Reading. Columns: meter_no, collected_at, remain, remain_money, unit_price.
#ifndef EBILL_COMMON_STORAGE_ROW_TEXT_H_
#define EBILL_COMMON_STORAGE_ROW_TEXT_H_

#include <soci/soci.h>

#include <string>
#include <string_view>

#include "common/domain/reading.h"

namespace ebill::storage {

// Parses DATETIME text; throws StorageError naming the column otherwise.
LocalSeconds datetime_column(std::string_view text, const char* column);
// Parses DECIMAL text with `scale` fraction digits; throws StorageError.
std::int64_t decimal_column(std::string_view text, int scale, const char* column);

class RowText {
 public:
  // Binds the five columns as the statement's into elements.
  void exchange_into(soci::statement& st);
  // The current row. Throws StorageError on text that is not a valid value.
  Reading reading() const;

 private:
  std::string meter_no_, collected_at_, remain_, remain_money_, unit_price_;
  soci::indicator money_ind_ = soci::i_ok, price_ind_ = soci::i_ok;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_ROW_TEXT_H_
