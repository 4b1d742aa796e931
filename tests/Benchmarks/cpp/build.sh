#!/usr/bin/env bash
# Builds bench_server from the project's protos with the Debian packages
# (protoc + grpc_cpp_plugin + pkg-config grpc++ protobuf).
#
# Usage: build.sh [BUILD_DIR]
#   BUILD_DIR defaults to $CPP_BENCH_BUILD_DIR, else ${TMPDIR:-/tmp}/cyberpledge-bench-cpp.
#   The binary ends up at BUILD_DIR/bench_server (path printed on the last line).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
PROTO_ROOT="$REPO/protos"
OUT="${1:-${CPP_BENCH_BUILD_DIR:-${TMPDIR:-/tmp}/cyberpledge-bench-cpp}}"
GEN="$OUT/gen"
mkdir -p "$GEN"

PROTOS=(grpc/testing/empty.proto grpc/testing/messages.proto grpc/testing/test.proto)

protoc -I "$PROTO_ROOT" --cpp_out="$GEN" "${PROTOS[@]/#/$PROTO_ROOT/}"
protoc -I "$PROTO_ROOT" --grpc_out="$GEN" \
  --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" \
  "$PROTO_ROOT/grpc/testing/test.proto"

SRCS=("$HERE/bench_server.cc"
      "$GEN/grpc/testing/empty.pb.cc"
      "$GEN/grpc/testing/messages.pb.cc"
      "$GEN/grpc/testing/test.pb.cc"
      "$GEN/grpc/testing/test.grpc.pb.cc")

# shellcheck disable=SC2046
g++ -std=c++17 -O2 -DNDEBUG -pthread -I "$GEN" \
  $(pkg-config --cflags grpc++ protobuf) \
  "${SRCS[@]}" -o "$OUT/bench_server" \
  $(pkg-config --libs grpc++ protobuf)

echo "$OUT/bench_server"
