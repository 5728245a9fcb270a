//! Which reps a comparison lists, and in what order: a window of the team sorted by a column of
//! the rep table (only the reps in it are worked out in full), and the reps picked by index.

use super::change::{percent, Delta, Pairing, RepChange};
use super::view::{RepKey, RepSort, View};
use crate::base::arithmetic::Arithmetic;
use crate::base::error::Result;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// A rep's value in the sorted column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key<'a> {
    /// A place: a record index, a grade's place in the plans' grade order, a count.
    Place(usize),
    /// An amount, a score or a percentage.
    Number(Decimal),
    /// An id, a name or a group.
    Text(&'a str),
}

/// The reps `view` lists, in its order, each in full. `deltas`: every rep's numbers, by index
/// (the summary's, read again here rather than worked out again).
pub(super) fn listed(pairing: &Pairing<'_>, deltas: &[Delta], view: &View) -> Result<Vec<RepChange>> {
    let n = pairing.baseline.len();
    if !view.reps || view.from >= n {
        return Ok(Vec::new());
    }
    let end = view.count.map_or(n, |c| view.from.saturating_add(c).min(n));
    let order = match view.sort {
        None => (view.from..end).collect(),
        Some(sort) => first_in_order(pairing, deltas, sort, end)?.into_iter().skip(view.from).collect::<Vec<_>>(),
    };
    order.into_iter().map(|i| pairing.change(i)).collect()
}

/// The reps `view` picks, in the order it names them.
pub(super) fn picked(pairing: &Pairing<'_>, view: &View) -> Result<Vec<RepChange>> {
    view.pick.iter().map(|i| pairing.change(*i)).collect()
}

/// The indices of the first `end` reps in the order `sort`.
fn first_in_order(pairing: &Pairing<'_>, deltas: &[Delta], sort: RepSort, end: usize) -> Result<Vec<usize>> {
    let n = deltas.len();
    let mut keyed = deltas.iter().map(|d| Ok((key(pairing, sort.by, d)?, d.index))).collect::<Result<Vec<_>>>()?;
    let by = |a: &(Option<Key<'_>>, usize), b: &(Option<Key<'_>>, usize)| {
        let values = match (&a.0, &b.0) {
            (Some(x), Some(y)) if sort.descending => y.cmp(x),
            (Some(x), Some(y)) => x.cmp(y),
            // No value: last, either way.
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        values.then(a.1.cmp(&b.1))
    };
    if end < n {
        crate::base::order::select_first(&mut keyed, end, &by);
        keyed.truncate(end);
    }
    crate::base::order::sort_by(&mut keyed, by);
    Ok(keyed.into_iter().map(|(_, i)| i).collect())
}

/// The value in column `by` of the rep whose numbers are `delta` (none: the rep has none).
fn key<'a>(pairing: &Pairing<'a>, by: RepKey, delta: &Delta) -> Result<Option<Key<'a>>> {
    let (baseline, draft, index) = (pairing.baseline, pairing.draft, delta.index);
    // The draft's value, else the baseline's.
    let either = |of: &dyn Fn(&'a super::side::Side) -> Option<Key<'a>>| of(draft).or_else(|| of(baseline));
    let member = || pairing.member(index);
    let change = delta.payouts.and_then(|(b, a)| a.sub_checked(b));
    let grade = |name: Option<&str>| name.map(|g| Key::Place(pairing.grades.place(g)));
    Ok(match by {
        RepKey::Index => Some(Key::Place(index)),
        RepKey::Id => member().map(|m| Key::Text(&m.id)),
        RepKey::Name => member().and_then(|m| m.name.as_deref()).map(Key::Text),
        RepKey::Group => member().and_then(|m| m.group.as_deref()).map(Key::Text),
        RepKey::Score => either(&|s| s.rep(index)?.score.as_deref().map(|s| Key::Number(s.total.0))),
        RepKey::Grade => either(&|s| grade(s.rep(index)?.score.as_deref().map(|s| s.grade.as_str()))),
        RepKey::ForcedGrade => either(&|s| grade(s.member(index)?.forced_grade.as_deref())),
        RepKey::Before => baseline.paid(index).map(|p| Key::Number(p.total)),
        RepKey::After => draft.paid(index).map(|p| Key::Number(p.total)),
        RepKey::Change => change.map(Key::Number),
        RepKey::Percent => match (delta.payouts, change) {
            (Some((b, _)), Some(c)) => percent(c, b)?.map(|p| Key::Number(p.0)),
            _ => None,
        },
        RepKey::ScoreChange => delta.scores.and_then(|(b, a)| a.sub_checked(b)).map(Key::Number),
        RepKey::Crossings if delta.compared => Some(Key::Place(pairing.change(index)?.crossings.len())),
        RepKey::Crossings => None,
    })
}
