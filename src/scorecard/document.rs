//! The `scorecard` section of a plan document: indicators and how each is scored, profiles with
//! their weights (per phase), bonus and deduction items, vetoes, gates, an individual/team blend
//! and the grade bands.

use crate::base::json::tagged::Tagged;
use crate::base::number::Dec;
use serde::{Deserialize, Serialize};

/// The scorecard section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ScorecardDef {
    /// Every indicator a profile may weigh.
    pub indicators: Vec<IndicatorDef>,
    /// Profiles (新人 / 成熟 / 金牌, toB / toC…): the first whose `when` holds is used.
    pub profiles: Vec<ProfileDef>,
    /// Bonus and deduction items (加减分), each within its bounds.
    #[serde(default)]
    pub adjustments: Vec<AdjustmentDef>,
    /// Gates: when the condition holds, the total is capped (e.g. 回款率 < 60% → at most 60).
    #[serde(default)]
    pub gates: Vec<GateDef>,
    /// Vetoes (一票否决): zero the total or cap the grade.
    #[serde(default)]
    pub vetoes: Vec<VetoDef>,
    /// Blend of the individual total with a team score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub blend: Option<BlendDef>,
    /// Grade bands (绩效等级), best first, with their coefficients (绩效系数).
    pub grades: Vec<GradeDef>,
    /// Team evaluation: who each record is, and an optional forced distribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub team: Option<TeamDef>,
    /// Points and experience (经验值): per-behaviour points with per-period caps, levels and
    /// badges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub points: Option<PointsDef>,
}

/// Points and experience (经验值). A record is one period: each behaviour's points are capped
/// per period, and experience is what was carried in plus this period's points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PointsDef {
    /// Behaviours that earn points (拜访, 签约, 带教…).
    pub behaviours: Vec<BehaviourDef>,
    /// Experience carried in from earlier periods, as a formula (e.g. a field `累计经验值`).
    /// None: experience is this period's points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub carried: Option<String>,
    /// Levels by experience, in rising order of `from`; the first starts at 0.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub levels: Vec<LevelDef>,
    /// Badges earned by condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub badges: Vec<BadgeDef>,
}

/// One behaviour: points per occurrence, capped per period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BehaviourDef {
    /// Id, unique among behaviours.
    pub id: String,
    /// How many times it happened this period, as a formula (`拜访次数`); never negative.
    pub count: String,
    /// Points per occurrence.
    pub points: Dec,
    /// Most points it can earn in one period. None: no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub cap: Option<Dec>,
}

/// A level reached at an amount of experience.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LevelDef {
    /// Level name (青铜, 白银…).
    pub level: String,
    /// Experience needed (inclusive).
    pub from: Dec,
}

/// A badge: earned when its condition holds and the grade is at least `minGrade`. A rep with a
/// triggered veto earns no badge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BadgeDef {
    /// Id (回款之星, 零投诉…), unique among badges.
    pub id: String,
    /// Condition, as a formula. None: only `minGrade` decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub when: Option<String>,
    /// The lowest grade that earns it (after vetoes). None: any grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub min_grade: Option<String>,
}

/// How a team is evaluated together.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TeamDef {
    /// Formula giving each rep's id (usually a field, e.g. `工号`); ids must be unique.
    pub id: String,
    /// Forced distribution (强制分布): percent per grade, best first, totalling 100; the grades
    /// are the scorecard's. Empty: no forced distribution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub distribution: Vec<QuotaDef>,
    /// Orders equal totals at a quota boundary (e.g. by 回款额, higher first). Without it,
    /// equal totals always share a grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub tie_break: Option<TieBreakDef>,
    /// Formula giving each rep's display name (e.g. `姓名`), shown beside the id in the team
    /// view and the leaderboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub name: Option<String>,
    /// Formula giving each rep's group (小组, business line…) for group aggregates and PK.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub group: Option<String>,
    /// Aggregates over the team and over each group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub aggregates: Vec<AggregateDef>,
    /// Group-vs-group contests (PK) on an aggregate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub pk: Vec<PkDef>,
    /// The leaderboard: reps ranked by total, period points or experience.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub leaderboard: Option<LeaderboardDef>,
}

