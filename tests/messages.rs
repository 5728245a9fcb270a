//! The message catalogue (`src/base/messages/`): every error code has a message in zh-CN and en;
//! a Chinese message contains no English besides the identifiers and values it was given; every
//! phrase reads in both languages; one English term has one Chinese term (the glossary), in the
//! error messages, their hints, the plan diagnostics and the explanations; and the engines pass
//! phrases, not English text, as details.
//!
//! Every code is rendered bare, with values in every detail, and with each phrase in each of
//! `name`, `expected` and `found` (and the hints with and without a suggestion), in both locales.
#![cfg(not(target_arch = "wasm32"))] // reads the source and the fixtures from disk
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)] // test code

use salescore::base::messages::glossary::{Term, GLOSSARY};
use salescore::error::{Error, ErrorCode, Origin, Phrase, Text};
use salescore::plan::Plan;
use salescore::Locale;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// ASCII words a Chinese message may contain although they are not values it was given: none
/// today (code names in capitals, `YYYY-MM-DD`, `DIVIDE`, `CNY`, pass as capitals; keys are
/// written `so`).
const ALLOWED_WORDS: &[&str] = &[];

/// Values given to the messages: distinct, so that removing them removes nothing else.
const NAME: &str = "Qname";
const EXPECTED: &str = "Qexpected";
const FOUND: &str = "Qfound";
const METRIC: &str = "Qmetric";
const SUGGESTION: &str = "Qsuggestion";
const CYCLE: [&str; 2] = ["Qa", "Qb"];

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The values `{0}`, `{1}`… of a phrase's placeholders, as the test fills them.
fn placeholders(template: &str) -> BTreeSet<usize> {
    (0..10).filter(|i| template.contains(&format!("{{{i}}}"))).collect()
}

fn sample(phrase: Phrase) -> Text {
    let n = placeholders(phrase.wire()).len();
    phrase.with((0..n).map(|i| format!("{}", 70 + i)))
}

/// One rendered error: its messages and hints, and the values it was given.
struct Rendered {
    what: String,
    zh: String,
    en: String,
    given: Vec<String>,
}

fn given(err: &Error) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in [&err.detail.name, &err.detail.expected, &err.detail.found].into_iter().flatten() {
        match t.phrase() {
            Some(_) => out.extend(t.args().iter().cloned()),
            None => out.push(t.to_string()),
        }
    }
    out.extend(err.detail.cycle.iter().cloned());
    out.extend(err.detail.metric.iter().cloned());
    out.extend(err.suggestion.iter().cloned());
    out.retain(|v| !v.is_empty());
    // Longest first, so that no value is cut by a shorter one inside it.
    out.sort_by_key(|v| std::cmp::Reverse(v.len()));
    out
}

fn render(what: String, err: &Error) -> Vec<Rendered> {
    let mut out = vec![Rendered {
        what: what.clone(),
        zh: err.message(Locale::ZhCn),
        en: err.message(Locale::En),
        given: given(err),
    }];
    if let (Some(zh), Some(en)) = (err.hint(Locale::ZhCn), err.hint(Locale::En)) {
        out.push(Rendered { what: format!("{what} (hint)"), zh, en, given: given(err) });
    }
    out
}

/// Every code, each in the shapes the test renders.
fn errors() -> Vec<(String, Error)> {
    let mut out = Vec::new();
    for &code in ErrorCode::ALL {
        out.push((format!("{code} bare"), Error::new(code)));
        let full = Error::new(code)
            .name(NAME)
            .expected(EXPECTED)
            .found(FOUND)
            .cycle(CYCLE.iter().map(|s| s.to_string()).collect());
        out.push((format!("{code} with values"), full.clone()));
        let mut with_metric = full.clone().suggest(Some(SUGGESTION.into()));
        with_metric.detail.metric = Some(METRIC.into());
        out.push((format!("{code} with a metric and a suggestion"), with_metric));
        out.push((format!("{code} in a record"), full.clone().path(Origin::Record, "/x")));
        for &p in Phrase::ALL {
            let base = || Error::new(code).name(NAME).expected(EXPECTED).found(FOUND);
            out.push((format!("{code} name {p:?}"), base().name(sample(p))));
            out.push((format!("{code} expected {p:?}"), base().expected(sample(p))));
            out.push((format!("{code} found {p:?}"), base().found(sample(p))));
        }
    }
    out
}

fn rendered() -> Vec<Rendered> {
    errors().into_iter().flat_map(|(what, err)| render(what, &err)).collect()
}

