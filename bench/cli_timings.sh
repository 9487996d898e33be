#!/usr/bin/env bash
# Whole-process timings of every s3rd command on the benchmark designs, median of N runs:
# CPU time (user+sys, what the process itself costs on a loaded machine) and wall time.
#
#   bench/cli_timings.sh [BUILD_DIR] [RUNS] [SIZES]
#
# BUILD_DIR defaults to ./build (it needs build/app/s3rd/s3rd and build/bench/make_large_design),
# RUNS to 7, SIZES to "1k 10k". S3RD=PATH times another s3rd binary (an older build, to
# compare); SKIP=REGEX leaves rows out. The designs are written once to $S3RD_BENCH_DIR (default /tmp/s3rd-bench).
# Targets (issue 18): every command under 60 ms on 1k; lint, check and generate under 500 ms
# and simulate under 100 ms on 10k; diff of two 1k designs under 200 ms.
set -euo pipefail

build=${1:-build}
runs=${2:-7}
sizes=${3:-"1k 10k"}
s3rd=${S3RD:-$build/app/s3rd/s3rd}
dir=${S3RD_BENCH_DIR:-/tmp/s3rd-bench}

[ -x "$s3rd" ] || { echo "no $s3rd: build the s3rd target first" >&2; exit 2; }
if [ ! -f "$dir/overlap-10k.s3rd.json" ]; then
    "$build/bench/make_large_design" "$dir" >/dev/null
fi

# median_of RUNS CMD...: runs CMD RUNS times (output discarded), prints "cpu_ms wall_ms" medians.
# CPU time is the child's rusage (user+sys, microseconds), not /usr/bin/time's 10 ms ticks.
median_of() {
    python3 - "$@" <<'PY'
import os, subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]
cpu, wall = [], []
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall.append((time.perf_counter() - t0) * 1000)
    cpu.append((ru.ru_utime + ru.ru_stime) * 1000)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit("exit status %d: %s" % (code, " ".join(cmd)))
print("%8.1f %8.1f" % (statistics.median(cpu), statistics.median(wall)))
PY
}

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# bench-<account>-<slot>-<region>: bucket b0, the source of rule0.
bucket=bench-100000000000-0-us-east-1

# SKIP=REGEX leaves out the rows whose command matches (an old build's slow rows).
row() {
    if [[ -n ${SKIP:-} && $2 =~ $SKIP ]]; then
        printf "%-5s %-28s %8s %8s\n" "$1" "$2" - -
        return
    fi
    printf "%-5s %-28s %s\n" "$1" "$2" "$(median_of "$runs" "${@:3}")"
}

printf "%-5s %-28s %8s %8s   (median of %s runs, ms)\n" size command cpu wall "$runs"
row -    "--version" "$s3rd" --version
for size in $sizes; do
    f=$dir/large-$size.s3rd.json
    row "$size" "lint"                "$s3rd" lint "$f"
    row "$size" "check"               "$s3rd" check "$f"
    row "$size" "generate (stdout)"   "$s3rd" generate "$f"
    row "$size" "generate --out"      "$s3rd" generate "$f" --out "$out/gen-$size"
    row "$size" "simulate one object" "$s3rd" simulate "$f" --bucket "$bucket" --key data/a.csv
    row "$size" "export terraform"    "$s3rd" export "$f" --format terraform --out "$out/tf-$size"
    row "$size" "format --check"      "$s3rd" format --check "$f"
    if [ "$size" = 1k ]; then
        row 1k "diff (one rule changed)" "$s3rd" diff "$f" "$dir/large-1k-changed.s3rd.json"
    fi
done
