//! A compiled plan: the document validated once, every formula parsed and ordered, ready to
//! evaluate records.
//!
//! ```
//! use salescore::plan::Plan;
//! let plan = Plan::compile(r#"{
//!   "fields": [{"id": "回款额", "type": "money"}, {"id": "目标", "type": "money"}],
//!   "metrics": [{"id": "达成率", "formula": "DIVIDE(回款额, 目标)", "kind": "rate"}]
//! }"#).unwrap();
//! let result = plan.evaluate(&serde_json::json!({"回款额": "85000", "目标": 100000}), false).unwrap();
//! assert_eq!(result.get("达成率").unwrap().to_string(), "0.8500");
//! ```

pub mod diagnostics;
pub mod document;
mod evaluate;
mod explain;
mod graph;
pub mod output;
pub(crate) mod parse;
mod pool_split;
mod team;
mod totals;

pub use parse::document_locale;

pub use diagnostics::{diagnose, Diagnostic, DiagnosticCode, Severity};
pub use document::{FieldDef, MetricDef, MetricKind, PlanDocument, RoundingPolicy};
pub use evaluate::{Evaluation, MetricResult, Record, Rows, RowsError, MAX_ROWS};
pub use explain::{TraceEntry, TraceInput};
pub(crate) use pool_split::PoolSplits;
pub(crate) use team::{settle, PoolAward, PoolAwards};
pub use team::{
    Aggregates, GradeCount, GroupSummary, Leaderboard, LeaderboardEntry, PkOutcome, PkResult, PkSide, TeamEvaluation,
    TeamMember, TeamSummary,
};
pub use team::{PoolSummary, TeamIncentive};
pub use totals::{ComponentAmount, IncentiveTotals, PlanTotals, ScoreTotals, StatementTotal};

use crate::base::error::{closest, pointer_segment, Error, ErrorCode, Origin, Phrase, Result};
use crate::base::locale::Locale;
use crate::base::number::MAX_SCALE;
use crate::formula::ast::Node;
use crate::formula::input::Input;
use crate::formula::parser::Resolver;
use crate::formula::{parse, Limits, Value};
use rustc_hash::FxHashMap as HashMap;

/// Whether a statement whose lines nobody reads (a team batch without explanations, a result of
/// totals) is summed without being built (`team::team_totals`, `Run::amounts_into`): natively
/// and in the admin entry, built for speed. The form entry's `.wasm` is built for size (the
/// README's "Where the bytes go"): there the statements are finished and summed, to the same
/// figures, and the shortcut's code (about 3 KB gzip) is left out.
const NUMBERS_ONLY: bool = cfg!(any(feature = "admin", not(target_arch = "wasm32")));

/// A field ready for evaluation.
#[derive(Clone, Debug)]
struct Field {
    def: FieldDef,
    default: Option<Value>,
}

/// A metric ready for evaluation.
#[derive(Clone, Debug)]
struct Metric {
    def: MetricDef,
    /// Its id, shared by the results that name it.
    name: crate::base::name::Name,
    root: Node,
    /// Slots this metric reads, distinct, in order of first use.
    reads: Vec<usize>,
    /// The formula printed once, for explanations: on the first explained evaluation, so that a
    /// plan that is never explained (a form's) does not print its formulas when it compiles.
    template: std::sync::OnceLock<crate::formula::render::Template>,
}

impl Metric {
    /// The formula printed, with holes for its references.
    fn template(&self) -> &crate::formula::render::Template {
        self.template.get_or_init(|| crate::formula::render::Template::of(&self.root))
    }
}

/// A compiled plan.
#[derive(Clone, Debug)]
pub struct Plan {
    doc: PlanDocument,
    fields: Vec<Field>,
    /// The fields' names, to read a record's fields in one pass where it can.
    names: crate::formula::record::FieldNames,
    metrics: Vec<Metric>,
    /// Metric indices in evaluation order.
    order: Vec<usize>,
    /// The scorecard, when the plan has one.
    scorecard: Option<crate::scorecard::Scorecard>,
    /// The incentive section, when the plan has one.
    incentive: Option<crate::incentive::section::Incentive>,
    /// The forced distribution of the scorecard's team section, when it has one.
    distribution: Option<crate::team::ForcedDistribution>,
}

