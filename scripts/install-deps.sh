#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build, test and run the designer, if missing.
set -euo pipefail

packages=(
    build-essential cmake ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl1-mesa-dev
    nlohmann-json3-dev libzip-dev libbenchmark-dev libmimalloc-dev
    xvfb xauth
    clang-14 libclang-rt-14-dev  # the sanitizer build and the fuzz targets
    python3 appstream desktop-file-utils dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
        "${missing[@]}"
fi