/// An aggregate over the scored reps of the team and of each group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AggregateDef {
    /// Id, unique among aggregates.
    pub id: String,
    /// The function.
    #[serde(rename = "fn")]
    pub function: AggregateFn,
    /// The value per rep, as a formula (for `count`, a condition). None: the scorecard total
    /// (for `count`: every rep).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub of: Option<String>,
}

/// How an aggregate combines the reps' values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum AggregateFn {
    /// Σ values.
    Sum,
    /// Σ values ÷ count, rounded as scores.
    Average,
    /// The lowest value.
    Min,
    /// The highest value.
    Max,
    /// The middle value (the mean of the two middle values for an even count).
    Median,
    /// How many reps meet the condition (every rep without one).
    Count,
}

/// A contest between two groups on an aggregate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PkDef {
    /// Id.
    pub id: String,
    /// The two groups.
    pub groups: [String; 2],
    /// The aggregate compared.
    pub by: String,
    /// Whether the lower value wins (e.g. complaints).
    #[serde(default)]
    pub lower_is_better: bool,
}

/// What the leaderboard ranks by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum LeaderboardBy {
    /// The scorecard total.
    #[default]
    Total,
    /// This period's points.
    Points,
    /// Experience (carried in + this period).
    Experience,
}

/// The leaderboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct LeaderboardDef {
    /// What it ranks by (`points` and `experience` need a `points` section).
    #[serde(default)]
    pub by: LeaderboardBy,
    /// How many places to show (ties at the last place are all shown). None: everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub top: Option<u32>,
}

/// One grade's quota.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct QuotaDef {
    /// Grade.
    pub grade: String,
    /// Percent of the team.
    pub percent: Dec,
}

/// A secondary key for equal totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct TieBreakDef {
    /// The key, as a formula.
    pub by: String,
    /// Whether a higher key wins (default) or a lower one (e.g. an earlier hire date).
    #[serde(default)]
    pub lower_first: bool,
}

/// What an indicator measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Category {
    /// 结果指标: revenue, collections, new customers, contracts.
    Result,
    /// 过程指标: visits, follow-ups, pipeline velocity.
    Process,
    /// 客户指标: satisfaction, referrals.
    Customer,
    /// 成长指标: learning.
    Growth,
    /// 协作指标: teamwork, mentoring.
    Collaboration,
}

/// One indicator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct IndicatorDef {
    /// Id, unique among indicators.
    pub id: String,
    /// Display label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub label: Option<String>,
    /// Category.
    pub category: Category,
    /// The actual value, as a formula (`回款额`, `SUM(拜访次数, 电话次数)`).
    pub actual: String,
    /// The target, as a formula (needed by `ratio` and `lowerIsBetter`, and by `steps` on attainment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub target: Option<String>,
    /// How actual (and target) become points out of 100.
    pub method: Method,
    /// Units of the actual for "distance to the next grade" (e.g. 1 for whole contracts); the
    /// amount still needed is rounded up to a multiple of it. Default: exact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub step: Option<Dec>,
}

