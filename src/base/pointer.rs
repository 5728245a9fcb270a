//! JSON pointers into a document, joined without `format!`.
//!
//! A plan's compiler names the place of every formula it compiles (`/scorecard/indicators/3/actual`),
//! so that an error raised there at evaluation points at it. Written with `format!`, those paths
//! were about a tenth of compiling the sample plan (core's formatting machinery, for every
//! piece). Most of them are a parent's path and a key: [`child`] copies the two.

/// `parent` followed by `key` (which starts with `/`): `child("/scorecard/gates/0", "/when")`.
#[inline(never)]
pub fn child(parent: &str, key: &str) -> String {
    let mut out = String::with_capacity(parent.len().saturating_add(key.len()));
    out.push_str(parent);
    out.push_str(key);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_as_format_does() {
        let parent = String::from("/scorecard/profiles/2");
        assert_eq!(child(&parent, "/when"), format!("{parent}/when"));
        assert_eq!(child("", "/id"), "/id");
    }
}
