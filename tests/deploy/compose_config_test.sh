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
