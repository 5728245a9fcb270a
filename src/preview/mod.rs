//! Admin preview: what a plan change does to every rep and to the team's cost, before it goes
//! live.
//!
//! A [`CompareSession`] holds a baseline plan and the records of a team (one period). It
//! computes the baseline once, as `Plan::evaluate_team` does (each rep alone, then the team's
//! ranks, forced distribution and pools). [`CompareSession::set_draft`] computes a draft over the
//! same records, leaving the baseline as it is (a draft that changes only the scorecard or the
//! incentive section takes the baseline's fields, metrics and transactions, and the amounts of
//! the components it leaves as they are; one that changes only the incentive section takes its
//! scores, ranks and pool shares too); [`CompareSession::set_record`] evaluates one
//! record again under both plans and updates the team's parts from the reps' kept results: a
//! changed score moves other reps' ranks, forced grades and pool shares, so the rep is moved to
//! its new place, the ranks and forced grades are set again and the pools it shares in are split
//! again (in place, paying again only the reps whose shares changed), but no other record is
//! evaluated again.
//!
//! [`CompareSession::comparison`] then gives, per rep, the score, grades, rank and payout under
//! both plans, the change per incentive component and what the rep crossed (a grade band, the
//! forced grade, a veto, a scorecard gate, a commission tier, a target bonus's gate, curve point
//! or cap); and for the team, the cost before and after (like for like, per group and per
//! component, and each plan's own), the grade distributions, a histogram of the changes, the
//! biggest winners and losers, the reps over a threshold, and the records only one plan (or
//! neither) can compute, each with its error. The reps are listed as a table shows them: sorted
//! by one of its columns, a window of them (only those are worked out in full), and the reps
//! picked by index. [`CompareSession::explain`] gives one rep's two
//! explained results side by side, [`CompareSession::sensitivity`] the comparison's team parts
//! (costs, grades, histogram, winners) with every rep's actuals scaled,
//! [`CompareSession::curves`] both plans' payout by attainment.
//!
//! Conventions:
//! - Reps are matched by record index; incentive components by id; grades by name.
//! - A rep's change is its payout change (pools included); when neither plan has an incentive
//!   section, its score change. Winners, losers, counts, the histogram and the threshold use it.
//! - Percentages are change ÷ |before| × 100, rounded to 2 places half up; none when before is 0.
//! - Which values are actuals: see [`actuals`] (transaction amounts and every
//!   money field that is not a target, unless the caller names the fields).
//! - Every result serializes with camelCase names; decimals follow
//!   [`serialize_numbers_as`](crate::base::number::serialize_numbers_as) (numbers or exact strings).
//!
//! ```
//! use salescore::plan::Plan;
//! use salescore::preview::{CompareOptions, CompareSession, RepKey, RepSort, View};
//! use serde_json::json;
//!
//! let plan = |rate: &str| {
//!     Plan::compile(&format!(r#"{{
//!       "fields": [{{"id": "销售额", "type": "money"}}],
//!       "incentive": {{"components": [{{"id": "提成", "type": "commission", "amount": "销售额",
//!         "rules": [{{"id": "标准", "table": {{"kind": "flat", "tiers": [{{"from": 0, "rate": {rate}}}]}}}}]}}]}}
//!     }}"#)).unwrap()
//! };
//! let records = vec![json!({"销售额": 100000}), json!({"销售额": 50000})];
//! let mut session = CompareSession::open(plan("0.05"), records, CompareOptions::default()).unwrap();
//! session.set_draft(plan("0.06")).unwrap();
//! let cost = session.comparison(&View::default()).unwrap().cost.unwrap();
//! assert_eq!((cost.before.0.to_string(), cost.after.0.to_string()), ("7500.00".into(), "9000.00".into()));
//! assert_eq!(cost.percent.unwrap().0.to_string(), "20.00");
//!
//! // The rep table's first row by the biggest change: only that rep is worked out in full.
//! let sort = Some(RepSort { by: RepKey::Change, descending: true });
//! let top = session.comparison(&View { sort, count: Some(1), ..View::default() }).unwrap().reps;
//! assert_eq!((top.len(), top[0].index, top[0].change.unwrap().0.to_string()), (1, 0, "1000.00".into()));
//!
//! // One record changes: only it is evaluated again, and every sum follows.
//! session.set_record(1, json!({"销售额": 0})).unwrap();
//! let cost = session.comparison(&View::default()).unwrap().cost.unwrap();
//! assert_eq!((cost.before.0.to_string(), cost.after.0.to_string()), ("5000.00".into(), "6000.00".into()));
//! ```

pub mod actuals;
mod change;
mod crossing;
mod curve;
mod explain;
mod groups;
mod histogram;
mod ledger;
mod listing;
mod marks;
mod payouts;
mod sensitivity;
mod session;
mod side;
mod summary;
mod view;

pub use actuals::{ActualFields, TransactionColumns};
pub use change::{ComponentChange, RepChange, RepOutcome};
pub use crossing::{Crossing, TierStep};
pub use curve::{AttainmentFields, CurveSpec, Curves, PayoutCurve, PayoutPoint, MAX_POINTS};
pub use explain::{ExplainedSide, RepExplanation};
pub use histogram::{Bin, Histogram};
pub use sensitivity::{Scenario, Sensitivity, SensitivitySpec, MAX_SCENARIOS};
pub use session::{CompareOptions, CompareSession, MAX_RECORDS};
pub use summary::{Comparison, CostChange, Counts, GradeShift, GroupChange, NotCalculable, PlanCost};
pub use view::{RepKey, RepSort, Threshold, View, MAX_BINS};

