#!/usr/bin/env bash
# Prints the path of a grpcurl binary, installing it with `go install` into
# <repo>/.tools/go-bin when it is missing. The gRPC e2e spec drives the gateway with it,
# through server reflection only, as an integrator's tool would.
# Usage: bash tools/grpcurl/ensure-grpcurl.sh   (exits 1 when Go is absent)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin_dir="$repo/.tools/go-bin"
binary="$bin_dir/grpcurl"
# Pinned so every machine tests with the same client; GRPCURL_VERSION overrides.
version="${GRPCURL_VERSION:-v1.9.3}"

if [ -x "$binary" ]; then
  echo "$binary"
  exit 0
fi

if ! command -v go > /dev/null 2>&1; then
  for candidate in /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [ -x "$candidate" ]; then PATH="$(dirname "$candidate"):$PATH"; break; fi
  done
fi
if ! command -v go > /dev/null 2>&1; then
  echo "ensure-grpcurl: Go is not installed, so grpcurl cannot be built" >&2
  exit 1
fi

mkdir -p "$bin_dir"
started=$(date +%s)
echo "ensure-grpcurl: installing github.com/fullstorydev/grpcurl/cmd/grpcurl@$version" >&2
GOBIN="$bin_dir" go install "github.com/fullstorydev/grpcurl/cmd/grpcurl@$version" >&2
echo "ensure-grpcurl: installed in $(( $(date +%s) - started ))s" >&2
echo "$binary"
