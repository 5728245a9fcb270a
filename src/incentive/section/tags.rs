//! Product lines and customer types as the rules and SPIFF filters list them, numbered once when
//! the plan is compiled: a transaction's product line and customer type are looked up once, and
//! every rule and filter then matches them by number instead of comparing names.

/// The names the rules and filters of one column list, numbered in order of first mention.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Vocabulary {
    names: Vec<String>,
}

impl Vocabulary {
    /// The number of `name`, added when new.
    fn add(&mut self, name: &str) -> u32 {
        let at = self.names.iter().position(|n| n == name).unwrap_or_else(|| {
            self.names.push(name.to_string());
            self.names.len().saturating_sub(1)
        });
        u32::try_from(at).unwrap_or(u32::MAX)
    }

    /// The number of `name`, when a rule or filter lists it (a name none lists matches only the
    /// rules and filters that accept anything).
    pub(super) fn find(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).and_then(|at| u32::try_from(at).ok())
    }
}

/// What a rule or filter accepts in one column: anything (an empty list), or the names listed.
#[derive(Clone, Debug)]
pub(super) struct Accepts(Option<Vec<u32>>);

impl Accepts {
    /// The list `list` (empty: anything), numbered in `names`.
    pub(super) fn new(list: &[String], names: &mut Vocabulary) -> Self {
        Accepts((!list.is_empty()).then(|| list.iter().map(|n| names.add(n)).collect()))
    }

    /// Whether a value numbered `tag` (none: missing, or listed nowhere) is accepted: as
    /// `list.is_empty() || list.contains(value)` on the names.
    pub(super) fn accepts(&self, tag: Option<u32>) -> bool {
        match &self.0 {
            None => true,
            Some(listed) => tag.is_some_and(|t| listed.contains(&t)),
        }
    }
}

/// A transaction filter in numbers: product lines and customer types.
#[derive(Clone, Debug)]
pub(super) struct Filter {
    pub(super) products: Accepts,
    pub(super) customer_types: Accepts,
}

impl Filter {
    /// Whether a transaction of product line `product` and customer type `customer_type` passes.
    pub(super) fn accepts(&self, product: Option<u32>, customer_type: Option<u32>) -> bool {
        self.products.accepts(product) && self.customer_types.accepts(customer_type)
    }
}

/// The section's two vocabularies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Tags {
    pub(super) products: Vocabulary,
    pub(super) customer_types: Vocabulary,
}

impl Tags {
    /// The filter of `products` and `customer_types` (empty lists: anything).
    pub(super) fn filter(&mut self, products: &[String], customer_types: &[String]) -> Filter {
        Filter {
            products: Accepts::new(products, &mut self.products),
            customer_types: Accepts::new(customer_types, &mut self.customer_types),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn numbers_match_as_names_do() {
        let mut tags = Tags::default();
        let lists = [names(&[]), names(&["软件"]), names(&["服务", "软件"]), names(&["硬件"])];
        let filters: Vec<Filter> = lists.iter().map(|l| tags.filter(l, &[])).collect();
        for value in [None, Some("软件"), Some("服务"), Some("硬件"), Some("其他"), Some("")] {
            let tag = value.and_then(|v| tags.products.find(v));
            for (list, filter) in lists.iter().zip(&filters) {
                let by_name = list.is_empty() || value.is_some_and(|v| list.iter().any(|l| l == v));
                assert_eq!(filter.accepts(tag, None), by_name, "{value:?} in {list:?}");
            }
        }
    }
}
