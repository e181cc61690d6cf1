#!/usr/bin/env bash
# Prints the path of a grpcurl binary, installing it with `go install` into
# <repo>/.tools/go-bin when it is missing. The gRPC e2e spec drives the gateway with it,
# through server reflection only, as an integrator's tool would.
# Usage: bash tools/grpcurl/ensure-grpcurl.sh   (exits 1 when Go is absent)
set -euo pipefail
# Pinned so every machine tests with the same client; GRPCURL_VERSION overrides.
exec bash "$(dirname "${BASH_SOURCE[0]}")/../go/go-install.sh" grpcurl "github.com/fullstorydev/grpcurl/cmd/grpcurl@${GRPCURL_VERSION:-v1.9.3}"