/// `text` without the values it was given, the `code` and `"literal"` spans, and numbers.
fn bare(text: &str, given: &[String]) -> String {
    let mut t = text.to_string();
    for v in given {
        t = t.replace(v.as_str(), " ");
    }
    for quote in ['`', '"'] {
        let mut out = String::new();
        for (i, part) in t.split(quote).enumerate() {
            if i % 2 == 0 {
                out.push_str(part);
            }
        }
        t = out;
    }
    t
}

/// The English words in a Chinese text (after [`bare`]): runs of two or more ASCII letters with a
/// lower-case one (capitals are code names: `DIVIDE`, `CNY`, `YYYY-MM-DD`).
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && w.chars().any(|c| c.is_ascii_lowercase()))
        .filter(|w| !ALLOWED_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_code_has_a_message_in_both_languages() {
    let names: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(names.len(), ErrorCode::ALL.len(), "codes with one string");
    assert!(ErrorCode::ALL.len() >= 60, "the list of codes is complete");
    for (what, err) in errors() {
        let (zh, en) = (err.message(Locale::ZhCn), err.message(Locale::En));
        assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{what}: empty message");
        assert_ne!(zh, en, "{what}: the same in both languages");
        assert!(zh.chars().any(is_cjk), "{what}: no Chinese in “{zh}”");
    }
}

#[test]
fn chinese_messages_contain_no_english_outside_the_values_given() {
    let mut failures = BTreeSet::new();
    for r in rendered() {
        let words = english_words(&bare(&r.zh, &r.given));
        if !words.is_empty() {
            failures.insert(format!("{}: {words:?} in “{}”", r.what, r.zh));
        }
        if bare(&r.en, &r.given).chars().any(is_cjk) {
            failures.insert(format!("{}: Chinese in “{}”", r.what, r.en));
        }
    }
    assert!(
        failures.is_empty(),
        "{} messages:\n{}",
        failures.len(),
        failures.into_iter().take(40).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_phrase_reads_in_both_languages() {
    let mut wires = BTreeMap::new();
    for &p in Phrase::ALL {
        let (wire, en, zh) = (p.wire(), p.en(), p.zh());
        assert!(!wire.is_empty() && !en.is_empty() && !zh.is_empty(), "{p:?}: empty");
        assert_ne!(zh, en, "{p:?}: not translated");
        assert_eq!(placeholders(wire), placeholders(en), "{p:?}: the same values in the wire text and the English");
        assert_eq!(placeholders(wire), placeholders(zh), "{p:?}: the same values in English and Chinese");
        assert!(!en.chars().any(is_cjk), "{p:?}: Chinese in the English");
        let text = sample(p);
        let words = english_words(&bare(&text.render(Locale::ZhCn), text.args()));
        assert!(words.is_empty(), "{p:?}: {words:?} in “{zh}”");
        // What `detail` carries is the English wire text, filled in.
        assert!(placeholders(text.as_str()).is_empty(), "{p:?}: a value left out of “{}”", text.as_str());
        // A wire text names one phrase (limits apart: they are looked up as limits).
        if p.is_limit() {
            assert_eq!(Phrase::limit(wire), Some(p), "{p:?}");
        } else {
            assert_eq!(Phrase::from_wire(wire), Some(p), "{p:?}: the wire text of another phrase too");
            assert!(wires.insert(wire, p).is_none(), "{p:?}: wire text used twice");
        }
    }
}

#[test]
fn details_serialize_as_their_english() {
    let err = Error::new(ErrorCode::InvalidValue)
        .name(Phrase::Record)
        .expected(Phrase::AtMostDecimalsForCurrency.with([2.to_string(), "CNY".to_string()]))
        .found("abc");
    let report = serde_json::to_value(err.report(Locale::ZhCn)).unwrap();
    assert_eq!(report["detail"]["name"], "record");
    assert_eq!(report["detail"]["expected"], "at most 2 decimals for CNY");
    assert_eq!(report["detail"]["found"], "abc");
    assert_eq!(report["message"], "记录的值无效：需要 CNY 最多 2 位小数，实际为 abc");
    assert_eq!(err.message(Locale::En), "invalid value for record: expected at most 2 decimals for CNY, found abc");
    assert_eq!(err.detail.found.as_deref(), Some("abc"));
}

/// Every Chinese text the catalogues produce: the error messages and hints rendered here, the
/// phrases, and the diagnostics of the fixtures in `tests/data/diagnostics`.
fn chinese_texts() -> Vec<(String, String, Vec<String>)> {
    let mut out: Vec<(String, String, Vec<String>)> = rendered().into_iter().map(|r| (r.what, r.zh, r.given)).collect();
    for &p in Phrase::ALL {
        out.push((format!("phrase {p:?}"), p.zh().to_string(), Vec::new()));
    }
    let dir = root().join("tests/data/diagnostics");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut diagnostics = 0;
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
        let cases: Vec<serde_json::Value> = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in cases {
            let Ok(plan) = Plan::compile(&case["plan"].to_string()) else { continue };
            for d in plan.diagnostics() {
                diagnostics += 1;
                let what = format!("diagnostic {} ({})", d.code.as_str(), case["case"]);
                out.push((what.clone(), d.message(Locale::ZhCn).to_string(), Vec::new()));
                out.push((format!("{what} hint"), d.hint(Locale::ZhCn).to_string(), Vec::new()));
            }
        }
    }
    assert!(diagnostics > 50, "the diagnostics fixtures were read");
    out.extend(explanation_texts());
    out
}

/// Every Chinese string in `value`, with where it was found.
fn strings_in(what: &str, value: &serde_json::Value, out: &mut Vec<(String, String, Vec<String>)>) {
    match value {
        serde_json::Value::String(s) if s.chars().any(is_cjk) => out.push((what.to_string(), s.clone(), Vec::new())),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(what, v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(what, v, out)),
        _ => {}
    }
}

/// The Chinese explanations: every string of the zh-CN snapshots (scorecard, incentive statement,
/// plan, sample rep, decomposition, pace), and the sample plan (samples/team) evaluated in zh-CN
/// over every record of the sample reps — each record explained, each month's team, and a
/// what-if for each record.
fn explanation_texts() -> Vec<(String, String, Vec<String>)> {
    use salescore::incentive::section::ExtraDeal;
    use salescore::output::{NumberOutput, Options, PlanResult};
    let mut out = Vec::new();
    let dir = root().join("tests/snapshots");
    let mut snapshots: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    snapshots.sort();
    let mut read = 0;
    for file in snapshots.iter().filter(|f| f.to_string_lossy().ends_with("_ZhCn.snap")) {
        let text = std::fs::read_to_string(file).unwrap();
        // An insta snapshot: a header between two `---` lines, then the JSON.
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        strings_in(&format!("snapshot {}", file.file_name().unwrap().to_string_lossy()), &value, &mut out);
        read += 1;
    }
    assert!(read >= 7, "the zh-CN snapshots were read");
    let plan = Plan::compile(&std::fs::read_to_string(root().join("samples/team/plan.json")).unwrap()).unwrap();
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(root().join("samples/team/reps.json")).unwrap()).unwrap();
    let options =
        Options { numbers: NumberOutput::String, explain: true, locale: Some(Locale::ZhCn), ..Options::default() };
    let extra = ExtraDeal { amount: 50000.into(), product: None, customer_type: None };
    let mut months: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        let what = format!("sample record {i}");
        let eval = plan.evaluate_in(record, Some(Locale::ZhCn)).unwrap();
        strings_in(&what, &serde_json::to_value(PlanResult::new(eval, &options)).unwrap(), &mut out);
        let what_if = plan.what_if(record, &extra, Some(Locale::ZhCn)).unwrap();
        strings_in(&format!("{what} what-if"), &serde_json::to_value(what_if).unwrap(), &mut out);
        months.entry(record["月份"].to_string()).or_default().push(record.clone());
    }
    for (month, reps) in &months {
        let team = plan.evaluate_team_in(reps, Some(Locale::ZhCn)).unwrap();
        strings_in(&format!("sample team, month {month}"), &serde_json::to_value(&team.team).unwrap(), &mut out);
    }
    assert!(out.len() > 1000, "the explanations were read");
    out
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `text` with the chosen term of every glossary entry taken out (longest first), so that an
/// other translation is looked for only outside them: 档 is found in 前一档, not in 档位 or 档案.
fn outside_chosen_terms(text: &str) -> String {
    let mut chosen: Vec<&str> = GLOSSARY.iter().map(|t| t.zh).collect();
    chosen.sort_by_key(|z| std::cmp::Reverse(z.chars().count()));
    let mut t = text.to_string();
    for z in chosen {
        if t.contains(z) {
            t = t.replace(z, "\u{0}");
        }
    }
    t
}

/// One of `term`'s other translations in `text` (already [`outside_chosen_terms`]); Latin
/// alternatives (`ID`) count as whole words only.
fn other_translation(text: &str, term: &Term) -> Option<&'static str> {
    term.not.iter().copied().find(|alt| {
        if alt.chars().all(|c| c.is_ascii_alphanumeric()) {
            text.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == *alt)
        } else {
            text.contains(alt)
        }
    })
}

