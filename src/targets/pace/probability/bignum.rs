//! Just enough unsigned big-integer arithmetic for exact probabilities: numbers of a fixed
//! number of 64-bit limbs (least significant first), multiplied by a small factor and added, then
//! printed in decimal.

/// `acc += src × factor`. Returns false when the result does not fit `acc` (it then holds the
/// low limbs), which the caller sizes so that it cannot happen.
pub fn mul_add(acc: &mut [u64], src: &[u64], factor: u64) -> bool {
    if factor == 0 {
        return true;
    }
    let mut carry: u128 = 0;
    for (i, slot) in acc.iter_mut().enumerate() {
        let s = src.get(i).copied().unwrap_or(0);
        if s == 0 && carry == 0 && i >= src.len() {
            return true;
        }
        let wide = u128::from(*slot).wrapping_add(u128::from(s).wrapping_mul(u128::from(factor))).wrapping_add(carry);
        // (2^64 − 1) + (2^64 − 1)² + (2^64 − 1) < 2^128: no wrap happens.
        *slot = wide as u64;
        carry = wide >> 64;
    }
    carry == 0 && src.iter().skip(acc.len()).all(|&l| l == 0)
}

/// A number of any size, least significant limb first.
pub type Big = Vec<u64>;

/// `a × b`.
pub fn mul(a: &[u64], b: &[u64]) -> Big {
    let mut out = vec![0u64; a.len().saturating_add(b.len()).saturating_add(1)];
    for (i, &x) in a.iter().enumerate() {
        if let Some(tail) = out.get_mut(i..) {
            // Cannot overflow: the product of an i-limb shift fits the remaining limbs.
            let _ = mul_add(tail, b, x);
        }
    }
    trim(out)
}

/// `a + b`.
pub fn sum(a: &[u64], b: &[u64]) -> Big {
    let mut out = vec![0u64; a.len().max(b.len()).saturating_add(1)];
    let _ = mul_add(&mut out, a, 1) && mul_add(&mut out, b, 1);
    trim(out)
}

/// `acc += x`, growing `acc` as needed.
pub fn add_to(acc: &mut Big, x: &[u64]) {
    let len = acc.len().max(x.len()).saturating_add(1);
    acc.resize(len, 0);
    let mut carry = false;
    for (i, slot) in acc.iter_mut().enumerate() {
        let y = x.get(i).copied().unwrap_or(0);
        if i >= x.len() && !carry {
            break;
        }
        let (s, c1) = slot.overflowing_add(y);
        let (s, c2) = s.overflowing_add(u64::from(carry));
        *slot = s;
        carry = c1 || c2;
    }
    while acc.len() > 1 && acc.last() == Some(&0) {
        acc.pop();
    }
}

/// `n / d` when `d` (> 0) divides `n` exactly, else `None`.
pub fn exact_quotient(n: &[u64], d: u64) -> Option<Big> {
    let mut q = n.to_vec();
    (d > 0 && div_rem(&mut q, d) == 0).then(|| trim(q))
}

/// `a − b`, or `None` when `b > a`.
pub fn difference(a: &[u64], b: &[u64]) -> Option<Big> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = false;
    for (i, &x) in a.iter().enumerate() {
        let y = b.get(i).copied().unwrap_or(0);
        let (d, b1) = x.overflowing_sub(y);
        let (d, b2) = d.overflowing_sub(u64::from(borrow));
        out.push(d);
        borrow = b1 || b2;
    }
    let rest_zero = b.iter().skip(a.len()).all(|&l| l == 0);
    (!borrow && rest_zero).then(|| trim(out))
}

/// A u128 as limbs.
pub fn from_u128(n: u128) -> Big {
    trim(vec![n as u64, n.checked_shr(64).unwrap_or(0) as u64])
}

fn trim(mut n: Big) -> Big {
    while n.len() > 1 && n.last() == Some(&0) {
        n.pop();
    }
    n
}

/// Divides in place by `divisor` (> 0), returning the remainder.
fn div_rem(n: &mut [u64], divisor: u64) -> u64 {
    let mut rem: u128 = 0;
    let d = u128::from(divisor.max(1));
    for limb in n.iter_mut().rev() {
        let cur = (rem << 64) | u128::from(*limb);
        *limb = cur.checked_div(d).unwrap_or(0) as u64;
        rem = cur.checked_rem(d).unwrap_or(0);
    }
    rem as u64
}

/// The decimal digits of `n` (no leading zeros; `"0"` for zero).
pub fn to_decimal(n: &[u64]) -> String {
    const CHUNK: u64 = 10_000_000_000_000_000_000; // 10^19
    let mut n = n.to_vec();
    let mut chunks = Vec::new();
    while n.iter().any(|&l| l != 0) {
        chunks.push(div_rem(&mut n, CHUNK));
    }
    let mut out = chunks.pop().map_or_else(|| "0".to_string(), |c| c.to_string());
    for c in chunks.iter().rev() {
        out.push_str(&format!("{c:019}"));
    }
    out
}

/// The exact decimal `n / 10^scale`, without trailing zeros (`"0.5184"`, `"1"`, `"0"`).
pub fn to_fraction(n: &[u64], scale: usize) -> String {
    let digits = to_decimal(n);
    let padded = if digits.len() <= scale {
        format!("{}{digits}", "0".repeat(scale.saturating_sub(digits.len()).saturating_add(1)))
    } else {
        digits
    };
    let split = padded.len().saturating_sub(scale);
    let (int, frac) = padded.split_at(split);
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// Limbs enough for a number below 10^digits.
pub fn limbs_for(digits: usize) -> usize {
    // 10^19 < 2^64, so 19 digits fit a limb; one more for the carries of sums.
    digits.div_ceil(19).saturating_add(1)
}

/// 10^exp as a u64 (exp ≤ 19).
pub fn pow10(exp: u32) -> Option<u64> {
    10u64.checked_pow(exp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplies_adds_and_prints() {
        let mut acc = vec![0u64; 3];
        assert!(mul_add(&mut acc, &[u64::MAX], u64::MAX));
        assert_eq!(to_decimal(&acc), "340282366920938463426481119284349108225");
        assert_eq!(to_fraction(&[5184], 4), "0.5184");
        assert_eq!(to_fraction(&[10_000], 4), "1");
        assert_eq!(to_fraction(&[7], 3), "0.007");
        assert_eq!(to_fraction(&[0], 3), "0");
        assert!(!mul_add(&mut [u64::MAX], &[2], 1));
        let big = mul(&[u64::MAX, 7], &[u64::MAX]);
        assert_eq!(difference(&sum(&big, &[5]), &big), Some(vec![5]));
        assert_eq!(difference(&[1], &[2]), None);
        assert_eq!(to_decimal(&from_u128(u128::MAX)), u128::MAX.to_string());
        let mut acc = vec![u64::MAX, u64::MAX];
        add_to(&mut acc, &[1]);
        assert_eq!(acc, vec![0, 0, 1]);
        add_to(&mut acc, &[5, 0, 0, 2]);
        assert_eq!(acc, vec![5, 0, 1, 2]);
        assert_eq!(exact_quotient(&mul(&big, &[12]), 12), Some(big.clone()));
        assert_eq!(exact_quotient(&[13], 12), None);
        assert_eq!(exact_quotient(&[13], 0), None);
    }
}
