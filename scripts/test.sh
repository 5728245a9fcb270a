#!/usr/bin/env bash
# Every test, in order of cost. Called by `./run test` (after set-up) and by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PWD/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

step() { printf '\n== %s\n' "$*"; }

step "format and lints"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --lib --tests --target wasm32-unknown-unknown -- -D warnings
# Each entry's WebAssembly build alone (cargo features, as scripts/build.sh builds them).
for entry in form targets admin; do
  cargo clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features --features "$entry,talc" -- -D warnings
done

step "native tests (unit, golden data, snapshots, properties, doctests)"
cargo test --quiet

step "build every package entry and flavour"
scripts/build.sh

step "sizes: every import within its gzip budget"
node scripts/check-sizes.mjs

step "wasm-bindgen tests in Node"
wasm-pack test --node --test wasm

step "wasm-bindgen tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome --test wasm

step "TypeScript types of the package"
tsc -p tests/types/tsconfig.json

step "JS suite over every build (Node, Chromium, strict CSP), READMEs, schema, playground"
node --test --test-concurrency=1 tests/js/*.test.mjs

echo
echo "all tests passed"
