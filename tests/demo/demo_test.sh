#!/usr/bin/env bash
# scripts/demo end to end, as a new user runs it: from a clean clone of the
# source tree's current commit, in the background, on a free port, with the
# programs of the already built tree (--no-build, EBILL_BUILD_DIR) and its
# page (WEB_ROOT=<source>/web/dist, so the clone needs no npm). Checks
# /readyz, the three demo meters in /devices, 30 days of balances in
# /data?period=month for each, live readings from the simulator, then that
# SIGINT (to the process group, as Ctrl-C does) stops every process with exit
# status 0. A second run on the same clone must not duplicate the history;
# it is stopped with SIGTERM to the script alone.
# usage: demo_test.sh SOURCE_DIR BUILD_DIR   (exit 77 = skipped)
# shellcheck disable=SC2016  # the node -e programs are JavaScript
set -eEuo pipefail
SRC="$(cd "${1:?source dir}" && pwd)"
BUILD="$(cd "${2:?build dir}" && pwd)"

trap 'echo "FAIL: line $LINENO: $BASH_COMMAND exited with $?"' ERR
skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }
ok() { echo "ok: $*"; }

for bin in collector/ebill-collector api/ebill-api tests/sim/ebill-meter-sim; do
  [[ -x $BUILD/$bin ]] || skip "$(basename "$bin") not built ($BUILD/$bin is missing)"
done
git -C "$SRC" rev-parse --verify -q HEAD >/dev/null || skip "$SRC is not a git checkout"
for tool in git curl node sqlite3; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/bootstrap installs it)"
done

