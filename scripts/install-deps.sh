#!/usr/bin/env bash
# Installs the Debian 12 packages Attentive builds and runs with, if any is missing.
# Everything comes from Debian's archive: nothing is downloaded from anywhere else.
set -euo pipefail

# Each package is named for what the build itself needs, not for what a development machine
# happened to have: scripts/check-fresh-install.sh builds from a bare Debian 12 to prove it.
packages=(
  build-essential cmake pkg-config
  # oneDNN's CMake package calls find_package(OpenCL) whatever the runtime, and Debian's
  # libdnnl-dev only *recommends* the OpenCL headers, which --no-install-recommends skips.
  libdnnl-dev ocl-icd-opencl-dev
  nlohmann-json3-dev libsentencepiece-dev
  # qt6-base-dev also recommends libqt6opengl6-dev: not listed, as nothing here uses Qt OpenGL;
  # Qt6Gui's CMake files need only the GL headers (libgl-dev). The development VM builds and
  # passes every test without libqt6opengl6-dev installed.
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
  fonts-dejavu-core
  # The PyTorch trainer (train/torch) and its test (tests/torch): Debian's PyTorch (with numpy)
  # and the SentencePiece binding; torchrun comes with python3-torch. Without an optimised BLAS
  # Debian's PyTorch multiplies f32 on the reference BLAS: 70 target tokens a second training
  # the reference shape on a Zen 4, against about 1,000 with OpenBLAS.
  python3-torch python3-sentencepiece libopenblas0-openmp
)
# Needed only to take screenshots (scripts/screenshots.sh).
if [[ "${ATTENTIVE_WITH_XVFB:-0}" == 1 ]]; then packages+=(xvfb xauth); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi
echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
