# The stack for real: builds both images from compose/Dockerfile with podman
# (docker-compose drives it through podman's Docker API) on a Debian 12 base
# made here with debootstrap, starts it with `scripts/deploy start` on the
# hardened compose/docker-compose.yml plus tests/deploy/stack/ (a MariaDB
# image for the bundled database, the meter simulator for the meters), and
# checks: /healthz and /readyz on 127.0.0.1, a reading of the simulator's
# meter stored by the collector, and each ebill container running as ebill,
# read-only, with no capability and its limits.
# By default the images take this tree's built programs and web/dist
# (PROGRAMS_FROM, WEB_FROM) so the test stays short; EBILL_STACK_COMPILE=1
# (scripts/bench-deploy) compiles them in the image build instead.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/engine.sh"
require_programs
[[ -x "$BUILD/tests/sim/ebill-meter-sim" ]] || skip "$BUILD/tests/sim/ebill-meter-sim is not built"
[[ -f "$SRC/web/dist/index.html" ]] || skip "web/dist is not built (scripts/build-web)"
engine_require
engine_lock
project=ebilltest
port=19136
curl -s -o /dev/null "http://127.0.0.1:$port/" && skip "port $port is taken"

# The repository, copied, with a compose/.env of its own.
repo="$TMP/repo"
mkdir -p "$repo"
tar -C "$SRC" --exclude=./.git --exclude='./build*' --exclude=./web/node_modules --exclude=./var -cf - . | tar -C "$repo" -xf -
password="$(head -c 18 /dev/urandom | base64 | tr '/+' '_-')"
meter=19500000042
{
  sed -E '/^(COMPOSE_PROJECT_NAME|DB_PASSWORD)=/d' "$SRC/compose/.env.example"
  echo "COMPOSE_PROJECT_NAME=$project"
  echo "DB_PASSWORD=$password"
  echo "API_PUBLISH=$port"
  echo "METERS=$meter:Room 42"
  echo "METER_SOURCE_URL=http://sim:8090/nat/pay.aspx?mid={meter}"
  echo "FETCH_INTERVAL_SECONDS=10"
  echo "EBILL_BUILD_IMAGE=$BASE_IMAGE"
  echo "EBILL_RUNTIME_IMAGE=$BASE_IMAGE"
  echo "EBILL_NODE_IMAGE=$BASE_IMAGE"
  echo "EBILL_WEB_FROM=localhost/ebill-test-prebuilt:latest"
  [[ "${EBILL_STACK_COMPILE:-}" == 1 ]] || echo "EBILL_PROGRAMS_FROM=localhost/ebill-test-prebuilt:latest"
} >"$repo/compose/.env"
export EBILL_COMPOSE_FILE="compose/docker-compose.yml:tests/deploy/stack/compose.override.yml"

