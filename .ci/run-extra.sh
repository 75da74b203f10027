#!/usr/bin/env bash
# CI beyond `npm test`, called by .ci/run after `npm ci` and `npm test`.
# Works on a fresh machine with only Node 20, npm, python3 and git: it installs
# Debian's chromium (idempotent), and the runtimes (Node 20/22/24/26, Bun,
# Deno) come from the npm registry into .tmp/runtimes on first use.
#   1. the Python tests on a bare machine: empty HOME, PATH holding only node
#      and a python3 older than 3.12 (the recorded CPython answers stand in)
#   2. after `npm test`'s one fetching run: what it fetches is all in .tmp/,
#      and the tests that use it pass with the npm registry unreachable
#   3. npm run check:package   publint + attw on the packed tarball, package.json
#      rules, and a clean clone packed (prepack builds) and imported
#   4. npm run test:runtimes   the smoke suite on every runtime and in Chromium
#   5. npm run docs:check      typedoc (warnings are errors) + link check + Chromium render
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
step() { echo; echo "== $* ($((SECONDS - started))s)"; }

step "the Python tests with an empty HOME and only node and python3 on PATH"
bare=$(mktemp -d)
trap 'rm -rf "$bare"' EXIT
mkdir "$bare/bin" "$bare/home"
ln -s "$(command -v node)" "$bare/bin/node"
# The system's python3 (Debian 12: 3.11), not a pyenv shim that needs HOME.
python=/usr/bin/python3
if [ ! -x "$python" ]; then python=$(command -v python3); fi
ln -s "$python" "$bare/bin/python3"
echo "python3 there: $("$bare/bin/python3" --version)"
env -i HOME="$bare/home" PATH="$bare/bin" node node_modules/vitest/vitest.mjs run \
  test/differential/differential.test.ts test/differential/groups.test.ts test/examples/teaching.test.ts

step "a second run needs no registry (npm_config_registry: a closed port on 127.0.0.1)"
no_registry=(env npm_config_registry=http://127.0.0.1:9/)
"${no_registry[@]}" node scripts/test-fetches.mjs
"${no_registry[@]}" node node_modules/vitest/vitest.mjs run test/package/load.test.ts test/package/globals.test.ts

step "chromium (Debian's package, for playwright-core)"
if [ ! -x /usr/bin/chromium ]; then
  as_root=()
  if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq >/dev/null
  "${as_root[@]}" apt-get install -y -qq chromium >/dev/null
fi
/usr/bin/chromium --version 2>/dev/null

step "npm run check:package"
npm run --silent check:package

step "npm run test:runtimes"
npm run --silent test:runtimes

step "npm run docs:check"
npm run --silent docs:check

step "done"
