# scripts/deploy and scripts/update: a clear message without Compose or
# without compose/.env, and the compose commands each verb runs. No Docker
# engine runs here, so Compose itself is a stand-in that records its
# arguments; `compose config` on the real files is the compose config test.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || skip "git is not installed"

# A bin directory with only what the scripts need, and no docker.
bin="$TMP/bin"
mkdir -p "$bin"
for tool in bash dirname sed tail head tr cat grep git mkdir rm; do ln -s "$(command -v "$tool")" "$bin/$tool"; done

# A repository of the two scripts and compose/, and a clone of it to update.
origin="$TMP/origin"
mkdir -p "$origin/scripts/lib"
cp "$SRC/scripts/deploy" "$SRC/scripts/update" "$origin/scripts/"
cp "$SRC/scripts/lib/compose.sh" "$origin/scripts/lib/"
cp -R "$SRC/compose" "$origin/compose"
git -C "$origin" init -q
git -C "$origin" -c user.email=t@example -c user.name=t add -A
git -C "$origin" -c user.email=t@example -c user.name=t commit -qm one
git clone -q "$origin" "$TMP/clone"
repo="$TMP/clone"

run() { PATH="$bin" "$@" >"$TMP/out" 2>&1; }

if run "$repo/scripts/deploy" status; then fail "deploy without Compose succeeded"
elif grep -q "Docker Compose is not installed" "$TMP/out"; then ok "no Compose: clear message"
else fail "no Compose: unclear message: $(cat "$TMP/out")"; fi

# The stand-in Compose.
cat >"$bin/docker-compose" <<STUB
#!$(command -v bash)
echo "\$*" >>"$TMP/calls"
STUB
chmod +x "$bin/docker-compose"

if run "$repo/scripts/deploy" start; then fail "deploy start without compose/.env succeeded"
elif grep -q "cp compose/.env.example" "$TMP/out"; then ok "no .env: says how to make it"
else fail "no .env: unclear message: $(cat "$TMP/out")"; fi

cp "$repo/compose/.env.example" "$repo/compose/.env"
expect_calls() {  # description, expected calls (one per line)
  if [[ "$(cat "$TMP/calls" 2>/dev/null)" == "$2" ]]; then ok "$1"; else fail "$1: ran '$(cat "$TMP/calls" 2>/dev/null)', want '$2'"; fi
  rm -f "$TMP/calls"
}

# The example's database password (and none at all) is refused before
# compose runs, by start and by update; stop still works.
grep -q '^DB_PASSWORD=change-me$' "$repo/compose/.env" || fail "the example no longer has DB_PASSWORD=change-me"
for verb in "scripts/deploy start" "scripts/update"; do
  read -ra cmd <<<"$verb"
  if run "$repo/${cmd[0]}" "${cmd[@]:1}"; then fail "$verb with the example's password succeeded"
  elif grep -q "DB_PASSWORD in compose/.env is still the example's 'change-me'" "$TMP/out"; then ok "$verb refuses the example's password"
  else fail "$verb: unclear message: $(cat "$TMP/out")"; fi
  expect_calls "$verb ran no compose command with it" ""
done
sed -i 's/^DB_PASSWORD=.*/DB_PASSWORD=/' "$repo/compose/.env"
if run "$repo/scripts/deploy" start; then fail "deploy start with an empty DB_PASSWORD succeeded"
elif grep -q "DB_PASSWORD is not set in compose/.env" "$TMP/out"; then ok "deploy start refuses an empty password"
else fail "empty password: unclear message: $(cat "$TMP/out")"; fi
run "$repo/scripts/deploy" stop; expect_calls "stop works whatever the password" "-f compose/docker-compose.yml down"
sed -i 's/^DB_PASSWORD=.*/DB_PASSWORD=a-password-of-my-own/' "$repo/compose/.env"
run "$repo/scripts/deploy" start || fail "deploy start: $(cat "$TMP/out")"
expect_calls "start builds and starts" "-f compose/docker-compose.yml up -d --build
-f compose/docker-compose.yml ps"
grep -q "http://localhost:9136/" "$TMP/out" && ok "start prints the URL" || fail "start prints no URL"
run "$repo/scripts/deploy" stop; expect_calls "stop" "-f compose/docker-compose.yml down"
run "$repo/scripts/deploy" logs api; expect_calls "logs of one service" "-f compose/docker-compose.yml logs -f --tail=200 api"
run "$repo/scripts/deploy" -f compose/docker-compose.external-db.yml restart
expect_calls "-f picks the file" "-f compose/docker-compose.external-db.yml restart"
run "$repo/scripts/deploy" -f compose/docker-compose.yml:compose/docker-compose.external-db.yml status
expect_calls "FILE:FILE adds an override file" "-f compose/docker-compose.yml -f compose/docker-compose.external-db.yml ps"
EBILL_COMPOSE_FILE=compose/docker-compose.external-db.yml run "$repo/scripts/deploy" status
expect_calls "EBILL_COMPOSE_FILE picks the file" "-f compose/docker-compose.external-db.yml ps"
if run "$repo/scripts/deploy" frobnicate; then fail "unknown verb accepted"; else ok "unknown verb refused"; fi
rm -f "$TMP/calls"

# update: fast-forwards to the new commit, rebuilds, recreates.
echo "# new" >>"$origin/compose/docker-compose.yml"
git -C "$origin" -c user.email=t@example -c user.name=t commit -qam two
run "$repo/scripts/update" || fail "update: $(cat "$TMP/out")"
[[ "$(git -C "$repo" rev-parse HEAD)" == "$(git -C "$origin" rev-parse HEAD)" ]] && ok "update pulled" || fail "update did not pull"
expect_calls "update rebuilds and recreates" "-f compose/docker-compose.yml build --pull
-f compose/docker-compose.yml up -d
-f compose/docker-compose.yml ps"
finish
