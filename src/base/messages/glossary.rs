//! The glossary: for each English term the messages use, the one Chinese term they use for it,
//! and the other translations found in the code before, which the Chinese must not use.
//!
//! `tests/messages.rs` renders every error message and hint (and the plan diagnostics) in Chinese,
//! reads the Chinese explanations (the zh-CN snapshots, and the sample plan over the sample reps:
//! each record explained, each month's team, a what-if), and fails when one of the `not` words
//! appears outside a chosen term. A numbered tier is 第N档位. To add a term, add a line;
//! to change a translation, change it here and in the texts the test then points at.

/// One term: the English, the one Chinese, and translations not to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    /// The English term.
    pub en: &'static str,
    /// The Chinese term.
    pub zh: &'static str,
    /// Other translations the Chinese must not use for it.
    pub not: &'static [&'static str],
}

const fn term(en: &'static str, zh: &'static str, not: &'static [&'static str]) -> Term {
    Term { en, zh, not }
}

/// The glossary.
pub const GLOSSARY: &[Term] = &[
    // documents and their parts
    term("plan", "计划", &["方案"]),
    term("plan document", "计划文档", &[]),
    term("key (of a document)", "键", &["属性名"]),
    term("id", "标识", &["编号", "ID"]),
    term("field", "字段", &["栏位"]),
    term("record", "记录", &[]),
    term("sub-table", "子表", &["明细表"]),
    term("row (of a sub-table)", "行", &["明细行"]),
    term("transaction", "交易", &[]),
    term("metric, indicator", "指标", &["度量"]),
    term("option", "选项", &[]),
    term("document", "文档", &["文件"]),
    // formulas and values
    term("formula", "公式", &[]),
    term("function", "函数", &[]),
    term("argument", "参数", &["实参"]),
    term("operator", "运算符", &["操作符"]),
    term("number", "数值", &["数字"]),
    term("text", "文本", &[]),
    term("boolean", "布尔值", &[]),
    term("date", "日期", &[]),
    term("money, amount", "金额", &[]),
    term("array", "数组", &[]),
    term("object", "对象", &[]),
    // scorecards
    term("scorecard", "考核表", &["计分卡", "记分卡"]),
    term("profile", "档案", &[]),
    term("weight", "权重", &["比重"]),
    term("grade", "等级", &[]),
    term("grade band", "等级区间", &["分数段"]),
    term("threshold", "门槛值", &["阈值"]),
    term("stretch", "挑战值", &[]),
    term("cap", "封顶", &[]),
    term("floor", "保底", &[]),
    term("min / low", "下限", &[]),
    term("max / high", "上限", &[]),
    term("veto", "否决项", &[]),
    term("level (of points)", "级别", &[]),
    term("group", "小组", &[]),
    term("aggregate", "汇总项", &[]),
    // incentives
    term("component", "组件", &["部件"]),
    term("rate table", "比例表", &["费率表"]),
    term("rate tier, step band", "档位", &["档次", "档"]),
    term("rate (of a tier)", "比例", &["费率"]),
    term("rate (a field type)", "比率", &[]),
    term("commission", "提成", &["佣金"]),
    term("payout curve", "发放曲线", &["支付曲线", "奖金曲线"]),
    term("attainment", "达成率", &["完成率"]),
    term("target", "目标", &[]),
    term("gate", "门槛", &[]),
    term("quota (of a rate table)", "定额", &["配额"]),
    term("split share", "分配比例", &[]),
    term("team pool", "奖金池", &["奖池"]),
    term("currency", "币种", &["货币"]),
    // targets
    term("node", "节点", &["结点"]),
    term("parent", "上级", &["父节点"]),
    term("child", "下级", &["子节点"]),
    term("tree", "组织树", &[]),
    term("basis", "分解依据", &[]),
    term("period", "期间", &["周期"]),
    term("working day", "工作日", &["营业日"]),
    term("deal", "商机", &[]),
    term("stage", "阶段", &[]),
    term("rounding unit", "舍入单位", &["取整单位"]),
];
