//! A compare session: the baseline plan and the team's records, computed once, then drafts and
//! record edits, each recomputing only what it changes.

use super::actuals::Actuals;
use super::change::{pair_components, ComponentPair, Pairing, RepChange};
use super::crossing::GradeOrder;
use super::curve::{curves, CurveSpec, Curves};
use super::explain::{explain_side, RepExplanation};
use super::ledger::Ledger;
use super::sensitivity::{sensitivity, Sensitivity, SensitivitySpec};
use super::side::Side;
use super::summary::{compare, Comparison};
use super::view::{option, View};
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Result};
use crate::base::locale::Locale;
use crate::plan::output::Options;
use crate::plan::Plan;
use serde::Deserialize;
use serde_json::Value as Json;

/// Most records a session holds.
pub const MAX_RECORDS: usize = 100_000;

/// Options of [`CompareSession::open`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CompareOptions {
    /// Locale of messages (default: the baseline plan's).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locale: Option<Locale>,
    /// The record fields that hold actuals, for sensitivity and payout curves (default: every
    /// money field that is not a target; see [`super::actuals`]).
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub actuals: Option<Vec<String>>,
}

/// The baseline and the draft computed over one team (see the [module docs](super)).
#[derive(Clone, Debug)]
pub struct CompareSession {
    records: Vec<Json>,
    options: CompareOptions,
    baseline: Side,
    /// The draft; none until one is set (the comparison is then the baseline with itself).
    draft: Option<Side>,
    /// Whether the draft reads every record as the baseline does ([`Plan::reads_like`]): the
    /// draft side then takes the baseline's fields and metrics instead of reading and computing
    /// them again, and its scores when it scores alike ([`Plan::scores_like`]).
    alike: bool,
    components: Vec<ComponentPair>,
    grades: GradeOrder,
    /// The comparison's team parts, kept up to date with every edit.
    ledger: Ledger,
}

impl CompareSession {
    /// Computes `baseline` over `records` (a team, one period): every rep, then the team's ranks,
    /// forced distribution and pools, as `Plan::evaluate_team` does. A record that fails is
    /// reported by the comparison, not here. Errors: `EMPTY_TEAM` without records, `TOO_LARGE`
    /// past [`MAX_RECORDS`], an unknown actual field (`UNKNOWN_FIELD` at `/actuals/i`), and any
    /// error of the team as a whole.
    pub fn open(baseline: Plan, records: Vec<Json>, options: CompareOptions) -> Result<CompareSession> {
        check_size(records.len())?;
        if let Some(names) = &options.actuals {
            Actuals::resolve(&[&baseline], Some(names), true, "/actuals")?;
        }
        let baseline = Side::new(baseline, &records, None)?;
        let components = pair_components(&baseline.plan, &baseline.plan);
        let grades = GradeOrder::of(&baseline.plan, &baseline.plan);
        let mut session = CompareSession {
            records,
            options,
            baseline,
            draft: None,
            alike: false,
            components,
            grades,
            ledger: Ledger::default(),
        };
        session.recount();
        Ok(session)
    }

    /// Sets the draft and computes it over the records; the baseline is not recomputed. On
    /// error the previous draft stays.
    pub fn set_draft(&mut self, draft: Plan) -> Result<()> {
        let alike = draft.reads_like(&self.baseline.plan);
        let draft = Side::new(draft, &self.records, alike.then_some(&self.baseline))?;
        self.alike = alike;
        self.components = pair_components(&self.baseline.plan, &draft.plan);
        self.grades = GradeOrder::of(&self.baseline.plan, &draft.plan);
        self.draft = Some(draft);
        self.recount();
        Ok(())
    }

    /// Drops the draft: the comparison is the baseline with itself again.
    pub fn clear_draft(&mut self) {
        self.draft = None;
        self.alike = false;
        self.components = pair_components(&self.baseline.plan, &self.baseline.plan);
        self.grades = GradeOrder::of(&self.baseline.plan, &self.baseline.plan);
        self.recount();
    }

