#!/usr/bin/env bash
# The fresh-machine test: clone this commit into an empty folder, install with an empty
# npm cache (so nothing this machine downloaded before helps), and check that the lock
# is accepted by `npm ci` and left unchanged.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
git clone --quiet --no-local "$root" "$work/clone"
export npm_config_cache="$work/npm-cache"
if (cd "$work/clone" && bash tools/install/deps.sh >"$work/install.log" 2>&1) \
  && (cd "$work/clone" && git diff --exit-code --stat -- package-lock.json); then
  echo "fresh clone: npm ci accepted the lock with an empty cache; lock unchanged"
  echo "1 passed, 0 failed"
else
  tail -30 "$work/install.log" >&2
  echo "fresh clone: install failed or changed the lock"
  echo "0 passed, 1 failed"
  exit 1
fi
