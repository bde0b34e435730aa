# Sanitizer and fuzzing build trees. Each is a separate build directory:
#
#   -DEBILL_SANITIZE=address,undefined   (g++; build-asan/)  every test
#   -DEBILL_SANITIZE=thread              (g++; build-tsan/)  tests labelled concurrency
#   -DEBILL_FUZZ=ON with clang++         (build-fuzz/)       libFuzzer targets, tests/fuzz/
#
# A sanitizer finding aborts the process (-fno-sanitize-recover=all), so a
# test fails on the first report. scripts/test and scripts/fuzz drive them;
# docs/testing.md says how.
#
# UBSan's vptr check is left out: it needs the typeinfo of every class it
# sees through a pointer, and Debian's libsoci_core does not export the
# typeinfo of its internal classes (soci::details::ref_counted_statement),
# so nothing that uses SOCI would link. Every other -fsanitize=undefined
# check stays on.
set(EBILL_UBSAN_EXCEPT -fno-sanitize=vptr)
set(EBILL_SANITIZE "" CACHE STRING
  "Build with these -fsanitize= checks: empty, address,undefined or thread")
option(EBILL_FUZZ "Build the libFuzzer targets of tests/fuzz (clang only)" OFF)

if(EBILL_SANITIZE AND EBILL_FUZZ)
  message(FATAL_ERROR "EBILL_FUZZ brings its own sanitizers: leave EBILL_SANITIZE empty")
endif()

if(EBILL_SANITIZE)
  add_compile_options(-fsanitize=${EBILL_SANITIZE} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${EBILL_SANITIZE})
  if(EBILL_SANITIZE MATCHES "undefined")
    add_compile_options(${EBILL_UBSAN_EXCEPT})
  endif()
  if(EBILL_SANITIZE MATCHES "address" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ 12 with -fsanitize=address reports -Wmaybe-uninitialized inside
    # libstdc++'s <regex> (std::function moved out of _State, GCC bug 105562)
    # in files that build a std::regex. The normal tree keeps the warning as
    # an error; only this false positive of the instrumented build is dropped.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  if(EBILL_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ 12 warns (-Wtsan) that ThreadSanitizer does not model
    # std::atomic_thread_fence, which Boost.Asio's fenced_block uses around
    # handler calls. Asio's real ordering comes from the scheduler's mutexes,
    # which TSan does see, so the warning is dropped, not the check.
    add_compile_options(-Wno-tsan)
  endif()
endif()

if(EBILL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "EBILL_FUZZ needs clang++ (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # Everything is instrumented for coverage and checked by ASan+UBSan; only
  # the fuzz targets link libFuzzer's main (tests/fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined ${EBILL_UBSAN_EXCEPT}
                      -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # RapidJSON 1.1's member iterators declare operator== for a const
  # iterator only; clang's C++20 rewritten-comparison rules then call every
  # `it == doc.MemberEnd()` ambiguous. The defect is in the Debian header,
  # the comparison is the intended one, and g++ (the product's compiler)
  # does not warn.
  add_compile_options(-Wno-ambiguous-reversed-operator)
endif()
