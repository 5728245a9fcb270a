//! The plan's `incentive` section as JSON: where the record's transactions are, and the
//! components paid on them, in statement order.

use crate::base::json::tagged::Tagged;
use crate::base::number::Dec;
use crate::incentive::{DrawKind, RateTableDef, SpiffFrequency, TotalRounding};
use serde::{Deserialize, Serialize};

/// The `incentive` section of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IncentiveDef {
    /// Where the record keeps its transactions (deals, orders), when components pay on them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub transactions: Option<TransactionsDef>,
    /// Formula giving the rep's id (usually `工号`), matched against transaction splits.
    /// Without it, the scorecard team's `id` formula is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub rep: Option<String>,
    /// Money rounded line by line (default) or on the total; either way the lines add up to the
    /// total and the difference between the two is reported.
    #[serde(default)]
    pub rounding: TotalRounding,
    /// The components, in the order they appear on the statement. A draw applies to what the
    /// components before it earned.
    pub components: Vec<ComponentDef>,
}

/// The record key holding the rep's transactions (a sub-table, 子表: an array of objects) and
/// the columns read from each row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TransactionsDef {
    /// The record key of the array.
    pub field: String,
    /// Column of the booked amount (negative for a clawback: a cancelled or refunded deal).
    pub amount: String,
    /// Column of the amount collected so far (按回款计提); required by a `collected` basis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub collected: Option<String>,
    /// Column of the transaction's id, shown on statement lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub id: Option<String>,
    /// Column of the product line, matched by rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub product: Option<String>,
    /// Column of the customer type, matched by rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub customer_type: Option<String>,
    /// Column of the split credit: an array of `{ rep, percent }` totalling 100. A row without
    /// one credits the whole amount to the rep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub splits: Option<String>,
}

/// One component of pay.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum ComponentDef {
    /// Commission (提成) on the transactions, by rate tables chosen per row by rules.
    Commission(CommissionDef),
    /// A target bonus read from a payout curve of attainment, times multipliers.
    TargetBonus(TargetBonusDef),
    /// A SPIFF (instant reward) per qualifying event, or once per period.
    Spiff(SpiffComponentDef),
    /// A bonus on management objectives (MBO).
    Mbo(MboComponentDef),
    /// A draw: a recoverable advance or a non-recoverable guarantee on what the components
    /// before it earned.
    Draw(DrawComponentDef),
    /// A team pool split by score share, exact to the cent (`evaluateTeam` only).
    Pool(PoolDef),
}

/// Read as serde's derive for `#[serde(tag = "type")]` reads it, without its buffering
/// (`base::json::tagged`).
impl<'de> Deserialize<'de> for ComponentDef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(variant_identifier, rename_all = "camelCase")]
        enum Tag {
            Commission,
            TargetBonus,
            Spiff,
            Mbo,
            Draw,
            Pool,
        }
        let read = Tagged::<Tag>::read(d, "internally tagged enum ComponentDef")?;
        Ok(match read.tag {
            Tag::Commission => ComponentDef::Commission(read.variant()?),
            Tag::TargetBonus => ComponentDef::TargetBonus(read.variant()?),
            Tag::Spiff => ComponentDef::Spiff(read.variant()?),
            Tag::Mbo => ComponentDef::Mbo(read.variant()?),
            Tag::Draw => ComponentDef::Draw(read.variant()?),
            Tag::Pool => ComponentDef::Pool(read.variant()?),
        })
    }
}

impl ComponentDef {
    /// The component's id.
    pub fn id(&self) -> &str {
        match self {
            ComponentDef::Commission(c) => &c.id,
            ComponentDef::TargetBonus(c) => &c.id,
            ComponentDef::Spiff(c) => &c.id,
            ComponentDef::Mbo(c) => &c.id,
            ComponentDef::Draw(c) => &c.id,
            ComponentDef::Pool(c) => &c.id,
        }
    }
}

/// What commission is paid on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum CommissionBasis {
    /// The booked amount.
    #[default]
    Booked,
    /// The amount collected (按回款计提).
    Collected,
}

