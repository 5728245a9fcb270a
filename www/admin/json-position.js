// Where a JSON pointer (the `path` of a SalesScoreError or a diagnostic) is in the plan's text:
// the value's range, or its key for an object or an array, or the nearest enclosing node that
// exists. A formula error's `span` (UTF-16 units of the formula) lands inside its string, through
// the string's escapes. JSON syntax errors come from jsonc-parser with their offset.

import { parseTree, parseJsonc } from '../vendor/editor.js';
import { pointerSegments } from '../page.js';

export { pointerSegments };

function child(node, segment) {
  if (node.type === 'object') {
    const prop = node.children?.find((p) => p.children?.[0]?.value === segment);
    return prop?.children?.[1];
  }
  if (node.type === 'array' && /^\d+$/.test(segment)) return node.children?.[Number(segment)];
  return undefined;
}

/**
 * The text range of `pointer` in `text`: `{ from, to, exact }`, `exact` false when the pointer
 * goes past what the text has (the nearest ancestor is marked). Null when the text is not JSON
 * enough to have a tree.
 */
export function rangeOfPointer(text, pointer, { span, key } = {}) {
  const root = parseTree(text, [], { allowTrailingComma: true });
  if (!root) return null;
  let node = root;
  let exact = true;
  for (const segment of pointerSegments(pointer)) {
    const next = child(node, segment);
    if (!next) {
      exact = false;
      break;
    }
    node = next;
  }
  const named = key ? (keyOf(node, key) ?? findKey(node, key)) : null;
  if (named) return rangeOf(named, exact);
  if (span && node.type === 'string') return spanInString(text, node, span, exact);
  return markFor(text, node, exact);
}

/** The key of the member `node` is the value of, when that key is `key` (an unknown key's
 *  pointer names the member itself). */
function keyOf(node, key) {
  const prop = node.parent?.type === 'property' ? node.parent.children?.[0] : null;
  return prop?.value === key ? prop : null;
}

/** The key node `key` in `node` or below it, nearest first (an unknown key may sit deeper than the path). */
function findKey(node, key) {
  const queue = [node];
  while (queue.length) {
    const n = queue.shift();
    for (const c of n.children ?? []) {
      if (c.type === 'property' && c.children?.[0]?.value === key) return c.children[0];
      queue.push(c);
    }
  }
  return null;
}

const rangeOf = (node, exact) => ({ from: node.offset, to: node.offset + node.length, exact });

/** A scalar is marked whole; an object or array by its key, or by its first line. */
function markFor(text, node, exact) {
  if (node.type !== 'object' && node.type !== 'array') return rangeOf(node, exact);
  const prop = node.parent?.type === 'property' ? node.parent.children?.[0] : null;
  if (prop) return rangeOf(prop, exact);
  const eol = text.indexOf('\n', node.offset);
  const to = Math.min(node.offset + node.length, eol < 0 ? text.length : eol);
  return { from: node.offset, to: Math.max(to, node.offset + 1), exact };
}

/** The span of a formula (decoded units) inside its JSON string literal (raw text). */
function spanInString(text, node, span, exact) {
  const start = node.offset + 1;
  const end = node.offset + node.length - 1;
  const at = (units) => {
    let raw = start;
    for (let u = 0; u < units && raw < end; u++) raw += text[raw] === '\\' ? (text[raw + 1] === 'u' ? 6 : 2) : 1;
    return raw;
  };
  const from = at(span.start);
  // An empty span at the very end ("ends too early") marks the last character and the quote.
  if (from >= end) return { from: Math.max(start, end - 1), to: end + 1, exact };
  return { from, to: Math.max(at(span.end), from + 1), exact };
}

/** The range of the first JSON syntax error of `text`: `{ from, to }`, or null. */
export function syntaxError(text) {
  const errors = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  const e = errors[0];
  if (!e) return null;
  const from = Math.min(e.offset, text.length);
  return { from, to: Math.min(text.length, from + Math.max(e.length, 1)) };
}

/** 1-based line of an offset. */
export function lineOf(text, offset) {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
