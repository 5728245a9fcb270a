// The decimal.js set-up a low-code builder would write: ROUND_HALF_UP (四舍五入, halves away
// from zero — the same as the engine's ROUND and its halfUp output rounding). Precision 28
// significant digits mirrors rust_decimal's 96-bit mantissa (28–29 digits), so quotients such as
// 达成率 carry the same precision into later formulas.
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 28, rounding: Decimal.ROUND_HALF_UP });
