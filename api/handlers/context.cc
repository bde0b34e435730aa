#include "api/handlers/context.h"

#include "api/handlers/api_clock.h"

namespace ebill::api {

void write_clock(JsonWriter& json, const ApiContext& context, LocalSeconds now) {
  json.key("tz").string(context.config.general.time_zone);
  json.key("server_time").string(iso_with_offset(now));
  json.key("today").string(format_day(day_of(now)));
}

void write_unit_price(JsonWriter& json, const std::optional<TenThousandths>& price) {
  if (price) {
    json.fixed(*price, 4);
  } else {
    json.null();
  }
}

Response json_response(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

}  // namespace ebill::api
