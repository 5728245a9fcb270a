//! The decomposition spec as an admin writes it: one JSON document with the total, the period,
//! the organisation as a flat list of nodes (each naming its parent), and how each level splits.
//!
//! Amounts and weights are decimals written as JSON numbers or strings (`12000000` or
//! `"12000000.00"`); keys are camelCase and a misspelt key is `UNKNOWN_KEY` with a suggestion.

use crate::base::locale::Locale;
use crate::base::number::Dec;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A target decomposition: split `total` over the tree of `nodes` (top-down), then each person's
/// amount over the months of `period`, so that every level adds up exactly at `unit`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct DecompositionSpec {
    /// Locale of messages and explanations (default `zh-CN`).
    #[serde(default)]
    pub locale: Locale,
    /// ISO 4217 code of the amounts (default `CNY`); carried into the result.
    #[serde(default = "cny")]
    pub currency: String,
    /// The amount to split: the root node's target for the whole period. Must be ≥ 0 and a whole
    /// multiple of `unit`.
    pub total: Dec,
    /// Rounding unit: every amount in the result is a whole multiple of it (e.g. `100` yuan, or
    /// `0.01` for cents). Default 1.
    #[serde(default = "one")]
    pub unit: Dec,
    /// The period the total covers: whole calendar months, from the first day of a month to the
    /// last day of a month (at most 60 months).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "DecompositionPeriod"))]
    pub period: Period,
    /// How a node's amount is split among its children when the node names no `basis` of its
    /// own (default: equal shares).
    #[serde(default)]
    pub basis: Basis,
    /// Seasonality: twelve month percentages, January first, that total exactly 100.00, or
    /// `"history"` to derive them from the people's `history` (see [`Seasonality`]). A node may
    /// give its own, which its whole subtree uses. For a period shorter than a year the months in
    /// it are used as relative weights. Default: every month equal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Dec[] | \"history\""))]
    pub seasonality: Option<Seasonality>,
    /// New-hire ramp: steps of months after hire at a percentage of full quota, in order (the
    /// hire month is month 1). `[{months: 2, percent: 50}, {months: 2, percent: 75}]` means months
    /// 1–2 at 50%, months 3–4 at 75% and full quota from month 5. Applies to people with a
    /// `hireDate`. Default: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub ramp: Vec<RampStep>,
    /// Capacity tiers: factor per tier name for the `capacity` basis (e.g. `{"资深": 1.2,
    /// "标准": 1}`). A person without a tier counts 1.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, Dec>"))]
    pub tiers: BTreeMap<String, Dec>,
    /// Also split each person's months into weeks (Monday to Sunday, cut at month ends), by
    /// active days. Default false.
    #[serde(default)]
    pub weeks: bool,
    /// The organisation, as a flat list: exactly one node has no `parent` (the root, which gets
    /// `total`); the others name theirs. Children keep the order of this list.
    pub nodes: Vec<NodeSpec>,
}

fn cny() -> String {
    "CNY".to_string()
}

fn one() -> Dec {
    Dec(rust_decimal::Decimal::ONE)
}

/// A period of whole months (`DecompositionPeriod` in the TypeScript types, apart from other
/// periods).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(rename = "DecompositionPeriod"))]
pub struct Period {
    /// First day, `YYYY-MM-DD` (the first of a month).
    pub start: String,
    /// Last day, `YYYY-MM-DD`, inclusive (the last day of a month, not before `start`).
    pub end: String,
}

/// One step of the new-hire ramp.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RampStep {
    /// How many months the step lasts (≥ 1).
    pub months: u32,
    /// Percentage of full quota in those months (0–100).
    pub percent: Dec,
}

/// How a node's amount is split among its children. Each child gets a weight from the basis;
/// a person's weight is then multiplied by their availability (ramp and proration for a
/// mid-period join or leave), and children share the amount in proportion to their weights.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Basis {
    /// Every child weighs 1.
    #[default]
    Equal,
    /// Historical share: each child's sales in a window of months, from its `history` or the
    /// sum of its subtree's. A child without history weighs 0.
    History {
        /// The window: the same months one year before the period (default), or the
        /// `trailingMonths` months just before it.
        #[serde(default, rename = "trailingMonths", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        trailing_months: Option<u32>,
    },
    /// Potential / market opportunity: each child's `potential`, or the sum of its subtree's.
    Potential,
    /// Capacity: headcount × tier factor. A person counts their tier's factor; a team counts
    /// the sum over its people, each already scaled by their availability.
    Capacity,
    /// Custom weights: each child's `weight` (required).
    Weights,
    /// A weighted blend: each part's shares (child weight ÷ sum of weights under that part),
    /// mixed by the parts' `weight`s, which must total 100.
    Blend {
        /// The parts.
        parts: Vec<BlendPart>,
    },
}

