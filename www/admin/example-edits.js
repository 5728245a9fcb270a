// One-click example edits of the draft: raise a tier rate, move the gate, reweight two
// indicators. Each reads the current draft, says what it would change, and changes just those
// values in the text (the rest of the admin's formatting and edits stay, and Undo reverts it).

import { parseTree } from '../vendor/editor.js';
import { pointerSegments } from './json-position.js';

/** The three edits for `doc` (the parsed draft): `{ id, labelKey, vars, changes: [{ path, value }] } | { id, unavailable }`. */
export function exampleEdits(doc) {
  return [raiseRate(doc), moveGate(doc), reweight(doc)];
}

/** The lowest tier of the last commission rule with tiers (the fallback, paid on most orders). */
function raiseRate(doc) {
  const comps = doc?.incentive?.components ?? [];
  const ci = comps.findIndex((c) => c?.type === 'commission' && Array.isArray(c.rules));
  const rules = comps[ci]?.rules ?? [];
  const ri = rules.findLastIndex((r) => Array.isArray(r?.table?.tiers) && r.table.tiers.length > 1 && isNum(r.table.tiers[0]?.rate));
  if (ri < 0) return { id: 'rate', unavailable: true };
  const rate = Number(rules[ri].table.tiers[0].rate);
  const next = round(rate + 0.005, 6);
  return {
    id: 'rate',
    labelKey: 'editTier',
    vars: { rule: rules[ri].id, n: 1, from: pct(rate), to: pct(next) },
    changes: [{ path: `/incentive/components/${ci}/rules/${ri}/table/tiers/0/rate`, value: next }],
  };
}

/** The gate of the first payout curve, 20 points higher. */
function moveGate(doc) {
  const comps = doc?.incentive?.components ?? [];
  const ci = comps.findIndex((c) => isNum(c?.curve?.gate));
  if (ci < 0) return { id: 'gate', unavailable: true };
  const gate = Number(comps[ci].curve.gate);
  const next = gate + 20;
  return {
    id: 'gate',
    labelKey: 'editGate',
    vars: { c: comps[ci].id, from: gate, to: next },
    changes: [{ path: `/incentive/components/${ci}/curve/gate`, value: next }],
  };
}

/** In the first profile without phases: 5 points from a mid weight to the largest one. */
function reweight(doc) {
  const profiles = doc?.scorecard?.profiles ?? [];
  const pi = Math.max(0, profiles.findIndex((p) => !p?.phases?.length));
  const weights = profiles[pi]?.weights ?? [];
  const ok = weights.map((w, i) => ({ i, w: Number(w?.weight), id: w?.indicator })).filter((w) => Number.isFinite(w.w));
  if (ok.length < 2) return { id: 'weights', unavailable: true };
  const top = ok.reduce((a, b) => (b.w > a.w ? b : a));
  const from = ok.filter((w) => w !== top && w.w >= 10).sort((a, b) => a.w - b.w)[0];
  if (!from) return { id: 'weights', unavailable: true };
  const base = `/scorecard/profiles/${pi}/weights`;
  return {
    id: 'weights',
    labelKey: 'editWeights',
    vars: { p: profiles[pi].id, a: top.id, wa: top.w, wa2: top.w + 5, b: from.id, wb: from.w, wb2: from.w - 5 },
    changes: [
      { path: `${base}/${top.i}/weight`, value: top.w + 5 },
      { path: `${base}/${from.i}/weight`, value: from.w - 5 },
    ],
  };
}

/** The edit as text changes of `text`: `[{ from, to, insert }]`, or null if a path is gone. */
export function textChanges(text, edit) {
  const root = parseTree(text);
  if (!root) return null;
  const out = [];
  for (const { path, value } of edit.changes) {
    let node = root;
    for (const s of pointerSegments(path)) {
      node = node?.type === 'object'
        ? node.children?.find((p) => p.children?.[0]?.value === s)?.children?.[1]
        : node?.children?.[Number(s)];
    }
    if (!node) return null;
    out.push({ from: node.offset, to: node.offset + node.length, insert: JSON.stringify(value) });
  }
  return out;
}

const isNum = (v) => (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
const round = (x, places) => Number(x.toFixed(places));
const pct = (rate) => `${round(rate * 100, 4)}%`;
