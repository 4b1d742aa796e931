#!/usr/bin/env bash
# Installs, from Debian packages via apt-get, what the C++ reference server
# (build.sh) and the benchmark (h2load-unary.sh) need. Idempotent: exits at
# once when every package and tool is already present.
set -euo pipefail

PKGS=(libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
      pkg-config g++ nghttp2-client)
TOOLS=(protoc grpc_cpp_plugin pkg-config g++ h2load nghttp)

missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
tools_ok=1
for t in "${TOOLS[@]}"; do command -v "$t" >/dev/null 2>&1 || tools_ok=0; done

if [ ${#missing[@]} -eq 0 ] && [ $tools_ok -eq 1 ]; then
  echo "install-deps: all present"
  exit 0
fi
# Packages say installed but a tool is gone: reinstall the whole set.
[ ${#missing[@]} -gt 0 ] || missing=("${PKGS[@]}")

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: need root to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
if ! apt-get install -y --no-install-recommends "${missing[@]}"; then
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
