//! One stable sort for the whole crate.
//!
//! `slice::sort_by` is generic over the item type and the comparator, so every call site with its
//! own closure gets its own copy of the standard library's sort (several kilobytes of `.wasm`
//! each: about a tenth of the targets module's code was sorts). Here the sort itself runs once, on
//! indices, with the comparator behind `dyn`; what stays generic per call site is a short
//! permutation. The order is exactly `sort_by`'s: stable, ties keep their places.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `slice::sort_by` would.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = {
        let all = &*items;
        sorted_indices(all.len(), &mut |a, b| match (all.get(a), all.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(items, order);
}

/// Runs at most this long are sorted in place by [`sort_few_by`].
const FEW: usize = 24;

/// Sorts `items` stably by `compare`, as [`sort_by`] does, in place when there are a few (an
/// insertion sort: no allocation, for the many short runs of equal totals a tie-break orders).
pub fn sort_few_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() > FEW {
        return sort_by(items, compare);
    }
    for i in 1..items.len() {
        let mut j = i;
        // Moved back past every item it must go before (not past an equal one: stable).
        while let Some(k) = j.checked_sub(1) {
            match (items.get(k), items.get(j)) {
                (Some(a), Some(b)) if compare(a, b) == Ordering::Greater => items.swap(k, j),
                _ => break,
            }
            j = k;
        }
    }
}

/// Sorts `items` stably by a key, as `slice::sort_by_key` would.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, as `slice::sort` would.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Moves the first `k` items in the order `compare` (a total order) to the front, in no
/// particular order, the others after them, as `slice::select_nth_unstable_by(k, …)` does: for
/// the top `k` of many without sorting them all.
pub fn select_first<T>(items: &mut [T], k: usize, mut compare: impl FnMut(&T, &T) -> Ordering) {
    if k >= items.len() {
        return;
    }
    let order = {
        let all = &*items;
        selected_indices(all.len(), k, &mut |a, b| match (all.get(a), all.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(items, order);
}

/// `0..len` with the first `k` by `compare` in front (the one instance of the standard selection).
fn selected_indices(len: usize, k: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    if k < len {
        order.select_nth_unstable_by(k, |&a, &b| compare(a, b));
    }
    order
}

/// `0..len`, stably sorted by `compare` (the one instance of the standard sort).
fn sorted_indices(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `i` holds the item that was at `order[i]`, following each
/// cycle of the permutation with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

// proptest is a native dev-dependency only.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn as_sort_by(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = items.clone();
            let mut std_sorted = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }

        /// A few or many, the same order as the standard library's stable sort, ties included.
        #[test]
        fn sort_few_by_as_sort_by(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..40)) {
            let mut ours = items.clone();
            let mut std_sorted = items.clone();
            sort_few_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std_sorted.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std_sorted);
        }

        /// The same first `k` as sorting them all and taking `k`.
        #[test]
        fn select_first_as_sorting(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..200), k in 0usize..220) {
            let mut ours: Vec<(usize, (u8, u16))> = items.iter().copied().enumerate().collect();
            let by = |a: &(usize, (u8, u16)), b: &(usize, (u8, u16))| a.1 .0.cmp(&b.1 .0).then(a.0.cmp(&b.0));
            select_first(&mut ours, k, by);
            let mut sorted: Vec<(usize, (u8, u16))> = items.iter().copied().enumerate().collect();
            sorted.sort_by(by);
            let mut front: Vec<_> = ours.into_iter().take(k).collect();
            front.sort_by(by);
            prop_assert_eq!(front, sorted.into_iter().take(k).collect::<Vec<_>>());
        }

        #[test]
        fn as_sort_by_key_and_sort(items in proptest::collection::vec(any::<i32>(), 0..100)) {
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |x| std::cmp::Reverse(*x / 7));
            let mut expected = items.clone();
            expected.sort_by_key(|x| std::cmp::Reverse(*x / 7));
            prop_assert_eq!(by_key, expected);
            let mut plain = items.clone();
            sort(&mut plain);
            let mut expected = items;
            expected.sort();
            prop_assert_eq!(plain, expected);
        }
    }
}