/// A scoring method: points out of 100 (caps may allow more, e.g. 120).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum Method {
    /// points = actual ÷ target × 100, kept within [floor, cap] (as ratios: 0 and 1.2 → 0–120).
    /// A zero target scores `cap` when actual > 0 and `floor` otherwise.
    Ratio {
        /// Lowest ratio (default 0).
        #[serde(default)]
        floor: Dec,
        /// Highest ratio (none: no cap).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        cap: Option<Dec>,
    },
    /// 0 points at or below `threshold`, `max_points` at or above `stretch`, linear between.
    Linear {
        /// Formula for the value that scores `min_points`.
        threshold: String,
        /// Formula for the value that scores `max_points`.
        stretch: String,
        /// Points at the threshold (default 0).
        #[serde(default)]
        min_points: Dec,
        /// Points at the stretch value (default 100).
        #[serde(default = "hundred")]
        max_points: Dec,
    },
    /// Step bands: the points of the highest band whose `from` the basis reaches.
    Steps {
        /// What the bands are on: the actual value or attainment (actual ÷ target).
        #[serde(default)]
        on: StepBasis,
        /// Bands in rising order of `from`; below the first band scores 0.
        bands: Vec<StepBand>,
    },
    /// Lower is better (ServiceNow "minimize"): (base − actual) ÷ (base − target) × 100,
    /// within [floor, cap] as ratios.
    LowerIsBetter {
        /// Formula for the baseline (scores 0).
        base: String,
        /// Lowest ratio (default 0).
        #[serde(default)]
        floor: Dec,
        /// Highest ratio (none: no cap).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(target_arch = "wasm32", tsify(optional))]
        cap: Option<Dec>,
    },
    /// A rating (e.g. 1–5) mapped to points; a rating not in the map is `INVALID_VALUE`.
    Rating {
        /// Rating → points.
        map: Vec<RatingPoints>,
    },
    /// Pass/fail: `points` when the actual (a condition) holds, 0 otherwise.
    PassFail {
        /// Points on a pass (default 100).
        #[serde(default = "hundred")]
        points: Dec,
    },
}

/// Read as serde's derive for `#[serde(tag = "type")]` reads it, without its buffering
/// (`base::json::tagged`): each variant's fields by a struct of its own, which expects
/// what the variant did (in serde's messages: an array of too few elements). The fields keep
/// their Rust names, as the variants' did (`rename_all` renames the variants, not their fields).
impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(variant_identifier, rename_all = "camelCase")]
        enum Tag {
            Ratio,
            Linear,
            Steps,
            LowerIsBetter,
            Rating,
            PassFail,
        }
        #[derive(Deserialize)]
        #[serde(expecting = "struct variant Method::Ratio with 2 elements", deny_unknown_fields)]
        struct Ratio {
            #[serde(default)]
            floor: Dec,
            #[serde(default)]
            cap: Option<Dec>,
        }
        #[derive(Deserialize)]
        #[serde(expecting = "struct variant Method::Linear with 4 elements", deny_unknown_fields)]
        struct Linear {
            threshold: String,
            stretch: String,
            #[serde(default)]
            min_points: Dec,
            #[serde(default = "hundred")]
            max_points: Dec,
        }
        #[derive(Deserialize)]
        #[serde(expecting = "struct variant Method::Steps with 2 elements", deny_unknown_fields)]
        struct Steps {
            #[serde(default)]
            on: StepBasis,
            bands: Vec<StepBand>,
        }
        #[derive(Deserialize)]
        #[serde(expecting = "struct variant Method::LowerIsBetter with 3 elements", deny_unknown_fields)]
        struct LowerIsBetter {
            base: String,
            #[serde(default)]
            floor: Dec,
            #[serde(default)]
            cap: Option<Dec>,
        }
        #[derive(Deserialize)]
        #[serde(expecting = "struct variant Method::Rating with 1 element", deny_unknown_fields)]
        struct Rating {
            map: Vec<RatingPoints>,
        }
        #[derive(Deserialize)]
        #[serde(expecting = "struct variant Method::PassFail with 1 element", deny_unknown_fields)]
        struct PassFail {
            #[serde(default = "hundred")]
            points: Dec,
        }
        let read = Tagged::<Tag>::read(d, "internally tagged enum Method")?;
        Ok(match read.tag {
            Tag::Ratio => {
                let Ratio { floor, cap } = read.variant()?;
                Method::Ratio { floor, cap }
            }
            Tag::Linear => {
                let Linear { threshold, stretch, min_points, max_points } = read.variant()?;
                Method::Linear { threshold, stretch, min_points, max_points }
            }
            Tag::Steps => {
                let Steps { on, bands } = read.variant()?;
                Method::Steps { on, bands }
            }
            Tag::LowerIsBetter => {
                let LowerIsBetter { base, floor, cap } = read.variant()?;
                Method::LowerIsBetter { base, floor, cap }
            }
            Tag::Rating => Method::Rating { map: read.variant::<Rating, _>()?.map },
            Tag::PassFail => Method::PassFail { points: read.variant::<PassFail, _>()?.points },
        })
    }
}

