#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, runs every test headless.
#
# Two builds, one ctest run: the plain build (./build or $BUILD_DIR) with every test, and the
# sanitizer build (./build-asan or $ASAN_BUILD_DIR: clang, AddressSanitizer with leak detection,
# UndefinedBehaviorSanitizer) with the model, document and command-line tests (named asan_*),
# the fuzz targets' corpus replays (fuzz_*_corpus) and a bounded fuzzing run of each target
# (fuzz_*_run, $S3RD_FUZZ_SECONDS seconds each, 60 by default). Set S3RD_SANITIZERS=0 to run
# the plain build only.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
scripts/install-deps.sh
scripts/build.sh
build_dir=$(cd "${BUILD_DIR:-build}" && pwd)
dirs=("$build_dir")
if [ "${S3RD_SANITIZERS:-1}" != 0 ]; then
    asan_dir=${ASAN_BUILD_DIR:-build-asan}
    scripts/build-sanitized.sh "$asan_dir"
    cmake -S . -B "$asan_dir" -DS3RD_FUZZ_SECONDS="${S3RD_FUZZ_SECONDS:-60}" >/dev/null
    dirs+=("$(cd "$asan_dir" && pwd)")
fi
# A ctest directory that includes both builds, so one run prints one summary of all tests.
all_dir="$build_dir/all-tests"
mkdir -p "$all_dir"
: >"$all_dir/CTestTestfile.cmake"
for d in "${dirs[@]}"; do
    echo "subdirs(\"$d\")" >>"$all_dir/CTestTestfile.cmake"
done
export QT_QPA_PLATFORM=offscreen
cd "$all_dir"
ctest --output-on-failure -j"$(nproc)" --timeout 900
