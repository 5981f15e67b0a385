#!/bin/sh
# Renders the app's pages to docs/screenshots/*.png under a virtual X server.
# Builds nothing: run it after building the `attentive` target.
#   scripts/screenshots.sh [BUILD_DIR] [-- extra attentive options, e.g. --model-folder DIR]
# It uses the models attentive finds (models/ in the source tree, the user's data folder, and
# any --model-folder given), a scratch settings file and a scratch conversation folder.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$here/build"}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
binary="$build/app/attentive"
out="$here/docs/screenshots"

if [ ! -x "$binary" ]; then
    echo "error: $binary not found; build the 'attentive' target first" >&2
    exit 2
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "error: xvfb-run is not installed (apt install xvfb)" >&2
    exit 3
fi

mkdir -p "$out"
# A fixed screen and DPI so the pictures do not depend on the machine that took them.
xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24 -dpi 96" \
    env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR=1 ONEDNN_VERBOSE=0 \
    "$binary" --screenshot-dir "$out" "$@"
ls -l "$out"
