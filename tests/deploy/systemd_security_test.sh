# `systemd-analyze security --offline=yes` rates each unit's exposure 2.5 or
# lower (it rated 6.6 before the hardening), and the limits the score does not
# weigh are set: open files, memory, tasks, a private umask.
source "$(dirname "$0")/lib.sh"
command -v systemd-analyze >/dev/null || skip "systemd-analyze is not installed"
systemd-analyze security --help 2>/dev/null | grep -q -- '--offline' \
  || skip "this systemd-analyze has no security --offline (systemd 252 or newer)"

# The overall exposure of a unit file, e.g. 1.1.
exposure() {
  systemd-analyze security --offline=yes --no-pager "$1" 2>&1 \
    | sed -nE 's/^→ Overall exposure level for [^:]+: ([0-9]+\.[0-9]+) .*/\1/p'
}
at_most() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 <= b + 0) }'; }

for unit in ebill-collector ebill-api; do
  f="$SRC/compose/systemd/$unit.service"
  score="$(exposure "$f")"
  if [[ -z "$score" ]]; then fail "$unit: no exposure level in: $(systemd-analyze security --offline=yes "$f" 2>&1 | tail -3)"
  elif at_most "$score" 2.5; then ok "$unit: exposure $score <= 2.5"
  else fail "$unit: exposure $score > 2.5"; fi
  for line in UMask=0077 LimitNOFILE= MemoryMax= TasksMax= StateDirectory=ebill CapabilityBoundingSet= \
              SystemCallFilter=@system-service MemoryDenyWriteExecute=yes; do
    grep -q "^${line}" "$f" && ok "$unit: $line" || fail "$unit: missing $line"
  done
done

# The check can fail: the same unit without its hardening block rates worse.
bare="$TMP/ebill-api.service"
sed '/^# Hardening/,/^$/d' "$SRC/compose/systemd/ebill-api.service" >"$bare"
score="$(exposure "$bare")"
[[ -n "$score" ]] && ! at_most "$score" 2.5 && ok "without the hardening the api rates $score (> 2.5)" \
  || fail "the bare unit rates '$score': the check would catch nothing"
finish
