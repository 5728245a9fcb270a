// The one reader from a JS value to the JSON text of a document (a plan, a decomposition or
// pacing spec) and of call options. It refuses, with a code and the JSON pointer of the value,
// what JSON.stringify would drop or change without a word: NaN and ±Infinity (null), functions,
// symbols and undefined in arrays (null or gone), Map, Set, Date and typed arrays ({} or a
// string), cycles, holes; getters and Proxy traps that throw are reported, never let through.
// Limits are checked before the text is built.

/** Limits of the boundary (documented in the package README); the Rust side reads them too. */
export const LIMITS = Object.freeze({
  /** Records in one batch call. */
  records: 100000,
  /** Rows of a sub-table (orders) in one record. */
  rows: 100000,
  /** UTF-16 units of one text value in a record. */
  text: 65536,
  /** UTF-16 units of a document's JSON text. */
  document: 8388608,
  /** Levels of nesting in a document. */
  depth: 64,
});

/** Escapes one JSON-pointer segment (RFC 6901). */
export const pointerSegment = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** How error messages name a JS value's kind: `null`, `array`, `object` (plain objects and class
 *  instances), a `typeof` (`function`, `symbol`…) or a built-in's tag (`Map`, `Date`,
 *  `Uint8Array`…). Never throws (a revoked Proxy, or one whose traps throw, is `unreadable object`). */
export function kindOf(v) {
  if (v === null) return 'null';
  const t = typeof v;
  if (t !== 'object') return t;
  try {
    if (Array.isArray(v)) return 'array';
    const proto = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) return 'object';
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    return tag === 'Object' ? 'object' : tag;
  } catch {
    return 'unreadable object';
  }
}

/** A short description of what a host's getter or Proxy trap threw. */
export function describeThrown(e) {
  try {
    if (e && typeof e === 'object' && typeof e.message === 'string') {
      const name = typeof e.name === 'string' ? e.name : 'Error';
      return `${name}: ${e.message}`.slice(0, 200);
    }
    return String(e).slice(0, 200);
  } catch {
    return 'an exception';
  }
}

/** Not plain data: the careful writer takes the value (see `plainCopy`). */
class NotPlain extends Error {}

/** A copy of `value` made of fresh arrays and objects, each of the value's properties read
 *  once, when the value is plain JSON data that the careful writer of `documentJson` would
 *  write as `JSON.stringify` writes the copy: finite numbers, strings within `textLimit`,
 *  booleans, null, plain objects (keys whose value is `undefined` left out, as both do) and
 *  arrays, nested within the depth limit, its text not obviously past the document limit.
 *  Anything else gives null: holes or `undefined` in arrays, cycles, `__proto__` keys, BigInts,
 *  objects of another kind (a Map, a Date…), a getter or Proxy trap that throws. The writer
 *  then reads the value again and reports where it is not plain (or takes its BigInts). The
 *  writer builds the text piece by piece and was 15 times slower than `JSON.stringify` on a
 *  large document. */
function plainCopy(value, textLimit) {
  let size = 0;
  // The objects and arrays being copied, by depth: a cycle meets one of them again. (An array
  // and a linear search: shallower and faster than a Set on documents, which nest a few levels.)
  const open = [];
  const copy = (v, depth) => {
    switch (typeof v) {
      case 'string':
        if (v.length > textLimit) throw new NotPlain();
        size += v.length + 2;
        return v;
      case 'number':
        if (!Number.isFinite(v)) throw new NotPlain();
        size += 1;
        return v;
      case 'boolean':
        size += 4;
        return v;
      case 'object':
        if (v === null) {
          size += 4;
          return v;
        }
        break;
      default:
        throw new NotPlain();
    }
    if (depth >= LIMITS.depth || size > LIMITS.document) throw new NotPlain();
    for (let i = 0; i < depth; i++) if (open[i] === v) throw new NotPlain();
    open[depth] = v;
    // A revoked Proxy throws here: caught below, as every other throw.
    if (Array.isArray(v)) {
      const length = v.length;
      const out = new Array(length);
      for (let i = 0; i < length; i++) {
        // A hole reads as undefined, which is not plain (the writer names it).
        out[i] = copy(v[i], depth + 1);
        size += 1;
      }
      return out;
    }
    // Plain objects, and class instances (their own keys, as JSON.stringify reads them); not a
    // Map, a Date or another built-in (kindOf names those by their tag).
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null && kindOf(v) !== 'object') throw new NotPlain();
    const out = {};
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (key === '__proto__') throw new NotPlain();
      const item = v[key];
      if (item === undefined) continue;
      out[key] = copy(item, depth + 1);
      size += key.length + 4;
    }
    return out;
  };
  try {
    const out = copy(value, 0);
    return size > LIMITS.document ? null : out;
  } catch {
    // Not plain, or a getter or Proxy trap threw: the writer reads it again and says where.
    return null;
  }
}