/// The option readers ([`crate::base::json::read::Read`]) against serde's derived readers they
/// replaced, on option objects as the admin page and the JS tests write them and on every
/// mutation of each (`base::json::read::testing`).
#[cfg(all(test, not(target_arch = "wasm32")))]
#[allow(clippy::arithmetic_side_effects, clippy::indexing_slicing, clippy::unwrap_used)] // test texts
mod against_serde_derive {
    use super::{CompareOptions, CurveSpec, SensitivitySpec, View};
    use crate::base::json::read::testing::{check, mutations, repeated_members, report};
    use crate::base::json::read::Read;
    use crate::base::json::read_document;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};
    use std::fmt::Debug;

    /// Documents checked, and of them those the reader refused.
    #[derive(Default)]
    struct Counts {
        checked: usize,
        failing: usize,
    }

    fn run<T: DeserializeOwned + Read + PartialEq + Debug>(
        docs: &[Value],
        counts: &mut Counts,
        mismatches: &mut Vec<String>,
    ) {
        for doc in docs {
            let text = serde_json::to_string(doc).unwrap();
            assert!(read_document::<T>(&text).is_ok(), "{text} does not read");
            let mut texts = Vec::new();
            for m in std::iter::once(doc.clone()).chain(mutations(doc)) {
                texts.extend([serde_json::to_string(&m).unwrap(), serde_json::to_string_pretty(&m).unwrap()]);
            }
            // The text cut short, and each member written twice.
            texts.extend(text.char_indices().map(|(i, _)| text[..i].to_string()));
            texts.extend(repeated_members(&text));
            for t in texts {
                counts.checked += 1;
                counts.failing += usize::from(check::<T>(&t, false, mismatches));
            }
        }
    }

    #[test]
    fn option_objects() {
        let views = [
            json!({}),
            json!({"reps": false}),
            json!({"top": 10, "bins": 12}),
            json!({"top": 10, "bins": 12, "threshold": null}),
            json!({"top": 3, "reps": false}),
            json!({"reps": true, "locale": "en"}),
            json!({"reps": true, "sort": {"by": "change", "descending": true}, "from": 1, "count": 2, "pick": [4]}),
            json!({"sort": {"by": "forcedGrade"}, "from": 3, "count": null, "locale": "zh-CN"}),
            json!({"sort": {"by": "scoreChange", "descending": false}, "pick": [0, 2]}),
            json!({"threshold": {"amount": 1000, "percent": 10}, "binWidth": "0.5"}),
            json!({"threshold": {"percent": "5"}, "binWidth": 100, "bins": 1000}),
        ];
        let curves = [
            json!({}),
            json!({"from": 50, "to": 150, "step": 5}),
            json!({"from": 50, "to": 150, "step": 5, "rep": 3}),
            json!({"from": "0.5", "to": "99.5", "step": "0.5", "rep": null}),
            json!({"attainment": {"actual": "销售额", "target": "目标"}, "actuals": ["销售额"], "transactions": false}),
        ];
        let sensitivities = [
            json!({}),
            json!({"changes": [-20, 0, 20]}),
            json!({"changes": ["-12.5", 0, 7.25], "actuals": ["销售额"], "transactions": false}),
            json!({"actuals": null, "transactions": true}),
        ];
        let opens = [
            json!({}),
            json!({"locale": "zh-CN"}),
            json!({"locale": "en", "actuals": ["销售额", "回款"]}),
            json!({"actuals": [], "locale": null}),
        ];
        let mut mismatches = Vec::new();
        let mut counts = Counts::default();
        run::<View>(&views, &mut counts, &mut mismatches);
        run::<CurveSpec>(&curves, &mut counts, &mut mismatches);
        run::<SensitivitySpec>(&sensitivities, &mut counts, &mut mismatches);
        run::<CompareOptions>(&opens, &mut counts, &mut mismatches);
        report(&mismatches);
        // Every document above, cut short, with a member twice, and each of its mutations, in
        // both layouts: 458 of them read.
        assert_eq!((counts.checked, counts.failing), (3741, 3283));
    }

    /// Every member and every name of the options (`tests/data/preview/every_option.json`):
    /// each kind with all its members, and a view sorted by each column of the rep table (the
    /// objects above name only some), each with its mutations as above.
    #[test]
    fn every_option() {
        let file = "tests/data/preview/every_option.json";
        let all: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let docs = |kind: &str| all[kind].as_array().unwrap_or_else(|| panic!("{file}: no {kind}")).clone();
        let mut mismatches = Vec::new();
        let mut counts = Counts::default();
        run::<View>(&docs("views"), &mut counts, &mut mismatches);
        run::<CurveSpec>(&docs("curves"), &mut counts, &mut mismatches);
        run::<SensitivitySpec>(&docs("sensitivities"), &mut counts, &mut mismatches);
        run::<CompareOptions>(&docs("opens"), &mut counts, &mut mismatches);
        report(&mismatches);
        // Cut short, with a member twice, and mutated, in both layouts: 312 of them read.
        assert_eq!((counts.checked, counts.failing), (3048, 2736));
    }
}
