//! The organisation from its flat list of nodes: ids checked, parents resolved, one root,
//! no cycles, bounded depth; children in list order.

use super::document::NodeSpec;
use crate::base::error::{closest, Error, ErrorCode, Origin, Phrase, Result};
use rustc_hash::{FxBuildHasher, FxHashMap};

/// Deepest tree accepted (company → region → team → rep is 4).
pub const MAX_DEPTH: usize = 32;

/// The nodes as a tree of indices into the spec's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    /// The root's index.
    pub root: usize,
    /// Each node's children, in list order.
    pub children: Vec<Vec<usize>>,
    /// Each node's parent.
    pub parent: Vec<Option<usize>>,
    /// Every node, parents before children (depth first from the root).
    pub order: Vec<usize>,
    /// Each node's depth (the root is 0).
    pub depth: Vec<u32>,
}

impl Tree {
    /// Whether a node is a person (has no children).
    pub fn is_leaf(&self, node: usize) -> bool {
        self.children.get(node).is_none_or(Vec::is_empty)
    }
    /// A node's children.
    pub fn kids(&self, node: usize) -> &[usize] {
        self.children.get(node).map_or(&[], Vec::as_slice)
    }
}

fn at(i: usize, key: &str) -> String {
    format!("/nodes/{i}/{key}")
}

/// Node index by id.
type IdIndex<'a> = FxHashMap<&'a str, usize>;

/// Builds and checks the tree.
pub fn build(nodes: &[NodeSpec]) -> Result<Tree> {
    let mut index: IdIndex<'_> = FxHashMap::with_capacity_and_hasher(nodes.len(), FxBuildHasher);
    for (i, node) in nodes.iter().enumerate() {
        if node.id.trim().is_empty() {
            return Err(Error::new(ErrorCode::InvalidId)
                .name(&node.id)
                .expected(Phrase::MustNotBeEmpty)
                .path(Origin::Plan, at(i, "id")));
        }
        if index.insert(node.id.as_str(), i).is_some() {
            return Err(Error::new(ErrorCode::DuplicateId).name(&node.id).path(Origin::Plan, at(i, "id")));
        }
    }
    let mut parent = Vec::with_capacity(nodes.len());
    let mut children = vec![Vec::new(); nodes.len()];
    let mut roots = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let p = match &node.parent {
            None => None,
            Some(p) => Some(*index.get(p.as_str()).ok_or_else(|| {
                let suggestion = closest(p, nodes.iter().map(|n| n.id.as_str()));
                Error::new(ErrorCode::UnknownParent).name(p).suggest(suggestion).path(Origin::Plan, at(i, "parent"))
            })?),
        };
        match p.and_then(|p| children.get_mut(p)) {
            Some(kids) => kids.push(i),
            None => roots.push(i),
        }
        parent.push(p);
    }
    if let Some(cycle) = find_cycle(nodes, &parent) {
        return Err(cycle);
    }
    let root = match roots.as_slice() {
        [root] => *root,
        _ => {
            let path = roots.get(1).map_or_else(|| "/nodes".to_string(), |i| format!("/nodes/{i}"));
            return Err(Error::new(ErrorCode::TreeRoot).found(roots.len().to_string()).path(Origin::Plan, path));
        }
    };
    let (order, depth) = depth_first(root, &children)?;
    Ok(Tree { root, children, parent, order, depth })
}

/// The first cycle met walking up from each node in list order, as ids with the first repeated.
fn find_cycle(nodes: &[NodeSpec], parent: &[Option<usize>]) -> Option<Error> {
    // 0: unseen, 1: on the current walk, 2: known to reach a root.
    let mut state = vec![0_u8; nodes.len()];
    let mut walk = Vec::new();
    for start in 0..nodes.len() {
        walk.clear();
        let mut at_node = Some(start);
        while let Some(i) = at_node {
            match state.get(i).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = 1;
                    }
                    walk.push(i);
                    at_node = parent.get(i).copied().flatten();
                }
                Some(1) => {
                    let from = walk.iter().position(|w| *w == i).unwrap_or(0);
                    let mut ids: Vec<String> =
                        walk.iter().skip(from).filter_map(|w| nodes.get(*w)).map(|n| n.id.clone()).collect();
                    ids.extend(ids.first().cloned());
                    let first = walk.get(from).copied().unwrap_or(i);
                    return Some(Error::new(ErrorCode::TreeCycle).cycle(ids).path(Origin::Plan, at(first, "parent")));
                }
                _ => break,
            }
        }
        for w in &walk {
            if let Some(s) = state.get_mut(*w) {
                *s = 2;
            }
        }
    }
    None
}

/// Parents before children, depth first, and each node's depth; deeper than [`MAX_DEPTH`] is an
/// error.
fn depth_first(root: usize, children: &[Vec<usize>]) -> Result<(Vec<usize>, Vec<u32>)> {
    let mut order = Vec::with_capacity(children.len());
    let mut depths = vec![0_u32; children.len()];
    let mut stack = vec![(root, 1_usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(Error::new(ErrorCode::InvalidValue)
                .name("nodes")
                .expected(Phrase::TreeAtMost32Levels)
                .found(depth.to_string())
                .path(Origin::Plan, format!("/nodes/{node}/parent")));
        }
        order.push(node);
        if let Some(d) = depths.get_mut(node) {
            *d = u32::try_from(depth.saturating_sub(1)).unwrap_or(u32::MAX);
        }
        for kid in children.get(node).into_iter().flatten().rev() {
            stack.push((*kid, depth.saturating_add(1)));
        }
    }
    Ok((order, depths))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(pairs: &[(&str, Option<&str>)]) -> Vec<NodeSpec> {
        pairs
            .iter()
            .map(|(id, p)| NodeSpec { id: id.to_string(), parent: p.map(str::to_string), ..NodeSpec::default() })
            .collect()
    }

    #[test]
    fn builds_in_list_order() {
        let t = build(&nodes(&[("a", None), ("b", Some("a")), ("c", Some("a")), ("d", Some("b"))])).unwrap();
        assert_eq!(t.root, 0);
        assert_eq!(t.kids(0), [1, 2]);
        assert_eq!(t.order, [0, 1, 3, 2]);
        assert_eq!(t.depth, [0, 1, 1, 2]);
        assert!(t.is_leaf(3) && !t.is_leaf(1));
    }

    #[test]
    fn bad_trees() {
        let e = build(&nodes(&[("a", None), ("b", Some("c")), ("c", Some("b"))])).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::TreeCycle, "/nodes/1/parent"));
        assert_eq!(e.detail.cycle, ["b", "c", "b"]);
        let e = build(&nodes(&[("a", None), ("a", Some("a"))])).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::DuplicateId, "/nodes/1/id"));
        let e = build(&nodes(&[("a", None), ("b", Some("aa"))])).unwrap_err();
        assert_eq!((e.code, e.suggestion.as_deref()), (ErrorCode::UnknownParent, Some("a")));
        let e = build(&nodes(&[("a", None), ("b", None)])).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::TreeRoot, "/nodes/1"));
        assert_eq!(build(&[]).unwrap_err().code, ErrorCode::TreeRoot);
        let e = build(&nodes(&[("a", Some("a"))])).unwrap_err();
        assert_eq!(e.code, ErrorCode::TreeCycle);
    }
}
