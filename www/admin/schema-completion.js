// Completion in the plan editor from the package's JSON Schema (plan.schema.json): the keys an
// object may have (with their descriptions), the values a key may take (enums, booleans), and
// inside a formula or a reference, the ids the plan declares (fields, metrics, indicators,
// components). A CompletionSource for @codemirror/autocomplete.

import { getLocation, parseJsonc } from '../vendor/editor.js';

/** A completion source over `schema` (its `$ref`s point into `definitions`). */
export function schemaCompletion(schema) {
  return (context) => {
    const text = context.state.doc.toString();
    const pos = context.pos;
    const loc = getLocation(text, pos);
    const token = tokenBefore(text, pos);
    const parse = (t) => parseJsonc(t, [], { allowTrailingComma: true }) ?? {};
    if (loc.isAtPropertyKey) {
      // The object as it is without the key being typed (and the quote closing it): a half-typed
      // key would end the parse there and hide the keys after it, offered again as if missing.
      const end = token.quoted && text[pos] === '"' ? pos + 1 : pos;
      const doc = parse(text.slice(0, token.from) + text.slice(end));
      return keyOptions(schema, doc, loc.path.slice(0, -1), token, context, text);
    }
    return valueOptions(schema, parse(text), loc.path, token, context);
  };
}