/// How a rule's table is applied to its transactions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Calculation {
    /// The period's credited amounts summed, paid once on top of the carried-in amount.
    #[default]
    Cumulative,
    /// Each transaction paid in turn, on top of the carried-in amount and the transactions
    /// before it, so a deal straddling a tier is split at the bound.
    PerTransaction,
}

/// Commission on the transactions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CommissionDef {
    /// Id, shown on the statement.
    pub id: String,
    /// Booked (default) or collected amounts.
    #[serde(default)]
    pub basis: CommissionBasis,
    /// Cumulative (default) or per transaction.
    #[serde(default)]
    pub calculation: Calculation,
    /// Percent of the commission withheld this period (0–100, default 0).
    #[serde(default)]
    pub holdback: Dec,
    /// Formula for earlier holdbacks released this period (e.g. a field the admin fills).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub holdback_released: Option<String>,
    /// Formula for the period's amount when the plan has no transactions (e.g. `销售额`); it
    /// goes to the first rule without product or customer-type filters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub amount: Option<String>,
    /// Rate tables by product line and customer type. A transaction is paid by the rule with
    /// the highest `priority` that matches it (equal priorities: the earlier rule).
    pub rules: Vec<RuleDef>,
}

/// A rate table for the transactions it matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RuleDef {
    /// Id, shown on the statement.
    pub id: String,
    /// Higher is tried first (default 0).
    #[serde(default)]
    pub priority: i32,
    /// Product lines matched (none: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub products: Vec<String>,
    /// Customer types matched (none: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub customer_types: Vec<String>,
    /// The rate table.
    pub table: RateTableDef,
    /// Formula for the amount credited to this rule earlier in the plan year (YTD), so tiers
    /// continue where they left off (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub carried_in: Option<String>,
    /// Formula for the quota that attainment tiers are measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub quota: Option<String>,
    /// Formula for what this rule already paid this plan year: when given, the rule pays the
    /// true-up, its table on the whole cumulative amount − paid to date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub paid_to_date: Option<String>,
}

/// A payout curve's shape: the target bonus itself is a formula of the component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct CurveDef {
    /// Points `{ attainment, payout }` in percent, attainment strictly rising, joined by
    /// straight segments; below the first point nothing is paid.
    pub points: Vec<crate::incentive::CurvePoint>,
    /// Payout percent per attainment percent beyond the last point (`2`: 超额部分翻倍).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub slope_above: Option<Dec>,
    /// Attainment percent below which nothing is paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub gate: Option<Dec>,
    /// Highest payout percent (before multipliers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cap: Option<Dec>,
    /// Attainment percent beyond which the payout stops growing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cap_attainment: Option<Dec>,
}

/// A target bonus on a payout curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TargetBonusDef {
    /// Id, shown on the statement.
    pub id: String,
    /// Formula for the bonus paid at 100% payout.
    pub target_bonus: String,
    /// Formula for the amount achieved. Leave it out to use `actualFrom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub actual: Option<String>,
    /// Id of a commission component whose credited amount (each rep's share of split deals)
    /// is the amount achieved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub actual_from: Option<String>,
    /// Formula for the quota; attainment = actual ÷ quota × 100.
    pub quota: String,
    /// The curve.
    pub curve: CurveDef,
    /// Multipliers applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub multipliers: Vec<MultiplierDef>,
}

/// A multiplier: the scorecard's 绩效系数, or any formula (a 回款率 factor…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MultiplierDef {
    /// Name shown on the statement.
    pub name: String,
    /// `scorecard`: the grade's coefficient (绩效系数) from the plan's scorecard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Option<MultiplierSource>,
    /// Formula for the factor (when `from` is not given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub formula: Option<String>,
}

/// Where a multiplier comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum MultiplierSource {
    /// The scorecard grade's coefficient (绩效系数).
    Scorecard,
}

/// Which transactions count as a SPIFF event.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RowFilter {
    /// Product lines (none: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub products: Vec<String>,
    /// Customer types (none: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub customer_types: Vec<String>,
    /// Smallest booked amount that counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_amount: Option<Dec>,
}

