#!/usr/bin/env bash
# Configures and builds the sanitizer build: clang with AddressSanitizer (leak detection on) and
# UndefinedBehaviorSanitizer, plus the libFuzzer targets, which share its objects.
#   scripts/build-sanitized.sh [BUILD_DIR [TARGET...]]     (default ./build-asan, all targets)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-asan}
shift || true
export CCACHE_BASEDIR="$PWD"
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DS3RD_SANITIZE=ON -DS3RD_FUZZ=ON -DS3RD_BUILD_BENCHMARKS=OFF >/dev/null
if (($#)); then
    cmake --build "$build_dir" -j"$(nproc)" --target "$@"
else
    cmake --build "$build_dir" -j"$(nproc)"
fi
