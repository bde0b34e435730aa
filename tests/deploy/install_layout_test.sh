# scripts/install, staged into a temporary DESTDIR with the programs this tree
# built, lays out the files where the units and the docs say, with the right
# modes, keeps an edited settings file, follows PREFIX, and touches nothing
# outside DESTDIR.
source "$(dirname "$0")/lib.sh"
require_programs

mode() { stat -c '%a' "$1"; }
expect_mode() {  # path mode
  if [[ ! -e "$1" ]]; then fail "missing ${1#"$root"}"
  elif [[ "$(mode "$1")" != "$2" ]]; then fail "${1#"$root"} has mode $(mode "$1"), want $2"
  else ok "${1#"$root"} ($2)"; fi
}

etc_before="$(ls -d /etc/ebill /var/lib/ebill /usr/local/bin/ebill-api /etc/systemd/system/ebill-api.service 2>/dev/null || true)"

root="$TMP/root"
stage_install "$root"

expect_mode "$root/usr/local/bin/ebill-collector" 755
expect_mode "$root/usr/local/bin/ebill-api" 755
expect_mode "$root/etc/systemd/system/ebill-collector.service" 644
expect_mode "$root/etc/systemd/system/ebill-api.service" 644
expect_mode "$root/etc/ebill/ebill.env" 640
expect_mode "$root/var/lib/ebill" 750
expect_mode "$root/var/lib/ebill/spool" 750
expect_mode "$root/usr/local/share/ebill/web" 755
expect_mode "$root/usr/local/share/doc/ebill/ebill.env.example" 644

for bin in collector/ebill-collector api/ebill-api; do
  cmp -s "$BUILD/$bin" "$root/usr/local/bin/${bin#*/}" && ok "${bin#*/} is the built program" \
    || fail "${bin#*/} differs from $BUILD/$bin"
  "$root/usr/local/bin/${bin#*/}" --version >/dev/null 2>&1 && ok "${bin#*/} --version runs" \
    || fail "installed ${bin#*/} --version failed"
done

if [[ -f "$SRC/web/dist/index.html" ]]; then
  cmp -s "$SRC/web/dist/index.html" "$root/usr/local/share/ebill/web/index.html" \
    && ok "page installed" || fail "index.html not installed"
else
  echo "note: web/dist is not built here; the page copy is not checked"
fi

# Each unit runs the installed program and reads the installed settings.
for unit in collector api; do
  u="$root/etc/systemd/system/ebill-$unit.service"
  grep -q "^ExecStart=/usr/local/bin/ebill-$unit\$" "$u" && ok "ebill-$unit.service runs /usr/local/bin/ebill-$unit" \
    || fail "ebill-$unit.service ExecStart: $(grep ExecStart "$u")"
done
grep -q '^Environment=WEB_ROOT=/usr/local/share/ebill/web$' "$root/etc/systemd/system/ebill-api.service" \
  && ok "api unit serves the installed page" || fail "api unit WEB_ROOT is not the installed page"

# The skeleton: SQLite by default (no active DB_* line), every setting listed.
env="$root/etc/ebill/ebill.env"
grep -Eq '^DB_(HOST|USER|PASSWORD|NAME|PORT)=' "$env" && fail "ebill.env has an active DB_* line" \
  || ok "ebill.env defaults to SQLite"
grep -q '^#FETCH_INTERVAL_SECONDS=300$' "$env" && ok "ebill.env lists the settings" || fail "ebill.env lacks the settings list"

# A second run keeps the operator's settings and upgrades the rest.
echo "DEFAULT_DEVICE_ID=operator-edit" >>"$env"
stage_install "$root" >/dev/null
grep -q '^DEFAULT_DEVICE_ID=operator-edit$' "$env" && ok "second install keeps ebill.env" || fail "second install overwrote ebill.env"

# PREFIX moves the programs and the units follow.
root2="$TMP/root2"
stage_install "$root2" /opt/ebill >/dev/null
[[ -x "$root2/opt/ebill/bin/ebill-api" ]] && ok "PREFIX=/opt/ebill: programs in /opt/ebill/bin" || fail "PREFIX ignored"
grep -q '^ExecStart=/opt/ebill/bin/ebill-api$' "$root2/etc/systemd/system/ebill-api.service" \
  && ok "PREFIX=/opt/ebill: unit follows" || fail "PREFIX=/opt/ebill: unit still names $(grep ExecStart "$root2/etc/systemd/system/ebill-api.service")"

etc_after="$(ls -d /etc/ebill /var/lib/ebill /usr/local/bin/ebill-api /etc/systemd/system/ebill-api.service 2>/dev/null || true)"
[[ "$etc_before" == "$etc_after" ]] && ok "nothing created outside DESTDIR" || fail "the live system changed: '$etc_before' -> '$etc_after'"
finish