/** The word being typed: from an opening quote (kept in the range) or a word start. */
function tokenBefore(text, pos) {
  const line = text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos);
  const m = /"((?:[^"\\]|\\.)*)$/.exec(line);
  if (m && (line.slice(0, m.index).match(/"/g)?.length ?? 0) % 2 === 0) {
    const inner = /[\p{L}\p{N}_.]*$/u.exec(m[1])[0];
    return { from: pos - m[0].length, quoted: true, inner, innerFrom: pos - inner.length };
  }
  const w = /[\p{L}\p{N}_.-]*$/u.exec(line)[0];
  return { from: pos - w.length, quoted: false, inner: w, innerFrom: pos - w.length };
}

function keyOptions(schema, doc, path, token, context, text) {
  const here = valueAt(doc, path);
  const present = new Set(here && typeof here === 'object' ? Object.keys(here) : []);
  const candidates = pick(schemasAt(schema, doc, path), here);
  const seen = new Map();
  for (const c of candidates) {
    const required = new Set(c.required ?? []);
    for (const [name, prop] of Object.entries(c.properties ?? {})) {
      if (present.has(name) && name !== token.inner) continue;
      if (!seen.has(name)) seen.set(name, { prop: deref(schema, prop), required: required.has(name) });
    }
  }
  if (!seen.size) return null;
  const after = text.slice(context.pos).match(/^[^"\n]*"?\s*(:?)/);
  const hasColon = Boolean(after?.[1]);
  const options = [...seen].map(([name, { prop, required }]) => ({
    label: name,
    type: 'property',
    detail: typeLabel(schema, prop) + (required ? ' *' : ''),
    info: prop.description,
    boost: required ? 1 : 0,
    apply: (view, _c, from, to) => {
      // The typed word starts after the opening quote; the key replaces both quotes too.
      const start = token.quoted ? from - 1 : from;
      const end = token.quoted && view.state.doc.sliceString(to, to + 1) === '"' ? to + 1 : to;
      const insert = `"${name}"${hasColon ? '' : ': '}`;
      view.dispatch({ changes: { from: start, to: end, insert }, selection: { anchor: start + insert.length } });
    },
  }));
  return { from: token.quoted ? token.from + 1 : token.from, options, validFor: /^[\p{L}\p{N}_]*$/u };
}

function valueOptions(schema, doc, path, token, context) {
  const candidates = schemasAt(schema, doc, path);
  if (token.quoted) {
    const ids = idsFor(doc, path, candidates);
    if (ids.length) {
      const options = ids.map(({ id, kind }) => ({ label: id, type: 'variable', detail: kind }));
      return { from: token.innerFrom, options, validFor: /^[\p{L}\p{N}_]*$/u };
    }
  }
  const options = unique(candidates.flatMap((c) => valueChoices(c, token)));
  if (!options.length || (!context.explicit && !token.inner && !token.quoted)) return null;
  return { from: token.from, options };
}

/** The literal values a schema allows: its enum (strings replace the quoted token), booleans. */
function valueChoices(c, token) {
  const apply = (label) => (view, _c, from, to) => {
    const end = token.quoted && view.state.doc.sliceString(to, to + 1) === '"' ? to + 1 : to;
    view.dispatch({ changes: { from, to: end, insert: label }, selection: { anchor: from + label.length } });
  };
  const literal = (v, type) => ({ label: JSON.stringify(v), type, info: c.description, apply: apply(JSON.stringify(v)) });
  const out = (c.enum ?? []).map((v) => literal(v, 'enum'));
  if (c.const !== undefined) out.push(literal(c.const, 'enum'));
  if (hasType(c, 'boolean')) out.push(literal(true, 'keyword'), literal(false, 'keyword'));
  return out;
}

/** The ids a string value may name here: what a formula reads, or the indicator/component ids. */
function idsFor(doc, path, candidates) {
  const key = path[path.length - 1];
  const list = (xs, kind) => (Array.isArray(xs) ? xs.filter((x) => typeof x?.id === 'string').map((x) => ({ id: x.id, kind })) : []);
  if (key === 'indicator') return list(doc.scorecard?.indicators, 'indicator');
  if (key === 'actualFrom') return list(doc.incentive?.components, 'component');
  const formula = candidates.some((c) => /formula/i.test(c.description ?? '')) || ['actual', 'target', 'when', 'formula'].includes(key);
  return formula ? [...list(doc.fields, 'field'), ...list(doc.metrics, 'metric')] : [];
}

// ------------------------------------------------------------------------------------------
// Walking the schema along a path

function deref(root, s) {
  let out = s;
  for (let i = 0; out?.$ref && i < 32; i++) out = root.definitions?.[out.$ref.replace('#/definitions/', '')] ?? {};
  return out ?? {};
}

/** The alternatives a schema allows (allOf/anyOf/oneOf flattened, null dropped). */
function alternatives(root, s) {
  const d = deref(root, s);
  const parts = [...(d.allOf ?? []), ...(d.anyOf ?? []), ...(d.oneOf ?? [])];
  if (!parts.length) return [d];
  const own = { ...d };
  delete own.allOf;
  delete own.anyOf;
  delete own.oneOf;
  const rest = parts.flatMap((p) => alternatives(root, p)).filter((p) => !(p.type === 'null'));
  return [...(own.properties || own.items || own.enum ? [own] : []), ...rest.map((p) => ({ description: own.description, ...p }))];
}

/** Tagged variants (`type: "commission"`…) narrowed by the value the document has. */
function pick(candidates, value) {
  const tag = value && typeof value === 'object' ? value.type : undefined;
  if (typeof tag !== 'string') return candidates;
  const matching = candidates.filter((c) => c.properties?.type?.enum?.includes(tag));
  return matching.length ? matching : candidates;
}

function schemasAt(root, doc, path) {
  let candidates = alternatives(root, root);
  let value = doc;
  for (const segment of path) {
    candidates = pick(candidates, value);
    const next = [];
    for (const c of candidates) {
      const sub = typeof segment === 'number' ? c.items : c.properties?.[segment] ?? (typeof c.additionalProperties === 'object' ? c.additionalProperties : undefined);
      if (sub) next.push(...alternatives(root, sub));
    }
    candidates = next;
    value = value?.[segment];
  }
  return pick(candidates, value);
}

function valueAt(doc, path) {
  let v = doc;
  for (const s of path) v = v?.[s];
  return v;
}

const hasType = (c, t) => c.type === t || (Array.isArray(c.type) && c.type.includes(t));

function typeLabel(root, prop) {
  const names = new Set();
  for (const a of alternatives(root, prop)) {
    if (a.enum) names.add(a.enum.map((v) => JSON.stringify(v)).join(' | '));
    else if (a.type) [].concat(a.type).filter((t) => t !== 'null').forEach((t) => names.add(t));
    else if (a.properties) names.add('object');
  }
  return [...names].join(' | ');
}

function unique(options) {
  const seen = new Set();
  return options.filter((o) => !seen.has(o.label) && seen.add(o.label));
}
