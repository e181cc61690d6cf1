#!/usr/bin/env bash
# Installs the dependencies exactly as package-lock.json lists them. The lock carries every
# platform's optional binaries, so `npm ci` accepts it on any machine; if npm refuses it,
# the lock is out of date with package.json: this fails loudly and never rewrites it.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! npm ci --no-audit --no-fund; then
  echo "npm ci refused package-lock.json: it is out of date with package.json." >&2
  echo "Run 'npm install' on a machine that reaches the registry and commit the lock." >&2
  exit 1
fi
git diff --quiet -- package-lock.json 2>/dev/null || { echo "npm ci changed package-lock.json" >&2; git diff --stat -- package-lock.json >&2; exit 1; }
