# The hardened units run their programs for real: in a container whose PID 1
# is Debian 12's systemd (252), scripts/install installs this tree's programs
# and units and creates the user; the units start under every restriction
# they set (system call filter, private users, no capability, read-only
# system, ...), the api answers /healthz and /readyz, and the collector
# stores a reading of the meter simulator in SQLite. The check can fail: the
# same api unit with a filter that takes away its network calls does not run.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine.sh"
require_programs
[[ -x "$BUILD/tests/sim/ebill-meter-sim" ]] || skip "$BUILD/tests/sim/ebill-meter-sim is not built"
engine_require
BUILD="$(cd "$BUILD" && pwd)"  # mounted into the container: an absolute path
engine_lock
ctr="ebill-systemd-test"

cleanup() {
  set +e
  podman rm -f "$ctr" >/dev/null 2>&1
  podman rmi -f localhost/ebill-test-systemd:latest >/dev/null 2>&1
  rm -rf "$TMP"
}
trap cleanup EXIT
podman rm -f "$ctr" >/dev/null 2>&1 || true
engine_base_image || finish
engine_runtime_image "$SRC" || finish
podman build -q --build-arg BASE_IMAGE=localhost/ebill-test-runtime:latest -t localhost/ebill-test-systemd:latest \
  -f "$SRC/tests/deploy/systemd/Containerfile" "$SRC/tests/deploy/systemd" >>"$TMP/build.log" 2>&1 \
  || { fail "the systemd image did not build: $(tail -20 "$TMP/build.log")"; finish; }

# systemd as PID 1 needs the mounts and namespaces a privileged container has.
podman run -d --name "$ctr" --privileged --systemd=always \
  -v "$SRC:/src:ro" -v "$BUILD:/build:ro" localhost/ebill-test-systemd:latest >/dev/null \
  || { fail "the systemd container did not start"; finish; }
in_ctr() { podman exec "$ctr" "$@"; }
for ((i = 0; i < 60; i++)); do
  state="$(in_ctr systemctl is-system-running 2>/dev/null || true)"
  [[ "$state" == running || "$state" == degraded ]] && break
  sleep 0.5
done
[[ "$state" == running ]] && ok "systemd runs as PID 1 in the container" || { fail "systemd state '$state'"; finish; }

if in_ctr /src/scripts/install --skip-build --build-dir /build >"$TMP/install.log" 2>&1; then
  ok "scripts/install installed and enabled the units"
else
  fail "scripts/install: $(tail -20 "$TMP/install.log")"; finish
fi
meter=19500000042
podman exec -i "$ctr" sh -c "cat >>/etc/ebill/ebill.env" <<ENV
METERS=$meter:Room 42
METER_SOURCE_URL=http://127.0.0.1:8090/nat/pay.aspx?mid={meter}
FETCH_INTERVAL_SECONDS=10
HOST=127.0.0.1
ENV
in_ctr systemd-run --quiet --unit=ebill-meter-sim /build/tests/sim/ebill-meter-sim serve --port 8090
in_ctr systemctl start ebill-collector ebill-api || fail "systemctl start failed"

for ((i = 0; i < 60; i++)); do
  in_ctr curl -fsS -o /dev/null http://127.0.0.1:9136/healthz 2>/dev/null && break
  sleep 0.5
done
[[ "$(in_ctr curl -sS http://127.0.0.1:9136/healthz 2>&1)" == '{"status":"ok"}' ]] \
  && ok "ebill-api answers /healthz" || fail "/healthz: $(in_ctr journalctl --no-pager -n 20 -u ebill-api)"
# /readyz turns 200 once the database is open and migrated, in the background (it may follow /healthz).
for ((i = 0; i < 60; i++)); do
  in_ctr curl -fsS -o /dev/null http://127.0.0.1:9136/readyz 2>/dev/null && break
  sleep 0.5
done
[[ "$(in_ctr curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:9136/readyz)" == 200 ]] \
  && ok "ebill-api reaches its database (/readyz)" || fail "/readyz is not 200 after 30 s"
for ((i = 0; i < 60; i++)); do
  devices="$(in_ctr curl -sS http://127.0.0.1:9136/devices 2>/dev/null || true)"
  grep -q "\"id\":\"$meter\".*\"last_reading_at\":\"2" <<<"$devices" && break
  sleep 0.5
done
grep -q "\"id\":\"$meter\".*\"last_reading_at\":\"2" <<<"$devices" \
  && ok "ebill-collector stored a reading of meter $meter" || fail "no reading: $devices $(in_ctr journalctl --no-pager -n 20 -u ebill-collector)"

for unit in ebill-collector ebill-api; do
  [[ "$(in_ctr systemctl is-active "$unit")" == active ]] && ok "$unit is active" || fail "$unit is $(in_ctr systemctl is-active "$unit")"
  pid="$(in_ctr systemctl show -p MainPID --value "$unit")"
  status="$(in_ctr cat "/proc/$pid/status")"
  for want in "CapEff:	0000000000000000" "CapBnd:	0000000000000000" "NoNewPrivs:	1" "Seccomp:	2"; do
    grep -qxF "$want" <<<"$status" && ok "$unit: $want" || fail "$unit: want '$want', have: $(grep "^${want%%:*}:" <<<"$status")"
  done
  user="$(in_ctr stat -c %U "/proc/$pid")"
  [[ "$user" == ebill ]] && ok "$unit runs as ebill" || fail "$unit runs as $user"
  # PrivateUsers: only root and ebill are mapped inside.
  [[ "$(in_ctr cat "/proc/$pid/uid_map" | wc -l)" == 2 ]] && ok "$unit: private user namespace" || fail "$unit: uid_map $(in_ctr cat "/proc/$pid/uid_map")"
done
mode="$(in_ctr stat -c '%a %U' /var/lib/ebill/ebill.db)"
[[ "$mode" == "600 ebill" ]] && ok "UMask=0077: the database is 600 ebill" || fail "ebill.db is '$mode'"

# The live check catches a unit that cannot run its program.
in_ctr systemctl stop ebill-api
in_ctr sh -c 'mkdir -p /run/systemd/system/ebill-api.service.d && printf "[Service]\nSystemCallFilter=~@network-io\n" >/run/systemd/system/ebill-api.service.d/tight.conf && systemctl daemon-reload'
in_ctr systemctl start ebill-api >/dev/null 2>&1 || true
sleep 2
if in_ctr curl -fsS -o /dev/null --max-time 2 http://127.0.0.1:9136/healthz 2>/dev/null; then
  fail "ebill-api answered with its network system calls filtered (the check would catch nothing)"
else
  ok "with its network calls filtered ebill-api does not run: the check can fail"
fi
finish
