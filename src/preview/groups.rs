//! Which group each rep is in, as a number: the summary sums costs per group over every rep on
//! every edit, and looking each rep's group name up (a pointer chase to its score, then a hash of
//! the name) was most of that sum's time.

use rustc_hash::FxHashMap;

/// Each record's group: an index into the side's group names (in order of first appearance).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Groups {
    /// The groups' names.
    names: Vec<String>,
    /// Per record, its group (none: no group, or not a member of the team).
    of: Vec<Option<u32>>,
}

impl Groups {
    /// The groups of `n` records, `group(i)` giving record `i`'s.
    pub(super) fn new<'a>(n: usize, group: impl Fn(usize) -> Option<&'a str>) -> Groups {
        let mut at: FxHashMap<&str, u32> = FxHashMap::default();
        let mut names = Vec::new();
        let of = (0..n)
            .map(|i| {
                let name = group(i)?;
                let next = u32::try_from(names.len()).ok()?;
                Some(*at.entry(name).or_insert_with(|| {
                    names.push(name.to_string());
                    next
                }))
            })
            .collect();
        Groups { names, of }
    }

    /// The groups' names, by index.
    pub(super) fn names(&self) -> &[String] {
        &self.names
    }

    /// Record `index`'s group.
    pub(super) fn of(&self, index: usize) -> Option<usize> {
        self.of.get(index).copied().flatten().and_then(|g| usize::try_from(g).ok())
    }
}
