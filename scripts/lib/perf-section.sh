# Writes one "## HEADING" section of docs/PERFORMANCE.md: replaces the
# section of that heading (up to the next "## " heading) with the contents
# of FILE, or appends it; creates the document when missing. Source this
# file, then: perf_section_write HEADING FILE DOC
perf_section_write() {
  local heading="$1" file="$2" doc="$3" tmp
  [[ -f "$doc" ]] || printf '# Performance\n\nMeasured figures, each with the command that reproduces it.\n\n' >"$doc"
  tmp="$(mktemp)"
  awk -v heading="## $heading" -v section="$file" '
    function emit() { while ((getline line < section) > 0) print line; done = 1 }
    $0 == heading { emit(); skip = 1; next }
    skip && /^## / { skip = 0; print "" }
    !skip { print }
    END { if (!done) { print ""; emit() } }' "$doc" | cat -s >"$tmp"
  cp "$tmp" "$doc"
  rm -f "$tmp"
}