/// The team engine's forced distribution from the scorecard's grade quotas (which the scorecard
/// compiler has checked against its grades), its errors pointing into the plan.
fn forced_distribution(quotas: &[crate::scorecard::document::QuotaDef]) -> Result<crate::team::ForcedDistribution> {
    let spec = crate::team::DistributionSpec {
        quotas: quotas.iter().map(|q| crate::team::GradeQuota::new(q.grade.as_str(), q.percent.0)).collect(),
    };
    crate::team::ForcedDistribution::new(spec).map_err(|mut e| {
        e.path = e.path.replacen("/quotas", "/scorecard/team/distribution", 1);
        e
    })
}

/// Names → slots: fields first, then metrics.
struct PlanNames<'a> {
    slots: &'a HashMap<&'a str, usize>,
}

impl Resolver for PlanNames<'_> {
    fn resolve(&mut self, name: &str) -> Result<usize> {
        self.slots.get(name).copied().ok_or_else(|| {
            Error::new(ErrorCode::UnknownField).name(name).suggest(closest(name, self.slots.keys().copied()))
        })
    }
}

fn check_id(id: &str, path: impl FnOnce() -> String) -> Result<()> {
    let why = if id.trim().is_empty() {
        Some(Phrase::MustNotBeEmpty)
    } else if id.trim() != id {
        Some(Phrase::NoSpacesAround)
    } else if id.contains('}') {
        Some(Phrase::NoClosingBrace)
    } else {
        None
    };
    why.map_or(Ok(()), |w| Err(Error::new(ErrorCode::InvalidId).name(id).expected(w).path(Origin::Plan, path())))
}

impl Plan {
    /// Parses and validates a plan document given as JSON text.
    pub fn compile(json: &str) -> Result<Plan> {
        Self::from_document(parse::parse_document(json)?)
    }

    /// Validates a parsed document.
    pub fn from_document(doc: PlanDocument) -> Result<Plan> {
        check_common(&doc)?;
        // Fields and metrics share one namespace: slots 0.. are fields, then metrics.
        let mut slots: HashMap<&str, usize> = HashMap::default();
        let fields = doc.fields.iter().enumerate().map(|(i, f)| ("fields", i, f.id.as_str()));
        let metric_ids = doc.metrics.iter().enumerate().map(|(i, m)| ("metrics", i, m.id.as_str()));
        for (slot, (section, index, id)) in fields.chain(metric_ids).enumerate() {
            let path = || format!("/{section}/{index}/id");
            check_id(id, path)?;
            if slots.insert(id, slot).is_some() {
                return Err(Error::new(ErrorCode::DuplicateId).name(id).path(Origin::Plan, path()));
            }
        }
        let fields = doc.fields.iter().enumerate().map(|(i, f)| compile_field(f, i)).collect::<Result<Vec<_>>>()?;
        let n_fields = fields.len();
        let mut metrics = Vec::with_capacity(doc.metrics.len());
        for (i, def) in doc.metrics.iter().enumerate() {
            let root = parse(&def.formula, Limits::default(), &mut PlanNames { slots: &slots })
                .map_err(|e| e.path(Origin::Plan, format!("/metrics/{i}/formula")))?;
            let mut reads = Vec::new();
            root.visit_refs(&mut |s| {
                if !reads.contains(&s) {
                    reads.push(s);
                }
            });
            let name = crate::base::name::Name::from(&def.id);
            metrics.push(Metric { def: def.clone(), name, root, reads, template: std::sync::OnceLock::new() });
        }
        let deps: Vec<Vec<usize>> =
            metrics.iter().map(|m| m.reads.iter().filter_map(|s| s.checked_sub(n_fields)).collect()).collect();
        let order = graph::topological_order(&deps).map_err(|cycle| {
            let first = cycle.first().copied().unwrap_or(0);
            let names = cycle.iter().filter_map(|&i| metrics.get(i).map(|m: &Metric| m.def.id.clone())).collect();
            graph::cycle_error(names).path(Origin::Plan, format!("/metrics/{first}/formula"))
        })?;
        let scorecard = match &doc.scorecard {
            Some(def) => Some(crate::scorecard::Scorecard::compile(def, &mut PlanNames { slots: &slots })?),
            None => None,
        };
        let distribution = match doc.scorecard.as_ref().and_then(|s| s.team.as_ref()) {
            Some(team) if !team.distribution.is_empty() => Some(forced_distribution(&team.distribution)?),
            _ => None,
        };
        let incentive = match &doc.incentive {
            Some(def) => Some(crate::incentive::section::Incentive::compile(
                def,
                &doc.currency,
                doc.rounding.money,
                scorecard
                    .as_ref()
                    .map(|s| crate::incentive::section::ScorecardShape { team_rep: s.team.as_ref().map(|t| &t.id) }),
                &mut PlanNames { slots: &slots },
            )?),
            None => None,
        };
        let names = crate::formula::record::FieldNames::new(fields.iter().map(|f| f.def.id.clone()).collect());
        // The scorecard's own names, so that a member's grade and the team's share one text.
        Ok(Plan { doc, fields, names, metrics, order, scorecard, incentive, distribution })
    }