/// A SPIFF.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct SpiffComponentDef {
    /// Id, shown on the statement.
    pub id: String,
    /// Reward per payment (≥ 0).
    pub amount: Dec,
    /// Per event or once per period.
    pub frequency: SpiffFrequency,
    /// Most events paid in a period (per-event SPIFFs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_events: Option<u32>,
    /// Formula counting the qualifying events (e.g. `新客户数`); or use `where`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub events: Option<String>,
    /// Transactions that qualify (each positive one is an event).
    #[serde(default, rename = "where", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub filter: Option<RowFilter>,
    /// Formula for the events already paid earlier in the period (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub already_paid: Option<String>,
}

/// An objective of an MBO.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ObjectiveComponentDef {
    /// Id.
    pub id: String,
    /// Weight (the weights total 100).
    pub weight: Dec,
    /// Highest achievement percent counted (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max_achievement: Option<Dec>,
    /// Formula for the achievement, in percent.
    pub achievement: String,
}

/// A bonus on management objectives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct MboComponentDef {
    /// Id, shown on the statement.
    pub id: String,
    /// Formula for the bonus at full achievement of every objective.
    pub target_bonus: String,
    /// The objectives.
    pub objectives: Vec<ObjectiveComponentDef>,
}

/// A draw.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DrawComponentDef {
    /// Id, shown on the statement.
    pub id: String,
    /// The least paid per period.
    pub amount: Dec,
    /// Recoverable (an advance) or non-recoverable (a guarantee).
    pub kind: DrawKind,
    /// Formula for the balance owed from earlier periods (default 0); the result carries the
    /// balance out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub balance_in: Option<String>,
}

/// A team pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PoolDef {
    /// Id, shown on the statement.
    pub id: String,
    /// The amount shared (≥ 0, in whole smallest units of the currency).
    pub amount: Dec,
    /// Formula for each rep's share weight; default: the scorecard total. Reps whose veto
    /// triggered get no share.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub share: Option<String>,
    /// Split a pool of `amount` within each team group instead of one pool for the whole team.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub per_group: bool,
}

use crate::base::error::Phrase;
use crate::base::json::read::{read_names, At, Read};

impl Read for IncentiveDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["transactions", "rep", "rounding", "components"])?;
        Ok(IncentiveDef {
            transactions: o.opt("transactions")?,
            rep: o.opt("rep")?,
            rounding: o.or_default("rounding")?,
            components: o.req("components")?,
        })
    }
}

impl Read for TransactionsDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["field", "amount", "collected", "id", "product", "customerType", "splits"])?;
        Ok(TransactionsDef {
            field: o.req("field")?,
            amount: o.req("amount")?,
            collected: o.opt("collected")?,
            id: o.opt("id")?,
            product: o.opt("product")?,
            customer_type: o.opt("customerType")?,
            splits: o.opt("splits")?,
        })
    }
}

/// Read as the serde reader above reads it: the `type` member names the variant, whose own
/// reader reads the other members.
impl Read for ComponentDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let (index, at) = at.tagged("type", &["commission", "targetBonus", "spiff", "mbo", "draw", "pool"])?;
        match index {
            0 => CommissionDef::read(at).map(ComponentDef::Commission),
            1 => TargetBonusDef::read(at).map(ComponentDef::TargetBonus),
            2 => SpiffComponentDef::read(at).map(ComponentDef::Spiff),
            3 => MboComponentDef::read(at).map(ComponentDef::Mbo),
            4 => DrawComponentDef::read(at).map(ComponentDef::Draw),
            5 => PoolDef::read(at).map(ComponentDef::Pool),
            // `tagged` returns the index of one of the names above.
            _ => Err(at.expected(Phrase::AnObject)),
        }
    }
}

read_names!(CommissionBasis { "booked" => CommissionBasis::Booked, "collected" => CommissionBasis::Collected });

read_names!(Calculation { "cumulative" => Calculation::Cumulative, "perTransaction" => Calculation::PerTransaction });

