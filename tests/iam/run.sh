#!/bin/sh
# Runs one of this folder's node tests. Exit 77 (skipped) only when node or the pinned
# @cloud-copilot/iam-simulate is not installed; scripts/install-deps.sh installs both.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
    echo "SKIP: node is not installed (scripts/install-deps.sh installs it)"
    exit 77
fi
if [ ! -f "$here/node_modules/@cloud-copilot/iam-simulate/package.json" ]; then
    echo "SKIP: $here/node_modules is missing (scripts/install-deps.sh runs npm ci there)"
    exit 77
fi
script=$1
shift
exec node "$here/$script" "$@"
