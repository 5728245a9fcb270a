// The error thrown by every salescore call. Fields are stable; `message` is in the requested
// locale and `messages` holds both.
//
// One class per page, whichever entries it loads: each entry (`salescore`, `salescore/targets`,
// `salescore/admin`, in any build) carries a copy of this file, and the first to load registers
// the class under a global symbol that the others then use, so `instanceof SalesScoreError`
// holds for an error from any of them.
const KEY = Symbol.for('salescore.SalesScoreError');

class Defined extends Error {
  constructor(report) {
    super(report.message);
    this.name = 'SalesScoreError';
    this.code = report.code;
    this.path = report.path;
    this.origin = report.origin;
    this.span = report.span ?? null;
    this.hint = report.hint ?? null;
    this.suggestion = report.suggestion ?? null;
    this.detail = report.detail ?? {};
    this.messages = report.messages ?? { [report.locale]: report.message };
  }
}

function shared() {
  try {
    const known = globalThis[KEY];
    if (typeof known === 'function' && known.prototype instanceof Error) return known;
    Object.defineProperty(globalThis, KEY, { value: Defined, configurable: false, enumerable: false, writable: false });
  } catch {
    // A frozen global object: each entry keeps its own class.
  }
  return Defined;
}

export const SalesScoreError = shared();

export function createError(report) {
  return new SalesScoreError(report);
}