fn hundred() -> Dec {
    Dec(rust_decimal::Decimal::ONE_HUNDRED)
}

/// What step bands are on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum StepBasis {
    /// The actual value.
    #[default]
    Actual,
    /// Attainment: actual ÷ target.
    Attainment,
}

/// One step band.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct StepBand {
    /// Lowest basis value of the band (inclusive).
    pub from: Dec,
    /// Points in the band.
    pub points: Dec,
}

/// One entry of a rating map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RatingPoints {
    /// The rating.
    pub rating: Dec,
    /// Its points.
    pub points: Dec,
}

/// A profile: which indicators count, and how much.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct ProfileDef {
    /// Id (新人, 成熟, 金牌…).
    pub id: String,
    /// Condition choosing the profile; none: always (put it last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub when: Option<String>,
    /// Weights, which must total 100.
    pub weights: Vec<Weight>,
    /// Period-dependent weights (拓新期 / 维护期): the first phase whose `when` holds replaces
    /// `weights`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub phases: Vec<PhaseDef>,
}

/// Weights for one phase of the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PhaseDef {
    /// Id (拓新期, 维护期…).
    pub id: String,
    /// Condition choosing the phase.
    pub when: String,
    /// Weights, which must total 100.
    pub weights: Vec<Weight>,
}

/// One indicator's weight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Weight {
    /// Indicator id.
    pub indicator: String,
    /// Weight (the weights of a set total 100).
    pub weight: Dec,
}

/// A bonus or deduction item (加减分).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct AdjustmentDef {
    /// Id.
    pub id: String,
    /// Points to add (negative: deduct), as a formula.
    pub points: String,
    /// Lowest points applied (e.g. −10).
    pub min: Dec,
    /// Highest points applied (e.g. 5).
    pub max: Dec,
}

/// A gate: when `when` holds, the total is at most `cap`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GateDef {
    /// Id.
    pub id: String,
    /// Condition that closes the gate.
    pub when: String,
    /// The highest total while the gate is closed.
    pub cap: Dec,
}

/// A veto (一票否决).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct VetoDef {
    /// Id.
    pub id: String,
    /// Condition that triggers the veto.
    pub when: String,
    /// What it does.
    pub effect: VetoEffect,
    /// The grade it caps at, for `capGrade`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub grade: Option<String>,
}

/// What a veto does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub enum VetoEffect {
    /// The total becomes 0.
    Zero,
    /// The grade is at most `grade`.
    CapGrade,
}

/// Individual/team blend: total = individual × individual% + team × team%.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct BlendDef {
    /// The team score, as a formula.
    pub team: String,
    /// Weight of the individual total (with `teamWeight`, totals 100).
    pub individual_weight: Dec,
    /// Weight of the team score.
    pub team_weight: Dec,
}

/// A grade band: scores in [from, to) get the grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct GradeDef {
    /// Grade (S, A, B…).
    pub grade: String,
    /// Lowest score (inclusive); only the lowest band may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub from: Option<Dec>,
    /// Highest score (exclusive); only the highest band may leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub to: Option<Dec>,
    /// 绩效系数: the multiplier incentives use.
    pub coefficient: Dec,
}

use crate::base::error::Result;
use crate::base::json::read::{read_names, At, Read};

