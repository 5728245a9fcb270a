//! The order metrics are computed in, and the cycle that prevents one.

use crate::base::error::{Error, ErrorCode};

/// Orders `deps` (metric → metrics it reads) so each metric follows what it reads, or returns
/// the cycle found, as indices with the first repeated at the end.
pub fn topological_order(deps: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Active,
        Done,
    }
    let mut mark = vec![Mark::New; deps.len()];
    let mut order = Vec::with_capacity(deps.len());
    for root in 0..deps.len() {
        if mark.get(root) != Some(&Mark::New) {
            continue;
        }
        // Iterative depth-first search: (node, next dependency to visit).
        let mut stack = vec![(root, 0_usize)];
        if let Some(m) = mark.get_mut(root) {
            *m = Mark::Active;
        }
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let child = deps.get(node).and_then(|d| d.get(*next)).copied();
            *next = next.saturating_add(1);
            match child {
                Some(c) => match mark.get(c) {
                    Some(Mark::New) => {
                        if let Some(m) = mark.get_mut(c) {
                            *m = Mark::Active;
                        }
                        stack.push((c, 0));
                    }
                    Some(Mark::Active) => {
                        let from = stack.iter().position(|(n, _)| *n == c).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack.iter().skip(from).map(|(n, _)| *n).collect();
                        cycle.push(c);
                        return Err(cycle);
                    }
                    _ => {}
                },
                None => {
                    if let Some(m) = mark.get_mut(node) {
                        *m = Mark::Done;
                    }
                    order.push(node);
                    stack.pop();
                }
            }
        }
    }
    Ok(order)
}

/// The `CYCLE` error for a cycle of metric ids.
pub fn cycle_error(names: Vec<String>) -> Error {
    Error::new(ErrorCode::Cycle).cycle(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_dependencies_first() {
        let order = topological_order(&[vec![1], vec![2], vec![]]).unwrap();
        assert_eq!(order, vec![2, 1, 0]);
    }

    #[test]
    fn reports_the_cycle() {
        let cycle = topological_order(&[vec![], vec![2], vec![3], vec![1]]).unwrap_err();
        assert_eq!(cycle, vec![1, 2, 3, 1]);
        assert_eq!(topological_order(&[vec![0]]).unwrap_err(), vec![0, 0]);
    }
}
