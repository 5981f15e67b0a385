#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test, then build the core
# and its tests with AddressSanitizer + UndefinedBehaviorSanitizer and run those too.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
QT_QPA_PLATFORM=offscreen ctest --test-dir build --output-on-failure -j"$jobs"

# Sanitizers: the engine and its tests (no GUI), debug-optimised so the checks stay quick. Only
# the core tests run there, so only they are built, not the CLI and its tests (on a 2-core Zen 4
# the whole suite ran 26 minutes with them).
cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATTENTIVE_SANITIZE=ON \
      -DATTENTIVE_BUILD_UI=OFF
cmake --build build-sanitize -j"$jobs" --target core_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-sanitize --output-on-failure -L core -LE slow
