#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, test and run the designer, if missing.
set -euo pipefail

packages=(
    build-essential cmake ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl1-mesa-dev
    nlohmann-json3-dev libzip-dev libbenchmark-dev libmimalloc-dev
    libsimdjson-dev  # the fast path of reading design files (model/core/designjsonview.h)
    xvfb xauth
    clang-14 libclang-rt-14-dev  # the sanitizer build and the fuzz targets
    python3 appstream desktop-file-utils dpkg-dev file
    poppler-utils  # pdftotext and pdfinfo read the PDF handout back in its test
)

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
fi

# Test-only: node and the pinned independent IAM evaluator of tests/iam (package-lock.json),
# which the iam_* tests run in a separate node process. Never part of the product or its
# packages. Debian 12's nodejs (18) runs it; a newer node already on the machine is kept.
node_missing=()
command -v node >/dev/null 2>&1 || node_missing+=(nodejs)
command -v npm >/dev/null 2>&1 || node_missing+=(npm)
if ((${#node_missing[@]})); then
    echo "Installing: ${node_missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
        "${node_missing[@]}"
fi
iam_dir="$(cd "$(dirname "$0")/.." && pwd)/tests/iam"
stamp="$iam_dir/node_modules/.s3rd-package-lock.sha256"
want="$(sha256sum "$iam_dir/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installing the test-only npm packages of tests/iam (npm ci)"
    (cd "$iam_dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
fi
