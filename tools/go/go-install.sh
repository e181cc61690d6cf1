#!/usr/bin/env bash
# Prints the path of a Go binary in <repo>/.tools/go-bin, installing it with `go install`
# when it is missing. Used by the tools' ensure-*.sh scripts (stripe-mock, grpcurl).
# Usage: bash tools/go/go-install.sh <binary> <module path>@<version>   (exits 1 when Go is absent)
set -euo pipefail

name="$1"
module="$2"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin_dir="$repo/.tools/go-bin"
binary="$bin_dir/$name"

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
  echo "go-install: Go is not installed, so $name cannot be built" >&2
  exit 1
fi

mkdir -p "$bin_dir"
started=$(date +%s)
echo "go-install: installing $module" >&2
GOBIN="$bin_dir" go install "$module" >&2
echo "go-install: $name installed in $(( $(date +%s) - started ))s" >&2
echo "$binary"
