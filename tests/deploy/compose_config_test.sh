# `compose config` accepts each compose file with compose/.env.example as its
# .env, and resolves to the services, health conditions and volumes we mean.
source "$(dirname "$0")/lib.sh"

if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
  COMPOSE=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  COMPOSE=(docker-compose)
  version="$(docker-compose version --short 2>/dev/null || true)"
  # depends_on conditions and files without a version key need 1.27+.
  if [[ ! "$version" =~ ^(1\.(2[7-9]|[3-9][0-9])|[2-9])\. ]]; then
    skip "docker-compose $version is older than 1.27 (no Compose specification support)"
  fi
else
  skip "no Compose implementation here: neither 'docker compose' (plugin) nor 'docker-compose' is installed (apt-get install docker-compose)"
fi
echo "using: ${COMPOSE[*]}"

# A copy, so the .env made from the example never lands in the tree.
mkdir -p "$TMP/repo"
cp -R "$SRC/compose" "$TMP/repo/compose"
cp "$SRC/compose/.env.example" "$TMP/repo/compose/.env"
cd "$TMP/repo/compose"

config() { "${COMPOSE[@]}" -f "$1" config 2>&1; }
services() { "${COMPOSE[@]}" -f "$1" config --services 2>/dev/null | sort | tr '\n' ' '; }

for file in docker-compose.yml docker-compose.external-db.yml; do
  if out="$(config "$file")"; then ok "$file: config passes"; else fail "$file: config failed: $out"; continue; fi
done

main="$(config docker-compose.yml || true)"
[[ "$(services docker-compose.yml)" == "api collector mysql " ]] \
  && ok "main: services api, collector, mysql" || fail "main: services are '$(services docker-compose.yml)'"
n="$(grep -c 'condition: service_healthy' <<<"$main" || true)"
[[ "$n" == 2 ]] && ok "main: collector and api wait for a healthy mysql" || fail "main: $n service_healthy conditions, want 2"
grep -q 'mysqladmin' <<<"$main" && ok "main: mysql health check" || fail "main: no mysqladmin health check"
grep -Eq 'DB_HOST: *mysql' <<<"$main" && ok "main: DB_HOST points at the bundled mysql" || fail "main: DB_HOST not mysql"
grep -Eq '(published: *"?9136"?|9136:9136)' <<<"$main" && ok "main: port 9136 published" || fail "main: 9136 not published"
grep -q 'spool:/var/lib/ebill/spool' <<<"$main" && ok "main: spool on a volume" || fail "main: spool volume missing"
n="$(grep -c 'restart: unless-stopped' <<<"$main" || true)"
[[ "$n" == 3 ]] && ok "main: restart unless-stopped x3" || fail "main: $n restart policies, want 3"

# The hardening of collector and api, read from the resolved YAML of each file.
hardening() {  # resolved config on stdin; prints one "ok: ..." or "FAIL: ..." line per check
  python3 -c '
import sys, yaml
services = yaml.safe_load(sys.stdin)["services"]
def check(name, cond, what):
    print(("ok: " if cond else "FAIL: ") + name + ": " + what)
for name in ("collector", "api"):
    s = services.get(name, {})
    check(name, s.get("cap_drop") == ["ALL"], "drops all capabilities (cap_drop %s)" % s.get("cap_drop"))
    check(name, not s.get("cap_add"), "adds none back")
    check(name, "no-new-privileges:true" in (s.get("security_opt") or []), "no-new-privileges")
    check(name, s.get("read_only") is True, "read-only root file system")
    check(name, any(str(t).startswith("/tmp:") or t == "/tmp" for t in s.get("tmpfs") or []), "/tmp is a tmpfs")
    check(name, str(s.get("mem_limit", "")).endswith("m"), "memory limit (%s)" % s.get("mem_limit"))
    check(name, int(s.get("pids_limit") or 0) > 0, "pids limit (%s)" % s.get("pids_limit"))
check("collector", "spool:/var/lib/ebill/spool:rw" in services["collector"].get("volumes", []), "spool is a writable volume")
print("ports: " + " ".join(str(p) for p in services["api"].get("ports", [])))
'
}
for file in docker-compose.yml docker-compose.external-db.yml; do
  out="$(config "$file" | hardening 2>&1)" || fail "$file: could not read its resolved config: $out"
  while read -r line; do
    case "$line" in
      ok:*) ok "$file: ${line#ok: }" ;;
      FAIL:*) fail "$file: ${line#FAIL: }" ;;
      ports:*) [[ "$line" == "ports: 127.0.0.1:9136:9136/tcp" ]] && ok "$file: api published on 127.0.0.1 only" \
                 || fail "$file: api $line, want 127.0.0.1:9136:9136/tcp" ;;
    esac
  done <<<"$out"
done
# The line for LAN access works: API_BIND=0.0.0.0 in .env publishes on every address.
echo "API_BIND=0.0.0.0" >>.env
[[ "$(config docker-compose.yml | hardening | grep '^ports:')" == "ports: 0.0.0.0:9136:9136/tcp" ]] \
  && ok "API_BIND=0.0.0.0 publishes the api to the LAN" || fail "API_BIND=0.0.0.0 did not change the published address"
sed -i '/^API_BIND=/d' .env

ext="$(config docker-compose.external-db.yml || true)"
[[ "$(services docker-compose.external-db.yml)" == "api collector " ]] \
  && ok "external-db: services api, collector" || fail "external-db: services are '$(services docker-compose.external-db.yml)'"
grep -q 'depends_on' <<<"$ext" && fail "external-db: has depends_on" || ok "external-db: no dependency on a bundled mysql"

# The DB_PASSWORD guard really interpolates: without it the main file fails.
sed -i 's/^DB_PASSWORD=.*/#DB_PASSWORD=/' .env
if out="$(config docker-compose.yml)"; then
  fail "main: config passed without DB_PASSWORD"
else
  grep -q 'DB_PASSWORD' <<<"$out" && ok "main: refuses to start without DB_PASSWORD" || fail "main: unclear error: $out"
fi
finish