impl Read for ScorecardDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&[
            "indicators",
            "profiles",
            "adjustments",
            "gates",
            "vetoes",
            "blend",
            "grades",
            "team",
            "points",
        ])?;
        Ok(ScorecardDef {
            indicators: o.req("indicators")?,
            profiles: o.req("profiles")?,
            adjustments: o.or_default("adjustments")?,
            gates: o.or_default("gates")?,
            vetoes: o.or_default("vetoes")?,
            blend: o.opt("blend")?,
            grades: o.req("grades")?,
            team: o.opt("team")?,
            points: o.opt("points")?,
        })
    }
}

impl Read for PointsDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["behaviours", "carried", "levels", "badges"])?;
        Ok(PointsDef {
            behaviours: o.req("behaviours")?,
            carried: o.opt("carried")?,
            levels: o.or_default("levels")?,
            badges: o.or_default("badges")?,
        })
    }
}

impl Read for BehaviourDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "count", "points", "cap"])?;
        Ok(BehaviourDef { id: o.req("id")?, count: o.req("count")?, points: o.req("points")?, cap: o.opt("cap")? })
    }
}

impl Read for LevelDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["level", "from"])?;
        Ok(LevelDef { level: o.req("level")?, from: o.req("from")? })
    }
}

impl Read for BadgeDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "when", "minGrade"])?;
        Ok(BadgeDef { id: o.req("id")?, when: o.opt("when")?, min_grade: o.opt("minGrade")? })
    }
}

impl Read for TeamDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "distribution", "tieBreak", "name", "group", "aggregates", "pk", "leaderboard"])?;
        Ok(TeamDef {
            id: o.req("id")?,
            distribution: o.or_default("distribution")?,
            tie_break: o.opt("tieBreak")?,
            name: o.opt("name")?,
            group: o.opt("group")?,
            aggregates: o.or_default("aggregates")?,
            pk: o.or_default("pk")?,
            leaderboard: o.opt("leaderboard")?,
        })
    }
}

impl Read for AggregateDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "fn", "of"])?;
        Ok(AggregateDef { id: o.req("id")?, function: o.req("fn")?, of: o.opt("of")? })
    }
}

read_names!(AggregateFn {
    "sum" => AggregateFn::Sum,
    "average" => AggregateFn::Average,
    "min" => AggregateFn::Min,
    "max" => AggregateFn::Max,
    "median" => AggregateFn::Median,
    "count" => AggregateFn::Count,
});

impl Read for PkDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "groups", "by", "lowerIsBetter"])?;
        Ok(PkDef {
            id: o.req("id")?,
            groups: o.req("groups")?,
            by: o.req("by")?,
            lower_is_better: o.or_default("lowerIsBetter")?,
        })
    }
}

read_names!(LeaderboardBy {
    "total" => LeaderboardBy::Total,
    "points" => LeaderboardBy::Points,
    "experience" => LeaderboardBy::Experience,
});

impl Read for LeaderboardDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["by", "top"])?;
        Ok(LeaderboardDef { by: o.or_default("by")?, top: o.opt("top")? })
    }
}

impl Read for QuotaDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["grade", "percent"])?;
        Ok(QuotaDef { grade: o.req("grade")?, percent: o.req("percent")? })
    }
}

impl Read for TieBreakDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["by", "lowerFirst"])?;
        Ok(TieBreakDef { by: o.req("by")?, lower_first: o.or_default("lowerFirst")? })
    }
}

read_names!(Category {
    "result" => Category::Result,
    "process" => Category::Process,
    "customer" => Category::Customer,
    "growth" => Category::Growth,
    "collaboration" => Category::Collaboration,
});

impl Read for IndicatorDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "label", "category", "actual", "target", "method", "step"])?;
        Ok(IndicatorDef {
            id: o.req("id")?,
            label: o.opt("label")?,
            category: o.req("category")?,
            actual: o.req("actual")?,
            target: o.opt("target")?,
            method: o.req("method")?,
            step: o.opt("step")?,
        })
    }
}

