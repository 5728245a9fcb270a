//! Text ignoring case: Unicode's default lowercase mapping (with the final sigma: `Σ` is `ς` at
//! the end of a word), as `str::to_lowercase` and JavaScript's `toLowerCase` both apply it.
//!
//! Natively this is the standard library's. In WebAssembly it is the host's: the shims install
//! JavaScript's `toLowerCase` when the module starts ([`use_host_lowercase`]), so that the module
//! does not carry Unicode's case tables (about 5 KB gzip of the form entry's `.wasm`). Text that
//! has no letter with a case beyond ASCII (ASCII itself, Chinese, Japanese kana, Hangul) never
//! leaves the module.

use std::borrow::Cow;

/// Lowercases the way the host does it, where the host has the tables (see the module).
pub type HostLowercase = fn(&str) -> String;

#[cfg(target_arch = "wasm32")]
static HOST: std::sync::OnceLock<HostLowercase> = std::sync::OnceLock::new();

/// Installs the host's lowercase mapping (WebAssembly: the shims, once, at start). Natively the
/// standard library's is used and this does nothing.
pub fn use_host_lowercase(lowercase: HostLowercase) {
    #[cfg(target_arch = "wasm32")]
    let _ = HOST.set(lowercase);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = lowercase;
}

/// Whether `c` lowercases without the case tables: ASCII (a capital to its small letter), or a
/// character without case in U+3000..=U+9FFF (CJK punctuation, kana, CJK ideographs) or the
/// Hangul syllables. A test holds this to the standard library's tables.
fn caseless(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// `text` lowercased, borrowed when nothing changes.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    if text.chars().all(caseless) {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    Cow::Owned(unicode_lowercase(text))
}

#[cfg(not(target_arch = "wasm32"))]
fn unicode_lowercase(text: &str) -> String {
    text.to_lowercase()
}

/// Without a host mapping (a module whose start did not run), ASCII letters only.
#[cfg(target_arch = "wasm32")]
fn unicode_lowercase(text: &str) -> String {
    match HOST.get() {
        Some(host) => host(text),
        None => text.to_ascii_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caseless_ranges_have_no_case_in_the_standard_librarys_tables() {
        for c in ('\0'..='\u{7F}').chain('\u{3000}'..='\u{9FFF}').chain('\u{AC00}'..='\u{D7A3}') {
            assert!(caseless(c));
            let mut lower = c.to_lowercase();
            assert_eq!(lower.next(), Some(c.to_ascii_lowercase()), "{c:?}");
            assert_eq!(lower.next(), None, "{c:?}");
            assert!(!c.is_uppercase() || c.is_ascii_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn lowercase_is_the_standard_librarys() {
        let texts =
            ["toB", "TOB", "", "新人 ABC", "ΣΑΣ", "σας", "Straße", "İx", "ǅ", "ＡＢＣ", "Ⓐ", "한국어", "カタカナ"];
        for t in texts {
            assert_eq!(lowercase(t), t.to_lowercase(), "{t}");
        }
        assert!(matches!(lowercase("新人 abc"), Cow::Borrowed(_)));
        assert!(["新人 ABC", "ＡＢＣ", "Ä"].map(|t| t.chars().all(caseless)) == [true, false, false]);
    }
}
