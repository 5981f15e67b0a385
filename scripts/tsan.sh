#!/usr/bin/env bash
# ThreadSanitizer over the engine and the threaded tests (issue 18, section 5). Not part of CI's
# default run: the build takes a while and Debian's Qt, oneDNN and libgomp are not built with
# TSan, so what it reports inside them needs reading (scripts/tsan.supp explains each
# suppression).
#
#   scripts/tsan.sh [TEST...]   build build-tsan/ and run the tests (default: the threaded ones
#                               below) under TSan; core_test_* alone skips building the UI
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
tests=("$@")
[ ${#tests[@]} -eq 0 ] && tests=(core_test_decoding core_test_precision core_test_engine ui_test_engine_service
                                 ui_test_chat_view ui_test_translate_view)
ui=OFF
for test in "${tests[@]}"; do [[ $test == ui_* ]] && ui=ON; done

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DATTENTIVE_TSAN=ON -DATTENTIVE_BUILD_UI=$ui > /dev/null
nice cmake --build build-tsan -j"$jobs" --target "${tests[@]}"

# OpenMP's worker threads synchronise inside uninstrumented libgomp, which TSan cannot see: one
# thread for oneDNN keeps those reports down (the encoder's two directions still run on two
# OpenMP threads; see docs/reliability.md).
export TSAN_OPTIONS="suppressions=$PWD/scripts/tsan.supp second_deadlock_stack=1 halt_on_error=0 report_signal_unsafe=0"
export OMP_NUM_THREADS=1 QT_QPA_PLATFORM=offscreen ONEDNN_VERBOSE=0
status=0
for test in "${tests[@]}"; do
    log=build-tsan/$test.log
    binary=$(find build-tsan/tests -name "$test" -type f -perm -u+x | head -1)
    if nice "$binary" > "$log" 2>&1; then result=passed; else result=failed; status=1; fi
    echo "$test: $result, $(grep -c '^WARNING: ThreadSanitizer' "$log" || true) TSan report(s) (log: $log)"
done
exit $status