impl Read for CommissionDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "basis", "calculation", "holdback", "holdbackReleased", "amount", "rules"])?;
        Ok(CommissionDef {
            id: o.req("id")?,
            basis: o.or_default("basis")?,
            calculation: o.or_default("calculation")?,
            holdback: o.or_default("holdback")?,
            holdback_released: o.opt("holdbackReleased")?,
            amount: o.opt("amount")?,
            rules: o.req("rules")?,
        })
    }
}

impl Read for RuleDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o =
            at.object(&["id", "priority", "products", "customerTypes", "table", "carriedIn", "quota", "paidToDate"])?;
        Ok(RuleDef {
            id: o.req("id")?,
            priority: o.or_default("priority")?,
            products: o.or_default("products")?,
            customer_types: o.or_default("customerTypes")?,
            table: o.req("table")?,
            carried_in: o.opt("carriedIn")?,
            quota: o.opt("quota")?,
            paid_to_date: o.opt("paidToDate")?,
        })
    }
}

impl Read for CurveDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["points", "slopeAbove", "gate", "cap", "capAttainment"])?;
        Ok(CurveDef {
            points: o.req("points")?,
            slope_above: o.opt("slopeAbove")?,
            gate: o.opt("gate")?,
            cap: o.opt("cap")?,
            cap_attainment: o.opt("capAttainment")?,
        })
    }
}

impl Read for TargetBonusDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "targetBonus", "actual", "actualFrom", "quota", "curve", "multipliers"])?;
        Ok(TargetBonusDef {
            id: o.req("id")?,
            target_bonus: o.req("targetBonus")?,
            actual: o.opt("actual")?,
            actual_from: o.opt("actualFrom")?,
            quota: o.req("quota")?,
            curve: o.req("curve")?,
            multipliers: o.or_default("multipliers")?,
        })
    }
}

impl Read for MultiplierDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["name", "from", "formula"])?;
        Ok(MultiplierDef { name: o.req("name")?, from: o.opt("from")?, formula: o.opt("formula")? })
    }
}

read_names!(MultiplierSource { "scorecard" => MultiplierSource::Scorecard });

impl Read for RowFilter {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["products", "customerTypes", "minAmount"])?;
        Ok(RowFilter {
            products: o.or_default("products")?,
            customer_types: o.or_default("customerTypes")?,
            min_amount: o.opt("minAmount")?,
        })
    }
}

impl Read for SpiffComponentDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "amount", "frequency", "maxEvents", "events", "where", "alreadyPaid"])?;
        Ok(SpiffComponentDef {
            id: o.req("id")?,
            amount: o.req("amount")?,
            frequency: o.req("frequency")?,
            max_events: o.opt("maxEvents")?,
            events: o.opt("events")?,
            filter: o.opt("where")?,
            already_paid: o.opt("alreadyPaid")?,
        })
    }
}

impl Read for ObjectiveComponentDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "weight", "maxAchievement", "achievement"])?;
        Ok(ObjectiveComponentDef {
            id: o.req("id")?,
            weight: o.req("weight")?,
            max_achievement: o.opt("maxAchievement")?,
            achievement: o.req("achievement")?,
        })
    }
}

impl Read for MboComponentDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "targetBonus", "objectives"])?;
        Ok(MboComponentDef { id: o.req("id")?, target_bonus: o.req("targetBonus")?, objectives: o.req("objectives")? })
    }
}

impl Read for DrawComponentDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "amount", "kind", "balanceIn"])?;
        Ok(DrawComponentDef {
            id: o.req("id")?,
            amount: o.req("amount")?,
            kind: o.req("kind")?,
            balance_in: o.opt("balanceIn")?,
        })
    }
}

impl Read for PoolDef {
    fn read(at: At<'_>) -> crate::base::error::Result<Self> {
        let o = at.object(&["id", "amount", "share", "perGroup"])?;
        Ok(PoolDef {
            id: o.req("id")?,
            amount: o.req("amount")?,
            share: o.opt("share")?,
            per_group: o.or_default("perGroup")?,
        })
    }
}