/// One part of a blended basis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BlendPart {
    /// Percentage of this part in the blend (the parts total 100).
    pub weight: Dec,
    /// The basis of this part (not itself a blend).
    pub basis: Basis,
}

/// One node of the organisation: the company, a region, a team or a person (a node without
/// children).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct NodeSpec {
    /// Unique id (non-empty).
    pub id: String,
    /// Display name (default: the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// The parent's id; none for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub parent: Option<String>,
    /// How this node's amount is split among its children (default: the spec's `basis`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub basis: Option<Basis>,
    /// Custom weight, for the `weights` basis (≥ 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub weight: Option<Dec>,
    /// Market potential, for the `potential` basis (≥ 0); a team without one sums its subtree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub potential: Option<Dec>,
    /// Capacity tier of a person, a key of the spec's `tiers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tier: Option<String>,
    /// Monthly sales history by month (`{"2024-01": 380000, …}`, each ≥ 0), for the `history`
    /// basis; a team without one sums its subtree. Missing months count 0.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, Dec>"))]
    pub history: BTreeMap<String, Dec>,
    /// Hire date of a person (`YYYY-MM-DD`): no target before it, the hire month prorated by
    /// days, and the ramp counted from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub hire_date: Option<String>,
    /// Last working day of a person who leaves (`YYYY-MM-DD`): no target after it, that month
    /// prorated by days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub leave_date: Option<String>,
    /// Seasonality for this subtree: twelve percentages totalling 100.00, or `"history"` to
    /// derive them from the `history` of the people below this node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Dec[] | \"history\""))]
    pub seasonality: Option<Seasonality>,
    /// Lowest amount this node may get (a multiple of `unit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min: Option<Dec>,
    /// Highest amount this node may get (a multiple of `unit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub max: Option<Dec>,
    /// A manual amount (a multiple of `unit`): the node gets exactly this, and its siblings share
    /// what remains of the parent's amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub locked: Option<Dec>,
    /// The node's own bottom-up commitment for the period, compared with its top-down amount.
    /// A node without one sums its children's when any of them has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub commitment: Option<Dec>,
}

/// A seasonality profile: how a person's year is shared among its months.
///
/// - twelve percentages, January first, totalling exactly 100.00 (`[6, 6, 8, …]`);
/// - `"history"`: each calendar month weighs the sales of the same month in the twelve months
///   before the period starts, summed over the people below the node that names it (a person's
///   `history`, or a team's own when it has one). Every month of the period must have some
///   history to weigh. The split uses the amounts themselves, exactly; an explained result shows
///   the profile they make as percentages (`why.seasonality`).
#[derive(Clone, Debug, PartialEq)]
pub enum Seasonality {
    /// Twelve month percentages, January first.
    Percentages(Vec<Dec>),
    /// Derived from the history of the people below.
    History,
}

/// The word that asks for a profile derived from history.
const FROM_HISTORY: &str = "history";

impl Serialize for Seasonality {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Seasonality::Percentages(p) => p.serialize(s),
            Seasonality::History => s.serialize_str(FROM_HISTORY),
        }
    }
}

impl<'de> Deserialize<'de> for Seasonality {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Seasonality;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("twelve month percentages or \"history\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Seasonality, E> {
                if v == FROM_HISTORY {
                    Ok(Seasonality::History)
                } else {
                    Err(E::unknown_variant(v, &[FROM_HISTORY]))
                }
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Seasonality, A::Error> {
                let mut months = Vec::with_capacity(12);
                while let Some(p) = seq.next_element::<Dec>()? {
                    months.push(p);
                }
                Ok(Seasonality::Percentages(months))
            }
        }
        d.deserialize_any(Visitor)
    }
}

use crate::base::error::{Phrase, Result, Text};
use crate::base::json::read::{At, Json, Read};

