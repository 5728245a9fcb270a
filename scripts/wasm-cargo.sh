#!/usr/bin/env bash
# Compiles the crate to WebAssembly as the package ships it:
#   scripts/wasm-cargo.sh OPT_LEVEL TARGET_DIR FEATURES [RUSTFLAGS] [STD_OPT_LEVEL]
# (the .wasm lands in TARGET_DIR/wasm32-unknown-unknown/release/salescore.wasm). Used by
# scripts/build.sh and by the benchmark's size breakdown, so that both compile the same code.
#
# It uses the pinned nightly toolchain of scripts/nightly-toolchain (scripts/setup.sh installs it
# with rust-src), which builds the standard library from source with the crate (`-Zbuild-std`):
# - a panic is an immediate trap (`-Cpanic=immediate-abort`): no panic message, location or
#   formatting machinery is compiled in. There is no panic hook to print one, and the crate's lints
#   forbid panicking at all; a trap is what `panic = "abort"` ended in before.
# - at opt-level "z", std's size-optimised algorithms are chosen (`optimize_for_size`: its sorts,
#   among others), while core, alloc, std and hashbrown are compiled at opt-level 3: at "z" they
#   were 7 KB gzip smaller still but made the form entry 4-6% slower. STD_OPT_LEVEL "z" compiles
#   them at "z" too: the no-WASM builds (wasm2js), where smaller code is also faster code.
# Native builds and every `cargo test`/`clippy` keep the stable toolchain.
set -euo pipefail
cd "$(dirname "$0")/.."
opt=$1 target_dir=$2 features=$3 flags=${4:-} std_opt=${5:-3}
nightly=$(cat scripts/nightly-toolchain)
# Keep this machine's paths out of the artifacts (the crates', and the standard library's sources).
sysroot=$(rustc "+$nightly" --print sysroot)
remap="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=/cargo --remap-path-prefix=$PWD=/salescore"
remap+=" --remap-path-prefix=$sysroot/lib/rustlib/src/rust=/rustc"
std=(-Zbuild-std=std,panic_abort)
if [ "$opt" = z ]; then
  std+=(-Zbuild-std-features=optimize_for_size)
  level=$std_opt; if [ "$level" = z ]; then level='"z"'; fi # a TOML string, 3 a number
  for crate in core alloc std hashbrown; do std+=(--config "profile.release.package.$crate.opt-level=$level"); done
fi
CARGO_TARGET_DIR="$target_dir" CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt" \
  RUSTFLAGS="$flags -Zunstable-options -Cpanic=immediate-abort $remap" \
  cargo "+$nightly" build --quiet --release --lib --target wasm32-unknown-unknown "${std[@]}" \
  --no-default-features --features "$features"
