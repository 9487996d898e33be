#!/usr/bin/env bash
# The built s3rd links no QtWidgets, and `s3rd export --format png|svg` draws the diagram with no
# display and no Qt platform chosen (a CI job, an SSH session). The packaging test checks the
# same on the installed program; this one runs on every build.
#
# test_cli_headless.sh S3RD DESIGN WORK_DIR
set -uo pipefail
s3rd=$1 design=$2 work=$3
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

rm -rf "$work" && mkdir -p "$work"
if ! libs=$(ldd "$s3rd" 2>&1); then
    fail "ldd $s3rd: $libs"
elif grep -q "libQt6Widgets" <<<"$libs"; then
    fail "s3rd links QtWidgets: $(grep libQt6Widgets <<<"$libs")"
fi
for format in png svg; do
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM \
        "$s3rd" export "$design" --format $format --out "$work/diagram.$format" >"$work/$format.out" 2>&1
    rc=$?
    ((rc == 0)) || fail "s3rd export --format $format exited $rc: $(cat "$work/$format.out")"
done
head -c 8 "$work/diagram.png" | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" \
    || fail "diagram.png is not a PNG"
grep -q "<svg" "$work/diagram.svg" || fail "diagram.svg is not SVG"
# The diagram names the design's elements (text in the SVG, not pixels).
bucket=$(sed -n 's/.*"name": *"\([a-z0-9.-]*\)".*/\1/p' "$design" | tail -n 1)
[[ -n $bucket ]] && grep -q -- "$bucket" "$work/diagram.svg" || fail "diagram.svg lacks '$bucket'"

if ((failures)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "s3rd links no QtWidgets and exports the diagram headless"