TMP="$(mktemp -d /tmp/ebill-demo-test.XXXXXX)"
CLONE="$TMP/ebill"
demo=""
cleanup() {
  local pid
  if [[ -n $demo ]] && kill -0 "$demo" 2>/dev/null; then
    kill -TERM "$demo" 2>/dev/null || true
    sleep 2
  fi
  for pid in $(processes_in_clone); do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

# PIDs of every process whose working directory is in the clone.
processes_in_clone() {
  local d
  for d in /proc/[0-9]*; do
    [[ $(readlink "$d/cwd" 2>/dev/null) == "$CLONE"* ]] && echo "${d#/proc/}"
  done
  return 0
}

# PID and every descendant of it.
descendants() {
  local all=("$1") i=0 pid ppid
  local -A parent=()
  while read -r pid ppid; do parent[$pid]=$ppid; done < <(ps -e -o pid=,ppid=)
  while ((i < ${#all[@]})); do
    for pid in "${!parent[@]}"; do
      [[ ${parent[$pid]} == "${all[i]}" ]] && all+=("$pid")
    done
    i=$((i + 1))
  done
  echo "${all[@]}"
}

readings() { sqlite3 "$CLONE/var/ebill.db" 'SELECT COUNT(*) FROM electricity_balance'; }

git clone -q "$SRC" "$CLONE"
ok "cloned $(git -C "$CLONE" rev-parse --short HEAD) into $CLONE"
[[ -f $SRC/web/dist/index.html ]] && export WEB_ROOT="$SRC/web/dist"
unset DEVICES_JSON METERS DEFAULT_DEVICE_ID DB_HOST HOST PORT SQLITE_PATH SPOOL_DIR \
  METER_SOURCE_URL FETCH_INTERVAL_SECONDS METRICS_PORT
export EBILL_BUILD_DIR="$BUILD"

# Starts the demo in the background in a process group of its own (set -m,
# as a terminal would), waits for its URL and /readyz; sets $demo and $url.
start_demo() {
  local log="$1" i
  : >"$log"
  set -m
  (cd "$CLONE" && exec scripts/demo --no-build --port 0) >"$log" 2>&1 &
  demo=$!
  set +m
  url=""
  for ((i = 0; i < 1200; i++)); do
    kill -0 "$demo" 2>/dev/null || { cat "$log"; fail "scripts/demo exited before it was ready"; }
    [[ -z $url ]] && url="$(sed -n 's|^demo: open \(http://[^ ]*/\) .*|\1|p;T;q' "$log")"
    if [[ -n $url ]] && curl -fsS -o /dev/null --max-time 2 "${url}readyz" 2>/dev/null; then
      ok "ready at $url after $((i / 10)) s"
      return 0
    fi
    sleep 0.1
  done
  cat "$log"
  fail "no answer from /readyz within 120 s"
}

# Sends SIGNAL to TARGET, waits up to 30 s for the demo to exit, checks its
# status is 0 and that none of PIDS (and nothing working in the clone) runs.
stop_demo() {
  local signal="$1" target="$2" log="$3" pids="$4" i rc pid left=()
  kill -"$signal" -- "$target"
  for ((i = 0; i < 300; i++)); do
    kill -0 "$demo" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$demo" 2>/dev/null && { cat "$log"; fail "scripts/demo still runs 30 s after SIG$signal"; }
  rc=0
  wait "$demo" || rc=$?
  demo=""
  ((rc == 0)) || { cat "$log"; fail "scripts/demo exited with $rc after SIG$signal"; }
  grep -q '^demo: stopped' "$log" || fail "no 'demo: stopped' line"
  for pid in $pids; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
  for pid in $(processes_in_clone); do left+=("$pid"); done
  if ((${#left[@]})); then
    ps -o pid,ppid,pgid,cmd -p "${left[*]// /,}" || true
    fail "processes left after SIG$signal: ${left[*]}"
  fi
  ok "SIG$signal: exit status 0, all $(wc -w <<<"$pids") processes gone"
}

json() { curl -fsS --max-time 10 "$url$1"; }

# --- first run: fresh database, 30 days of history, live readings ---------
start_demo "$TMP/run1.log"
grep -q '^\[api\] ' "$TMP/run1.log" || fail "no [api] log lines"
grep -q '^\[sim\] listening on 127.0.0.1:' "$TMP/run1.log" || fail "no [sim] listening line"

meters=(19500000001 19500000002 19500000003)
names=(客厅 主卧 厨房)
json devices >"$TMP/devices.json"
for i in 0 1 2; do
  node -e '
    const fs = require("fs");
    const body = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const list = Array.isArray(body) ? body : body.devices;
    const d = list.find((x) => String(x.id) === process.argv[2]);
    if (!d) { console.error("not listed:", process.argv[2], JSON.stringify(list)); process.exit(1); }
    if (d.name !== process.argv[3]) { console.error("name", d.name); process.exit(1); }
  ' "$TMP/devices.json" "${meters[i]}" "${names[i]}" || fail "/devices lacks ${meters[i]} ${names[i]}"
done
ok "/devices lists ${meters[*]} as ${names[*]}"

for m in "${meters[@]}"; do
  json "data?period=month&device_id=$m" >"$TMP/month-$m.json"
  node -e '
    const body = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const b = body.balances || [];
    if (b.length !== body.labels.length) throw new Error("labels and balances differ in length");
    const days = b.filter((v) => v !== null && v !== "" && Number.isFinite(Number(v)));
    if (b.length < 30 || days.length < 30) {
      console.error(`${days.length} of ${b.length} days have a balance:`, JSON.stringify(body));
      process.exit(1);
    }
  ' "$TMP/month-$m.json" || fail "/data?period=month for $m has not 30 days of balances"
done
ok "/data?period=month: 30 days of balances for each meter"

# The history lies on the 5-minute grid; the collector's own readings (taken
# from the simulator at start) almost never do.
for ((i = 0; i < 300; i++)); do
  live="$(sqlite3 "$CLONE/var/ebill.db" "SELECT COUNT(DISTINCT meter_no) FROM electricity_balance
    WHERE CAST(strftime('%M', collected_at) AS INTEGER) % 5 != 0 OR strftime('%S', collected_at) != '00'")"
  ((live >= 1)) && break
  sleep 0.1
done
((live >= 1)) || fail "the collector stored no reading from the simulator within 30 s"
grep -q '^\[collector\] ' "$TMP/run1.log" || fail "no [collector] log lines"
ok "live readings from the simulator for $live meter(s)"

first_count="$(readings)"
history_rows=$((3 * (30 * 288 + 1)))  # 30 days of 5-minute points, both ends, 3 meters
((first_count >= history_rows)) || fail "$first_count readings, expected at least $history_rows"
stop_demo INT "-$demo" "$TMP/run1.log" "$(descendants "$demo")"

# --- second run: the same clone, the history is not stored again ----------
start_demo "$TMP/run2.log"
second_pids="$(descendants "$demo")"
second_count="$(readings)"
# New rows: at most one grid point per meter per 5 minutes between the runs
# (well under 100 here) plus live readings, never another 30 days.
((second_count - first_count < 100)) ||
  fail "$first_count readings after the first run, $second_count after the second"
ok "second run: $first_count -> $second_count readings (history not duplicated)"
stop_demo TERM "$demo" "$TMP/run2.log" "$second_pids"
echo "all checks passed"
