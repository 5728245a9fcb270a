//! A side's numbers per rep in flat buffers, record after record: what each rep is paid (with and
//! without the team's pools) and its pool share weights. A changed score splits its pool again
//! over thousands of members and pays each of them again; read from one buffer, that is a sweep
//! over memory, where reading each rep's own small lists was a cache miss per member (in
//! WebAssembly the largest part of a changed record's time).

use rust_decimal::Decimal;

/// What a rep is paid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Paid<'a> {
    /// The statement total.
    pub(super) total: Decimal,
    /// Each component's amount, in plan order.
    pub(super) components: &'a [Decimal],
}

/// `width` values per record, record after record.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Grid<T> {
    cells: Vec<T>,
    width: usize,
}

impl<T: Copy> Grid<T> {
    /// `n` records of `width` values, each `fill`.
    pub(super) fn new(n: usize, width: usize, fill: T) -> Grid<T> {
        Grid { cells: vec![fill; n.saturating_mul(width)], width }
    }

    /// Values per record.
    pub(super) fn width(&self) -> usize {
        self.width
    }

    /// Record `index`'s values.
    pub(super) fn row(&self, index: usize) -> &[T] {
        self.range(index).and_then(|r| self.cells.get(r)).unwrap_or_default()
    }

    /// Record `index`'s values, to be written (none past the last record).
    pub(super) fn row_mut(&mut self, index: usize) -> Option<&mut [T]> {
        let range = self.range(index)?;
        self.cells.get_mut(range)
    }

    /// A record's `values` (as many as the width) inserted at `index` (at most the number of
    /// records).
    pub(super) fn insert(&mut self, index: usize, values: &[T]) {
        let at = index.saturating_mul(self.width).min(self.cells.len());
        self.cells.splice(at..at, values.iter().copied().take(self.width));
    }

    /// Record `index` removed.
    pub(super) fn remove(&mut self, index: usize) {
        if let Some(range) = self.range(index).filter(|r| r.end <= self.cells.len()) {
            self.cells.drain(range);
        }
    }

    /// Where record `index`'s values are.
    fn range(&self, index: usize) -> Option<std::ops::Range<usize>> {
        let from = index.checked_mul(self.width)?;
        Some(from..from.checked_add(self.width)?)
    }
}

/// What every rep is paid: per record its total (none: not paid), and its component amounts.
/// The summary reads them in one sweep, and a rep settled again is written in place.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Payouts {
    totals: Vec<Option<Decimal>>,
    components: Grid<Decimal>,
}

impl Payouts {
    /// Room for `n` records of `width` components, none paid yet.
    pub(super) fn new(n: usize, width: usize) -> Payouts {
        Payouts { totals: vec![None; n], components: Grid::new(n, width, Decimal::ZERO) }
    }

    /// Components per record.
    pub(super) fn width(&self) -> usize {
        self.components.width()
    }

    /// What record `index` is paid.
    pub(super) fn get(&self, index: usize) -> Option<Paid<'_>> {
        let total = (*self.totals.get(index)?)?;
        Some(Paid { total, components: self.components.row(index) })
    }

    /// Record `index`'s total and component amounts, to be written.
    pub(super) fn slot(&mut self, index: usize) -> Option<(&mut Option<Decimal>, &mut [Decimal])> {
        Some((self.totals.get_mut(index)?, self.components.row_mut(index)?))
    }

    /// Record `index` paid as `paid` (its components as many as the width), or not.
    pub(super) fn set(&mut self, index: usize, paid: Option<Paid<'_>>) {
        let Some((total, components)) = self.slot(index) else { return };
        *total = paid.map(|p| p.total);
        if let Some(p) = paid {
            for (c, v) in components.iter_mut().zip(p.components) {
                *c = *v;
            }
        }
    }

    /// A record paid as `paid` inserted at `index`.
    pub(super) fn insert(&mut self, index: usize, paid: Option<Paid<'_>>) {
        let index = index.min(self.totals.len());
        self.totals.insert(index, paid.map(|p| p.total));
        let none = vec![Decimal::ZERO; self.width()];
        self.components.insert(index, paid.map_or(&none[..], |p| p.components));
    }

    /// Record `index` removed.
    pub(super) fn remove(&mut self, index: usize) {
        if index < self.totals.len() {
            self.totals.remove(index);
            self.components.remove(index);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code: a panic is a failed test
    use super::*;

    #[test]
    fn rows_are_inserted_and_removed_in_place() {
        let d = Decimal::from;
        let mut p = Payouts::new(2, 2);
        p.set(0, Some(Paid { total: d(3), components: &[d(1), d(2)] }));
        p.insert(1, Some(Paid { total: d(7), components: &[d(3), d(4)] }));
        assert_eq!(p.get(1), Some(Paid { total: d(7), components: &[d(3), d(4)] }));
        assert_eq!(p.get(2), None);
        p.remove(0);
        assert_eq!(p.get(0), Some(Paid { total: d(7), components: &[d(3), d(4)] }));
        assert_eq!(p.get(1), None);
        assert_eq!(p.slot(2), None);
        let mut w = Grid::new(2, 1, Some(d(1)));
        w.insert(0, &[None]);
        w.remove(2);
        assert_eq!((w.row(0), w.row(1), w.row(2)), (&[None][..], &[Some(d(1))][..], &[][..]));
    }
}
