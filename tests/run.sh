#!/usr/bin/env bash
# The test command (README.md): installs what the tests need, then runs every test project of the solution.
# Works on a fresh machine that has only the .NET SDK: Debian packages and npm packages come from their registries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Debian packages the tests use: Node.js + npm for the grpc-js interop peer; python3-grpcio and the protobuf
# compilers for the C-core interop peer; PostgreSQL for the
# Indicators store tests, which start their own throwaway server from these binaries (initdb, pg_ctl)
# on a free loopback port. The package may create and start a system cluster on 5432: the tests
# never use it, so it is left alone.
need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
# gRPC C-core (Python bindings) for the second interop peer; its stubs are generated at run time.
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || need+=(python3-grpcio python3-protobuf)
command -v protoc >/dev/null 2>&1 || need+=(protobuf-compiler)
command -v grpc_python_plugin >/dev/null 2>&1 || need+=(protobuf-compiler-grpc)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# kubectl (with its built-in kustomize v5) renders deploy/'s overlays for tests/CyberPledge.Deploy.Tests. The machines
# come with it (the Google Cloud SDK's package), which no package source here provides again; Debian's
# kubernetes-client is kubectl 1.20 with kustomize v2, too old for these overlays, so it is not installed in its place.
command -v kubectl >/dev/null 2>&1 || echo "kubectl is missing: the deploy/ render tests will fail (docs/deploy.md \"What CI checks\")" >&2

# npm packages, exactly as the lock file pins them.
(cd tests/Interop/js && npm ci --no-audit --no-fund --loglevel=error)
# kubernetes-models, which validates the rendered manifests against the Kubernetes API schemas offline.
(cd tests/CyberPledge.Deploy.Tests/js && npm ci --no-audit --no-fund --loglevel=error)

# Every test project; the summary line at the end counts all of them.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test CyberPledge.Mesh.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") failed += $(i+1) + 0
         if ($i == "Passed:") passed += $(i+1) + 0
         if ($i == "Skipped:") skipped += $(i+1) + 0
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"
