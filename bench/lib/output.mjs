// The output benchmark's workloads and timing (bench/output.mjs), the same in Node and in
// Chromium: no Node imports. Each build is a module of wasm-bindgen's web glue, loaded and
// initialised by the caller.

/** The workloads: [name, the path the package takes today, (lib, data) → one call]. `data` is
 *  { plan, team, metricsPlan, records, spec }: the sample plan with its incentive section, the
 *  generated 10,000-rep team, the metrics-only fixture plan and its 10,000 records, and the
 *  10,000-leaf decomposition spec. */
export const WORKLOADS = [
  ['evaluateTeam 10k', 'tape', (lib, d) => {
    const plan = lib.Plan.compile(d.plan);
    return () => plan.evaluateTeam(d.team, undefined);
  }],
  ['evaluateTeam 1k explained', 'tape', (lib, d) => {
    const plan = lib.Plan.compile(d.plan);
    const team = d.team.slice(0, 1000);
    return () => plan.evaluateTeam(team, { explain: true });
  }],
  ['evaluateMany 10k', 'tape', (lib, d) => {
    const plan = lib.Plan.compile(d.plan);
    return () => plan.evaluateMany(d.team, undefined);
  }],
  ['evaluate', 'tape', (lib, d) => {
    const plan = lib.Plan.compile(d.plan);
    let i = 0;
    return () => plan.evaluate(d.team[i++ % 64], undefined);
  }],
  ['evaluate explained', 'tape', (lib, d) => {
    const plan = lib.Plan.compile(d.plan);
    let i = 0;
    return () => plan.evaluate(d.team[i++ % 64], { explain: true });
  }],
  ['metrics-only evaluate', 'metrics', (lib, d) => {
    const plan = lib.Plan.compile(d.metricsPlan);
    let i = 0;
    return () => plan.evaluate(d.records[i++ % 64], undefined);
  }],
  ['metrics-only evaluateMany 10k', 'metrics', (lib, d) => {
    const plan = lib.Plan.compile(d.metricsPlan);
    return () => plan.evaluateMany(d.records, undefined);
  }],
  ['decompose 10k', 'columns', (lib, d) => () => lib.decompose(d.spec, undefined)],
  ['decompose 10k explained', 'columns', (lib, d) => () => lib.decompose(d.spec, { explain: true })],
  ['decompose 10k strings', 'columns', (lib, d) => () => lib.decompose(d.spec, { numbers: 'string' })],
];

/** Where `a` and `b` first differ, strictly (`Object.is` on leaves, the same prototypes, the same
 *  own keys in the same order), or null. */
export function difference(a, b, path = '') {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return `${path || '/'}: ${String(a)} vs ${String(b)}`;
  }
  // Each build has its own SalesScoreError class: errors must be of classes of the same name.
  const pa = Object.getPrototypeOf(a);
  const pb = Object.getPrototypeOf(b);
  const sameClass = pa === pb || (a instanceof Error && b instanceof Error && pa.constructor.name === pb.constructor.name);
  if (!sameClass) return `${path || '/'}: different prototypes`;
  if (a instanceof Error && (a.message !== b.message || a.name !== b.name)) return `${path || '/'}: ${a.message} vs ${b.message}`;
  const ka = Reflect.ownKeys(a);
  const kb = Reflect.ownKeys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) {
    return `${path || '/'}: keys [${ka.map(String).join(', ')}] vs [${kb.map(String).join(', ')}]`;
  }
  for (const k of ka) {
    if (k === 'stack' && a instanceof Error) continue; // names each build's files
    const d = difference(a[k], b[k], `${path}/${String(k)}`);
    if (d) return d;
  }
  return null;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Checks that every build gives the same values, then times each workload on every build,
 * samples alternating between builds (the order rotating), each sample ≈ `targetMs` of
 * back-to-back calls. Returns { [workload]: { path, [build]: { medianNs, minNs, maxNs, iters,
 * paired } } } (`paired`: the median of the sample-by-sample ratios to the first build), or
 * throws on the first difference.
 * @param {{ name: string, lib: object }[]} builds
 */
export function run(builds, data, { samples = 11, targetMs = 40, now, gc = () => {}, log = () => {}, only } = {}) {
  const out = {};
  for (const [name, path, make] of WORKLOADS) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const fns = builds.map((b) => make(b.lib, data));
    // Same values from every build (each call checked once, on the same inputs).
    const first = fns.map((f) => f());
    for (let k = 1; k < builds.length; k++) {
      const d = difference(first[0], first[k]);
      if (d) throw new Error(`${name}: ${builds[0].name} and ${builds[k].name} differ at ${d}`);
    }
    // Warm-up and calibration: doubling chunks of calls until one lasts 20 ms (timers in
    // browsers are coarse), per build.
    const per = fns.map((f) => {
      for (let n = 1; ; n *= 2) {
        const t0 = now();
        for (let i = 0; i < n; i++) f();
        const dt = now() - t0;
        if (dt >= 20 || n >= 1 << 20) return dt / n;
      }
    });
    const iters = Math.max(1, Math.round(targetMs / Math.max(...per)));
    const times = fns.map(() => []);
    for (let s = 0; s < samples; s++) {
      for (let j = 0; j < fns.length; j++) {
        const k = (j + s) % fns.length;
        gc();
        const t0 = now();
        for (let i = 0; i < iters; i++) first[k] = fns[k]();
        times[k].push(((now() - t0) * 1e6) / iters);
      }
    }
    out[name] = { path };
    builds.forEach((b, k) => {
      // Against the first build, sample by sample (taken one after the other, so a change of
      // the machine's load between samples touches both alike).
      const paired = median(times[k].map((t, s) => t / times[0][s]));
      out[name][b.name] = { medianNs: median(times[k]), minNs: Math.min(...times[k]), maxNs: Math.max(...times[k]), iters, paired };
    });
    log(`${name}: ${builds.map((b) => `${b.name} ${(out[name][b.name].medianNs / 1e6).toFixed(3)} ms`).join(', ')}`);
  }
  return out;
}
