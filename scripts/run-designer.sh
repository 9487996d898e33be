#!/usr/bin/env bash
# The README's start command: installs what is missing, builds, and opens the designer on an
# example design. Without a display it says so and shows what s3rd can tell instead.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
example=${1:-resources/examples/cross-account-sse-kms.s3rd.json}
build_dir=${BUILD_DIR:-build}
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$build_dir/app/designer/s3-replication-designer" "$example"
fi
s3rd=$build_dir/app/s3rd/s3rd
echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the designer cannot open."
echo "Here is what s3rd shows for $example instead."
echo
echo "== s3rd check $example"
"$s3rd" check "$example" || true
echo
echo "== s3rd generate $example (first 60 lines)"
# The output is cut short on purpose: do not let the closed pipe count as a failure.
{ "$s3rd" generate "$example" || true; } | head -n 60 || true
echo
echo "Run '$s3rd --help' for more, or open the designer where a display is available."
