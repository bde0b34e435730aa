# The image build's first steps, natively: the build context that
# .dockerignore leaves (no tests/, no build trees) configures with the
# Dockerfile's cmake command and defines the two targets the images build.
source "$(dirname "$0")/lib.sh"
command -v cmake >/dev/null && command -v ninja >/dev/null || skip "cmake or ninja is not installed"

# .dockerignore as tar excludes: "**/x" anywhere, everything else from the root.
excludes=()
while IFS= read -r pattern; do
  pattern="${pattern%/}"
  [[ -z "$pattern" || "$pattern" == \#* ]] && continue
  if [[ "$pattern" == '**/'* ]]; then excludes+=(--no-anchored "--exclude=${pattern#'**/'}")
  else excludes+=(--anchored "--exclude=./$pattern"); fi
done <"$SRC/.dockerignore"
ctx="$TMP/context"
mkdir -p "$ctx"
tar -C "$SRC" "${excludes[@]}" -cf - . | tar -C "$ctx" -xf -
[[ ! -e "$ctx/tests" && ! -e "$ctx/build" && -f "$ctx/CMakeLists.txt" ]] \
  && ok "context: sources without tests/ and build trees" || fail "context is not what .dockerignore says: $(ls -A "$ctx")"

cmd="$(sed -n 's/^RUN \(cmake -S .*\)$/\1/p' "$SRC/compose/Dockerfile")"
[[ "$cmd" == "cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DEBILL_WERROR=OFF" ]] \
  || fail "the Dockerfile's configure command is '$cmd'"
if (cd "$ctx" && $cmd >"$TMP/configure.log" 2>&1); then ok "context configures: $cmd"
else fail "configure failed: $(tail -20 "$TMP/configure.log")"; fi

if [[ -n "$BUILD" ]]; then
  targets="$(ninja -C "$ctx/build" -t targets all 2>/dev/null | sed -n 's/^\(ebill-[a-z]*\): .*/\1/p' | sort -u | tr '\n' ' ')"
  for t in ebill-collector ebill-api; do
    [[ " $targets" == *" $t "* ]] && ok "target $t exists" || fail "target $t missing (have: $targets)"
  done
else
  echo "note: this tree has no collector/ and api/ targets yet; only the configure step is checked"
fi
finish
