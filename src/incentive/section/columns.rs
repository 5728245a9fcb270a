//! The columns of the transactions (子表) the section reads, fixed when the plan is compiled: the
//! amount first, then the optional ones the plan names, with each one's place.

use super::document::TransactionsDef;
use crate::formula::record::FieldNames;

/// Most columns one row is read by: amount, collected, id, product, customer type, splits.
pub(super) const MOST: usize = 6;

/// Where each optional column is among the columns read.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Cols {
    pub(super) collected: Option<usize>,
    pub(super) id: Option<usize>,
    pub(super) product: Option<usize>,
    pub(super) customer_type: Option<usize>,
    pub(super) splits: Option<usize>,
}

/// The columns read, by place, and where the optional ones are.
#[derive(Clone, Debug, Default)]
pub(super) struct Columns {
    pub(super) names: FieldNames,
    pub(super) cols: Cols,
}

impl Columns {
    /// The columns of `t`.
    pub(super) fn of(t: &TransactionsDef) -> Columns {
        let mut names = vec![t.amount.clone()];
        let mut at = |c: &Option<String>| {
            c.as_ref().map(|c| {
                names.push(c.clone());
                names.len().saturating_sub(1)
            })
        };
        let cols = Cols {
            collected: at(&t.collected),
            id: at(&t.id),
            product: at(&t.product),
            customer_type: at(&t.customer_type),
            splits: at(&t.splits),
        };
        Columns { names: FieldNames::new(names), cols }
    }

    /// The names, by place.
    pub(super) fn list(&self) -> Vec<&str> {
        (0..self.names.len()).map(|k| self.names.name(k)).collect()
    }
}
