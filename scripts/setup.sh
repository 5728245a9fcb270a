#!/usr/bin/env bash
# Installs what building and testing need, skipping whatever is already there.
# Tools go to .tools/ (ignored by git) so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
WASM_PACK_VERSION=0.15.1
export PATH="$PWD/.tools/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
  step "rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The .wasm builds use a pinned nightly that compiles the standard library with the crate
# (scripts/wasm-cargo.sh says why); it needs only its own rust-src, no wasm32 target of its own.
NIGHTLY=$(cat scripts/nightly-toolchain)
if ! rustup run "$NIGHTLY" rustc --version >/dev/null 2>&1 || [ ! -d "$(rustc "+$NIGHTLY" --print sysroot)/lib/rustlib/src/rust/library" ]; then
  step "rust toolchain $NIGHTLY with rust-src (for the .wasm builds)"
  rustup toolchain install "$NIGHTLY" --profile minimal --component rust-src
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes, once)"
  cargo install --root .tools wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

if [ "$(wasm-pack --version 2>/dev/null)" != "wasm-pack $WASM_PACK_VERSION" ]; then
  step "wasm-pack $WASM_PACK_VERSION (several minutes, once)"
  cargo install --root .tools wasm-pack --version "=$WASM_PACK_VERSION" --locked
fi

if [ ! -x node_modules/.bin/esbuild ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  step "chromium and chromedriver (Debian packages)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
fi
echo "setup: ok"
