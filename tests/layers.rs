//! The direction of dependency, read from the source: every `crate::…` path in `src/` must point
//! at the module's own layer or one below it, and the engines must not reach into each other.
//!
//! ```text
//! wasm        the WebAssembly shims (the only place with wasm-bindgen and js-sys)
//! preview     the admin's comparison of two plans over a team
//! plan        the plan document and its compiler: composes the engines
//! scorecard · team · incentive · targets      the engines: each sees only what lies below
//! formula     the formula language, records and the values engines read
//! base        errors and messages, numbers, locales, the JSON reader, shared tools
//! ```
//!
//! Inside `base` the same holds between its modules (`base_layer`): the error and the phrases
//! its details are made of, then the message catalogue that renders them, never the reverse.
#![cfg(not(target_arch = "wasm32"))] // reads the source from disk
#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code: a panic is a failed test

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The layer of a top-level module: higher numbers may use lower ones.
fn layer(module: &str) -> Option<u8> {
    Some(match module {
        "base" => 0,
        "formula" => 1,
        "scorecard" | "team" | "incentive" | "targets" => 2,
        "plan" => 3,
        "preview" => 4,
        "wasm" => 5,
        _ => return None,
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first segment of every path after `crate::`, including each branch of a `crate::{…}`
/// group.
fn crate_paths(text: &str) -> Vec<String> {
    paths_after(text, "crate::")
}

/// The first segment of every path after `prefix` (`crate::`, `crate::base::`), including each
/// branch of a `prefix{…}` group.
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(prefix) {
        let after = &rest[at + prefix.len()..];
        // `$crate::` in macros and `salescore::crate` do not occur; a word ending in `crate`
        // (`some_crate::`) is not ours.
        let before = rest[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            rest = after;
            continue;
        }
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 1usize;
            let mut end = group.len();
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let mut level = 0usize;
            let mut item = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => level += 1,
                    '}' => level = level.saturating_sub(1),
                    ',' if level == 0 => {
                        let word: String =
                            item.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                        if !word.is_empty() {
                            found.push(word);
                        }
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            rest = &group[end..];
        } else {
            let word: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            found.push(word);
            rest = after;
        }
    }
    found
}

#[test]
fn the_parser_of_paths_reads_groups() {
    let text =
        "use crate::base::error::Error;\nuse crate::{formula::Value, plan::{Plan, output}};\nx: crate::team::Ranking";
    assert_eq!(crate_paths(text), ["base", "formula", "plan", "team"]);
    assert_eq!(crate_paths("let a = $crate::x; some_crate::y"), Vec::<String>::new());
}

#[test]
fn every_import_points_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 100, "the source was not found: {} files", files.len());
    let mut wrong = BTreeSet::new();
    let mut seen = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        let module = rel.split('/').next().unwrap_or_default().trim_end_matches(".rs").to_string();
        if module == "lib" {
            continue; // the crate root declares the modules and re-exports the public paths
        }
        let Some(own) = layer(&module) else {
            wrong.insert(format!("src/{rel}: the top-level module `{module}` has no layer in tests/layers.rs"));
            continue;
        };
        seen.insert(module.clone());
        let text = fs::read_to_string(file).unwrap_or_default();
        for target in crate_paths(&text) {
            if target == module {
                continue;
            }
            let problem = match layer(&target) {
                Some(l) if l < own => continue,
                Some(l) if l == own => format!("src/{rel}: `{module}` reaches sideways into `{target}`"),
                Some(_) => format!("src/{rel}: `{module}` reaches up into `{target}`"),
                None => format!("src/{rel}: `crate::{target}` is not a layer's path (name the layer: crate::base::…)"),
            };
            wrong.insert(problem);
        }
        // `super::` may not climb out of the top-level module.
        let depth = rel.matches('/').count() + usize::from(!rel.ends_with("mod.rs"));
        let mut in_tests = 0;
        for line in text.lines() {
            if line.starts_with("mod tests") {
                in_tests = 1; // an inline test module is one level deeper
            }
            let climbs = line.matches("super::").count();
            if line.contains("super::super::") && climbs >= depth + in_tests {
                wrong.insert(format!("src/{rel}: `{}` climbs out of `{module}`", line.trim()));
            }
        }
        if module != "wasm" && (text.contains("wasm_bindgen::") || text.contains("js_sys::")) {
            wrong.insert(format!("src/{rel}: wasm-bindgen or js-sys outside src/wasm"));
        }
    }
    assert_eq!(seen.len(), 9, "every layer has source: {seen:?}");
    assert!(wrong.is_empty(), "imports against the layering:\n{}", wrong.into_iter().collect::<Vec<_>>().join("\n"));
}

/// The layer of a module of `base`: higher numbers may use lower ones, never the same or higher.
fn base_layer(module: &str) -> Option<u8> {
    Some(match module {
        "locale" | "order" | "name" | "arithmetic" | "case" => 0,
        "error" | "apportion" => 1,
        "messages" | "checked" | "number" => 2,
        "json" | "tally" => 3,
        _ => return None,
    })
}

#[test]
fn within_base_every_import_points_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/base");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    assert!(files.len() > 10, "the source was not found: {} files", files.len());
    let mut wrong = BTreeSet::new();
    for file in &files {
        let rel = file.strip_prefix(&root).unwrap_or(file).to_string_lossy().replace('\\', "/");
        let module = rel.split('/').next().unwrap_or_default().trim_end_matches(".rs").to_string();
        if module == "mod" {
            continue; // base/mod.rs declares the modules
        }
        let Some(own) = base_layer(&module) else {
            wrong.insert(format!("src/base/{rel}: the module `{module}` has no layer in base_layer"));
            continue;
        };
        let text = fs::read_to_string(file).unwrap_or_default();
        // Outside inline tests, `super::` in base/x.rs and base/x/mod.rs is base itself.
        let code = text.split("\nmod tests").next().unwrap_or_default();
        let mut targets = paths_after(&text, "crate::base::");
        if !rel.contains('/') || rel.ends_with("/mod.rs") {
            targets.extend(paths_after(code, "super::").into_iter().filter(|t| base_layer(t).is_some()));
        }
        for target in targets {
            if target == module {
                continue;
            }
            match base_layer(&target) {
                Some(l) if l < own => {}
                Some(_) => {
                    wrong.insert(format!("src/base/{rel}: `{module}` uses `{target}`, not below it"));
                }
                None => {
                    wrong.insert(format!("src/base/{rel}: `crate::base::{target}` is not a module of base"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layering of base:\n{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}