    /// Replaces record `index` and recomputes it under both plans, then the team's parts
    /// (ranks, forced grades and pools may move for other reps too). A record that fails is
    /// reported by the comparison. On error nothing changes.
    pub fn set_record(&mut self, index: usize, record: Json) -> Result<()> {
        self.check_index(index)?;
        self.baseline.replace(index, &record, None)?;
        let like = self.alike.then_some(&self.baseline);
        if let Some(draft) = self.draft.as_mut() {
            if let Err(e) = draft.replace(index, &record, like) {
                let old = self.records.get(index).cloned().unwrap_or_default();
                let back = self.baseline.replace(index, &old, None);
                self.recount();
                back?;
                return Err(e);
            }
        }
        if let Some(slot) = self.records.get_mut(index) {
            *slot = record;
        }
        // What the edit changed on either side, taken out of the ledger and added again.
        let mut ledger = std::mem::take(&mut self.ledger);
        let pairing = self.pairing();
        match (self.baseline.touched(), self.draft.as_ref().map(Side::touched)) {
            (Some(b), None) => ledger.update(&pairing, b),
            (Some(b), Some(Some(d))) => {
                let mut changed = b.to_vec();
                changed.extend_from_slice(d);
                ledger.update(&pairing, &changed);
            }
            _ => ledger = Ledger::new(&pairing),
        }
        self.ledger = ledger;
        Ok(())
    }

    /// Adds a record at the end; returns its index. On error nothing changes.
    pub fn add_record(&mut self, record: Json) -> Result<usize> {
        check_size(self.records.len().saturating_add(1))?;
        let at = self.records.len();
        self.baseline.insert(at, &record, None)?;
        let like = self.alike.then_some(&self.baseline);
        if let Some(draft) = self.draft.as_mut() {
            if let Err(e) = draft.insert(at, &record, like) {
                self.baseline.remove(at)?;
                return Err(e);
            }
        }
        self.records.push(record);
        self.recount();
        Ok(self.records.len().saturating_sub(1))
    }

    /// Removes record `index` (later records move down by one) and returns it. The last record
    /// cannot be removed (`EMPTY_TEAM`). On error nothing changes.
    pub fn remove_record(&mut self, index: usize) -> Result<Json> {
        self.check_index(index)?;
        check_size(self.records.len().saturating_sub(1))?;
        self.baseline.remove(index)?;
        if let Some(draft) = self.draft.as_mut() {
            if let Err(e) = draft.remove(index) {
                let old = self.records.get(index).cloned().unwrap_or_default();
                self.baseline.insert(index, &old, None)?;
                return Err(e);
            }
        }
        let record = self.records.remove(index);
        self.recount();
        Ok(record)
    }

    /// The records, in order.
    pub fn records(&self) -> &[Json] {
        &self.records
    }

    /// The baseline plan.
    pub fn baseline(&self) -> &Plan {
        &self.baseline.plan
    }

    /// The draft plan, when one is set.
    pub fn draft(&self) -> Option<&Plan> {
        self.draft.as_ref().map(|d| &d.plan)
    }

    /// Each plan's team view (members ranked, forced grades, payouts with pools, aggregates,
    /// groups, PK, leaderboard), as `Plan::evaluate_team` gives it, computed on request from the
    /// kept results; the draft's is the baseline's when no draft is set. `incentive` is left
    /// out: the comparison has the costs.
    pub fn teams(&self) -> Result<(crate::plan::TeamSummary, crate::plan::TeamSummary)> {
        Ok((self.baseline.standings()?, self.draft_side().standings()?))
    }

    /// The comparison as `view` asks for it.
    pub fn comparison(&self, view: &View) -> Result<Comparison> {
        view.check()?;
        view.check_picks(self.records.len())?;
        let (pairing, locale) = (self.pairing(), self.locale(view.locale));
        self.ledger.comparison(&pairing, view, locale).unwrap_or_else(|| compare(&pairing, view, locale))
    }

