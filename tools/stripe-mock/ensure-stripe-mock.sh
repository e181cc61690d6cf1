#!/usr/bin/env bash
# Prints the path of a stripe-mock binary, installing it with `go install` into
# <repo>/.tools/go-bin when it is missing. The Stripe adapter's int spec needs it.
# Usage: bash tools/stripe-mock/ensure-stripe-mock.sh   (exits 1 when Go is absent)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bin_dir="$repo/.tools/go-bin"
binary="$bin_dir/stripe-mock"
# Pinned so every machine tests against the same mock; STRIPE_MOCK_VERSION overrides.
version="${STRIPE_MOCK_VERSION:-v0.203.0}"

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
  echo "ensure-stripe-mock: Go is not installed, so stripe-mock cannot be built" >&2
  exit 1
fi

mkdir -p "$bin_dir"
started=$(date +%s)
echo "ensure-stripe-mock: installing github.com/stripe/stripe-mock@$version" >&2
GOBIN="$bin_dir" go install "github.com/stripe/stripe-mock@$version" >&2
echo "ensure-stripe-mock: installed in $(( $(date +%s) - started ))s" >&2
echo "$binary"
