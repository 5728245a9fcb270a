#!/usr/bin/env bash
# Builds every entry of the package (salescore, salescore/targets, salescore/admin) in every
# flavour into pkg/: web glue + .wasm (browser ESM, bundlers, Node), the same with the .wasm
# inlined (ESM + IIFE), and a no-WASM build (wasm2js) as ESM + IIFE. See HOSTS in the README for
# which host uses which.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/bin:$PWD/node_modules/.bin:$PATH"

# The admin page's editor, charts and spreadsheet readers, bundled from npm (a second; not part
# of pkg/, so it runs whether or not the package is rebuilt).
echo "== www/vendor/ (CodeMirror, Chart.js, papaparse, read-excel-file for the admin page)"
esbuild scripts/vendor/editor.mjs scripts/vendor/charts.mjs scripts/vendor/sheets.mjs \
  --bundle --format=esm --minify --legal-comments=eof --log-level=warning --outdir=www/vendor

# What pkg/ is made from, in two steps, each skipped when its inputs did not change since it last
# ran (FORCE=1 runs both), so `./run demo` on a built checkout serves in seconds and a change to the
# package's JS (pkg-template/, the assembler) re-assembles in a minute or two (zopfli deflates the one-file builds) without rebuilding the wasm:
# the WebAssembly builds and schemas in build/ from the Rust sources, then pkg/ from build/ and the
# package's template.
# The tools count too: binaryen's wasm-opt and wasm2js (npm), wasm-bindgen (.tools), and both
# Rust toolchains (the stamp's rustc versions).
WASM_INPUTS=(src examples Cargo.toml Cargo.lock scripts/build.sh scripts/wasm-cargo.sh scripts/nightly-toolchain node_modules/binaryen/package.json .tools/bin/wasm-pack.stamp)
PKG_INPUTS=(pkg-template scripts/assemble.mjs scripts/entries.mjs scripts/cli package-lock.json LICENSE-MIT LICENSE-APACHE)
WASM_STAMP_FILE=build/.wasm-stamp
STAMP_FILE=pkg/.build-stamp
stamp() {
  { find "$@" -type f -print0 2>/dev/null | sort -z | xargs -0 sha256sum; rustc --version; rustc "+$(cat scripts/nightly-toolchain)" --version; } | sha256sum | cut -d' ' -f1
}
# Taken before building: a source edited during the build leaves a stamp that no longer matches.
WASM_STAMP="$(stamp "${WASM_INPUTS[@]}")"
SOURCES_STAMP="$(stamp "${WASM_INPUTS[@]}" "${PKG_INPUTS[@]}")"
if [ -z "${FORCE:-}" ] && [ -f "$STAMP_FILE" ] && [ "$(cat "$STAMP_FILE")" = "$SOURCES_STAMP" ]; then
  echo "== pkg/ is up to date with its sources (FORCE=1 rebuilds)"
  exit 0
fi
if [ -z "${FORCE:-}" ] && [ -f "$WASM_STAMP_FILE" ] && [ "$(cat "$WASM_STAMP_FILE")" = "$WASM_STAMP" ]; then
  echo "== build/ is up to date with the Rust sources: only assembling pkg/ (FORCE=1 rebuilds)"
  node scripts/assemble.mjs
  echo "$SOURCES_STAMP" > "$STAMP_FILE"
  exit 0
fi
rm -f "$WASM_STAMP_FILE"

