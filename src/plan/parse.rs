//! Reads a plan document from JSON text (through the one JSON reader, [`crate::base::json`]).

use super::document::PlanDocument;
use crate::base::error::Result;
pub use crate::base::json::document_locale;

/// Parses the document, or says exactly where and why it is malformed.
pub fn parse_document(json: &str) -> Result<PlanDocument> {
    crate::base::json::read_document(json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::error::ErrorCode;
    use crate::base::locale::Locale;

    #[test]
    fn unknown_key_has_pointer_and_suggestion() {
        let err = parse_document(r#"{"fields":[{"id":"a","type":"money","lable":"x"}]}"#).unwrap_err();
        assert_eq!(err.code, ErrorCode::UnknownKey);
        assert_eq!(err.path, "/fields/0/lable");
        assert_eq!(err.suggestion.as_deref(), Some("label"));
    }

    #[test]
    fn a_document_is_an_object() {
        let err = parse_document(" [] ").unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidPlan, ""));
        assert_eq!(err.detail.expected.as_deref(), Some("an object"));
        assert_eq!(err.detail.found.as_deref(), Some("an array"));
        assert_eq!(parse_document("null").unwrap_err().code, ErrorCode::InvalidPlan);
    }

    #[test]
    fn text_after_the_document_is_an_error() {
        let err = parse_document(r#"{"fields": []} xyz"#).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidPlan);
        assert!(parse_document("{\"fields\": []}\n  ").is_ok());
    }

    #[test]
    fn json_that_does_not_parse_is_worded_in_each_locale() {
        let message = |text: &str, locale| crate::base::messages::message(&parse_document(text).unwrap_err(), locale);
        let missing_comma = r#"{"fields": [] "metrics": []}"#;
        assert_eq!(message(missing_comma, Locale::ZhCn), "计划文档无法读取：JSON 语法错误：此处应为 “,” 或 “}”");
        assert_eq!(message(missing_comma, Locale::En), "invalid plan document: expected `,` or `}`");
        assert_eq!(
            message(r#"{"fields": ["#, Locale::ZhCn),
            "计划文档无法读取：JSON 在数组结束之前就结束了（缺少 “]”）"
        );
        assert_eq!(
            message(r#"{"fields": [],}"#, Locale::ZhCn),
            "计划文档无法读取：JSON 语法错误：最后一项后面多了逗号"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_says_what_was_expected_and_found_in_each_locale() {
        let both = |text: &str| {
            let err = parse_document(text).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidPlan, "{text}");
            let m = |l| crate::base::messages::message(&err, l);
            (err.path.clone(), m(Locale::ZhCn), m(Locale::En))
        };
        assert_eq!(
            both(r#"{"version": "1"}"#),
            (
                "/version".into(),
                "计划文档无法读取：此处需要不小于 0 的整数，实际为字符串 \"1\"".into(),
                "invalid plan document: expected a whole number ≥ 0, found string \"1\"".into()
            )
        );
        assert_eq!(both(r#"{"fields": {}}"#).1, "计划文档无法读取：此处需要数组，实际为对象");
        assert_eq!(both(r#"{"fields": [7]}"#).1, "计划文档无法读取：此处需要对象，实际为整数 7");
        let method =
            r#"{"scorecard": {"indicators": [{"id": "a", "category": "result", "actual": "x", "method": 5}]}}"#;
        assert_eq!(both(method).1, "计划文档无法读取：此处需要对象，实际为整数 5");
        // A string found that holds serde's own words is still read from its end.
        let tricky = r#"{"version": "a, expected b"}"#;
        assert_eq!(
            both(tricky).2,
            "invalid plan document: expected a whole number ≥ 0, found string \"a, expected b\""
        );
        let from = r#"{"scorecard": {"indicators": [], "profiles": [], "grades": [{"grade": "A", "from": "九十"}]}}"#;
        assert_eq!(both(from).1, "计划文档无法读取：此处需要数值（或写成字符串的数值），实际为字符串 \"九十\"");
        // An enum's name: serde_json calls a number there a syntax error; it is a wrong type.
        let typed = |v: &str| both(&format!(r#"{{"fields": [{{"id": "a", "type": {v}}}]}}"#));
        assert_eq!(
            typed("5"),
            (
                "/fields/0/type".into(),
                "计划文档无法读取：此处需要字符串，实际为整数 5".into(),
                "invalid plan document: expected a string, found integer 5".into()
            )
        );
        assert_eq!(typed("-1.5e3").1, "计划文档无法读取：此处需要字符串，实际为数值 -1500");
        assert_eq!(typed("1e300").1, "计划文档无法读取：此处需要字符串，实际为数值 1e+300");
        assert_eq!(typed("[1]").1, "计划文档无法读取：此处需要字符串，实际为数组");
        assert_eq!(typed("null").1, "计划文档无法读取：此处需要字符串，实际为 null");
        assert_eq!(typed("false").1, "计划文档无法读取：此处需要字符串，实际为布尔值 false");
        // What is not JSON stays a syntax error.
        for v in ["", "x"] {
            assert_eq!(typed(v).1, "计划文档无法读取：JSON 语法错误：此处应为一个值", "{v}");
        }
        assert_eq!(typed("tru").1, "计划文档无法读取：JSON 语法错误：此处有无法识别的词");
        assert_eq!(typed("01").1, "计划文档无法读取：JSON 语法错误：无效的数值");
    }

    #[test]
    fn a_broken_document_still_says_its_locale() {
        assert_eq!(document_locale(r#"{"locale": "en", "fields": [{"id": "a", "type": "mony"}]}"#), Locale::En);
        assert_eq!(document_locale(r#"{"fields": []}"#), Locale::ZhCn);
        assert_eq!(document_locale("{"), Locale::ZhCn);
    }

    #[test]
    fn bad_variant_and_syntax() {
        let err = parse_document(r#"{"fields":[{"id":"a","type":"mony"}]}"#).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::InvalidValue, "/fields/0/type"));
        assert_eq!(err.suggestion.as_deref(), Some("money"));
        assert_eq!(parse_document("{").unwrap_err().code, ErrorCode::InvalidPlan);
    }

    /// A scoring method is an internally tagged enum: its `type` is read first, then the
    /// variant's members from the same object, each error pointing at the member (serde's
    /// derive buffered the object and could only point at the method).
    #[test]
    fn errors_inside_a_scoring_method_point_at_their_member() {
        let plan = |method: &str, after: &str| {
            format!(
                r#"{{"scorecard": {{"indicators": [{{"id": "a", "category": "result", "actual": "1", "method": {method}{after}}}],
                "profiles": [{{"id": "p", "weights": [{{"indicator": "a", "weight": 100}}]}}], "grades": [{{"grade": "A", "coefficient": 1}}]}}}}"#
            )
        };
        let cases = [
            (
                r#"{"type": "steps", "bands": [{"from": 0, "points": 50}, {"from": "x", "points": 100}]}"#,
                ErrorCode::InvalidPlan,
                "/method/bands/1/from",
                None,
            ),
            (
                r#"{"type": "steps", "bands": [{"from": 0, "points": 50}, {"from": 1, "pointz": 100}]}"#,
                ErrorCode::UnknownKey,
                "/method/bands/1/pointz",
                Some("points"),
            ),
            (r#"{"type": "steps", "bands": [{"from": 0}]}"#, ErrorCode::MissingKey, "/method/bands/0", None),
            (r#"{"type": "linear", "threshold": "0"}"#, ErrorCode::MissingKey, "/method", None),
            (
                r#"{"type": "linear", "threshold": "0", "strech": "1"}"#,
                ErrorCode::UnknownKey,
                "/method/strech",
                Some("stretch"),
            ),
            (
                r#"{"type": "steps", "on": "atainment", "bands": []}"#,
                ErrorCode::InvalidValue,
                "/method/on",
                Some("attainment"),
            ),
            (r#"{"type": "ratio", "type": "ratio"}"#, ErrorCode::InvalidPlan, "/method", None),
            (r#"{"cap": 1}"#, ErrorCode::MissingKey, "/method", None),
            (r#"{"cap": 1, "type": "lineer"}"#, ErrorCode::InvalidValue, "/method/type", Some("linear")),
            (r#"{"type": "ratio", "cap": 1e400}"#, ErrorCode::InvalidPlan, "/method/cap", None),
        ];
        for (method, code, path, suggestion) in cases {
            for after in ["", r#", "target": "1""#, r#" , "target": "1""#] {
                for text in [plan(method, after), plan(method, after).replace(' ', "")] {
                    let err = parse_document(&text).unwrap_err();
                    assert_eq!(err.code, code, "{text}");
                    assert_eq!(err.path, format!("/scorecard/indicators/0{path}"), "{text}");
                    assert_eq!(err.suggestion.as_deref(), suggestion, "{text}");
                }
            }
        }
        // The indicator's own missing key, with the method last.
        let err = parse_document(&plan(r#"{"type": "ratio"}"#, "").replace(r#""actual": "1", "#, "")).unwrap_err();
        assert_eq!((err.code, err.path.as_str()), (ErrorCode::MissingKey, "/scorecard/indicators/0"));
    }

    /// The pointers agree with a path-tracking deserializer's, on mutations of real documents:
    /// every key renamed, every value replaced by values of other types, every member removed
    /// or repeated, every text cut short, and a character deleted or inserted at each position;
    /// compact and pretty-printed (several lines, CJK text: serde_json's columns count bytes).
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::arithmetic_side_effects)] // offsets into the test texts
    mod against_path_tracking {
        use super::*;
        use crate::base::error::Origin;
        use crate::base::json::read::testing::{mutations, repeated_members};
        use crate::base::json::{describe, from_json};
        use crate::plan::document::PlanDocument;
        use crate::team::DistributionSpec;
        use serde::de::DeserializeOwned;
        use serde_json::Value;

        /// How the parser made its pointers before: serde_path_to_error's path.
        fn tracked<T: DeserializeOwned>(json: &str) -> Result<T> {
            let de = &mut serde_json::Deserializer::from_str(json);
            let value = serde_path_to_error::deserialize(&mut *de).map_err(|err| {
                let mut pointer = String::new();
                for seg in err.path().iter() {
                    match seg {
                        serde_path_to_error::Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
                        serde_path_to_error::Segment::Map { key }
                        | serde_path_to_error::Segment::Enum { variant: key } => {
                            pointer.push('/');
                            pointer.push_str(&crate::base::error::pointer_segment(key));
                        }
                        serde_path_to_error::Segment::Unknown => {}
                    }
                }
                describe(json, err.inner()).path(Origin::Plan, pointer)
            })?;
            // Only whitespace may follow the document; what does is an error about the whole.
            de.end().map_err(|err| describe(json, &err).path(Origin::Plan, ""))?;
            Ok(value)
        }

        fn check<T: DeserializeOwned>(json: &str, mismatches: &mut Vec<String>) -> bool {
            let (before, now) = (tracked::<T>(json).err(), from_json::<T>(json).err());
            if format!("{before:?}") != format!("{now:?}") {
                mismatches.push(format!(
                    "{json}\n  before: {:?}\n  now:    {:?}",
                    before.as_ref().map(|e| (e.code, e.path.clone(), e.suggestion.clone(), e.detail.clone())),
                    now.as_ref().map(|e| (e.code, e.path.clone(), e.suggestion.clone(), e.detail.clone()))
                ));
            }
            before.is_some()
        }

        pub(super) fn corpus() -> Vec<Value> {
            let mut docs = Vec::new();
            for file in [
                "tests/data/plans/sample.json",
                "tests/data/plans/scorecard.json",
                "tests/data/plans/gamification.json",
            ] {
                docs.push(serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap());
            }
            for line in std::fs::read_to_string("tests/data/plan_errors.jsonl").unwrap().lines() {
                let case: Value = serde_json::from_str(line).unwrap();
                // (The long plans there are variations of the files above.)
                if case["plan"].is_object() && case["plan"].to_string().len() < 1000 {
                    docs.push(case["plan"].clone());
                }
            }
            docs
        }

        #[test]
        fn value_mutations() {
            let mut mismatches = Vec::new();
            let mut failing = 0;
            for doc in corpus() {
                for m in mutations(&doc) {
                    for text in [serde_json::to_string(&m).unwrap(), serde_json::to_string_pretty(&m).unwrap()] {
                        failing += usize::from(check::<PlanDocument>(&text, &mut mismatches));
                    }
                }
            }
            assert!(failing > 3000, "{failing} failing documents");
            assert!(
                mismatches.is_empty(),
                "{} mismatches:\n{}",
                mismatches.len(),
                mismatches[..mismatches.len().min(10)].join("\n")
            );
        }

        #[test]
        fn text_mutations() {
            let mut mismatches = Vec::new();
            for doc in corpus().into_iter().take(3) {
                for text in [serde_json::to_string(&doc).unwrap(), serde_json::to_string_pretty(&doc).unwrap()] {
                    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                    let pretty = text.contains('\n');
                    for &i in &bounds {
                        check::<PlanDocument>(&text[..i], &mut mismatches);
                        if pretty {
                            continue;
                        }
                        let next = text[i..].chars().next().map_or(0, char::len_utf8);
                        check::<PlanDocument>(&format!("{}{}", &text[..i], &text[i + next..]), &mut mismatches);
                        let c = ["\"", ",", "}", "]", "x", "[", "\\u0001", ":", "1"][i % 9];
                        check::<PlanDocument>(&format!("{}{c}{}", &text[..i], &text[i..]), &mut mismatches);
                    }
                    for t in repeated_members(&text) {
                        check::<PlanDocument>(&t, &mut mismatches);
                    }
                }
            }
            assert!(
                mismatches.is_empty(),
                "{} mismatches:\n{}",
                mismatches.len(),
                mismatches[..mismatches.len().min(10)].join("\n")
            );
        }

        #[test]
        fn distribution_specs() {
            let mut mismatches = Vec::new();
            let cases: Value =
                serde_json::from_str(&std::fs::read_to_string("tests/data/team/spec_errors.json").unwrap()).unwrap();
            for case in cases.as_array().unwrap() {
                for m in mutations(&case["spec"]) {
                    for text in [serde_json::to_string(&m).unwrap(), serde_json::to_string_pretty(&m).unwrap()] {
                        check::<DistributionSpec>(&text, &mut mismatches);
                    }
                }
            }
            assert!(
                mismatches.is_empty(),
                "{} mismatches:\n{}",
                mismatches.len(),
                mismatches[..mismatches.len().min(10)].join("\n")
            );
        }
    }

    /// The document reader against serde's derived readers it replaced, on the mutations of
    /// the documents above (`base::json::read::testing`).
    #[cfg(not(target_arch = "wasm32"))]
    #[allow(clippy::arithmetic_side_effects)] // offsets into the test texts
    mod against_serde_derive {
        use super::against_path_tracking::corpus;
        use crate::base::json::read::testing::{check, mutations, repeated_members, report};
        use crate::base::json::read_document;
        use crate::plan::document::PlanDocument;
        use crate::targets::decompose::DecompositionSpec;
        use crate::targets::pace::PaceSpec;
        use crate::team::DistributionSpec;
        use serde_json::Value;

        #[test]
        fn value_mutations() {
            let mut mismatches = Vec::new();
            let (mut failing, mut read) = (0, 0);
            for doc in corpus() {
                let several = read_document::<PlanDocument>(&doc.to_string()).is_err();
                for m in std::iter::once(doc.clone()).chain(mutations(&doc)) {
                    for text in [serde_json::to_string(&m).unwrap(), serde_json::to_string_pretty(&m).unwrap()] {
                        if check::<PlanDocument>(&text, several, &mut mismatches) {
                            failing += 1;
                        } else {
                            read += 1;
                        }
                    }
                }
            }
            assert!(failing > 3000 && read > 1000, "{failing} failing, {read} read");
            report(&mismatches);
        }

        #[test]
        fn text_mutations() {
            let mut mismatches = Vec::new();
            for doc in corpus().into_iter().take(3) {
                let text = serde_json::to_string(&doc).unwrap();
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                for &i in &bounds {
                    check::<PlanDocument>(&text[..i], false, &mut mismatches);
                    let next = text[i..].chars().next().map_or(0, char::len_utf8);
                    check::<PlanDocument>(&format!("{}{}", &text[..i], &text[i + next..]), false, &mut mismatches);
                    let c = ["\"", ",", "}", "]", "x", "[", "\\u0001", ":", "1"][i % 9];
                    check::<PlanDocument>(&format!("{}{c}{}", &text[..i], &text[i..]), false, &mut mismatches);
                }
                for t in repeated_members(&text) {
                    check::<PlanDocument>(&t, false, &mut mismatches);
                }
            }
            report(&mismatches);
        }

        #[test]
        fn distribution_specs() {
            let mut mismatches = Vec::new();
            let cases: Value =
                serde_json::from_str(&std::fs::read_to_string("tests/data/team/spec_errors.json").unwrap()).unwrap();
            for case in cases.as_array().unwrap() {
                let several = read_document::<DistributionSpec>(&case["spec"].to_string()).is_err();
                for m in std::iter::once(case["spec"].clone()).chain(mutations(&case["spec"])) {
                    check::<DistributionSpec>(&serde_json::to_string(&m).unwrap(), several, &mut mismatches);
                }
            }
            report(&mismatches);
        }

        /// Reads a JSON file of the test data.
        fn data(path: &str) -> Value {
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
        }

        /// Checks `T`'s reader on each spec and every one of its mutations, compact and pretty;
        /// returns how many texts failed to read and how many read.
        fn specs<T>(specs: &[Value], mismatches: &mut Vec<String>) -> (usize, usize)
        where
            T: serde::de::DeserializeOwned + crate::base::json::read::Read + PartialEq + std::fmt::Debug,
        {
            let (mut failing, mut read) = (0, 0);
            for spec in specs {
                let several = read_document::<T>(&spec.to_string()).is_err();
                for m in std::iter::once(spec.clone()).chain(mutations(spec)) {
                    for text in [serde_json::to_string(&m).unwrap(), serde_json::to_string_pretty(&m).unwrap()] {
                        if check::<T>(&text, several, mismatches) {
                            failing += 1;
                        } else {
                            read += 1;
                        }
                    }
                }
            }
            (failing, read)
        }

        #[test]
        fn decomposition_specs() {
            let mut all = vec![data("tests/data/targets/explained.json"), data("samples/targets/decompose.json")];
            for entry in std::fs::read_dir("tests/data/targets").unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_name().and_then(|f| f.to_str()).unwrap_or_default().to_string();
                if file.starts_with("case") && file.ends_with(".json") {
                    all.push(data(&path.to_string_lossy())["spec"].clone());
                }
            }
            let cases = all.len();
            let errors = std::fs::read_to_string("tests/data/targets/errors.jsonl").unwrap();
            for line in errors.lines().filter(|l| !l.trim().is_empty()) {
                all.push(serde_json::from_str::<Value>(line).unwrap()["spec"].clone());
            }
            assert!(cases >= 11 && all.len() >= 45 && all.iter().all(Value::is_object), "{} specs", all.len());
            let mut mismatches = Vec::new();
            let (failing, read) = specs::<DecompositionSpec>(&all, &mut mismatches);
            assert!(failing > 30_000 && read > 10_000, "{failing} failing, {read} read");
            report(&mismatches);
        }

        #[test]
        fn pacing_specs() {
            let mut all = vec![data("samples/targets/pace.json")];
            for case in data("tests/data/targets/progress.json").as_array().unwrap() {
                all.push(case["spec"].clone());
            }
            for case in data("tests/data/targets/errors.json").as_array().unwrap() {
                all.push(case["spec"].clone());
            }
            // The working-day cases, as `tests/pace.rs` makes them specs.
            for case in data("tests/data/targets/calendar.json").as_array().unwrap() {
                let mut spec = serde_json::json!({
                    "period": case["period"], "asOf": case["asOf"], "reps": [{"id": "A", "target": 1, "actual": 0}]
                });
                if !case["calendar"].is_null() {
                    spec["calendar"] = case["calendar"].clone();
                }
                all.push(spec);
            }
            assert!(all.len() >= 33 && all.iter().all(Value::is_object), "{} specs", all.len());
            let mut mismatches = Vec::new();
            let (failing, read) = specs::<PaceSpec>(&all, &mut mismatches);
            assert!(failing > 15_000 && read > 4_000, "{failing} failing, {read} read");
            report(&mismatches);
        }

        /// `file`, and a copy of it for each `(pointer, value)` of `others` with the value set at
        /// the pointer (its object's member added or replaced): each must read.
        fn every_member<T: crate::base::json::read::Read>(file: &str, others: &[(&str, Value)]) -> (Value, Vec<Value>) {
            let doc = data(file);
            let mut copies = Vec::new();
            for (pointer, value) in others {
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let mut copy = doc.clone();
                let object = copy.pointer_mut(parent).and_then(Value::as_object_mut);
                object.unwrap_or_else(|| panic!("{file}: no object at {parent}")).insert(key.into(), value.clone());
                copies.push(copy);
            }
            for doc in std::iter::once(&doc).chain(&copies) {
                let text = doc.to_string();
                if let Err(e) = read_document::<T>(&text) {
                    panic!("{file} does not read: {:?} at {}\n{text}", e.code, e.path);
                }
            }
            (doc, copies)
        }

        /// Every member and every name of the plan document, in one plan (the corpus above
        /// leaves many out, and a name no document writes is a name the two readers are never
        /// compared on), with the names a plan holds only one of at a time set in turn: the
        /// leaderboard's `by`, the incentive's `rounding`, and a commission's `amount` (which a
        /// plan with transactions does not compile with).
        #[test]
        fn every_member_of_a_plan() {
            let file = "tests/data/plans/every_member.json";
            let text = std::fs::read_to_string(file).unwrap();
            if let Err(e) = crate::plan::Plan::compile(&text) {
                panic!("{file} does not compile: {:?} at {}", e.code, e.path);
            }
            let others = [
                ("/scorecard/team/leaderboard/by", Value::from("total")),
                ("/incentive/rounding", Value::from("perLine")),
                ("/incentive/components/1/amount", Value::from("sales")),
            ];
            let (doc, copies) = every_member::<PlanDocument>(file, &others);
            // The plan's mutations compact only (a plan this size has some 8,000), the copies
            // as they are.
            let mut mismatches = Vec::new();
            let (mut failing, mut read) = (0, 0);
            for m in std::iter::once(doc.clone()).chain(mutations(&doc)) {
                if check::<PlanDocument>(&serde_json::to_string(&m).unwrap(), false, &mut mismatches) {
                    failing += 1;
                } else {
                    read += 1;
                }
            }
            assert!(failing > 6_000 && read > 1_300, "{failing} failing, {read} read");
            for copy in &copies {
                for text in [serde_json::to_string(copy).unwrap(), serde_json::to_string_pretty(copy).unwrap()] {
                    assert!(!check::<PlanDocument>(&text, false, &mut mismatches), "{text}");
                }
            }
            report(&mismatches);
        }

        /// Every member and every name of the decomposition spec, in one spec that decomposes.
        #[test]
        fn every_member_of_a_decomposition_spec() {
            let file = "tests/data/targets/every_member_decompose.json";
            let text = std::fs::read_to_string(file).unwrap();
            if let Err(e) = crate::targets::decompose::decompose(&text) {
                panic!("{file} does not decompose: {:?} at {}", e.code, e.path);
            }
            let (doc, _) = every_member::<DecompositionSpec>(file, &[]);
            let mut mismatches = Vec::new();
            let (failing, read) = specs::<DecompositionSpec>(&[doc], &mut mismatches);
            assert!(failing > 2_500 && read > 700, "{failing} failing, {read} read");
            report(&mismatches);
        }

        /// Every member and every name of the pacing spec, in one spec that paces, with each
        /// rounding strategy in turn.
        #[test]
        fn every_member_of_a_pacing_spec() {
            let file = "tests/data/targets/every_member_pace.json";
            let text = std::fs::read_to_string(file).unwrap();
            if let Err(e) = crate::targets::pace::pace(&text) {
                panic!("{file} does not pace: {:?} at {}", e.code, e.path);
            }
            let others = ["halfUp", "up", "down"].map(|s| ("/rounding/strategy", Value::from(s)));
            let (doc, copies) = every_member::<PaceSpec>(file, &others);
            let mut mismatches = Vec::new();
            let (failing, read) = specs::<PaceSpec>(&[&[doc], &copies[..]].concat(), &mut mismatches);
            assert!(failing > 5_000 && read > 1_200, "{failing} failing, {read} read");
            report(&mismatches);
        }
    }
}