class Problem {
  constructor(code, path, found, expected, name) {
    Object.assign(this, { code, path, found, expected, name });
  }
}

/** `[text]`: the JSON text of `value`; or `[null, code, path, found, expected, name]` for the
 *  first value that has no faithful JSON form (`NOT_FINITE`, `INVALID_VALUE`, `TOO_LARGE`) or
 *  whose reading threw (`READ_FAILED`). A string is taken as JSON text already. Keys whose value
 *  is `undefined` are left out, as JSON does; BigInts are written as exact integers. Strings
 *  inside longer than `textLimit` UTF-16 units are `TOO_LARGE` (records: `LIMITS.text`). */
export function documentJson(value, textLimit = Infinity) {
  if (typeof value === 'string') {
    return value.length > LIMITS.document
      ? [null, 'TOO_LARGE', '', `${value.length}`, `${LIMITS.document}`, 'document']
      : [value];
  }
  const plain = plainCopy(value, textLimit);
  if (plain !== null) {
    const text = JSON.stringify(plain);
    if (text.length <= LIMITS.document) return [text];
  }
  return writeDocument(value, textLimit);
}

/** `documentJson` for a value that is not plain JSON data (or whose text is past the limit): the
 *  text written piece by piece, each value checked where it is, with its JSON pointer for the
 *  first that cannot be written. Exported for the test that holds `documentJson` to it. */
export function writeDocument(value, textLimit = Infinity) {
  const parts = [];
  let size = 0;
  const ancestors = new Set();
  const push = (s, path) => {
    size += s.length;
    if (size > LIMITS.document) throw new Problem('TOO_LARGE', path, `> ${LIMITS.document}`, `${LIMITS.document}`, 'document');
    parts.push(s);
  };
  const read = (obj, key, path) => {
    try {
      return obj[key];
    } catch (e) {
      throw new Problem('READ_FAILED', path, describeThrown(e));
    }
  };
  const write = (v, path, depth) => {
    switch (typeof v) {
      case 'string':
        if (v.length > textLimit) throw new Problem('TOO_LARGE', path, `${v.length}`, `${textLimit}`, 'text');
        push(JSON.stringify(v), path);
        return;
      case 'number':
        if (!Number.isFinite(v)) throw new Problem('NOT_FINITE', path, String(v));
        push(String(v), path);
        return;
      case 'boolean':
        push(v ? 'true' : 'false', path);
        return;
      case 'bigint':
        push(v.toString(), path);
        return;
      case 'object':
        if (v === null) {
          push('null', path);
          return;
        }
        break;
      default:
        throw new Problem('INVALID_VALUE', path, typeof v, 'a JSON value');
    }
    if (depth >= LIMITS.depth) throw new Problem('TOO_LARGE', path, `> ${LIMITS.depth}`, `${LIMITS.depth}`, 'nesting');
    const kind = kindOf(v);
    if (kind !== 'array' && kind !== 'object') throw new Problem('INVALID_VALUE', path, kind, 'a JSON value');
    if (ancestors.has(v)) throw new Problem('INVALID_VALUE', path, 'a cycle', 'a JSON value');
    ancestors.add(v);
    if (kind === 'array') writeArray(v, path, depth);
    else writeObject(v, path, depth);
    ancestors.delete(v);
  };
  const writeArray = (v, path, depth) => {
    const length = read(v, 'length', path);
    // Every element takes at least two characters ("0,"): refuse before reading any.
    if (length * 2 > LIMITS.document) throw new Problem('TOO_LARGE', path, `${length}`, `${LIMITS.document / 2}`, 'array');
    push('[', path);
    for (let i = 0; i < length; i++) {
      const at = `${path}/${i}`;
      if (i > 0) push(',', at);
      let present;
      try {
        present = i in v;
      } catch (e) {
        throw new Problem('READ_FAILED', at, describeThrown(e));
      }
      if (!present) throw new Problem('INVALID_VALUE', at, 'an empty slot', 'a JSON value');
      const item = read(v, i, at);
      if (item === undefined) throw new Problem('INVALID_VALUE', at, 'undefined', 'a JSON value');
      write(item, at, depth + 1);
    }
    push(']', path);
  };
  const writeObject = (v, path, depth) => {
    let keys;
    try {
      keys = Object.keys(v);
    } catch (e) {
      throw new Problem('READ_FAILED', path, describeThrown(e));
    }
    push('{', path);
    let first = true;
    for (const key of keys) {
      const at = `${path}/${pointerSegment(key)}`;
      const item = read(v, key, at);
      if (item === undefined) continue;
      if (!first) push(',', at);
      first = false;
      push(JSON.stringify(key), at);
      push(':', at);
      write(item, at, depth + 1);
    }
    push('}', path);
  };
  try {
    write(value, '', 0);
    return [parts.join('')];
  } catch (e) {
    if (e instanceof Problem) return [null, e.code, e.path, e.found ?? '', e.expected ?? '', e.name ?? ''];
    // The host's stack ran out (a structure deeper than the engine's JS can follow).
    return [null, 'TOO_LARGE', '', describeThrown(e), `${LIMITS.depth}`, 'nesting'];
  }
}

