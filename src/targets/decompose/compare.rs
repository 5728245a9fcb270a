//! Bottom-up commitments against the top-down amounts: per node the committed amount (its own,
//! or its children's sum), the gap, the coverage of its target and its share of the parent's
//! commitment.

use super::document::NodeSpec;
use super::result::{Commitment, CommitmentSource};
use super::tree::Tree;
use crate::base::arithmetic::Arithmetic;
use crate::base::checked::{overflow, sum};
use crate::base::error::Result;
use crate::base::number::{Dec, Rounding, RoundingStrategy};
use rust_decimal::Decimal;

const PERCENT: Rounding = Rounding::new(2, RoundingStrategy::HalfUp);

/// `part ÷ whole` in percent at 2 places; none when `whole` is 0.
fn percent(part: Decimal, whole: Decimal) -> Result<Option<Dec>> {
    if whole.is_zero() {
        return Ok(None);
    }
    let ratio = part.mul_checked(Decimal::ONE_HUNDRED).and_then(|p| p.div_checked(whole)).ok_or_else(overflow)?;
    Ok(Some(Dec(PERCENT.apply(ratio))))
}

/// Every node's commitment (none where neither it nor any descendant committed).
pub fn commitments(tree: &Tree, nodes: &[NodeSpec], amounts: &[Decimal]) -> Result<Vec<Option<Commitment>>> {
    let mut submitted: Vec<Option<(Decimal, CommitmentSource)>> = vec![None; nodes.len()];
    for node in tree.order.iter().rev() {
        let own = nodes.get(*node).and_then(|n| n.commitment).map(|c| (c.0, CommitmentSource::Own));
        let value = match own {
            Some(v) => Some(v),
            None => {
                let kids = tree.kids(*node);
                let got: Vec<Decimal> =
                    kids.iter().filter_map(|k| submitted.get(*k).copied().flatten().map(|s| s.0)).collect();
                if got.is_empty() {
                    None
                } else {
                    let sum = sum(got.iter().copied())?;
                    let source =
                        if got.len() == kids.len() { CommitmentSource::Children } else { CommitmentSource::Partial };
                    Some((sum, source))
                }
            }
        };
        if let Some(slot) = submitted.get_mut(*node) {
            *slot = value;
        }
    }
    let mut out = Vec::with_capacity(nodes.len());
    for (node, value) in submitted.iter().enumerate() {
        let Some((sub, source)) = value else {
            out.push(None);
            continue;
        };
        let amount = amounts.get(node).copied().unwrap_or_default();
        let parent = tree.parent.get(node).copied().flatten().and_then(|p| submitted.get(p).copied().flatten());
        out.push(Some(Commitment {
            submitted: Dec(*sub),
            source: *source,
            gap: Dec(sub.sub_checked(amount).ok_or_else(overflow)?),
            coverage: percent(*sub, amount)?,
            share: match parent {
                Some((p, _)) => percent(*sub, p)?,
                None => None,
            },
        }));
    }
    Ok(out)
}
