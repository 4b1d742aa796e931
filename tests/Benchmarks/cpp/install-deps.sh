#!/usr/bin/env bash
# Installs (from Debian packages, via apt-get) everything the C++ reference
# server and the h2load benchmark need. Idempotent: does nothing when all
# packages and tools are already present.
set -euo pipefail

PKGS=(libgrpc++-dev protobuf-compiler-grpc protobuf-compiler libprotobuf-dev
      pkg-config cmake g++ make nghttp2-client)

missing=()
for p in "${PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
for t in protoc grpc_cpp_plugin pkg-config g++ h2load; do
  command -v "$t" >/dev/null 2>&1 || { [ ${#missing[@]} -gt 0 ] || missing+=("(tool $t)"); }
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${missing[*]} and not root; run as root" >&2
  exit 1
fi

# Drop the "(tool x)" marker: if only a tool is missing, reinstall the whole set.
real=()
for p in "${missing[@]}"; do [[ "$p" == "("* ]] || real+=("$p"); done
[ ${#real[@]} -gt 0 ] || real=("${PKGS[@]}")

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${real[*]}"
if ! apt-get install -y --no-install-recommends "${real[@]}"; then
  apt-get update
  apt-get install -y --no-install-recommends "${real[@]}"
fi
