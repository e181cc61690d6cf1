#!/usr/bin/env bash
# Fuzzes the REST gateway with schemathesis (pinned, in a venv under .tools/) against the
# /openapi.json of an embedded platform started here on a free port with a fresh DATA_DIR:
# at least FUZZ_EXAMPLES (default 100) generated cases per operation, as an app user (JWT,
# the organisation's owner) and as an API key, the finance routes as a finance user, and the
# organisation's routes as a member of each other role (admin, developer, finance, viewer). Checks: no 5xx, every response matching its schema, documented status
# codes and content types. Prints a summary; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCHEMATHESIS_VERSION="4.32.5"
# Newer Hypothesis releases crash describing lambdas on Python 3.11 ("AST constructor recursion depth mismatch").
HYPOTHESIS_VERSION="6.135.0"
EXAMPLES="${FUZZ_EXAMPLES:-100}"
VENV=".tools/schemathesis-venv"
CHECKS="not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"

node_bin="$(bash tools/node/ensure-node24.sh)"
export PATH="$node_bin:$PATH"

if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" \
  || ! "$VENV/bin/python" -c "import hypothesis, sys; sys.exit(hypothesis.__version__ != '$HYPOTHESIS_VERSION')" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" "hypothesis==$HYPOTHESIS_VERSION"
fi

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/fuzz-platform-XXXXXX")"
export DATA_DIR
log="$DATA_DIR/platform.log"
# The platform app as `npm start` runs it, on a free loopback port, writing the jwt-secret the
# `billing token` command signs with into DATA_DIR. Its own process group, so stopping it
# stops tsx's child too.
SERVICE= HOST=127.0.0.1 PORT=0 GRPC_PORT=0 LOG_LEVEL=warn JWT_SECRET= JWT_JWKS_URL= \
  setsid node_modules/.bin/tsx apps/platform/src/main.ts >"$DATA_DIR/platform.out" 2>"$log" &
platform_pid=$!
cleanup() {
  kill -TERM -- "-$platform_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$platform_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$platform_pid" 2>/dev/null || true
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT

url=""
for _ in $(seq 1 300); do
  url="$(sed -n 's/^gateway: \(http:[^ ]*\).*/\1/p' "$DATA_DIR/platform.out" 2>/dev/null | head -1)"
  [ -n "$url" ] && break
  kill -0 "$platform_pid" 2>/dev/null || { cat "$log" >&2; echo "the platform did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the platform did not print its URL" >&2; exit 1; }
echo "platform at $url (DATA_DIR $DATA_DIR)"

token="$(node_modules/.bin/tsx apps/cli/src/main.ts token --account fuzz-account)"
finance_token="$(node_modules/.bin/tsx apps/cli/src/main.ts token --account fuzz-finance --role finance)"
auth=(-H "Authorization: Bearer $token")
api_key="$(curl -sf -X POST "$url/v1/api-keys" "${auth[@]}" -H 'content-type: application/json' -d '{"name":"fuzz"}' | sed -n 's/.*"key":"\([^"]*\)".*/\1/p')"
[ -n "$api_key" ] || { echo "could not create an API key" >&2; exit 1; }
# Credits in both pools, so generated tasks can also succeed.
for pack in app-100000 api-100000; do
  order="$(curl -sf -X POST "$url/v1/orders" "${auth[@]}" -H 'content-type: application/json' -d "{\"kind\":\"pack\",\"pack_id\":\"$pack\"}" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')"
  curl -sf -X POST "$url/v1/orders/$order/confirm-sandbox-payment" "${auth[@]}" >/dev/null
done

# A member of each other role in fuzz-account's organisation: invited, accepted with their own
# token, then a token acting in fuzz-account's organisation.
member_token() {
  local role="$1" user="fuzz-$1" code own
  code="$(curl -sf -X POST "$url/v1/organisation/invitations" "${auth[@]}" -H 'content-type: application/json' \
    -d "{\"email\":\"$user@example.com\",\"role\":\"$role\"}" | sed -n 's/.*"code":"\([^"]*\)".*/\1/p')"
  [ -n "$code" ] || { echo "could not invite a $role" >&2; exit 1; }
  own="$(node_modules/.bin/tsx apps/cli/src/main.ts token --account "$user")"
  curl -sf -X POST "$url/v1/invitations/accept" -H "Authorization: Bearer $own" -H 'content-type: application/json' -d "{\"code\":\"$code\"}" >/dev/null
  node_modules/.bin/tsx apps/cli/src/main.ts token --account "$user" --organisation fuzz-account
}
declare -A member_tokens
for role in viewer finance developer admin; do member_tokens[$role]="$(member_token "$role")"; done

status=0
run() {
  local who="$1"; shift
  echo "::: schemathesis as $who ($EXAMPLES cases per operation)"
  if ! "$VENV/bin/schemathesis" run "$url/openapi.json" --url "$url" --checks "$CHECKS" \
      --max-examples "$EXAMPLES" --phases examples,coverage,fuzzing --workers 2 --seed 20260101 \
      --suppress-health-check all --request-timeout 20 --warnings off "$@"; then
    status=1
  fi
}
run "an app user (JWT)" -H "Authorization: Bearer $token"
run "an API key" -H "Authorization: Bearer $api_key" --exclude-path-regex '^/v1/api-keys'
run "a finance user (JWT, role finance)" -H "Authorization: Bearer $finance_token" --include-path-regex '^/v1/finance/'
# Leaving is fuzzed by the owner (the last owner cannot: 409); a member who left would meet only 403s after.
for role in viewer finance developer admin; do
  run "a member with role $role" -H "Authorization: Bearer ${member_tokens[$role]}" --include-path-regex '^/v1/(organisation|invitations)' --exclude-path-regex '/leave$'
done

if grep -q '"level":"error"' "$log"; then
  echo "the platform logged errors:" >&2
  grep '"level":"error"' "$log" | head -20 >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "::: fuzzing passed" || echo "::: fuzzing FAILED" >&2
exit "$status"
