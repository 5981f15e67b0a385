#!/usr/bin/env bash
# Quick start: install what is missing, build, and start the app on the shipped models.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
exec ./build/app/attentive "$@"
