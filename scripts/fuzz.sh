#!/usr/bin/env bash
# Fuzzes the core with cargo-fuzz (libFuzzer): each target of fuzz/fuzz_targets in turn, one
# process at a time, for SECONDS each (default 600). Called by `./run fuzz [SECONDS] [TARGET…]`.
#
# The corpus grows in fuzz/corpus/<target> (seeded from fuzz/seeds/<target>, which is never
# written); a crash, timeout or out-of-memory input lands in fuzz/artifacts/<target>/ with the
# run's log (last-run.log). Minimise it with `cargo fuzz tmin`, copy it to
# tests/data/fuzz-crashers/<target>/ (the tests replay every file there), then fix the core.
#
# FUZZ_RUNS=N stops each target after N executions instead (SECONDS is then only a ceiling), so a
# run on a busy machine still reaches a count: `FUZZ_RUNS=2000000 ./run fuzz 36000 plan`.
#
# FUZZ_SANITIZER=address runs under AddressSanitizer (about 6× slower; the crate has no unsafe
# code, so the default is none). FUZZ_TIMEOUT is the seconds one input may take (default 10).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(formula plan record compare decompose pace)
# cargo-fuzz passes `-Z` flags to rustc; the pinned toolchain is stable, so allow them.
export RUSTC_BOOTSTRAP=1
flags=(-O --debug-assertions -s "${FUZZ_SANITIZER:-none}")

# Longest input per target: formulas up to the engine's limits, JSON with room for the seeds
# (the sample plan is 10 KB) to grow.
max_len() {
  case "$1" in
    formula) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

cargo fuzz build "${flags[@]}"
status=0
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/artifacts/$t/last-run.log"
  # The crashers found so far run first, with the seeds (they must not crash any more).
  seeds=("fuzz/seeds/$t")
  [ ! -d "tests/data/fuzz-crashers/$t" ] || seeds+=("tests/data/fuzz-crashers/$t")
  start=$SECONDS
  if cargo fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -max_len="$(max_len "$t")" -timeout="${FUZZ_TIMEOUT:-10}" \
    -rss_limit_mb=2048 -dict="fuzz/dicts/$t.dict" -artifact_prefix="fuzz/artifacts/$t/" \
    -print_final_stats=1 >"$log" 2>&1; then
    verdict="no crash"
  else
    verdict="FAILED: $(grep -m1 -E '^(==[0-9]+== ?ERROR|ERROR|SUMMARY|thread .* panicked)' "$log" || echo 'see the log'); input: $(grep -o -m1 "fuzz/artifacts/$t/[a-z]*-[0-9a-f]*" "$log" || echo '?')"
    status=1
  fi
  figure() { grep -o -m1 "$1: *[0-9]*" "$log" | grep -o '[0-9]*$' || echo '?'; }
  printf '%-10s %12s executions in %ss, %s/s, slowest input %ss, corpus %s files: %s\n' "$t" \
    "$(figure number_of_executed_units)" "$((SECONDS - start))" "$(figure average_exec_per_sec)" "$(figure slowest_unit_time_sec)" \
    "$(find "fuzz/corpus/$t" -type f | wc -l)" "$verdict"
done
exit "$status"
