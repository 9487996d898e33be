#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/) under AddressSanitizer and UndefinedBehaviorSanitizer.
#
#   scripts/fuzz.sh [--minutes N | --seconds N] [--no-build] [TARGET...]
#
# Each target (designfile, canonical, importer, policy, cliargs; all by default) runs for the
# given time (default 1 minute) over its corpus: the committed seeds in fuzz/corpus/TARGET, the
# example designs and tests/data, and what earlier runs found, kept in
# $BUILD_DIR/fuzz-corpus/TARGET. An input that crashes, leaks, hangs (over 10 s) or needs more
# than 1 GB is written to $BUILD_DIR/fuzz-findings/TARGET/ and the script exits 1; copy it
# into fuzz/corpus/TARGET/ once fixed, so the corpus replay test keeps it fixed.
# Builds into ./build-asan (or $BUILD_DIR) with clang, the same build scripts/test.sh makes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build_dir=${BUILD_DIR:-build-asan}
seconds=60
build=1
targets=()
while (($#)); do
    case $1 in
    --minutes) seconds=$(($2 * 60)); shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
((${#targets[@]})) || targets=(designfile canonical importer policy cliargs)

if ((build)); then
    scripts/build-sanitized.sh "$build_dir" "${targets[@]/#/fuzz_}"
fi

# Extra read-only seed folders per target.
seeds_for() {
    case $1 in
    designfile | canonical)
        echo "$root/resources/examples $root/tests/data/broken"
        find "$root/tests/data/policies" -name design.s3rd.json -printf '%h\n' | sort | tr '\n' ' '
        ;;
    *) ;;
    esac
}

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for t in "${targets[@]}"; do
    binary="$build_dir/fuzz/fuzz_$t"
    corpus="$build_dir/fuzz-corpus/$t"
    findings="$build_dir/fuzz-findings/$t"
    mkdir -p "$corpus" "$findings"
    log="$build_dir/fuzz-findings/$t.log"
    echo "fuzz_$t: ${seconds}s"
    # shellcheck disable=SC2046
    # S3RD_FUZZ_SEED fixes libFuzzer's random seed (the test suite's runs use 1, so a run on
    # the same tree explores the same inputs); 0, the default here, lets libFuzzer pick one.
    if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=16384 \
        -seed="${S3RD_FUZZ_SEED:-0}" -print_final_stats=1 -artifact_prefix="$findings/" \
        "$corpus" "$root/fuzz/corpus/$t" $(seeds_for "$t") >"$log" 2>&1; then
        echo "fuzz_$t: FOUND A PROBLEM; input saved in $findings/, log in $log" >&2
        grep -E '^(==|SUMMARY|fuzz property|.*runtime error)' "$log" | head -20 >&2 || true
        status=1
    fi
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+.*DONE' \
        "$log" | sed "s/^/fuzz_$t: /" || true
done
exit $status
