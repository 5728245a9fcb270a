// Sums of the engine's decimal strings ("47680.63", "-12.5"), exactly: the per-group and
// per-component totals the engine does not give are added here, never as JS numbers.

const parse = (s) => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(s).trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  return { negative: m[1] === '-', int: m[2], frac: m[3] ?? '' };
};

/** a + b for decimal strings; the result has the larger number of decimals of the two. */
export function addDecimal(a, b) {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.frac.length, y.frac.length);
  const big = (d) => (d.negative ? -1n : 1n) * BigInt(d.int + d.frac.padEnd(scale, '0'));
  const sum = big(x) + big(y);
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${int}${scale ? `.${frac}` : ''}`;
}

/** Σ of decimal strings ("0" for none); null and undefined are skipped. */
export const sumDecimals = (values) => values.filter((v) => v !== null && v !== undefined).reduce(addDecimal, '0');
