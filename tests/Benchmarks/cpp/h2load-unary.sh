#!/usr/bin/env bash
# Drives grpc.testing.TestService/UnaryCall on 127.0.0.1:PORT with h2load.
#
# Usage: h2load-unary.sh PORT [DURATION_S=10] [CLIENTS=4] [STREAMS=32]
#   Env: H2LOAD_THREADS (default 1), H2LOAD_WARMUP (seconds, default 0).
#
# Request: one gRPC message, SimpleRequest{response_size: 10,
#   payload: {body: 10 zero bytes}}, hand-encoded below.
# Note: h2load counts any HTTP 200 as success, including gRPC errors carried
# in the grpc-status trailer; the server was checked by hand with nghttp
# (see README.md).
set -euo pipefail

PORT="${1:?usage: h2load-unary.sh PORT [DURATION_S] [CLIENTS] [STREAMS]}"
DURATION="${2:-10}"
CLIENTS="${3:-4}"
STREAMS="${4:-32}"
THREADS="${H2LOAD_THREADS:-1}"
WARMUP="${H2LOAD_WARMUP:-0}"

DATA="$(mktemp "${TMPDIR:-/tmp}/h2load-unary.XXXXXX")"
OUT="$(mktemp "${TMPDIR:-/tmp}/h2load-unary-out.XXXXXX")"
trap 'rm -f "$DATA" "$OUT"' EXIT

# Protobuf SimpleRequest (16 bytes):
#   10 0a              field 2 (response_size), varint 10
#   1a 0c              field 3 (payload), length 12
#     12 0a <10 x 00>  Payload field 2 (body), length 10, ten zero bytes
# gRPC framing in front: 00 (not compressed) + 00 00 00 10 (length 16, BE).
printf '\x00\x00\x00\x00\x10''\x10\x0a''\x1a\x0c''\x12\x0a''\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00' > "$DATA"
[ "$(wc -c < "$DATA")" -eq 21 ] || { echo "bad request file" >&2; exit 1; }

WARM=()
[ "$WARMUP" = 0 ] || WARM=(--warm-up-time="$WARMUP")

# h2load ends by itself after DURATION; timeout is a safety net.
timeout --signal=INT --kill-after=5 "$((DURATION + WARMUP + 30))" \
  h2load -D "$DURATION" "${WARM[@]}" -c "$CLIENTS" -m "$STREAMS" -t "$THREADS" \
    -d "$DATA" \
    -H 'content-type: application/grpc' -H 'te: trailers' \
    "http://127.0.0.1:${PORT}/grpc.testing.TestService/UnaryCall" | tee "$OUT"

awk '
  /^finished in/ { for (i = 1; i <= NF; i++) if ($(i+1) ~ /^req\/s/) rps = $i; sub(/,$/, "", rps) }
  /^requests:/   { for (i = 1; i <= NF; i++) {
                     if ($(i+1) ~ /^succeeded/) ok = $i;
                     if ($(i+1) ~ /^failed/)    bad = $i;
                     if ($(i+1) ~ /^errored/)   err = $i } }
  END { printf "h2load: %s req/s, %s succeeded, %s failed, %s errored\n", rps, ok, bad, err }
' "$OUT"