    /// The document the plan was compiled from.
    pub fn document(&self) -> &PlanDocument {
        &self.doc
    }

    /// Whether this plan scores every record as `other` does: the two documents differ at most
    /// in their incentive sections and their ids and names, so every record gets the same
    /// fields, metrics, score and team ranks under both. (A plan's numbers are read normalized,
    /// so equal values are equal documents: `60` and `"60.00"` are one weight.)
    pub fn scores_like(&self, other: &Plan) -> bool {
        self.reads_like(other) && self.doc.scorecard == other.doc.scorecard
    }

    /// Whether this plan reads every record as `other` does: the two documents differ at most
    /// in their scorecards, incentive sections, ids and names, so every record gets the same
    /// fields and metrics under both (a draft that reweights indicators or moves a grade band
    /// scores them otherwise).
    pub fn reads_like(&self, other: &Plan) -> bool {
        let PlanDocument {
            version,
            id: _,
            name: _,
            currency,
            locale,
            rounding,
            fields,
            metrics,
            scorecard: _,
            incentive: _,
        } = &self.doc;
        let o = &other.doc;
        (version, currency, locale, rounding, fields, metrics)
            == (&o.version, &o.currency, &o.locale, &o.rounding, &o.fields, &o.metrics)
    }

    /// When this plan reads records as `other` does ([`Plan::reads_like`]) and the scorecards
    /// differ at most in some profiles' weights and phases (the same profiles, in the same order,
    /// chosen by the same conditions; every other part of the scorecard the same): the places of
    /// the profiles that differ. A rep scored by another profile gets the same score under both
    /// plans (a draft that reweights one profile scores only that profile's reps again).
    pub(crate) fn rescores(&self, other: &Plan) -> Option<Vec<usize>> {
        if !self.reads_like(other) {
            return None;
        }
        let (Some(a), Some(b)) = (&self.doc.scorecard, &other.doc.scorecard) else { return None };
        let crate::scorecard::ScorecardDef {
            indicators,
            profiles,
            adjustments,
            gates,
            vetoes,
            blend,
            grades,
            team,
            points,
        } = a;
        let same = (indicators, adjustments, gates, vetoes, blend, grades, team, points)
            == (&b.indicators, &b.adjustments, &b.gates, &b.vetoes, &b.blend, &b.grades, &b.team, &b.points);
        if !same || profiles.len() != b.profiles.len() {
            return None;
        }
        let mut changed = Vec::new();
        for (k, (p, q)) in profiles.iter().zip(&b.profiles).enumerate() {
            if (&p.id, &p.when) != (&q.id, &q.when) {
                return None;
            }
            if p != q {
                changed.push(k);
            }
        }
        Some(changed)
    }

    /// Whether every record's transactions are read and credited by this plan's incentive
    /// section as by `other`'s: the plans read records alike ([`Plan::reads_like`]), their
    /// sections name the same transactions, rep formula, product lines and customer types, and
    /// the rep formula a section takes from the scorecard's team section (when it has none of
    /// its own) is the same. A draft that changes a commission's rates or basis, a target bonus's
    /// curve or multipliers, or the scorecard's weights, reads them as its baseline does.
    pub(crate) fn reads_rows_as(&self, other: &Plan) -> bool {
        let team_rep = |p: &Plan| p.doc.scorecard.as_ref().and_then(|s| s.team.as_ref()).map(|t| t.id.clone());
        match (&self.incentive, &other.incentive) {
            (Some(a), Some(b)) => self.reads_like(other) && a.reads_rows_as(b) && team_rep(self) == team_rep(other),
            _ => false,
        }
    }

