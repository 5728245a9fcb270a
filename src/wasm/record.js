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

/** Names (struct field and enum variant names) the tapes refer to, kept for the instance: each
 *  crosses once, and keys reused across calls stay fast property keys. */
const NAMES = [];

const slices = (text, lengths, out) => {
  for (let i = 0, at = 0; i < lengths.length; i++) {
    const end = at + lengths[i];
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
};

/** Rebuilds a value from the tape written by `tape.rs`: `words` are opcodes (low 3 bits) with
 *  an operand, `numbers` the numbers in order, `text` the call's strings concatenated and
 *  `lengths` their lengths; `newNames`/`newNameLengths` extend the name table, which held
 *  `known` names before. Gives what `JSON.parse` of the same value as JSON would. */
export function buildValue(words, numbers, text, lengths, newNames, newNameLengths, known) {
  if (NAMES.length !== known) throw new Error(`salescore: name table out of step (${NAMES.length} ≠ ${known})`);
  slices(newNames, newNameLengths, NAMES);
  const strings = slices(text, lengths, []);
  let w = 0;
  let n = 0;
  const value = () => {
    const word = words[w++];
    const operand = word >>> 3;
    switch (word & 7) {
      case 0: return null;
      case 1: return true;
      case 2: return false;
      case 3: return numbers[n++];
      case 4: return strings[operand];
      case 5: {
        const out = [];
        for (let k = 0; k < operand; k++) out.push(value());
        return out;
      }
      case 6: {
        const out = {};
        for (let k = 0; k < operand; k++) {
          const kw = words[w++];
          const key = kw & 1 ? NAMES[kw >>> 1] : strings[kw >>> 1];
          const v = value();
          // JSON.parse makes "__proto__" an own property; an assignment would set the prototype.
          if (key === '__proto__') Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
          else out[key] = v;
        }
        return out;
      }
      default: return NAMES[operand];
    }
  };
  return value();
}
