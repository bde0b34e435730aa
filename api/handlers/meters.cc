// /devices (every meter, or a share link's one meter, with its newest reading and polling status) and
// /export (a meter's raw readings, streamed as CSV or JSON).
#include <map>
#include <memory>

#include "api/handlers/handlers.h"
#include "api/routing/params.h"
#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"

namespace ebill::api {
namespace {

constexpr std::size_t kExportChunkRows = 2000;

std::optional<std::string> datetime_or_null(const std::optional<LocalSeconds>& t) {
  return t ? std::optional(format_datetime(*t)) : std::nullopt;
}

Response devices(const ApiContext& c, const Request& request) {
  const LocalSeconds now = c.clock.now();
  storage::Database& db = c.database.get();
  std::vector<Meter> meters = c.meters.list(db);
  if (const auto& only = request.access.only_meter) {  // a share link's tenant
    std::erase_if(meters, [&](const Meter& m) { return m.meter_no != *only; });
  }
  std::map<std::string, Reading> latest;
  for (Reading& r : storage::ReadingStore(db).latest_per_meter()) latest[r.meter_no] = std::move(r);
  std::map<std::string, MeterStatus> status;
  for (MeterStatus& s : storage::StatusStore(db).list()) status[s.meter_no] = std::move(s);

  JsonWriter json;
  json.begin_object();
  json.key("devices").begin_array();
  for (const Meter& m : meters) {
    auto r = latest.find(m.meter_no);
    const Reading* reading = r == latest.end() ? nullptr : &r->second;
    auto s = status.find(m.meter_no);
    const MeterStatus st = s == status.end() ? MeterStatus{m.meter_no, {}, {}, "", 0} : s->second;
    json.begin_object();
    json.key("id").string(m.meter_no);
    json.key("name").string(m.name);
    json.key("enabled").boolean(m.enabled);
    json.key("last_reading_at")
        .string(datetime_or_null(reading ? std::optional(reading->collected_at) : std::nullopt));
    json.key("last_balance").hundredths(reading ? std::optional(reading->remain) : std::nullopt);
    json.key("remain_money").hundredths(reading ? reading->remain_money : std::nullopt);
    json.key("unit_price");
    write_unit_price(json, reading ? reading->unit_price : std::nullopt);
    json.key("status").begin_object();
    json.key("last_success").string(datetime_or_null(st.last_success));
    json.key("last_attempt").string(datetime_or_null(st.last_attempt));
    json.key("last_error").string(st.last_error);
    json.key("consecutive_failures").integer(st.consecutive_failures);
    json.end_object();
    json.end_object();
  }
  json.end_array();
  write_clock(json, c, now);
  json.end_object();
  return json_response(json.take());
}

std::string optional_fixed(const std::optional<std::int64_t>& v, int scale) {
  return v ? format_fixed(*v, scale) : std::string();
}

void append_row(std::string& out, const Reading& r, bool csv, bool first) {
  if (csv) {
    out += r.meter_no + ',' + format_datetime(r.collected_at) + ',' + format_hundredths(r.remain) +
           ',' + optional_fixed(r.remain_money, 2) + ',' + optional_fixed(r.unit_price, 4) + '\n';
    return;
  }
  JsonWriter json;
  json.begin_object();
  json.key("collected_at").string(format_datetime(r.collected_at));
  json.key("remain").hundredths(r.remain);
  json.key("remain_money").hundredths(r.remain_money);
  json.key("unit_price");
  write_unit_price(json, r.unit_price);
  json.end_object();
  if (!first) out += ',';
  out += json.take();
}

// Pulls the readings chunk by chunk (one keyset query each), so a year of
// readings is never held in memory at once.
class ExportCursor {
 public:
  ExportCursor(storage::Database& db, std::string meter, LocalSeconds from, LocalSeconds to,
               bool csv)
      : db_(db), meter_(std::move(meter)), next_(from), to_(to), csv_(csv) {}

  // The next chunk of rows (possibly empty at the end); false once done.
  bool next(std::string& out) {
    if (done_) return false;
    std::size_t rows = 0;
    storage::ReadingStore(db_).for_each(
        meter_, next_, to_,
        [&](const Reading& r) {
          append_row(out, r, csv_, first_);
          first_ = false;
          next_ = r.collected_at + 1;
          return ++rows < kExportChunkRows;
        },
        kExportChunkRows);
    if (rows < kExportChunkRows) done_ = true;
    return true;
  }

 private:
  storage::Database& db_;
  std::string meter_;
  LocalSeconds next_;
  LocalSeconds to_;
  bool csv_;
  bool first_ = true;
  bool done_ = false;
};

Response export_readings(const ApiContext& c, const Request& request) {
  const LocalDay today = day_of(c.clock.now());
  const LocalDay to = date_param(request, "to", today);
  const LocalDay from = date_param(request, "from", to - 29);
  if (from > to) throw HttpError(400, "bad_parameter", "from must not be after to");
  const std::string format = request.param("format").value_or("csv");
  if (format != "csv" && format != "json") {
    throw HttpError(400, "bad_parameter", "format must be csv or json");
  }
  const bool csv = format == "csv";
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));

  auto cursor = std::make_shared<ExportCursor>(db, meter.meter_no, day_start(from),
                                               day_start(to + 1), csv);
  // The first chunk is read here, so a database that is down gives a 503
  // instead of a cut stream.
  std::string head;
  if (csv) {
    head = "meter_no,collected_at,remain,remain_money,unit_price\n";
  } else {
    JsonWriter json;
    json.begin_object().key("device_id").string(meter.meter_no).end_object();
    head = json.take();
    head.pop_back();
    head += ",\"from\":\"" + format_day(from) + "\",\"to\":\"" + format_day(to) +
            "\",\"readings\":[";
  }
  cursor->next(head);
  auto pending = std::make_shared<std::string>(std::move(head));
  auto closed = std::make_shared<bool>(false);

  Response r;
  r.content_type = csv ? "text/csv; charset=utf-8" : "application/json";
  if (csv) {
    r.set_header("Content-Disposition", "attachment; filename=\"ebill-" + meter.meter_no + "-" +
                                            format_day(from) + "-" + format_day(to) + ".csv\"");
  }
  r.stream = [cursor, pending, closed, csv](std::string& chunk) {
    if (!pending->empty()) {
      chunk = std::move(*pending);
      pending->clear();
      return true;
    }
    if (cursor->next(chunk)) return true;
    if (*closed) return false;
    *closed = true;
    chunk = csv ? "" : "]}";
    return !chunk.empty();
  };
  return r;
}

}  // namespace

void add_meter_routes(Router& router, const ApiContext& context) {
  const ApiContext* c = &context;
  router.get("/devices", guard_storage([c](const Request& r) { return devices(*c, r); }));
  router.get("/export", guard_storage([c](const Request& r) { return export_readings(*c, r); }));
}

}  // namespace ebill::api
