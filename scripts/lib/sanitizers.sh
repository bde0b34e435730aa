# The sanitizer stage of scripts/test (sourced): builds and runs one
# sanitizer tree. Sanitizer reports of every process — the test binaries and
# the ebill-api / ebill-collector / simulator processes they start — go to
# files under TREE/sanitizer-reports/, and any such file fails the stage, so a
# report from a child whose exit status a test does not look at still counts.
# Needs ROOT, and the MariaDB variables of scripts/test exported.

# sanitizer_run TREE SANITIZE "BUILD TARGETS" CTEST-ARGS...
#   TREE      build directory (build-asan, build-tsan)
#   SANITIZE  address,undefined or thread (EBILL_SANITIZE)
#   TARGETS   space-separated targets to build, or "all"
sanitizer_run() {
  local tree="$1" sanitize="$2" targets="$3"
  shift 3
  cmake -S "$ROOT" -B "$ROOT/$tree" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEBILL_SANITIZE="$sanitize" >/dev/null
  if [[ "$targets" == all ]]; then
    cmake --build "$ROOT/$tree" -j "$(nproc)"
  else
    # shellcheck disable=SC2086  # a list of target names
    cmake --build "$ROOT/$tree" -j "$(nproc)" --target $targets
  fi

  local reports="$ROOT/$tree/sanitizer-reports"
  rm -rf "$reports"
  mkdir -p "$reports"
  local common="halt_on_error=1:print_summary=1:log_path=$reports/report"
  # Instrumented programs run several times slower (TSan most): the tests'
  # HTTP client waits that many times longer for an answer.
  local scale=3
  [[ "$sanitize" == *thread* ]] && scale=6
  local -a env=(
    "EBILL_BUILD_DIR=$ROOT/$tree"
    "EBILL_TEST_TIME_SCALE=$scale"
    "ASAN_OPTIONS=$common:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1"
    "UBSAN_OPTIONS=$common:print_stacktrace=1"
    "TSAN_OPTIONS=$common:second_deadlock_stack=1"
  )
  # ThreadSanitizer (LLVM 14 / g++ 12) cannot map its shadow memory when the
  # kernel randomizes mmap with more than 28 bits; without ASLR it always can.
  local -a norandom=()
  if [[ "$sanitize" == *thread* ]] && setarch "$(uname -m)" -R true 2>/dev/null; then
    norandom=(setarch "$(uname -m)" -R)
  fi

  local rc=0
  (cd "$ROOT/$tree" && env "${env[@]}" "${norandom[@]}" ctest --output-on-failure \
    -j "$(nproc)" "$@") || rc=$?
  if compgen -G "$reports/report*" >/dev/null; then
    echo "test: $sanitize reports in $reports:" >&2
    cat "$reports"/report* >&2
    rc=1
  fi
  return "$rc"
}
