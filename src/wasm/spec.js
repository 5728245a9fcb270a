// Specs given as objects: JSON text for the core, except that a number JSON has no form for
// (NaN, ±Infinity, which JSON.stringify turns into null) is reported rather than nulled.

const escape = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** `[JSON.stringify(value)]`, or `[text, path, found]` when `value` holds NaN or ±Infinity:
 *  the JSON pointer and `String(n)` of the first one. Only a text with a null in it is searched
 *  (a second stringify, tracking each object's path). Throws what JSON.stringify throws. */
export function specJson(value) {
  const text = JSON.stringify(value);
  if (typeof text !== 'string' || !text.includes('null')) return [text];
  const paths = new Map();
  let first = true;
  let bad;
  JSON.stringify(value, function (key, v) {
    if (bad) return undefined;
    const path = first ? '' : `${paths.get(this)}/${escape(key)}`;
    first = false;
    if (typeof v === 'number' && !Number.isFinite(v)) bad = [text, path, String(v)];
    else if (v !== null && typeof v === 'object') paths.set(v, path);
    return v;
  });
  return bad ?? [text];
}
