//! The distribution of changes as histogram bins of one width, aligned on multiples of the width
//! (so 0 is always a bin edge).

use super::view::{option, MAX_BINS};
use crate::base::checked::{add, div, mul, sub};
use crate::base::error::Result;
use crate::base::number::Dec;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

/// Changes counted by bin.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Histogram {
    /// The width of every bin (none when there is nothing to count).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub width: Option<Dec>,
    /// The bins, lowest first, from the one holding the smallest change to the one holding the
    /// largest.
    pub bins: Vec<Bin>,
}

/// One bin: the changes `c` with `from ≤ c < to`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Bin {
    /// Lower bound (inclusive).
    pub from: Dec,
    /// Upper bound (exclusive).
    pub to: Dec,
    /// How many changes fall in it.
    pub count: usize,
}

/// The histogram of `values` in about `bins` bins, or bins of `width`.
pub(super) fn histogram(values: &[Decimal], bins: usize, width: Option<Decimal>) -> Result<Histogram> {
    let (Some(min), Some(max)) = (values.iter().min().copied(), values.iter().max().copied()) else {
        return Ok(Histogram::default());
    };
    let layout = Layout::new(min, max, bins, width)?;
    let mut counts = vec![0usize; layout.count];
    let on_grid = Grid::of(layout.start, layout.width);
    for v in values {
        let k = match on_grid.and_then(|g| g.bin(*v)) {
            Some(k) => k,
            None => div(sub(*v, layout.start)?, layout.width)?.floor().to_usize().unwrap_or(0),
        };
        let k = k.min(layout.count.saturating_sub(1));
        if let Some(c) = counts.get_mut(k) {
            *c = c.saturating_add(1);
        }
    }
    layout.bins(counts)
}

/// [`histogram`] of values given in ascending order (with anything after each, such as its
/// rep): each bin's count found at its edges by binary search, without reading every value.
pub(super) fn histogram_sorted<T>(sorted: &[(Decimal, T)], bins: usize, width: Option<Decimal>) -> Result<Histogram> {
    let (Some((min, _)), Some((max, _))) = (sorted.first(), sorted.last()) else {
        return Ok(Histogram::default());
    };
    let layout = Layout::new(*min, *max, bins, width)?;
    let mut counts = Vec::with_capacity(layout.count);
    let (mut below, mut edge) = (0_usize, layout.start);
    for k in 1..=layout.count {
        edge = add(edge, layout.width)?;
        // The last bin holds the rest (the values from its lower edge on).
        let upto = if k == layout.count { sorted.len() } else { sorted.partition_point(|(v, _)| *v < edge) };
        counts.push(upto.saturating_sub(below));
        below = upto;
    }
    layout.bins(counts)
}

/// Where the bins of a histogram are: the first one's lower edge, their width and how many.
struct Layout {
    start: Decimal,
    width: Decimal,
    count: usize,
}

impl Layout {
    /// The bins for changes from `min` to `max`: about `bins` of them, or of `width`.
    fn new(min: Decimal, max: Decimal, bins: usize, width: Option<Decimal>) -> Result<Layout> {
        let width = match width {
            Some(w) => w,
            None => round_width(div(sub(max, min)?, Decimal::from(bins.max(1)))?)?,
        };
        let start = mul(div(min, width)?.floor(), width)?;
        let count = div(sub(max, start)?, width)?
            .floor()
            .to_usize()
            .and_then(|c| c.checked_add(1))
            .filter(|c| *c <= MAX_BINS.saturating_add(1))
            .ok_or_else(|| {
                let expected = crate::base::error::Phrase::AWidthGivingAtMost1000Bins;
                option("binWidth", expected, width.to_string(), "/binWidth")
            })?;
        Ok(Layout { start, width, count })
    }

    /// The histogram of bins counting `counts`, lowest first.
    fn bins(&self, counts: Vec<usize>) -> Result<Histogram> {
        let mut out = Vec::with_capacity(counts.len());
        let mut from = self.start;
        for c in counts {
            let to = add(from, self.width)?;
            out.push(Bin { from: Dec(from.normalize()), to: Dec(to.normalize()), count: c });
            from = to;
        }
        Ok(Histogram { width: Some(Dec(self.width.normalize())), bins: out })
    }
}

/// The bins' start and width as integers at one scale: a value at that scale or finer finds its
/// bin by an integer division, exactly as ⌊(value − start) ÷ width⌋.
#[derive(Clone, Copy)]
struct Grid {
    start: i128,
    width: i128,
    scale: u32,
}

