//! Reads a plan document from JSON text (through the one JSON reader, [`crate::base::json`]).

use super::document::PlanDocument;
use crate::base::error::Result;
pub use crate::base::json::{document_from_json, document_locale};

/// Parses the document, or says exactly where and why it is malformed.
pub fn parse_document(json: &str) -> Result<PlanDocument> {
    document_from_json(json)
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
        assert_eq!(err.detail.found.as_deref(), Some("invalid type: array, expected an object"));
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
        let method = r#"{"scorecard": {"indicators": [{"id": "a", "actual": "x", "method": 5}]}}"#;
        assert_eq!(both(method).1, "计划文档无法读取：此处需要对象，实际为整数 5");
        // A string found that holds serde's own words is still read from its end.
        let tricky = r#"{"version": "a, expected b"}"#;
        assert_eq!(
            both(tricky).2,
            "invalid plan document: expected a whole number ≥ 0, found string \"a, expected b\""
        );
        let from = r#"{"scorecard": {"grades": [{"grade": "A", "from": "九十"}]}}"#;
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
        assert_eq!(typed("-1.5e3").1, "计划文档无法读取：此处需要字符串，实际为数值 -1.5e3");
        assert_eq!(typed("[1]").1, "计划文档无法读取：此处需要字符串，实际为数组");
        assert_eq!(typed("null").1, "计划文档无法读取：此处需要字符串，实际为 null");
        assert_eq!(typed("false").1, "计划文档无法读取：此处需要字符串，实际为布尔值 false");
        // What is not JSON stays a syntax error.
        for v in ["tru", "", "01", "x"] {
            assert_eq!(typed(v).1, "计划文档无法读取：JSON 语法错误：此处应为一个值", "{v}");
        }
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

    /// A scoring method is an internally tagged enum: serde reads its object whole before it
    /// reads the variant's fields, so an error there is found (and reported) at the method,
    /// wherever the method stands in its indicator. An unknown `type` is found at once.
    #[test]
    fn errors_inside_a_scoring_method_point_at_the_method() {
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
                "/method",
                None,
            ),
            (
                r#"{"type": "steps", "bands": [{"from": 0, "points": 50}, {"from": 1, "pointz": 100}]}"#,
                ErrorCode::UnknownKey,
                "/method",
                Some("points"),
            ),
            (r#"{"type": "steps", "bands": [{"from": 0}]}"#, ErrorCode::MissingKey, "/method", None),
            (r#"{"type": "linear", "threshold": "0"}"#, ErrorCode::MissingKey, "/method", None),
            (
                r#"{"type": "linear", "threshold": "0", "strech": "1"}"#,
                ErrorCode::UnknownKey,
                "/method",
                Some("stretch"),
            ),
            (
                r#"{"type": "steps", "on": "atainment", "bands": []}"#,
                ErrorCode::InvalidValue,
                "/method",
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

        /// Every value of `doc` with one change at one place.
        fn mutations(doc: &Value) -> Vec<Value> {
            fn walk(v: &Value, out: &mut Vec<Value>, rebuild: &dyn Fn(Value) -> Value) {
                let replacements = [
                    Value::Null,
                    Value::Bool(true),
                    serde_json::json!(-1),
                    serde_json::json!(1.5),
                    serde_json::json!(1e300),
                    serde_json::json!("x"),
                    serde_json::json!("1e400"),
                    serde_json::json!(""),
                    serde_json::json!([]),
                    serde_json::json!({}),
                    serde_json::json!([1]),
                    serde_json::json!({"type": "x"}),
                ];
                for r in replacements {
                    if &r != v {
                        out.push(rebuild(r));
                    }
                }
                match v {
                    Value::Object(map) => {
                        for (k, child) in map {
                            let rename = |to: String| {
                                let mut m = map.clone();
                                let c = m.remove(k).unwrap();
                                m.insert(to, c);
                                rebuild(Value::Object(m))
                            };
                            out.push(rename(format!("{k}x")));
                            out.push(rename(k.chars().skip(1).collect()));
                            let mut m = map.clone();
                            m.remove(k);
                            out.push(rebuild(Value::Object(m)));
                            let (k2, map2) = (k.clone(), map.clone());
                            walk(child, out, &move |c| {
                                let mut m = map2.clone();
                                m.insert(k2.clone(), c);
                                rebuild(Value::Object(m))
                            });
                        }
                    }
                    Value::Array(items) => {
                        for (i, child) in items.iter().enumerate() {
                            let mut a = items.clone();
                            a.remove(i);
                            out.push(rebuild(Value::Array(a)));
                            let items2 = items.clone();
                            walk(child, out, &move |c| {
                                let mut a = items2.clone();
                                a[i] = c;
                                rebuild(Value::Array(a))
                            });
                        }
                    }
                    Value::String(s) => {
                        out.push(rebuild(Value::String(format!("{s}x"))));
                        out.push(rebuild(Value::String(s.chars().skip(1).collect())));
                    }
                    _ => {}
                }
            }
            let mut out = Vec::new();
            walk(doc, &mut out, &|v| v);
            out
        }

        /// Texts of `doc` with a repeated member: `"key": value` written twice in each object.
        fn repeated_members(text: &str) -> Vec<String> {
            text.match_indices(",\"")
                .map(|(i, _)| i)
                .take(200)
                .filter_map(|i| {
                    let rest = &text[i + 1..];
                    let end = rest.find([',', '}'])?;
                    Some(format!("{},{}{}", &text[..i + 1 + end], &rest[..end], &text[i + 1 + end..]))
                })
                .collect()
        }

        fn corpus() -> Vec<Value> {
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
}
