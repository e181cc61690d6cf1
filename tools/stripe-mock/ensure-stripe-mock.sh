#!/usr/bin/env bash
# Prints the path of a stripe-mock binary, installing it with `go install` into
# <repo>/.tools/go-bin when it is missing. The Stripe adapter's int spec needs it.
# Usage: bash tools/stripe-mock/ensure-stripe-mock.sh   (exits 1 when Go is absent)
set -euo pipefail
# Pinned so every machine tests against the same mock; STRIPE_MOCK_VERSION overrides.
exec bash "$(dirname "${BASH_SOURCE[0]}")/../go/go-install.sh" stripe-mock "github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION:-v0.203.0}"
