// Builds `decompose`'s result from the columns `src/wasm/targets.rs` hands over: one object
// literal per node, the numbers from one Float64Array (or the exact strings of one table), so
// 10,000 nodes are built without walking a generic tape key by key.

const RULES = ['total', 'share', 'locked', 'min', 'max'];
const BASES = ['equal', 'history', 'potential', 'capacity', 'weights', 'blend'];

/** Builds `decompose`'s result: `head` gets `nodes`, one object per node. Per node, `ints` holds
 *  the parent's index + 1 (0 for the root), the depth, flags (rule in the low 3 bits, 8: has a
 *  share, 16: the name is the id) and, explained, what its reasons hold (bits 0–8: base,
 *  availability, ramp, weight, weight share, pool, ideal, rounding, bound; bits 9–11: the basis
 *  + 1; bit 12: a seasonality derived from history, twelve numbers after the bound; from bit 16:
 *  the ramp's length). `values` (a Float64Array, or the strings cut from
 *  `valueText` by `valueLengths` that `valueRefs` refer to) holds per node the amount, the share,
 *  `m` months, `q` quarters, `w` weeks and its reasons' numbers; `text` its id, its name when it
 *  differs and, explained, its sentence, cut by `lengths` (UTF-16 units). `commitments`, when
 *  given, is `[[index, commitment], …]`. */
export function buildDecomposition(head, numbers, ints, text, lengths, valueText, valueLengths, valueRefs, m, q, w, explained, commitments) {
  const strings = new Array(lengths.length);
  for (let i = 0, at = 0; i < lengths.length; i++) {
    const end = at + lengths[i];
    strings[i] = text.slice(at, end);
    at = end;
  }
  let values = numbers;
  if (valueRefs.length) {
    const table = new Array(valueLengths.length);
    for (let i = 0, at = 0; i < valueLengths.length; i++) {
      const end = at + valueLengths[i];
      table[i] = valueText.slice(at, end);
      at = end;
    }
    values = new Array(valueRefs.length);
    for (let i = 0; i < valueRefs.length; i++) values[i] = table[valueRefs[i]];
  }
  const n = ints.length / 4;
  const committed = new Array(n);
  if (commitments) for (const [i, c] of commitments) committed[i] = c;
  const nodes = new Array(n);
  let s = 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const parent = ints[4 * i];
    const flags = ints[4 * i + 2];
    const id = strings[s++];
    const name = flags & 16 ? id : strings[s++];
    const amount = values[v++];
    const share = values[v++];
    const months = new Array(m);
    for (let k = 0; k < m; k++) months[k] = values[v++];
    const quarters = new Array(q);
    for (let k = 0; k < q; k++) quarters[k] = values[v++];
    const node = { id, name, parent: parent === 0 ? null : parent - 1, depth: ints[4 * i + 1], amount, share: flags & 8 ? share : null,
      rule: RULES[flags & 7], months, quarters };
    if (w > 0) {
      const weeks = new Array(w);
      for (let k = 0; k < w; k++) weeks[k] = values[v++];
      node.weeks = weeks;
    }
    if (committed[i]) node.commitment = committed[i];
    if (explained) {
      const has = ints[4 * i + 3];
      const why = {};
      if (has & 0xe00) why.basis = BASES[((has >>> 9) & 7) - 1];
      if (has & 1) why.base = values[v++];
      if (has & 2) why.availability = values[v++];
      if (has & 4) {
        const ramp = new Array(has >>> 16);
        for (let k = 0; k < ramp.length; k++) ramp[k] = values[v++];
        why.ramp = ramp;
      }
      if (has & 8) why.weight = values[v++];
      if (has & 16) why.weightShare = values[v++];
      if (has & 32) why.pool = values[v++];
      if (has & 64) why.ideal = values[v++];
      if (has & 128) why.rounding = values[v++];
      if (has & 256) why.bound = values[v++];
      if (has & 4096) {
        const seasonality = new Array(12);
        for (let k = 0; k < 12; k++) seasonality[k] = values[v++];
        why.seasonality = seasonality;
      }
      node.why = why;
      node.text = strings[s++];
    }
    nodes[i] = node;
  }
  head.nodes = nodes;
  return head;
}
