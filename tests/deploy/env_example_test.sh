# compose/.env.example lists every variable that the compose files, the image
# and the units set or read, and every variable the programs' --help names,
# each with a line saying what it does and its default; and nothing in the
# repository looks like a real secret.
source "$(dirname "$0")/lib.sh"
example="$SRC/compose/.env.example"

listed() { grep -Eq "^#?$1=" "$example"; }

referenced="$TMP/referenced"
{
  set +e  # a source that names no variable is fine; the total is checked below
  # compose: ${VAR} interpolations and the keys our services set. The mysql
  # image's own variables (MYSQL_*, TZ) are not ebill settings.
  grep -ohE '\$\{[A-Z_][A-Z0-9_]*' "$SRC"/compose/*.yml | sed 's/^\${//'
  grep -hE '^      [A-Z][A-Z0-9_]*:' "$SRC"/compose/*.yml | sed -E 's/^ *([A-Z0-9_]+):.*/\1/' \
    | grep -Ev '^(MYSQL_.*|TZ)$'
  # the image: ENV statements (with their continuation lines) and ${VAR}s.
  awk '/^ENV /{on=1} on{print} on && !/\\$/{on=0}' "$SRC/compose/Dockerfile" | grep -oE '[A-Z][A-Z0-9_]*=' | tr -d =
  # (build arguments such as NODE_IMAGE are not settings)
  grep -oE '\$\{[A-Z][A-Z0-9_]*\}' "$SRC/compose/Dockerfile" | tr -d '${}' \
    | grep -vxF -f <(sed -nE 's/^ARG ([A-Z0-9_]+).*/\1/p' "$SRC/compose/Dockerfile")
  # the units
  grep -hoE '^Environment=[A-Z][A-Z0-9_]*=' "$SRC"/compose/systemd/*.service | sed -E 's/^Environment=(.*)=/\1/'
  true
} | sort -u >"$referenced"
[[ -s "$referenced" ]] || fail "found no referenced variable (the extraction is broken)"
while read -r var; do
  listed "$var" && ok "$var listed" || fail "$var is referenced by compose/ but not in .env.example"
done <"$referenced"

# The programs' own list of settings (`--help`: "  NAME   default: ...").
if [[ -n "$BUILD" && -x "$BUILD/api/ebill-api" && -x "$BUILD/collector/ebill-collector" ]]; then
  help_vars="$( { "$BUILD/api/ebill-api" --help; "$BUILD/collector/ebill-collector" --help; } 2>&1 \
    | sed -nE 's/^ +([A-Z][A-Z0-9_]+) +default:.*/\1/p' | sort -u)"
  [[ -n "$help_vars" ]] || fail "--help of the programs lists no variable in the form '  NAME  default: ...'"
  for var in $help_vars; do
    listed "$var" && ok "$var (--help) listed" || fail "$var is in --help but not in .env.example"
  done
else
  echo "note: the programs are not built here; .env.example is not compared with their --help"
fi

# Every setting has its own comment line right above it, naming its default,
# and appears once.
awk '
  /^#?[A-Z][A-Z0-9_]*=/ {
    name = $0; sub(/^#/, "", name); sub(/=.*/, "", name)
    if (prev !~ /^# .*Default: /) { print "FAIL: " name " has no \"# what it does. Default: x\" line above it"; bad = 1 }
    if (seen[name]++) { print "FAIL: " name " is listed twice"; bad = 1 }
  }
  { prev = $0 }
  END { exit bad }' "$example" && ok "every setting is described with its default" || fail "see above"

# --- secrets ------------------------------------------------------------------
if git -C "$SRC" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git -C "$SRC" ls-files --cached --others --exclude-standard)
else
  mapfile -t files < <(cd "$SRC" && find . -type f -not -path './build*' -not -path './.git/*' \
    -not -path './web/node_modules/*' -not -path './var/*' | sed 's|^\./||')
fi
cd "$SRC"
existing=()
for f in "${files[@]}"; do [[ -f "$f" ]] && existing+=("$f"); done

# Credentials with an unmistakable shape, anywhere outside tests/ (test
# fixtures hold made-up keys on purpose).
shapes='-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|SCT[0-9]+T[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}'
hits="$(printf '%s\0' "${existing[@]}" | grep -zv '^tests/' | xargs -0 grep -IEn -e "$shapes" 2>/dev/null || true)"
[[ -z "$hits" ]] && ok "no credential-shaped string in the repository" || fail "credential-shaped strings: $hits"

# Secret-named settings in what operators copy (compose, docs, scripts, CI,
# README) hold placeholders only.
placeholder='^(|change-me.*|\$.*|.*example.*|<.*>|\.\.\.|yes|no|true|false|\*+)$'
config_files=()
for f in "${existing[@]}"; do
  case "$f" in compose/*|docs/*|scripts/*|.ci/*|README.md|*.env*|*.service) config_files+=("$f") ;; esac
done
secret_name='(PASSWORD|TOKEN|SECRET|SENDKEY|_KEY|"server_chan_key")[A-Za-z0-9_]*"?[[:space:]]*[=:][[:space:]]*'
bad=0
while IFS= read -r hit; do
  [[ -z "$hit" ]] && continue
  first="$(grep -oE "$secret_name"'"?[^"[:space:]]*' <<<"${hit#*:*:}" | head -n 1)"
  value="$(sed -E 's/^[^=:]*[=:][[:space:]]*"?//' <<<"$first")"
  if [[ ! "$value" =~ $placeholder ]]; then
    fail "looks like a real secret: $hit"
    bad=1
  fi
done < <(grep -HnE "$secret_name" \
           "${config_files[@]}" 2>/dev/null | grep -v '_ENV' || true)
((bad)) || ok "secret-named settings hold placeholders only (${#config_files[@]} files)"
finish
