#!/usr/bin/env bash
# Proves the README's quick start on a bare Debian 12: builds a minimal bookworm system with
# debootstrap (only Debian's "minbase": no compiler, no Qt, no oneDNN), copies this checkout
# into it, and runs scripts/install-deps.sh, then configures and builds there. A package that a
# development machine happened to have (ocl-icd-opencl-dev was one) fails here first.
#
#   scripts/check-fresh-install.sh [ROOT_DIR] [--full]
#
# ROOT_DIR defaults to a new temporary folder; --full also builds everything and runs the test
# suite (as scripts/test.sh does) instead of configuring and building the engine only.
# Needs root (debootstrap and chroot) and Debian's archive; not part of CI's default run.
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-$(mktemp -d /tmp/attentive-fresh.XXXXXX)}"
full=0
[[ "${2:-}" == "--full" || "${1:-}" == "--full" ]] && full=1
[[ "$root" == "--full" ]] && root="$(mktemp -d /tmp/attentive-fresh.XXXXXX)"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if ! command -v debootstrap >/dev/null; then
  apt-get install -y -qq debootstrap
fi
if [[ ! -x "$root/bin/bash" ]]; then
  echo "== debootstrap bookworm (minbase) into $root"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 ||
    { tail -20 "$root.debootstrap.log"; exit 1; }
fi
echo "== copying the project (tracked files only) and the shared data"
rm -rf "$root/work"
mkdir -p "$root/work/project"
git ls-files -z | xargs -0 cp --parents -t "$root/work/project"
if [[ -d ../shared ]]; then cp -r ../shared "$root/work/shared"; fi
cp /etc/resolv.conf "$root/etc/resolv.conf"

mount_all() {
  mount -t proc proc "$root/proc"
  mount --bind /dev "$root/dev"
  mount --bind /dev/pts "$root/dev/pts"
}
umount_all() { umount -l "$root/dev/pts" "$root/dev" "$root/proc" 2>/dev/null || true; }
trap umount_all EXIT
mount_all

if ((full)); then
  steps='scripts/test.sh'
else
  steps='scripts/install-deps.sh && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release &&
         cmake --build build -j"$(nproc)" --target attentive-cli attentive &&
         build/app/attentive-cli translate -m models/en-fr <<< "The dog runs in the snow."'
fi
echo "== in the fresh system: $steps"
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
  /bin/bash -c "cd /work/project && $steps"
echo "== a fresh Debian 12 builds and runs Attentive with scripts/install-deps.sh alone"
