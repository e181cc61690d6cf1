#!/usr/bin/env bash
# Prints the path of a promtool binary, installing it with `go install` into
# <repo>/.tools/go-bin when it is missing. The metrics e2e spec lints /metrics with
# `promtool check metrics`, as Prometheus's own tooling reads it.
# Usage: bash tools/promtool/ensure-promtool.sh   (exits 1 when Go is absent)
set -euo pipefail
# Pinned; PROMTOOL_VERSION overrides. The module's tags are v0.x for Prometheus 3.x.
exec bash "$(dirname "${BASH_SOURCE[0]}")/../go/go-install.sh" promtool "github.com/prometheus/prometheus/cmd/promtool@${PROMTOOL_VERSION:-v0.316.0}"