    /// Per incentive component of this plan, whether it pays every record as `other`'s component
    /// at the same place does, given the same transactions ([`Plan::reads_rows_as`]; see
    /// [`crate::incentive::section::Incentive::pays_as`]). None where the plans do not read rows
    /// alike. `scored`: whether the record's score has the same coefficient under both plans
    /// (always so when they score alike, [`Plan::scores_like`]); a target bonus is paid alike
    /// only then, as its multiplier may be the score's coefficient, the only part of a score a
    /// component other than a pool reads.
    pub(crate) fn pays_as(&self, other: &Plan, scored: bool) -> Vec<bool> {
        match (&self.incentive, &other.incentive) {
            (Some(a), Some(b)) if self.reads_rows_as(other) => a.pays_as(b, scored),
            _ => Vec::new(),
        }
    }

    /// Whether this plan splits every team pool as `other` does, given the same team: the plans
    /// score alike ([`Plan::scores_like`]: the same members, ranks, groups and vetoes), their
    /// sections have the same currency and the same pools at the same places (amount, share
    /// formula, per group). A compare side then takes the other side's shares instead of
    /// splitting the pools again (it still checks the share weights it works out per record).
    pub(crate) fn splits_pools_as(&self, other: &Plan) -> bool {
        match (&self.incentive, &other.incentive) {
            (Some(a), Some(b)) => self.scores_like(other) && a.currency() == b.currency() && a.pools().eq(b.pools()),
            _ => false,
        }
    }

    /// The plan's default locale.
    pub fn locale(&self) -> Locale {
        self.doc.locale
    }

    /// Ids of the metrics, in declaration order (the order of results).
    pub fn metric_ids(&self) -> impl Iterator<Item = &str> {
        self.metrics.iter().map(|m| m.def.id.as_str())
    }

    /// Ids of the record fields the plan reads, in declaration order.
    pub fn field_ids(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.def.id.as_str())
    }

    /// Whether a result carries more than the metrics: a score or a statement (the plan has a
    /// scorecard or an incentive section).
    pub fn has_lines(&self) -> bool {
        self.scorecard.is_some() || self.incentive.is_some()
    }
}

fn check_common(doc: &PlanDocument) -> Result<()> {
    if doc.version != 1 {
        return Err(Error::new(ErrorCode::InvalidValue)
            .name("version")
            .expected("1")
            .found(doc.version.to_string())
            .path(Origin::Plan, "/version"));
    }
    let c = &doc.currency;
    if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(Error::new(ErrorCode::InvalidCurrency).found(c.as_str()).path(Origin::Plan, "/currency"));
    }
    let r = &doc.rounding;
    let rules = [("money", Some(r.money)), ("rate", Some(r.rate)), ("score", Some(r.score)), ("number", r.number)];
    for (name, rule) in rules {
        if let Some(rule) = rule.filter(|rule| rule.scale > MAX_SCALE) {
            return Err(Error::new(ErrorCode::InvalidRounding)
                .name(name)
                .found(rule.scale.to_string())
                .expected(MAX_SCALE.to_string())
                .path(Origin::Plan, format!("/rounding/{name}/scale")));
        }
    }
    Ok(())
}

fn compile_field(def: &FieldDef, index: usize) -> Result<Field> {
    let default = match &def.default {
        None => None,
        Some(json) => Input::from_json(Some(json))
            .to_typed(def.field_type)
            .map_err(|e| e.name(def.id.as_str()).path(Origin::Plan, format!("/fields/{index}/default")))?,
    };
    Ok(Field { def: def.clone(), default })
}