#[test]
fn the_glossary_is_one_chinese_term_for_each_english_term() {
    let mut english = BTreeSet::new();
    let chosen: BTreeSet<&str> = GLOSSARY.iter().map(|t| t.zh).collect();
    for term in GLOSSARY {
        assert!(english.insert(term.en), "{}: listed twice", term.en);
        for alt in term.not {
            assert!(!chosen.contains(alt), "{}: {alt} is the chosen term of another entry", term.en);
        }
    }
}

#[test]
fn chinese_texts_follow_the_glossary() {
    let mut failures = BTreeSet::new();
    let mut checked = BTreeSet::new();
    for (what, text, given) in chinese_texts() {
        let text = bare(&text, &given);
        let outside = outside_chosen_terms(&text);
        if !checked.insert(outside.clone()) {
            continue;
        }
        for term in GLOSSARY {
            if let Some(alt) = other_translation(&outside, term) {
                failures.insert(format!("{what}: “{alt}” for {} (the glossary says {}): “{text}”", term.en, term.zh));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} texts:\n{}",
        failures.len(),
        failures.into_iter().take(40).collect::<Vec<_>>().join("\n")
    );
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The engines give phrases, not English text, as details: a string literal with a space in it
/// and a word (or a `format!` of one) passed straight to `.name(`, `.expected(` or `.found(` is
/// English the Chinese message would print. Values (`"0–100"`, `"[{t}, {})"`) have no words. The JSON reader is
/// apart: its `INVALID_PLAN` detail is the parser's own text, which the message quotes.
#[test]
fn details_are_phrases_not_english_text() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut failures = Vec::new();
    for file in files {
        let rel = file.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with("src/base/json/") || rel.starts_with("src/base/messages/") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for call in [".name(", ".expected(", ".found("] {
            for (at, _) in text.match_indices(call) {
                let rest = text[at + call.len()..].trim_start();
                let rest = rest.strip_prefix("format!(").unwrap_or(rest);
                let Some(literal) = rest.strip_prefix('"') else { continue };
                let literal: String = literal.chars().take_while(|c| *c != '"').collect();
                // Without the `{…}` a `format!` fills in.
                let mut words = String::new();
                let mut depth = 0usize;
                for c in literal.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' => depth = depth.saturating_sub(1),
                        c if depth == 0 => words.push(c),
                        _ => {}
                    }
                }
                if words.contains(' ') && !english_words(&words).is_empty() {
                    let line = text[..at].lines().count();
                    failures.push(format!("{rel}:{line}: {call}\"{literal}\" (add a Phrase)"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "English text as a detail:\n{}", failures.join("\n"));
}

#[test]
fn a_spec_that_cannot_be_read_is_named_as_itself_not_as_a_plan() {
    let both = |e: Error| (e.code, e.path.clone(), e.message(Locale::ZhCn), e.message(Locale::En));
    assert_eq!(
        both(salescore::targets::decompose::parse(r#"{"total": "x"}"#).unwrap_err()),
        (
            ErrorCode::InvalidPlan,
            "/total".to_string(),
            "目标分解规格无法读取：此处需要数值（或写成字符串的数值），实际为字符串 \"x\"".to_string(),
            "invalid decomposition spec: expected a number or a decimal string, found string \"x\"".to_string(),
        )
    );
    let pace = both(salescore::targets::pace::parse(r#"{"period": 5}"#).unwrap_err());
    assert_eq!((pace.1.as_str(), pace.2.as_str()), ("/period", "进度规格无法读取：此处需要对象，实际为整数 5"));
    let forced = salescore::team::ForcedDistribution::from_json(r#"{"quotas": [{"grade": "S", "percent": true}]}"#);
    assert_eq!(
        both(forced.unwrap_err()).2,
        "强制分布规格无法读取：此处需要数值（或写成字符串的数值），实际为布尔值 true"
    );
    // JSON that does not parse: the spec's name, then serde_json's words as a phrase.
    assert_eq!(
        both(salescore::targets::decompose::parse(r#"{"total": 1,}"#).unwrap_err()).2,
        "目标分解规格无法读取：JSON 语法错误：最后一项后面多了逗号"
    );
    // Other errors keep their own words (an unknown key is named as the key).
    assert_eq!(both(salescore::targets::pace::parse(r#"{"perod": 5}"#).unwrap_err()).2, "未知的键 “perod”");
}
