// Timing: warm up, calibrate a batch of iterations so one sample lasts ~targetMs, then take
// `samples` samples and report the median time per operation (plus min/max and the spread).
// Between samples a full GC runs when one is exposed (Node with --expose-gc), so one sample does
// not pay for the previous one's garbage. No Node imports: the benchmark runs it in Chromium too,
// where there is no GC to call and performance.now() is coarsened (100 µs without cross-origin
// isolation): there, warm-up chunks shorter than 2 ms are not used for calibration, and a sample
// of ~25 ms of back-to-back calls keeps the timer's step under 0.5 %.

const gc = globalThis.gc ?? (() => {});
/** Whether a full GC runs between samples here. */
export const gcAvailable = typeof globalThis.gc === 'function';
/** Chunks shorter than this are below the timer's resolution: 0.05 ms in Node, 2 ms in a browser. */
const MIN_CHUNK_MS = typeof process === 'undefined' ? 2 : 0.05;

export const sink = { value: undefined }; // keeps results alive so nothing is optimised away

/**
 * @param {(i: number) => unknown} fn one operation; `i` is a running counter (use it to rotate
 *   through inputs)
 * @param {{ samples?: number, warmupMs?: number, targetMs?: number, minIters?: number }} [o]
 * @returns {{ medianNs: number, minNs: number, maxNs: number, itersPerSample: number,
 *   samples: number, spreadPct: number }}
 */
export function measure(fn, o = {}) {
  const samples = o.samples ?? 15;
  const warmupMs = o.warmupMs ?? 150;
  const targetMs = o.targetMs ?? 25;
  let i = 0;
  // Warm-up (lets the JIT tier up) in doubling chunks of calls, for at least warmupMs. The
  // per-call estimate is the fastest chunk's, so a stall of the shared machine during warm-up
  // does not shrink every later sample to a handful of calls.
  const w0 = performance.now();
  let perCall = Infinity;
  let chunk = 1;
  do {
    const c0 = performance.now();
    for (let k = 0; k < chunk; k++) sink.value = fn(i++);
    const dt = performance.now() - c0;
    if (dt > MIN_CHUNK_MS) perCall = Math.min(perCall, dt / chunk); // ignore chunks below timer resolution
    if (dt < targetMs) chunk *= 2;
  } while (performance.now() - w0 < warmupMs);
  if (!Number.isFinite(perCall)) perCall = 1e-4;
  const iters = Math.max(o.minIters ?? 1, Math.round(targetMs / perCall));
  const per = [];
  for (let s = 0; s < samples; s++) {
    gc();
    const t0 = performance.now();
    for (let k = 0; k < iters; k++) sink.value = fn(i++);
    per.push(((performance.now() - t0) * 1e6) / iters);
  }
  per.sort((a, b) => a - b);
  const mid = per.length >> 1;
  const medianNs = per.length % 2 ? per[mid] : (per[mid - 1] + per[mid]) / 2;
  const q1 = per[Math.floor((per.length - 1) / 4)];
  const q3 = per[Math.ceil(((per.length - 1) * 3) / 4)];
  return {
    medianNs,
    minNs: per[0],
    maxNs: per[per.length - 1],
    itersPerSample: iters,
    samples,
    spreadPct: medianNs > 0 ? ((q3 - q1) / medianNs) * 100 : 0,
  };
}

/** Times one call once (for cold start-up, which can only happen once per process). */
export async function once(fn) {
  const t0 = performance.now();
  const value = await fn();
  return { ns: (performance.now() - t0) * 1e6, value };
}
