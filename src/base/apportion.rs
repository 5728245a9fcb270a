//! Whole head counts from exact shares: the largest remainder method (Hamilton's method), with a
//! deterministic tie-break and protection of the bottom grade.
//!
//! Shares are exact integers in units of `1/denominator` person, so no rounding happens before
//! the apportionment itself:
//!
//! 1. every grade gets the whole part of its share;
//! 2. the people left over (the sum of the fractional parts, always fewer than the number of
//!    grades) go one each to the grades with the largest fractional parts;
//! 3. among equal fractional parts, the grade nearer the middle of the list goes first (rounding
//!    should not create extreme grades when a middle grade has an equal claim), and between two
//!    grades equally near the middle, the better one (earlier in the list);
//! 4. the protected grade (the bottom grade) takes a left-over person only when its fractional
//!    part is **more than one half**. Its seat, if refused, goes to the next grade in the order
//!    above; there always is one (the other fractional parts add up to more than the seats left).
//!
//! A grade with a share of zero never gets anyone, and every count is the whole part of its share
//! or one more, so the counts always add up to exactly `n`.

/// Splits `n` people by exact shares. `shares[i]` is grade `i`'s share in units of
/// `1/denominator` person (so the shares add up to `n × denominator`); `protected` is the index of
/// the grade that takes a rounding seat only for a fractional part above one half.
pub fn largest_remainder(n: usize, shares: &[u128], denominator: u128, protected: Option<usize>) -> Vec<usize> {
    let mut counts: Vec<usize> = shares
        .iter()
        // A whole part never exceeds `n` (each share is at most `n × denominator`).
        .map(|s| s.checked_div(denominator).and_then(|w| usize::try_from(w).ok()).unwrap_or(0))
        .collect();
    let placed = counts.iter().fold(0_usize, |acc, c| acc.saturating_add(*c));
    let left = n.saturating_sub(placed);
    if left == 0 {
        return counts;
    }
    let last = shares.len().saturating_sub(1);
    let mut order: Vec<(usize, u128)> =
        shares.iter().enumerate().map(|(i, s)| (i, s.checked_rem(denominator).unwrap_or(0))).collect();
    // Sort key: eligible first, then larger fractional part, then nearer the middle, then better.
    super::order::sort_by_key(&mut order, |&(i, frac)| {
        let refused = protected == Some(i) && frac.saturating_mul(2) <= denominator;
        (refused, std::cmp::Reverse(frac), i.saturating_mul(2).abs_diff(last), i)
    });
    // `left` is always smaller than the number of grades; `cycle` only makes the total exact even
    // if that were ever not so.
    for &(i, _) in order.iter().cycle().take(left) {
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(1);
        }
    }
    counts
}