/// The record path of a field.
fn record_path(id: &str) -> String {
    format!("/{}", pointer_segment(id))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)] // test code: a panic is a failed test
    use super::Plan;
    use serde_json::{json, Value};

    /// A compiled plan can be shared by threads (a native host evaluating in parallel): what it
    /// shares inside (names, the incentive section's currency) is counted atomically.
    #[test]
    fn a_plan_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Plan>();
    }

    /// Edits of a plan: a JSON pointer and the value put there.
    type Edits<'a> = &'a [(&'a str, Value)];

    /// The sample plan with `edits` applied.
    fn sample(edits: Edits<'_>) -> Plan {
        let mut doc: Value = serde_json::from_str(include_str!("../../samples/team/plan.json")).unwrap();
        for (pointer, value) in edits {
            let (parent, key) = pointer.rsplit_once('/').unwrap();
            doc.pointer_mut(parent).unwrap().as_object_mut().unwrap().insert(key.to_string(), value.clone());
        }
        Plan::compile(&doc.to_string()).unwrap()
    }

    #[test]
    fn a_draft_that_reweights_profiles_rescores_only_their_reps() {
        let baseline = sample(&[]);
        let weights = |p: usize, k: usize, w: i64| {
            let mut doc: Value = serde_json::from_str(include_str!("../../samples/team/plan.json")).unwrap();
            let list = &mut doc["scorecard"]["profiles"][p]["weights"];
            list[0]["weight"] = json!(list[0]["weight"].as_i64().unwrap() + w);
            list[k]["weight"] = json!(list[k]["weight"].as_i64().unwrap() - w);
            (format!("/scorecard/profiles/{p}/weights"), list.clone())
        };
        let (first, second) = (weights(0, 2, 5), weights(2, 1, 5));
        let phase = json!([{"id": "拓新期", "when": "月份 <= 2", "weights": [
            {"indicator": "销售达成", "weight": 40}, {"indicator": "回款达成", "weight": 10}, {"indicator": "新客户", "weight": 25},
            {"indicator": "拜访", "weight": 15}, {"indicator": "满意度", "weight": 5}, {"indicator": "转介绍", "weight": 5}]}]);
        let cases: [(Edits<'_>, Option<Vec<usize>>); 7] = [
            (&[], Some(vec![])),
            (&[(first.0.as_str(), first.1.clone())], Some(vec![0])),
            (&[(first.0.as_str(), first.1.clone()), (second.0.as_str(), second.1.clone())], Some(vec![0, 2])),
            // Another phase of the second profile: its reps only.
            (&[("/scorecard/profiles/1/phases", phase)], Some(vec![1])),
            // Reps choose their profile otherwise: every rep is scored again.
            (&[("/scorecard/profiles/0/when", json!("职级 = \"新人\" AND 月份 > 1"))], None),
            // A gate, for every profile.
            (&[("/scorecard/gates/0/cap", json!(70))], None),
            // A field: nothing is read alike.
            (&[("/fields/1/label", json!("代表"))], None),
        ];
        for (edits, rescored) in cases {
            assert_eq!(sample(edits).rescores(&baseline), rescored, "{edits:?}");
        }
    }

    #[test]
    fn a_draft_pays_alike_the_components_it_leaves_as_they_are() {
        // The sample plan's components: 提成 (commission), 目标奖金 (a target bonus on what 提成
        // credits), 新客户奖 (SPIFF), 团队奖金池 (pool: always run).
        let baseline = sample(&[]);
        let cases: [(Edits<'_>, &[bool]); 10] = [
            (&[], &[true, true, true, false]),
            // A rate: 提成 pays otherwise, and credits as before.
            (&[("/incentive/components/0/rules/2/table/tiers/2/rate", json!(0.06))], &[false, true, true, false]),
            // Another basis: 提成 credits otherwise, so the target bonus on it pays otherwise.
            (&[("/incentive/components/0/basis", json!("collected"))], &[false, false, true, false]),
            (&[("/incentive/components/1/curve/gate", json!(50))], &[true, false, true, false]),
            (&[("/incentive/components/2/amount", json!(400))], &[true, true, false, false]),
            // Rounded on the total: a component's amount is not its own.
            (&[("/incentive/rounding", json!("onTotal"))], &[false, false, false, false]),
            // Transactions read otherwise: nothing is shared.
            (&[("/incentive/transactions/amount", json!("回款"))], &[]),
            // Scored otherwise: the target bonus (it may read the score) is paid again.
            (&[("/scorecard/gates/0/cap", json!(70))], &[true, false, true, false]),
            // Another rep id in the team section, which the section reads rows by: nothing.
            (&[("/scorecard/team/id", json!("姓名"))], &[]),
            // A field declared otherwise (its label only): nothing.
            (&[("/fields/1/label", json!("代表"))], &[]),
        ];
        for (edits, pays) in cases {
            let draft = sample(edits);
            assert_eq!(draft.pays_as(&baseline, draft.scores_like(&baseline)), pays, "{edits:?}");
        }
    }
}