    /// [`CompareSession::comparison`] worked out from every rep's numbers again instead of from
    /// the parts the session keeps up to date: the same comparison, slower (what the kept parts
    /// are tested against).
    #[doc(hidden)]
    pub fn comparison_from_scratch(&self, view: &View) -> Result<Comparison> {
        view.check()?;
        compare(&self.pairing(), view, self.locale(view.locale))
    }

    /// Rep `index` under both plans: outcomes, changes, crossings.
    pub fn rep(&self, index: usize) -> Result<RepChange> {
        self.check_index(index)?;
        self.pairing().change(index)
    }

    /// Rep `index` explained under both plans (metrics with their trace, score and statement
    /// with every sentence, the team's pool shares), in `options.locale` (default: the session's).
    pub fn explain(&self, index: usize, options: &Options) -> Result<RepExplanation<'_>> {
        self.check_index(index)?;
        let record = self.records.get(index).ok_or_else(|| Error::new(ErrorCode::InvalidOption))?;
        let locale = self.locale(options.locale);
        Ok(RepExplanation {
            index,
            baseline: explain_side(&self.baseline, index, record, options, locale)?,
            draft: explain_side(self.draft_side(), index, record, options, locale)?,
        })
    }

    /// The comparison's team parts (counts, costs per group and component, grades, histogram,
    /// and with `spec.top` winners and losers) with every rep's actuals scaled by each of
    /// `spec.changes`.
    pub fn sensitivity(&self, spec: &SensitivitySpec) -> Result<Sensitivity> {
        let mut spec = spec.clone();
        if spec.actuals.is_none() {
            spec.actuals.clone_from(&self.options.actuals);
        }
        sensitivity(&self.records, &self.pairing(), &spec, self.locale(None))
    }

    /// Both plans' payout by attainment for one rep or the typical rep.
    pub fn curves(&self, spec: &CurveSpec) -> Result<Curves> {
        let mut spec = spec.clone();
        if spec.actuals.is_none() {
            spec.actuals.clone_from(&self.options.actuals);
        }
        curves(&self.records, &self.baseline, self.draft_side(), &spec, self.locale(None))
    }

    fn draft_side(&self) -> &Side {
        self.draft.as_ref().unwrap_or(&self.baseline)
    }

    /// The ledger made again from both sides as they are.
    fn recount(&mut self) {
        self.ledger = Ledger::new(&self.pairing());
    }

    fn pairing(&self) -> Pairing<'_> {
        Pairing {
            baseline: &self.baseline,
            draft: self.draft_side(),
            components: &self.components,
            grades: &self.grades,
        }
    }

    fn locale(&self, asked: Option<Locale>) -> Locale {
        asked.or(self.options.locale).unwrap_or(self.baseline.plan.locale())
    }

    fn check_index(&self, index: usize) -> Result<()> {
        if index < self.records.len() {
            return Ok(());
        }
        let expected = Phrase::ARecordIndexBelow.with([self.records.len()]);
        Err(option("index", expected, index.to_string(), "/index"))
    }
}

/// A team of `n` records is allowed.
fn check_size(n: usize) -> Result<()> {
    if n == 0 {
        return Err(Error::new(ErrorCode::EmptyTeam).path(Origin::Record, ""));
    }
    if n > MAX_RECORDS {
        return Err(Error::new(ErrorCode::TooLarge)
            .name(Phrase::LimitRecords)
            .expected(MAX_RECORDS.to_string())
            .found(n.to_string())
            .path(Origin::Record, ""));
    }
    Ok(())
}

use crate::base::json::read::{At, Read};

impl Read for CompareOptions {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["locale", "actuals"])?;
        let d = Self::default();
        Ok(CompareOptions { locale: o.or_else("locale", || d.locale)?, actuals: o.or_else("actuals", || d.actuals)? })
    }
}
