//! WebAssembly shims: convert in, call the core, convert out. The only place that uses
//! wasm-bindgen or js-sys.
//!
//! Which exports a build has is chosen by the cargo features `form`, `targets` and `admin`, one
//! set per entry of the package (see Cargo.toml); the shared converters below serve them all, so
//! a build with fewer features leaves some of them unused.
#![cfg_attr(not(all(feature = "form", feature = "targets", feature = "admin")), allow(dead_code, unused_imports))]

/// The builds optimised for size allocate with talc, smaller there than the standard library's
/// dlmalloc (the `talc` feature, see Cargo.toml).
#[cfg(all(feature = "talc", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// When the module starts: text compared ignoring case is lowercased by the host's
/// `toLowerCase` (the same Unicode mapping as the standard library's, whose tables the module then
/// does not carry; see [`crate::base::case`]). The package's glue runs it once per instance; Rust
/// code that uses the crate in WebAssembly without that glue (wasm-bindgen-test) calls it first.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    crate::base::case::use_host_lowercase(|text| String::from(js_sys::JsString::from(text).to_lower_case()));
}

#[cfg(feature = "admin")]
mod compare;
mod convert;
mod document;
mod error;
#[cfg(feature = "form")]
mod formula;
mod output;
#[cfg(feature = "targets")]
mod pace;
#[cfg(feature = "form")]
mod plan;
mod rows;
#[cfg(not(feature = "swb-output"))]
mod tape;
#[cfg(feature = "targets")]
mod targets;

#[cfg(feature = "admin")]
pub use compare::{compare, JsCompare};
#[cfg(feature = "form")]
pub use formula::{evaluate_formula, JsFormula};
#[cfg(feature = "targets")]
pub use pace::pace;
#[cfg(feature = "form")]
pub use plan::JsPlan;
#[cfg(feature = "targets")]
pub use targets::decompose;

use crate::formula::functions::REGISTRY;
use wasm_bindgen::prelude::*;

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Every built-in function with its signature and docs, for editor autocomplete.
#[cfg(feature = "form")]
#[wasm_bindgen(js_name = listFunctions, unchecked_return_type = "FunctionInfo[]")]
pub fn list_functions() -> Result<JsValue, JsValue> {
    convert::to_js(&REGISTRY).map_err(|e| error::to_js(&e, crate::base::locale::Locale::default()))
}

/// Ends this WebAssembly instance with a trap, as a bug or running out of memory would: the
/// package's tests use it to check that the package starts a fresh instance. Not part of the API.
#[wasm_bindgen(js_name = __trapForTest, skip_typescript)]
pub fn trap_for_test() {
    std::process::abort();
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A decimal in a plan document: a number, or a decimal string for exactness ("0.05"). Results
 *  carry numbers here. */
export type Dec = number | string;

/** A built-in function as listed by `listFunctions()`. */
export interface FunctionInfo {
  name: string;
  category: "logic" | "math" | "lookup" | "date" | "text";
  signature: string;
  summaryZh: string;
  summaryEn: string;
  example: string;
}

/** The result of `Formula.evaluateMany`. */
export interface BatchResult {
  /** One result per record; `null` exactly where `errors` has an entry. */
  values: (number | string | boolean | null)[];
  errors: { index: number; error: SalesScoreError }[];
}

/** The result of `Plan.evaluateMany`. */
export interface PlanBatchResult {
  /** One result per record; `null` exactly where `errors` has an entry. */
  results: (PlanResult | null)[];
  errors: { index: number; error: SalesScoreError }[];
}

/** The options of a plan's `evaluate` and `evaluateMany` asking for the totals alone. */
export type TotalsOptions = Options & { detail: "totals"; explain?: false };

/** The result of `Plan.evaluateMany` with `detail: "totals"`. */
export interface PlanBatchTotals {
  /** One result per record; `null` exactly where `errors` has an entry. */
  results: (PlanTotals | null)[];
  errors: { index: number; error: SalesScoreError }[];
}

/** The result of `Plan.evaluateTeam`. Errors here are plain reports (code, message, path…). */
export interface TeamResult {
  results: (PlanResult | null)[];
  errors: { index: number; error: { code: string; message: string; path: string; origin: string; span?: { start: number; end: number }; hint?: string } }[];
  team: TeamSummary;
}

/** An error as a plain report inside a result (a comparison's records that one plan cannot
 *  compute, a curve point): what `SalesScoreError` carries, without being thrown. */
export interface ErrorReport {
  code: string;
  message: string;
  path: string;
  origin: "formula" | "plan" | "record" | "options";
  span?: { start: number; end: number };
  hint?: string;
  suggestion?: string;
  detail: { name?: string; expected?: string; found?: string; cycle?: string[]; metric?: string };
}

/** A warning of `plan.diagnostics()`, with its message and hint in the asked locale. */
export type PlanDiagnostic = Diagnostic & { message: string; hint: string };

/** The extra deal of `Plan.whatIf`: credited wholly to the rep, booked and collected. */
export interface WhatIfDeal {
  amount: number | string;
  /** Product line, matched by the commission rules. */
  product?: string;
  /** Customer type, matched by the commission rules. */
  customerType?: string;
}

/** The error every call throws; `code` and `path` are stable. */
export declare class SalesScoreError extends Error {
  code: string;
  path: string;
  /** What `path` points into: formula text (see `span`), the plan document, the record, or the
   *  options; `engine` for the engine's own state (not loaded yet, called re-entrantly, a handle
   *  already freed, an instance that stopped and was restarted). */
  origin: "formula" | "plan" | "record" | "options" | "engine";
  span: { start: number; end: number } | null;
  hint: string | null;
  suggestion: string | null;
  detail: { name?: string; expected?: string; found?: string; cycle?: string[]; metric?: string };
  messages: { "zh-CN": string; en: string };
}
"#;