/// Splits `n` units by exact shares (`shares[i]` in units of `1/denominator`, adding up to
/// `n × denominator`) by the plain largest remainder method: every part gets the whole part of
/// its share, and the units left over go one each to the largest fractional parts; among equal
/// fractional parts, the smaller `key` goes first. The result does not depend on the order of
/// the parts when the keys do not (target decomposition passes weights and ids). A share of zero
/// gets nothing; every count is the whole part of its share or one more.
pub fn largest_remainder_by_key<K: Ord>(
    n: u128,
    shares: &[u128],
    denominator: u128,
    key: impl Fn(usize) -> K,
) -> Vec<u128> {
    // Each share's whole units and fractional part, in one division (in 64 bits where they fit:
    // a 128-bit division is a library call, and WebAssembly has no 128-bit arithmetic at all).
    let split = |s: u128| match (u64::try_from(s), u64::try_from(denominator)) {
        (Ok(s), Ok(d)) => (s.checked_div(d).map_or(0, u128::from), s.checked_rem(d).map_or(0, u128::from)),
        _ => (s.checked_div(denominator).unwrap_or(0), s.checked_rem(denominator).unwrap_or(0)),
    };
    let mut counts: Vec<u128> = Vec::with_capacity(shares.len());
    let mut order: Vec<(u128, usize)> = Vec::new();
    for (i, s) in shares.iter().enumerate() {
        let (whole, frac) = split(*s);
        counts.push(whole);
        if frac > 0 {
            order.push((frac, i));
        }
    }
    let placed = counts.iter().fold(0_u128, |acc, c| acc.saturating_add(*c));
    let left = usize::try_from(n.saturating_sub(placed)).unwrap_or(usize::MAX);
    if left == 0 {
        return counts;
    }
    // Larger fractional part first, then the smaller key, then the earlier part: a total order,
    // so the first `left` are one set however they are found. The fractional parts add up to
    // `left` whole units and each is below one, so at least `left` parts have one; only those
    // need finding, not the order of the rest.
    let by_claim =
        |a: &(u128, usize), b: &(u128, usize)| b.0.cmp(&a.0).then_with(|| key(a.1).cmp(&key(b.1))).then(a.1.cmp(&b.1));
    super::order::select_first(&mut order, left, by_claim);
    // `cycle` only keeps the total exact if there were ever fewer parts than units left.
    for &(_, i) in order.iter().cycle().take(left) {
        if let Some(c) = counts.get_mut(i) {
            *c = c.saturating_add(1);
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shares for percents (whole numbers) of `n` people, denominator 100.
    fn split(n: usize, percents: &[u128], protected: Option<usize>) -> Vec<usize> {
        let shares: Vec<u128> = percents.iter().map(|p| p.saturating_mul(n as u128)).collect();
        largest_remainder(n, &shares, 100, protected)
    }

    #[test]
    fn sktd_small_teams() {
        let p = [10, 20, 50, 15, 5];
        let bottom = Some(4);
        assert_eq!(split(0, &p, bottom), [0, 0, 0, 0, 0]);
        assert_eq!(split(1, &p, bottom), [0, 0, 1, 0, 0]);
        assert_eq!(split(2, &p, bottom), [0, 1, 1, 0, 0]);
        assert_eq!(split(3, &p, bottom), [0, 1, 2, 0, 0]);
        // .5 / 1 / 2.5 / .75 / .25: C (.75) first, then S and B tie at .5: B is nearer the middle.
        assert_eq!(split(5, &p, bottom), [0, 1, 3, 1, 0]);
        assert_eq!(split(7, &p, bottom), [1, 1, 4, 1, 0]);
        // C and D tie at .5: C is nearer the middle, and D would refuse a half anyway.
        assert_eq!(split(10, &p, bottom), [1, 2, 5, 2, 0]);
        assert_eq!(split(24, &p, bottom), [2, 5, 12, 4, 1]);
        assert_eq!(split(1000, &p, bottom), [100, 200, 500, 150, 50]);
    }

    #[test]
    fn middle_then_better_among_equal_remainders() {
        // Four grades of 25%, two people: all remainders .5; the middle two (A and B) are equally
        // near the middle, so both get one.
        assert_eq!(split(2, &[25, 25, 25, 25], None), [0, 1, 1, 0]);
        // One person: A and B tie on distance, the better one (A) wins.
        assert_eq!(split(1, &[25, 25, 25, 25], None), [0, 1, 0, 0]);
        // Three people over four: middle first, then the better of the two ends.
        assert_eq!(split(3, &[25, 25, 25, 25], None), [1, 1, 1, 0]);
        // Two grades of 50%, one person: equally near the middle, the better wins.
        assert_eq!(split(1, &[50, 50], None), [1, 0]);
    }

    #[test]
    fn the_bottom_grade_refuses_a_half_or_less() {
        // 40 / 30 / 30 of 1 person: .4 / .3 / .3 → S. Protection does not matter.
        assert_eq!(split(1, &[40, 30, 30], Some(2)), [1, 0, 0]);
        // 20 / 35 / 45 of 1: D's .45 is the largest remainder but not above one half: A gets it.
        assert_eq!(split(1, &[20, 35, 45], Some(2)), [0, 1, 0]);
        assert_eq!(split(1, &[20, 35, 45], None), [0, 0, 1]);
        // Above one half, the bottom grade takes its seat.
        assert_eq!(split(1, &[20, 20, 60], Some(2)), [0, 0, 1]);
        // 50 / 50 of 1 with the second protected: a half is not enough.
        assert_eq!(split(1, &[50, 50], Some(1)), [1, 0]);
    }

    #[test]
    fn by_key_breaks_ties_by_key_only() {
        // 10 over three equal shares: 3.33… each, one left over, to the smallest key.
        let shares = [10_u128, 10, 10];
        assert_eq!(largest_remainder_by_key(10, &shares, 3, |i| [2, 0, 1][i]), [3, 4, 3]);
        assert_eq!(largest_remainder_by_key(10, &shares, 3, |i| i), [4, 3, 3]);
        // The largest fractional part wins before any key.
        assert_eq!(largest_remainder_by_key(2, &[1, 3, 0, 4], 4, |i| i), [0, 1, 0, 1]);
    }

    #[test]
    fn zero_shares_never_get_anyone() {
        for n in 0..50 {
            let c = split(n, &[0, 30, 0, 70, 0], Some(3));
            assert_eq!((c[0], c[2], c[4]), (0, 0, 0));
            assert_eq!(c.iter().sum::<usize>(), n);
        }
    }
}
