// The error thrown by every salescore call. Fields are stable; `message` is in the requested
// locale and `messages` holds both.
export class SalesScoreError extends Error {
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

export function createError(report) {
  return new SalesScoreError(report);
}
