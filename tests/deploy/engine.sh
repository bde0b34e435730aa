# Sourced by the tests that run containers: a rootful podman with its Docker
# API on a socket of the test's own, which docker-compose drives, and a
# Debian 12 base image made with debootstrap (no image registry is reachable
# here). Needs lib.sh first. What these machines need, and why:
#   runc, not crun: crun refuses the hybrid cgroup v1/v2 layout here
#     ("cgroups in hybrid mode not supported").
#   nofile/nproc ulimits of 16384: podman's defaults (1048576) need
#     CAP_SYS_RESOURCE, which this sandbox's root lacks (and runc failed
#     even with the host's own hard limits, 20000 and 96365).
#   netavark (aardvark-dns resolves the service names) on a default subnet
#     of its own: plain podman here uses CNI, whose cni-podman0 bridge takes
#     the usual 10.88.0.0/16 and its route.
#   health checks run by engine_health_loop: podman schedules them with
#     systemd timers, and systemd is not PID 1 here.
BASE_IMAGE=localhost/ebill-debian:bookworm

engine_require() {
  local tool
  [[ $(id -u) -eq 0 ]] || skip "needs root (rootful podman)"
  for tool in podman runc docker-compose debootstrap curl; do
    command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/bootstrap installs it)"
  done
  cat >"$TMP/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=16384:16384", "nproc=16384:16384"]
[engine]
runtime = "runc"
[network]
network_backend = "netavark"
default_subnet = "10.90.0.0/24"
CONF
  export CONTAINERS_CONF="$TMP/containers.conf"
  podman info >/dev/null 2>"$TMP/podman-info.err" || skip "podman cannot run here: $(tail -3 "$TMP/podman-info.err")"
}

# Waits until no other container test runs on this machine (scripts/test,
# scripts/bench-deploy): they share image tags and build caches.
engine_lock() {
  exec 9>/var/tmp/ebill-container-tests.lock
  flock 9
}

# Starts podman's Docker API for docker-compose (DOCKER_HOST); stopped by engine_stop.
ENGINE_PID=""
engine_start() {
  podman system service --time=0 "unix://$TMP/podman.sock" >"$TMP/podman-service.log" 2>&1 &
  ENGINE_PID=$!
  export DOCKER_HOST="unix://$TMP/podman.sock"
  local i
  for ((i = 0; i < 100; i++)); do
    curl -fsS --unix-socket "$TMP/podman.sock" http://d/_ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  fail "podman's API did not come up: $(tail -5 "$TMP/podman-service.log")"
  return 1
}
engine_stop() {
  [[ -n "$ENGINE_PID" ]] && kill "$ENGINE_PID" 2>/dev/null && wait "$ENGINE_PID" 2>/dev/null
  ENGINE_PID=""
}

# The Debian 12 base image, made once per machine (about 4 minutes) and kept
# in podman's store.
engine_base_image() {
  exec 8>/var/tmp/ebill-base-image.lock
  flock 8  # one debootstrap at a time; the others then find the image
  podman image exists "$BASE_IMAGE" && { flock -u 8; return 0; }
  local rootfs="$TMP/rootfs"
  echo "engine: debootstrap bookworm (once per machine)"
  debootstrap --variant=minbase bookworm "$rootfs" >"$TMP/debootstrap.log" 2>&1 \
    || { fail "debootstrap failed: $(tail -5 "$TMP/debootstrap.log")"; return 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  flock -u 8
}

# Runs the health checks of the containers of compose project $1 every 2 s
# until killed (its pid in HEALTH_PID).
HEALTH_PID=""
engine_health_loop() {
  (
    while sleep 2; do
      for c in $(podman ps -q --filter "label=com.docker.compose.project=$1"); do
        podman healthcheck run "$c" >/dev/null 2>&1 || true
      done
    done
  ) &
  HEALTH_PID=$!
}

# localhost/ebill-test-runtime: the runtime stage of compose/Dockerfile in the
# source tree $1 (the Debian packages the programs load, the user ebill), on
# the base image. Output in $TMP/build.log.
engine_runtime_image() {
  podman build -q --build-arg "RUNTIME_IMAGE=$BASE_IMAGE" --target runtime -t localhost/ebill-test-runtime:latest \
    -f "$1/compose/Dockerfile" "$1" >>"$TMP/build.log" 2>&1 \
    || { fail "the runtime stage did not build: $(tail -20 "$TMP/build.log")"; return 1; }
}
