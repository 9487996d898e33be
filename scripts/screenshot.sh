#!/usr/bin/env bash
# Renders screenshots of the designer into docs/screenshots/, one per example design, and the
# README's docs/screenshots/designer.png (the cross-account SSE-KMS example), the designer on a
# 1366x768 and on a 1920x1080 screen, the start page shown when there is no file, the labs
# (Help > Labs, the lab panel) at both sizes, File > Compare With (compare-WxH.png), and
# presenter mode (View > Present) on the cross-account example: the statements of its arrow at
# 1366x768, a step midway at 1920x1080.
#
# Usage: scripts/screenshot.sh [build-dir]      (default: build)
# Builds the designer if needed. Runs under Xvfb when xvfb-run is installed, otherwise on Qt's
# offscreen platform; the designer grabs its own window (--screenshot), so no window manager or
# screen grabber is involved. A scratch HOME keeps the user's settings out of the pictures.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
out="$root/docs/screenshots"
size="${SCREENSHOT_SIZE:-1600x1000}"

if [[ ! -x "$build/app/designer/s3-replication-designer" ]]; then
    cmake -S "$root" -B "$build" >/dev/null
    cmake --build "$build" --target s3-replication-designer -j"$(nproc)"
fi
designer="$build/app/designer/s3-replication-designer"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"

# run SIZE ARGS...: the designer in a window of SIZE (WIDTHxHEIGHT) on a screen of that size.
run() {
    local screen="$1"
    shift
    rm -rf "$scratch/config" # every picture shows the first-start layout
    if command -v xvfb-run >/dev/null; then
        xvfb-run -a -s "-screen 0 ${screen}x24" "$designer" --window-size "$screen" "$@"
    else
        QT_QPA_PLATFORM=offscreen "$designer" --window-size "$screen" "$@"
    fi
}

mkdir -p "$out"
for example in "$root"/resources/examples/*.s3rd.json; do
    name="$(basename "$example" .s3rd.json)"
    run "$size" --screenshot "$out/$name.png" "$example"
    echo "wrote $out/$name.png"
done
cp "$out/cross-account-sse-kms.png" "$out/designer.png"
echo "wrote $out/designer.png"
examples="$root/resources/examples"
run 1366x768 --screenshot "$out/designer-1366x768.png" "$examples/cross-account-sse-kms.s3rd.json"
run 1920x1080 --screenshot "$out/designer-1920x1080.png" "$examples/fan-out-two-regions.s3rd.json"
run 1366x768 --screenshot "$out/start-page.png"
echo "wrote $out/designer-1366x768.png, designer-1920x1080.png, start-page.png"
labs="$root/resources/labs"
for screen in 1366x768 1920x1080; do
    run "$screen" --screenshot "$out/labchooser-$screen.png" --labs
    run "$screen" --screenshot "$out/labpanel-$screen.png" "$labs/bucket-key-context/start.s3rd.json"
done
echo "wrote $out/labchooser-*.png, labpanel-*.png"
# File > Compare With: the fan-out example against a version without its second rule.
python3 - "$examples/fan-out-two-regions.s3rd.json" "$scratch/before.s3rd.json" <<'PY'
import json, sys
design = json.load(open(sys.argv[1]))
design["rules"] = design["rules"][:1]
json.dump(design, open(sys.argv[2], "w"), indent=2)
PY
for screen in 1366x768 1920x1080; do
    run "$screen" --screenshot "$out/compare-$screen.png" \
        --compare-with "$scratch/before.s3rd.json" "$examples/fan-out-two-regions.s3rd.json"
done
echo "wrote $out/compare-1366x768.png, compare-1920x1080.png"
run 1366x768 --present 9 --screenshot "$out/presenter-1366x768.png" "$examples/cross-account-sse-kms.s3rd.json"
run 1920x1080 --present 6 --screenshot "$out/presenter-1920x1080.png" "$examples/cross-account-sse-kms.s3rd.json"
echo "wrote $out/presenter-1366x768.png, presenter-1920x1080.png"
