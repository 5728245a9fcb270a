// Bulk helpers: one crossing from WebAssembly per record instead of one per field or metric.

/** Copies the fields of `obj` named by `keys` that are numbers into `numbers`, and marks each
 *  field in `kinds`: 0 missing (null or undefined), 1 number, 2 anything else (read on its own).
 *  Returns false, reading nothing, when `obj` is not a plain object. */
export function readNumbers(obj, keys, numbers, kinds) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return false;
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]];
    if (typeof v === 'number') {
      numbers[i] = v;
      kinds[i] = 1;
    } else {
      kinds[i] = v === undefined || v === null ? 0 : 2;
    }
  }
  return true;
}

/** `{ [keys[i]]: numbers[i] }` in key order, where `others` (`[index, value, …]`) replaces the
 *  entries that are not numbers. */
export function buildObject(keys, numbers, others) {
  const out = {};
  for (let i = 0; i < keys.length; i++) out[keys[i]] = numbers[i];
  for (let j = 0; j < others.length; j += 2) out[keys[others[j]]] = others[j + 1];
  return out;
}