/// Read as its `Deserialize` reads it: the variant named by `type`, its fields by their Rust
/// names (`min_points`), no others.
impl Read for Method {
    fn read(at: At<'_>) -> Result<Self> {
        let (index, at) = at.tagged("type", &["ratio", "linear", "steps", "lowerIsBetter", "rating", "passFail"])?;
        match index {
            0 => {
                let o = at.object(&["floor", "cap"])?;
                Ok(Method::Ratio { floor: o.or_default("floor")?, cap: o.opt("cap")? })
            }
            1 => {
                let o = at.object(&["threshold", "stretch", "min_points", "max_points"])?;
                Ok(Method::Linear {
                    threshold: o.req("threshold")?,
                    stretch: o.req("stretch")?,
                    min_points: o.or_default("min_points")?,
                    max_points: o.or_else("max_points", hundred)?,
                })
            }
            2 => {
                let o = at.object(&["on", "bands"])?;
                Ok(Method::Steps { on: o.or_default("on")?, bands: o.req("bands")? })
            }
            3 => {
                let o = at.object(&["base", "floor", "cap"])?;
                Ok(Method::LowerIsBetter { base: o.req("base")?, floor: o.or_default("floor")?, cap: o.opt("cap")? })
            }
            4 => {
                let o = at.object(&["map"])?;
                Ok(Method::Rating { map: o.req("map")? })
            }
            5 => {
                let o = at.object(&["points"])?;
                Ok(Method::PassFail { points: o.or_else("points", hundred)? })
            }
            _ => Err(at.expected(crate::base::error::Phrase::AnObject)),
        }
    }
}

read_names!(StepBasis { "actual" => StepBasis::Actual, "attainment" => StepBasis::Attainment });

impl Read for StepBand {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["from", "points"])?;
        Ok(StepBand { from: o.req("from")?, points: o.req("points")? })
    }
}

impl Read for RatingPoints {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["rating", "points"])?;
        Ok(RatingPoints { rating: o.req("rating")?, points: o.req("points")? })
    }
}

impl Read for ProfileDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "when", "weights", "phases"])?;
        Ok(ProfileDef {
            id: o.req("id")?,
            when: o.opt("when")?,
            weights: o.req("weights")?,
            phases: o.or_default("phases")?,
        })
    }
}

impl Read for PhaseDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "when", "weights"])?;
        Ok(PhaseDef { id: o.req("id")?, when: o.req("when")?, weights: o.req("weights")? })
    }
}

impl Read for Weight {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["indicator", "weight"])?;
        Ok(Weight { indicator: o.req("indicator")?, weight: o.req("weight")? })
    }
}

impl Read for AdjustmentDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "points", "min", "max"])?;
        Ok(AdjustmentDef { id: o.req("id")?, points: o.req("points")?, min: o.req("min")?, max: o.req("max")? })
    }
}

impl Read for GateDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "when", "cap"])?;
        Ok(GateDef { id: o.req("id")?, when: o.req("when")?, cap: o.req("cap")? })
    }
}

impl Read for VetoDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["id", "when", "effect", "grade"])?;
        Ok(VetoDef { id: o.req("id")?, when: o.req("when")?, effect: o.req("effect")?, grade: o.opt("grade")? })
    }
}

read_names!(VetoEffect { "zero" => VetoEffect::Zero, "capGrade" => VetoEffect::CapGrade });

impl Read for BlendDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["team", "individualWeight", "teamWeight"])?;
        Ok(BlendDef {
            team: o.req("team")?,
            individual_weight: o.req("individualWeight")?,
            team_weight: o.req("teamWeight")?,
        })
    }
}

impl Read for GradeDef {
    fn read(at: At<'_>) -> Result<Self> {
        let o = at.object(&["grade", "from", "to", "coefficient"])?;
        Ok(GradeDef {
            grade: o.req("grade")?,
            from: o.opt("from")?,
            to: o.opt("to")?,
            coefficient: o.req("coefficient")?,
        })
    }
}