# One WebAssembly module per entry of the package, each with only the exports it needs (cargo
# features, see Cargo.toml): `form` (salescore), `targets` (salescore/targets), `admin`
# (salescore/admin). Each is built twice: for WebAssembly, and for wasm2js (the no-WASM builds).
#
# The form entry is what every form page downloads, and it evaluates one record at a time, where
# microseconds do not show: it is optimised for size (opt-level "z", wasm-opt -Oz; 1.5-1.8x slower
# than opt-level 3, 17% less gzip). The targets and admin entries run the team-scale work (10,000
# leaves, the whole team under two plans on every edit): opt-level 3 and wasm-opt -O3. Each level
# has its own target dir, so that its compiled dependencies stay cached.
ENTRIES=(form targets admin)
declare -A OPT=([form]=z [targets]=3 [admin]=3)
FEATURES="--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals"
WASM_FEATURES="$FEATURES --enable-reference-types --enable-multivalue"
# What wasm-opt may assume of every module, whatever the level:
# - the low 1 KB of memory is never addressed by wrapping around (Rust lays out no object there:
#   its stack starts at 1 MB and grows down), so a pointer plus a constant folds into the load's or
#   store's offset (--low-memory-unused; Emscripten assumes the same): 3.2 KB gzip less on the form
#   entry's .wasm;
# - the producers and target-features sections are read by no host (--strip-*, after
#   wasm-bindgen, which reads the latter).
ASSUME="--low-memory-unused"
STRIP="--strip-producers --strip-target-features"
# At "z", -Oz again until the module stops shrinking (--converge): 0.6 KB gzip less.
declare -A LEVEL=([z]="-Oz --converge" [3]="-O3")
# Every .wasm is compiled by scripts/wasm-cargo.sh: a pinned nightly toolchain that compiles the
# standard library with the crate, so that a panic is a bare trap and, at "z", std's own code is
# optimised for size too (the script says how and why).
for entry in "${ENTRIES[@]}"; do
  opt=${OPT[$entry]}
  echo "== wasm: $entry (web target, opt-level $opt)"
  target_dir=target/wasm-$opt
  # The builds optimised for size ("z", and every no-WASM build below) allocate with talc instead
  # of dlmalloc: smaller there, larger at 3 (the `talc` feature in Cargo.toml).
  alloc=; if [ "$opt" = z ]; then alloc=,talc; fi
  scripts/wasm-cargo.sh "$opt" "$target_dir" "$entry$alloc"
  wasm-bindgen "$target_dir/wasm32-unknown-unknown/release/salescore.wasm" --target web --out-dir "build/$entry/web" --out-name salescore
  wasm-opt "build/$entry/web/salescore_bg.wasm" ${LEVEL[$opt]} $ASSUME $STRIP $WASM_FEATURES -o "build/$entry/web/salescore_bg.wasm"

  echo "== wasm: $entry for wasm2js (MVP features, bundler target)"
  # A separate target dir keeps the two RUSTFLAGS from invalidating each other's cache. The
  # target_features section still declares features wasm-bindgen reads (it would emit an externref
  # table that wasm2js rejects), so that section is stripped.
  # wasm2js turns WebAssembly into JavaScript; there, size-optimised code also runs faster, so
  # the standard library is compiled at "z" too (the last argument; the .wasm builds keep it at 3).
  scripts/wasm-cargo.sh z target/mvp "$entry,talc" "-C target-cpu=mvp" z
  mvp="build/$entry/mvp"
  mkdir -p "$mvp"
  wasm-opt target/mvp/wasm32-unknown-unknown/release/salescore.wasm $FEATURES --strip-target-features -o "$mvp/raw.wasm"
  wasm-bindgen "$mvp/raw.wasm" --out-dir "$mvp" --out-name salescore --target bundler
  wasm-opt "$mvp/salescore_bg.wasm" -Oz $ASSUME $FEATURES -o "$mvp/salescore_bg.opt.wasm"
  # -Oz: 0.4 KB gzip less than -O for the form entry, whose no-WASM build is at its 400 KB budget.
  wasm2js "$mvp/salescore_bg.opt.wasm" -Oz $FEATURES -o "$mvp/salescore_bg.wasm.js"
done

echo "== JSON Schemas (plan, decomposition spec, pacing spec)"
for name in plan decompose pace; do
  cargo run --quiet --features schema --example "${name}_schema" > "build/${name}.schema.json"
done

echo "$WASM_STAMP" > "$WASM_STAMP_FILE"

echo "== assemble pkg/"
node scripts/assemble.mjs
echo "$SOURCES_STAMP" > "$STAMP_FILE"