impl Grid {
    fn of(start: Decimal, width: Decimal) -> Option<Grid> {
        let scale = start.scale().max(width.scale());
        let grid = Grid { start: at_scale(start, scale)?, width: at_scale(width, scale)?, scale };
        (grid.width > 0).then_some(grid)
    }

    /// The bin of `v` (none when it is below the start or not at the grid's scale or coarser).
    fn bin(self, v: Decimal) -> Option<usize> {
        if v.scale() > self.scale {
            return None;
        }
        let offset = at_scale(v, self.scale)?.checked_sub(self.start)?;
        usize::try_from(offset.checked_div_euclid(self.width)?).ok()
    }
}

/// `d`'s mantissa at the finer `scale`.
fn at_scale(d: Decimal, scale: u32) -> Option<i128> {
    d.mantissa().checked_mul(crate::base::checked::pow10(scale.checked_sub(d.scale())?)?)
}

/// The smallest 1, 2 or 5 × 10ⁿ (at least 0.01) not below `raw`.
fn round_width(raw: Decimal) -> Result<Decimal> {
    let mut power = Decimal::new(1, 2);
    while mul(power, Decimal::TEN)? <= raw {
        power = mul(power, Decimal::TEN)?;
    }
    for step in [Decimal::ONE, Decimal::TWO, Decimal::from(5)] {
        let w = mul(power, step)?;
        if w >= raw {
            return Ok(w);
        }
    }
    mul(power, Decimal::TEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn widths_are_round_and_bins_align_on_them() {
        assert_eq!(round_width(d("0")).unwrap(), d("0.01"));
        assert_eq!(round_width(d("13")).unwrap(), d("20"));
        assert_eq!(round_width(d("20")).unwrap(), d("20"));
        assert_eq!(round_width(d("0.3")).unwrap(), d("0.5"));
        assert_eq!(round_width(d("600")).unwrap(), d("1000"));
        // Changes −150 … 310 in 10 bins: width 50, bins from −150 to 350.
        let h = histogram(&[d("-150"), d("0"), d("0"), d("49.99"), d("310")], 10, None).unwrap();
        assert_eq!(h.width.unwrap().0, d("50"));
        let bins: Vec<(String, usize)> = h.bins.iter().map(|b| (b.from.0.to_string(), b.count)).collect();
        assert_eq!(bins.first().unwrap(), &("-150".to_string(), 1));
        assert_eq!(bins.iter().find(|b| b.0 == "0").unwrap().1, 3);
        assert_eq!(bins.last().unwrap(), &("300".to_string(), 1));
        assert_eq!(h.bins.iter().map(|b| b.count).sum::<usize>(), 5);
        assert_eq!(histogram(&[], 10, None).unwrap(), Histogram::default());
        assert!(histogram(&[d("0"), d("1000")], 10, Some(d("0.01"))).is_err());
    }

    // proptest is a native dev-dependency only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_value_finds_its_bin_by_integers_as_by_division() {
        use proptest::prelude::*;
        // Values within ±5,000 (0 to 3 decimals); widths round (as the engine picks them) or not.
        let value = (-5_000_i64..5_000, 0_u32..4).prop_map(|(m, scale)| Decimal::new(m, scale));
        let width = prop::sample::select(vec![None, Some(d("20")), Some(d("37")), Some(d("12.5")), Some(d("1000"))]);
        proptest!(ProptestConfig::with_cases(500), |(values in prop::collection::vec(value, 1..40), width in width)| {
            let (h, asked) = (histogram(&values, 10, width).unwrap(), width);
            let (start, width) = (h.bins.first().unwrap().from.0, h.width.unwrap().0);
            let last = h.bins.len().saturating_sub(1);
            let mut counts = vec![0_usize; h.bins.len()];
            for v in &values {
                let k = div(sub(*v, start).unwrap(), width).unwrap().floor().to_usize().unwrap_or(0);
                let c = counts.get_mut(k.min(last)).unwrap();
                *c = c.saturating_add(1);
            }
            prop_assert_eq!(h.bins.iter().map(|b| b.count).collect::<Vec<_>>(), counts);
            // Counted at the edges of the values in order, the same bins.
            let mut sorted: Vec<(Decimal, usize)> = values.iter().copied().zip(0..).collect();
            sorted.sort();
            prop_assert_eq!(histogram_sorted(&sorted, 10, asked).unwrap(), h);
        });
        assert_eq!(histogram_sorted::<()>(&[], 10, None).unwrap(), Histogram::default());
    }
}