impl Read for DecompositionSpec {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&[
            "locale",
            "currency",
            "total",
            "unit",
            "period",
            "basis",
            "seasonality",
            "ramp",
            "tiers",
            "weeks",
            "nodes",
        ])?;
        Ok(DecompositionSpec {
            locale: o.or_default("locale")?,
            currency: o.or_else("currency", cny)?,
            total: o.req("total")?,
            unit: o.or_else("unit", one)?,
            period: o.req("period")?,
            basis: o.or_default("basis")?,
            seasonality: o.opt("seasonality")?,
            ramp: o.or_default("ramp")?,
            tiers: o.or_default("tiers")?,
            weeks: o.or_default("weeks")?,
            nodes: o.req("nodes")?,
        })
    }
}

impl Read for Period {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["start", "end"])?;
        Ok(Period { start: o.req("start")?, end: o.req("end")? })
    }
}

impl Read for RampStep {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["months", "percent"])?;
        Ok(RampStep { months: o.req("months")?, percent: o.req("percent")? })
    }
}

/// Read as its derived `Deserialize` reads it: the variant named by `type`; a variant without
/// fields reads no other member (serde's derive ignores them, `deny_unknown_fields` or not).
impl Read for Basis {
    fn read(at: At<'_>) -> Result<Self> {
        let (index, at) = at.tagged("type", &["equal", "history", "potential", "capacity", "weights", "blend"])?;
        match index {
            0 => Ok(Basis::Equal),
            1 => {
                let o = at.object(&["trailingMonths"])?;
                Ok(Basis::History { trailing_months: o.opt("trailingMonths")? })
            }
            2 => Ok(Basis::Potential),
            3 => Ok(Basis::Capacity),
            4 => Ok(Basis::Weights),
            5 => {
                let o = at.object(&["parts"])?;
                Ok(Basis::Blend { parts: o.req("parts")? })
            }
            // `tagged` returns the index of one of the names above.
            _ => Err(at.expected(Phrase::AnObject)),
        }
    }
}

impl Read for BlendPart {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["weight", "basis"])?;
        Ok(BlendPart { weight: o.req("weight")?, basis: o.req("basis")? })
    }
}

impl Read for NodeSpec {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&[
            "id",
            "name",
            "parent",
            "basis",
            "weight",
            "potential",
            "tier",
            "history",
            "hireDate",
            "leaveDate",
            "seasonality",
            "min",
            "max",
            "locked",
            "commitment",
        ])?;
        Ok(NodeSpec {
            id: o.req("id")?,
            name: o.opt("name")?,
            parent: o.opt("parent")?,
            basis: o.opt("basis")?,
            weight: o.opt("weight")?,
            potential: o.opt("potential")?,
            tier: o.opt("tier")?,
            history: o.or_default("history")?,
            hire_date: o.opt("hireDate")?,
            leave_date: o.opt("leaveDate")?,
            seasonality: o.opt("seasonality")?,
            min: o.opt("min")?,
            max: o.opt("max")?,
            locked: o.opt("locked")?,
            commitment: o.opt("commitment")?,
        })
    }
}

/// Read as the serde reader above reads it: `"history"`, or an array of percentages; anything
/// else in its visitor's words.
impl Read for Seasonality {
    fn read(at: At<'_>) -> Result<Self> {
        match at.json {
            Json::String(_) => at.variant(&[(FROM_HISTORY, Seasonality::History)]),
            Json::Array(_) => at.array().map(Seasonality::Percentages),
            _ => Err(at.expected(Text::from_wire("twelve month percentages or \"history\""))),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Seasonality {
    fn schema_name() -> String {
        "Seasonality".to_string()
    }
    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use schemars::schema::{ArrayValidation, InstanceType, Metadata, SchemaObject, SubschemaValidation};
        let months = SchemaObject {
            instance_type: Some(InstanceType::Array.into()),
            array: Some(Box::new(ArrayValidation {
                items: Some(gen.subschema_for::<Dec>().into()),
                min_items: Some(12),
                max_items: Some(12),
                ..Default::default()
            })),
            ..Default::default()
        };
        let history = SchemaObject { const_value: Some(FROM_HISTORY.into()), ..Default::default() };
        let description = Some(
            "Twelve month percentages (January first) totalling 100.00, or \"history\" to derive them from the people's history."
                .to_string(),
        );
        SchemaObject {
            metadata: Some(Box::new(Metadata { description, ..Default::default() })),
            subschemas: Some(Box::new(SubschemaValidation {
                any_of: Some(vec![months.into(), history.into()]),
                ..Default::default()
            })),
            ..Default::default()
        }
        .into()
    }
}