cleanup() {
  set +e
  [[ -n "$HEALTH_PID" ]] && kill "$HEALTH_PID" 2>/dev/null
  if [[ -n "$ENGINE_PID" ]]; then
    (cd "$repo" && "${COMPOSE_CMD[@]}" down -v --remove-orphans >/dev/null 2>&1)
    # What each run makes anew; the base, runtime and MariaDB images stay
    # as a cache for the next run.
    podman rmi -f localhost/ebill-test-prebuilt:latest localhost/ebill-test-sim:latest \
      ebill-collector:latest ebill-api:latest >/dev/null 2>&1
    engine_stop
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
COMPOSE_CMD=(docker-compose -f compose/docker-compose.yml -f tests/deploy/stack/compose.override.yml)
engine_start || finish
t0=$SECONDS
engine_base_image || finish
echo "time: base image ready after $((SECONDS - t0)) s"

# The images the override names, and the prebuilt programs and page.
stage="$TMP/prebuilt"
mkdir -p "$stage/out"
install -m 0755 "$BUILD/collector/ebill-collector" "$BUILD/api/ebill-api" "$stage/out/"
cp -R "$SRC/web/dist" "$stage/out/web"
cp "$SRC/tests/deploy/stack/prebuilt.Containerfile" "$stage/Containerfile"
cp "$BUILD/tests/sim/ebill-meter-sim" "$SRC/tests/deploy/stack/sim.Containerfile" "$SRC/tests/deploy/stack/mariadb.Containerfile" \
   "$SRC/tests/deploy/stack/mariadb-entrypoint.sh" "$TMP/"
build() { podman build -q "$@" >>"$TMP/build.log" 2>&1 || { fail "podman build $*: $(tail -20 "$TMP/build.log")"; finish; }; }
build -t localhost/ebill-test-prebuilt:latest "$stage"
engine_runtime_image "$repo" || finish
build --build-arg BASE_IMAGE=localhost/ebill-test-runtime:latest -t localhost/ebill-test-sim:latest -f "$TMP/sim.Containerfile" "$TMP"
build --build-arg "BASE_IMAGE=$BASE_IMAGE" -t localhost/ebill-test-mariadb:latest -f "$TMP/mariadb.Containerfile" "$TMP"
echo "time: test images built after $((SECONDS - t0)) s"

engine_health_loop "$project"
if (cd "$repo" && scripts/deploy start) >"$TMP/deploy.log" 2>&1; then
  ok "scripts/deploy start built the images and started the stack"
else
  fail "scripts/deploy start failed: $(tail -30 "$TMP/deploy.log")"
  (cd "$repo" && "${COMPOSE_CMD[@]}" logs --tail=30 2>&1 | tail -60)
  finish
fi
echo "time: stack up after $((SECONDS - t0)) s"

url="http://127.0.0.1:$port"
for ((i = 0; i < 60; i++)); do curl -fsS -o /dev/null "$url/healthz" 2>/dev/null && break; sleep 1; done
[[ "$(curl -sS "$url/healthz")" == '{"status":"ok"}' ]] && ok "/healthz answers on 127.0.0.1:$port" || fail "/healthz: $(curl -sS "$url/healthz" 2>&1)"
# /readyz turns 200 once the database is open and migrated, in the background (it may follow /healthz).
for ((i = 0; i < 60; i++)); do curl -fsS -o /dev/null "$url/readyz" 2>/dev/null && break; sleep 1; done
[[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/readyz")" == 200 ]] && ok "/readyz: the api reaches the database" || fail "/readyz is not 200 after 60 s"
grep -q '<div id=' <(curl -sS "$url/") && ok "the page is served" || fail "no page at /"

mysql_ctr="$(podman ps -q --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=mysql)"
count=0
for ((i = 0; i < 90; i++)); do
  count="$(podman exec "$mysql_ctr" mariadb -N -uebill "-p$password" electricity \
    -e "SELECT COUNT(*) FROM electricity_balance WHERE meter_no = '$meter'" 2>/dev/null || echo 0)"
  ((count > 0)) && break
  sleep 1
done
((count > 0)) && ok "a reading of meter $meter arrived ($count row(s))" || fail "no reading of meter $meter: $(cd "$repo" && "${COMPOSE_CMD[@]}" logs --tail=20 collector 2>&1)"
echo "time: reading after $((SECONDS - t0)) s"

for service in collector api; do
  c="$(podman ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$service")"
  [[ -n "$c" ]] || { fail "$service is not running"; continue; }
  status="$(podman exec "$c" cat /proc/1/status)"
  grep -q '^CapEff:[[:space:]]*0000000000000000$' <<<"$status" && ok "$service: no effective capability" || fail "$service: $(grep ^Cap <<<"$status")"
  grep -q '^CapBnd:[[:space:]]*0000000000000000$' <<<"$status" && ok "$service: empty bounding set" || fail "$service: $(grep ^CapBnd <<<"$status")"
  grep -q '^NoNewPrivs:[[:space:]]*1$' <<<"$status" && ok "$service: no new privileges" || fail "$service: NoNewPrivs not set"
  [[ "$(podman exec "$c" id -un)" == ebill ]] && ok "$service: runs as ebill" || fail "$service: runs as $(podman exec "$c" id -un)"
  podman exec "$c" touch /usr/local/bin/x 2>/dev/null && fail "$service: root file system is writable" || ok "$service: read-only root file system"
  podman exec "$c" touch /tmp/x && ok "$service: /tmp writable" || fail "$service: /tmp not writable"
  limits="$(podman inspect -f '{{.HostConfig.Memory}} {{.HostConfig.PidsLimit}}' "$c")"
  [[ "$limits" == "268435456 256" ]] && ok "$service: 256 MiB memory, 256 pids" || fail "$service: memory and pids limits '$limits'"
done
c="$(podman ps -q --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=collector)"
podman exec "$c" touch /var/lib/ebill/spool/.probe && ok "collector: spool writable" || fail "collector: spool not writable"
ports="$(podman port "$(podman ps -q --filter "label=com.docker.compose.project=$project" --filter label=com.docker.compose.service=api)")"
[[ "$ports" == "9136/tcp -> 127.0.0.1:$port" ]] && ok "api published on 127.0.0.1 only" || fail "api ports: $ports"
finish
