// How the engine's scorecard results are compared with the decimal.js peer's
// (bench/peer/scorecard.mjs). No Node imports: the benchmark runs it in Chromium too.

/** The first difference between two JSON-like values: { path, engine, peer }, or null. */
export function firstDiff(engine, peer, path = '') {
  if (Object.is(engine, peer)) return null;
  const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(engine) !== kind(peer) || (kind(engine) !== 'object' && kind(engine) !== 'array')) {
    return { path: path || '/', engine, peer };
  }
  if (kind(engine) === 'array' && engine.length !== peer.length) {
    const i = Math.min(engine.length, peer.length);
    return { path: `${path}/${i} (length ${engine.length} vs ${peer.length})`, engine: engine[i], peer: peer[i] };
  }
  const keys = new Set([...Object.keys(engine), ...Object.keys(peer)]);
  for (const k of keys) {
    const d = firstDiff(engine[k], peer[k], `${path}/${k}`);
    if (d) return d;
  }
  return null;
}

/** The engine's evaluate result in the peer's shape. */
export function engineRep(e) {
  const s = e.score;
  return {
    metrics: e.metrics,
    total: s.total,
    grade: s.grade,
    coefficient: s.coefficient,
    indicators: s.indicators.map((l) => ({ id: l.id, points: l.points, weighted: l.weighted })),
    points: {
      period: s.points.period,
      experience: s.points.experience,
      level: s.points.level,
      badges: s.points.badges,
    },
  };
}

/** The engine's team summary in the peer's shape (`vetoed` is left out by the engine when false). */
export function engineTeam(t) {
  return {
    members: t.members.map((m) => ({
      id: m.id,
      group: m.group,
      total: m.total,
      grade: m.grade,
      rank: m.rank,
      denseRank: m.denseRank,
      forcedGrade: m.forcedGrade,
      vetoed: m.vetoed === true,
    })),
    aggregates: t.aggregates,
    groups: t.groups,
    pk: t.pk,
    leaderboard: t.leaderboard,
  };
}