/** Reads call options: `[numbers, explain, locale, detail]` as given (undefined when absent), or
 *  `[null, code, path, found, expected, name]`: an unknown key (`INVALID_OPTION`, its name in
 *  `found`), options that are not an object, or a getter that threw. */
export function readOptions(value) {
  if (value === undefined || value === null) return [undefined, undefined, undefined, undefined];
  const kind = kindOf(value);
  if (kind !== 'object') return [null, 'INVALID_OPTION', '', kind, 'an object { numbers, explain, locale, detail }', 'options'];
  try {
    for (const key of Object.keys(value)) {
      if (key !== 'numbers' && key !== 'explain' && key !== 'locale' && key !== 'detail') {
        return [null, 'INVALID_OPTION', `/${pointerSegment(key)}`, key, 'one of numbers, explain, locale, detail', key];
      }
    }
  } catch (e) {
    return [null, 'READ_FAILED', '', describeThrown(e), '', 'options'];
  }
  const out = [];
  for (const key of ['numbers', 'explain', 'locale', 'detail']) {
    try {
      out.push(value[key]);
    } catch (e) {
      return [null, 'READ_FAILED', `/${key}`, describeThrown(e), '', key];
    }
  }
  return out;
}

/** The records of a batch as a plain array (read once, so a Proxy or getter cannot change them
 *  under the engine), or `[null, code, path, found, expected, name]` when `value` is not an array,
 *  is longer than the limit, or reading it threw. Holes read as `undefined`. */
export function batchRecords(value, limit) {
  const kind = kindOf(value);
  if (kind !== 'array') return [null, 'INVALID_VALUE', '', kind, 'an array of records', 'records'];
  try {
    const length = value.length;
    if (length > limit) return [null, 'TOO_LARGE', '', `${length}`, `${limit}`, 'records'];
    const out = new Array(length);
    for (let i = 0; i < length; i++) {
      try {
        out[i] = value[i];
      } catch (e) {
        return [null, 'READ_FAILED', `/${i}`, describeThrown(e), '', 'records'];
      }
    }
    return [out];
  } catch (e) {
    return [null, 'READ_FAILED', '', describeThrown(e), '', 'records'];
  }
}
