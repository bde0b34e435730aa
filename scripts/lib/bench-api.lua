-- wrk script for scripts/bench-api: every request asks for another
-- (meter, date) pair, so nothing one request computed serves another, and
-- carries its own sequence number (n=, a parameter the server ignores) so
-- that not even the view cache can answer it.
-- Arguments (after --): KIND METERS BASE_EPOCH
--   KIND        day | month | kpi | period_kpi | recharge | overview (GET /overview; the
--               meters are not used)
--   METERS      comma-separated meter numbers
--   BASE_EPOCH  seconds of today's date at 00:00 UTC (dates are formatted in UTC)
-- Thread k of n sends requests k, k+n, k+2n, ... of one shared sequence:
-- request i asks for meter i mod #meters and the date (i div #meters) mod
-- 365 days before today (recharge history: the last 30 to 60 days).

local next_thread = 0

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

local kind, meters, base, step, i

function init(args)
  kind = args[1]
  meters = {}
  for m in string.gmatch(args[2], "[^,]+") do meters[#meters + 1] = m end
  base = tonumber(args[3])
  i = thread_index
  step = tonumber(args[4] or "2")
end

function request()
  local m = meters[i % #meters + 1]
  local k = math.floor(i / #meters) % 365
  local n = i
  i = i + step
  local date = os.date("!%Y-%m-%d", base - k * 86400)
  local path
  if kind == "overview" then
    return wrk.format("GET", "/overview?n=" .. n)
  elseif kind == "day" then
    path = "/data?period=day&device_id=" .. m .. "&date=" .. date
  elseif kind == "month" then
    path = "/data?period=month&device_id=" .. m .. "&date=" .. date
  elseif kind == "kpi" then
    path = "/kpi?device_id=" .. m .. "&date=" .. date
  elseif kind == "period_kpi" then
    -- The period always ends now: only the meter varies.
    path = "/period_kpi?period=month&device_id=" .. m
  else
    path = "/recharge_history?device_id=" .. m .. "&days=" .. (30 + k % 31) .. "&limit=50"
  end
  return wrk.format("GET", path .. "&n=" .. n)
end
