# The Dockerfile's package lists, checked natively (no Docker engine here):
# every package it installs exists in Debian 12; the runtime stage's packages
# (with their dependencies, on top of bookworm-slim's required base) provide
# every shared library the built programs load; and the build stage's
# packages provide every system header the programs' objects included.
source "$(dirname "$0")/lib.sh"
dockerfile="$SRC/compose/Dockerfile"

# Packages named by the apt-get install of the stage starting at "FROM $1".
stage_packages() {
  awk -v from="FROM $1" '
    $0 == from { on = 1; next }
    /^FROM / { on = 0 }
    on && /apt-get install/ { grab = 1 }
    on && grab {
      line = $0; sub(/.*--no-install-recommends/, "", line)
      n = split(line, w, /[ \t\\]+/)
      for (i = 1; i <= n; i++) {
        if (w[i] == "&&") { grab = 0; break }
        if (w[i] != "" && w[i] !~ /^-/) print w[i]
      }
    }' "$dockerfile" | sort -u
}
build_pkgs=($(stage_packages '${BUILD_IMAGE} AS build'))
runtime_pkgs=($(stage_packages '${RUNTIME_IMAGE} AS runtime'))
((${#build_pkgs[@]} > 5 && ${#runtime_pkgs[@]} > 5)) || fail "could not read the package lists (build: ${build_pkgs[*]}; runtime: ${runtime_pkgs[*]})"
echo "build stage: ${build_pkgs[*]}"
echo "runtime stage: ${runtime_pkgs[*]}"

command -v apt-cache >/dev/null || skip "apt-cache is not available"
# "package candidate" for each name, in one (slow) apt-cache call.
candidates() {
  apt-cache policy "$@" 2>/dev/null | awk '/^[^ ].*:$/ { p = substr($0, 1, length($0) - 1) }
                                          /^ *Candidate: / { print p, $2 }'
}
grep -q '^libc6 [^(]' <<<"$(candidates libc6)" || skip "apt has no package lists here (run apt-get update)"
found="$(candidates "${build_pkgs[@]}" "${runtime_pkgs[@]}")"
for p in "${build_pkgs[@]}" "${runtime_pkgs[@]}"; do
  c="$(awk -v p="$p" '$1 == p { print $2 }' <<<"$found")"
  [[ -n "$c" && "$c" != "(none)" ]] && ok "$p exists ($c)" || fail "$p has no install candidate in Debian"
done

require_programs
closure() {
  apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances "$@" 2>/dev/null | grep -v '^ ' | sed 's/:.*//' | sort -u
}
in_base() { apt-cache show "$1" 2>/dev/null | grep -Eq '^(Priority: required|Essential: yes)'; }
# The package that owns a file, trying the /usr-merged spellings.
owner() {
  local f="$1" c
  for c in "$f" "$(readlink -f "$f")" "${f#/usr}" "/usr$f"; do
    dpkg -S "$c" 2>/dev/null | head -n 1 | sed 's/:.*//' && return 0
  done
  return 1
}

runtime_closure="$(closure "${runtime_pkgs[@]}")"
for bin in collector/ebill-collector api/ebill-api; do
  if ! libs="$(ldd "$BUILD/$bin" 2>&1)"; then
    fail "${bin#*/}: ldd failed: $libs"
    continue
  fi
  while read -r lib; do
    pkg="$(owner "$lib" || true)"
    if [[ -z "$pkg" ]]; then fail "${bin#*/}: $lib belongs to no Debian package"
    elif grep -qx "$pkg" <<<"$runtime_closure" || in_base "$pkg"; then ok "${bin#*/}: $(basename "$lib") from $pkg"
    else fail "${bin#*/}: $lib comes from $pkg, which the runtime stage does not install"; fi
  done < <(sed -nE 's/.*=> (\/[^ ]+) .*/\1/p' <<<"$libs")
done

# Headers: ninja's dependency log of the programs' and common's objects.
command -v ninja >/dev/null && [[ -f "$BUILD/build.ninja" ]] || skip "not a Ninja build; headers not checked"
headers="$TMP/headers"
(cd "$BUILD" && ninja -t deps 2>/dev/null) | awk '
  /^[^ ].*: #deps/ { keep = ($1 ~ /^(common|collector|api)\/CMakeFiles\//); next }
  keep && /^    \/usr\// { print $1 }' | sort -u >"$headers"
[[ -s "$headers" ]] || skip "ninja's dependency log names no system header of the programs"
build_closure="$(closure "${build_pkgs[@]}")"
owners="$(xargs -a "$headers" dpkg -S 2>/dev/null | sed 's/:.*//; s/, /\n/g' | sed 's/:.*//' | sort -u)"
while read -r pkg; do
  [[ -z "$pkg" ]] && continue
  grep -qx "$pkg" <<<"$build_closure" || in_base "$pkg" \
    || fail "headers from $pkg are included, but the build stage does not install it"
done <<<"$owners"
ok "$(wc -l <"$headers") system headers come from the build stage's packages ($(wc -l <<<"$owners") packages)"
finish
