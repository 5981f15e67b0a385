#!/usr/bin/env bash
# libFuzzer over the parsers of files users hand us: safetensors, config.json, SentencePiece
# loading and conversation files (tests/fuzz/*.cpp). Not part of CI's default run.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     default: 180 s each, every target
#
# Builds with clang (Debian's clang-14 and libclang-rt-14-dev, installed when missing) and
# AddressSanitizer + UndefinedBehaviorSanitizer into build-fuzz/, seeds each corpus from the
# shipped models and the tests' data, runs the targets one after the other under nice, and
# prints executions and this run's findings. Crash inputs are written to
# build-fuzz/findings/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(safetensors config sentencepiece conversation)

if ! command -v clang++-14 > /dev/null || [ ! -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get install -y clang-14 libclang-rt-14-dev
fi

out=build-fuzz
mkdir -p "$out/obj" "$out/findings"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -I.
       $(pkg-config --cflags sentencepiece))
qt_flags=($(pkg-config --cflags Qt6Core) -fPIC)

# The core sources each parser needs, compiled once with the fuzzer's instrumentation.
core_sources=(core/safetensors.cpp core/strict_json.cpp core/text/utf8.cpp core/tensor.cpp core/atomic_file.cpp
              core/file_access.cpp core/config.cpp core/decoding_options.cpp core/text/tokenizer.cpp)
objects=()
for source in "${core_sources[@]}"; do
    object="$out/obj/$(echo "$source" | tr / _).o"
    if [ ! -e "$object" ] || [ "$source" -nt "$object" ]; then
        nice clang++-14 "${flags[@]}" -c "$source" -o "$object"
    fi
    objects+=("$object")
done

build_target() {
    local name=$1 binary="$out/fuzz_$1"
    case $name in
        conversation)
            /usr/lib/qt6/libexec/moc ui/conversation_store.h -o "$out/obj/moc_conversation_store.cpp"
            nice clang++-14 "${flags[@]}" "${qt_flags[@]}" tests/fuzz/fuzz_conversation.cpp ui/conversation_store.cpp \
                "$out/obj/moc_conversation_store.cpp" "${objects[@]}" -fsanitize=fuzzer \
                $(pkg-config --libs Qt6Core sentencepiece) -o "$binary" ;;
        *)
            nice clang++-14 "${flags[@]}" "tests/fuzz/fuzz_$name.cpp" "${objects[@]}" -fsanitize=fuzzer \
                $(pkg-config --libs sentencepiece) -o "$binary" ;;
    esac
}

seed_corpus() {
    local name=$1 corpus="$out/corpus/$1"
    mkdir -p "$corpus"
    case $name in
        safetensors) printf '\x02\x00\x00\x00\x00\x00\x00\x00{}' > "$corpus/empty"
                     python3 -c 'import json,struct,sys
h=json.dumps({"__metadata__":{"a":"b"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},
 "v":{"dtype":"BF16","shape":[3],"data_offsets":[16,22]},"u":{"dtype":"F16","shape":[1],"data_offsets":[22,24]}}).encode()
sys.stdout.buffer.write(struct.pack("<Q",len(h))+h+bytes(range(24)))' > "$corpus/small" ;;
        config) for m in models/*/; do cp "$m/config.json" "$corpus/$(basename "$m")"; done ;;
        sentencepiece) cp tests/data/tiny.spm "$corpus/tiny" ;;
        conversation) printf '%s' '{"format":1,"title":"t","mode":"chat","messages":[{"role":"user","text":"hi"},{"role":"bot","text":"hello","attention":{"sourcePieces":["a","b"],"sourceWordStart":[true,false],"targetPieces":["c"],"targetWordStart":[true],"weights":[[0.25,0.75]]}}]}' > "$corpus/small" ;;
    esac
}

summary=()
for name in "${targets[@]}"; do
    echo "== fuzz_$name: building"
    build_target "$name"
    seed_corpus "$name"
    mkdir -p "$out/findings/$name"
    touch "$out/findings/$name/.started"  # findings of earlier runs stay, but are not counted
    log="$out/fuzz_$name.log"
    echo "== fuzz_$name: running for $seconds s (log: $log)"
    set +e
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
      nice "$out/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$out/findings/$name/" -print_final_stats=1 "$out/corpus/$name" > "$log" 2>&1
    status=$?
    set -e
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    findings=$(find "$out/findings/$name" -type f -newer "$out/findings/$name/.started" | wc -l)
    summary+=("fuzz_$name: $runs executions in $seconds s, exit $status, $findings finding(s)")
done
printf '%s\n' "${summary[@]}"
