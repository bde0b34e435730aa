# The units, installed by scripts/install into a staged root together with
# the real built programs, pass `systemd-analyze verify` with no warning.
source "$(dirname "$0")/lib.sh"

command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed"
[[ -d /usr/lib/systemd/system ]] || skip "no /usr/lib/systemd/system to take the standard targets from"
require_programs

root="$TMP/root"
stage_install "$root" >/dev/null
# verify --root resolves ExecStart and the standard targets inside the root.
mkdir -p "$root/usr/lib/systemd"
cp -R /usr/lib/systemd/system "$root/usr/lib/systemd/"

for unit in ebill-collector.service ebill-api.service; do
  if out="$(systemd-analyze verify --root="$root" "$unit" 2>&1)" && [[ -z "$out" ]]; then
    ok "$unit verifies cleanly"
  else
    fail "$unit: $out"
  fi
done

# The check itself can fail: a unit whose program is missing is rejected.
rm "$root/usr/local/bin/ebill-api"
if systemd-analyze verify --root="$root" ebill-api.service >/dev/null 2>&1; then
  fail "verify passed with ebill-api missing (the check would catch nothing)"
else
  ok "verify rejects a unit whose program is missing"
fi

# The hardening the deployment promises.
for unit in ebill-collector ebill-api; do
  f="$SRC/compose/systemd/$unit.service"
  for line in EnvironmentFile=/etc/ebill/ebill.env User=ebill Restart=on-failure ProtectSystem=strict \
              StateDirectory=ebill NoNewPrivileges=yes PrivateTmp=yes ProtectHome=yes \
              WorkingDirectory=/var/lib/ebill After=network-online.target; do
    grep -q "^${line}" "$f" && ok "$unit: $line" || fail "$unit: missing $line"
  done
done
finish
