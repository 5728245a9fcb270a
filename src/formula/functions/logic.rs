//! Conditions: IF, IFS, SWITCH, AND, OR, NOT, IFERROR, ISBLANK. All are lazy: only the branch
//! taken is evaluated, so an error in another branch does not matter.

use super::{Arity, Eval, FunctionSpec};
use crate::base::error::{Error, ErrorCode, Result};
use crate::formula::ast::{Expr, Node};
use crate::formula::eval::Evaluator;
use crate::formula::value::Value;

pub const IF: FunctionSpec = FunctionSpec {
    name: "IF",
    category: "logic",
    signature: "IF(condition, then, [else])",
    summary_zh: "条件成立返回 then，否则返回 else（省略时为 FALSE）",
    summary_en: "then when the condition holds, else otherwise (FALSE when omitted)",
    example: "IF(回款额 >= 目标 * 0.8, 回款额 * 0.05, 0)",
    arity: Arity::range(2, 3),
    eval: Eval::Lazy(if_),
};

fn if_(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    let [cond, then, rest @ ..] = args else {
        return Err(arity());
    };
    if ev.condition(cond)? {
        ev.eval(then)
    } else {
        rest.first().map_or(Ok(Value::Bool(false)), |e| ev.eval(e))
    }
}

pub const IFS: FunctionSpec = FunctionSpec {
    name: "IFS",
    category: "logic",
    signature: "IFS(condition1, value1, [condition2, value2], …)",
    summary_zh: "返回第一个成立条件对应的值；都不成立时报 NO_MATCH",
    summary_en: "the value of the first condition that holds; NO_MATCH when none does",
    example: "IFS(达成率 >= 1.2, \"S\", 达成率 >= 1, \"A\", TRUE, \"B\")",
    arity: Arity::at_least(2, 2),
    eval: Eval::Lazy(ifs),
};

fn ifs(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    for pair in args.chunks(2) {
        if let [cond, value] = pair {
            if ev.condition(cond)? {
                return ev.eval(value);
            }
        }
    }
    Err(Error::new(ErrorCode::NoMatch))
}

pub const SWITCH: FunctionSpec = FunctionSpec {
    name: "SWITCH",
    category: "logic",
    signature: "SWITCH(expression, case1, value1, [case2, value2], …, [default])",
    summary_zh: "表达式等于某个 case 时返回对应值，否则返回默认值（无默认值时报 NO_MATCH）",
    summary_en: "the value of the first case equal to the expression, else the default (NO_MATCH without one)",
    example: "SWITCH(客户类型, \"toB\", 0.03, \"toC\", 0.05, 0.04)",
    arity: Arity::at_least(3, 1),
    eval: Eval::Lazy(switch),
};

fn switch(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    let [subject, cases @ ..] = args else {
        return Err(arity());
    };
    let subject = ev.eval(subject)?;
    let subject = subject.matcher();
    for pair in cases.chunks(2) {
        match pair {
            [case, value] if subject.matches(&ev.eval(case)?).map_err(|e| e.at(case.span))? => {
                return ev.eval(value);
            }
            [default] => return ev.eval(default),
            _ => {}
        }
    }
    Err(Error::new(ErrorCode::NoMatch))
}

pub const AND: FunctionSpec = FunctionSpec {
    name: "AND",
    category: "logic",
    signature: "AND(condition1, [condition2], …)",
    summary_zh: "所有条件都成立时为 TRUE（也可写作 a AND b）",
    summary_en: "TRUE when every condition holds (also written a AND b)",
    example: "AND(回款率 >= 0.6, 合同数 > 0)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Lazy(and),
};

fn and(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    for a in args {
        if !ev.condition(a)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub const OR: FunctionSpec = FunctionSpec {
    name: "OR",
    category: "logic",
    signature: "OR(condition1, [condition2], …)",
    summary_zh: "任一条件成立时为 TRUE（也可写作 a OR b）",
    summary_en: "TRUE when any condition holds (also written a OR b)",
    example: "OR(职级 = \"金牌\", 达成率 > 1)",
    arity: Arity::at_least(1, 1),
    eval: Eval::Lazy(or),
};

fn or(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    for a in args {
        if ev.condition(a)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub const NOT: FunctionSpec = FunctionSpec {
    name: "NOT",
    category: "logic",
    signature: "NOT(condition)",
    summary_zh: "条件取反",
    summary_en: "the opposite of the condition",
    example: "NOT(是否违规)",
    arity: Arity::exactly(1),
    eval: Eval::Lazy(not),
};

fn not(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    let [a] = args else { return Err(arity()) };
    Ok(Value::Bool(!ev.condition(a)?))
}

pub const IFERROR: FunctionSpec = FunctionSpec {
    name: "IFERROR",
    category: "logic",
    signature: "IFERROR(value, fallback)",
    summary_zh: "value 出错（如除数为零、缺少字段）时返回 fallback",
    summary_en: "fallback when value fails (division by zero, missing field, …)",
    example: "IFERROR(回款额 / 目标, 0)",
    arity: Arity::exactly(2),
    eval: Eval::Lazy(iferror),
};

fn iferror(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    let [value, fallback] = args else {
        return Err(arity());
    };
    ev.eval(value).or_else(|_| ev.eval(fallback))
}

pub const ISBLANK: FunctionSpec = FunctionSpec {
    name: "ISBLANK",
    category: "logic",
    signature: "ISBLANK(value)",
    summary_zh: "字段缺失或为空文本时为 TRUE",
    summary_en: "TRUE when the field is missing or empty text",
    example: "IF(ISBLANK(满意度), 3, 满意度)",
    arity: Arity::exactly(1),
    eval: Eval::Lazy(isblank),
};

fn isblank(ev: &Evaluator<'_>, args: &[Node]) -> Result<Value> {
    let [a] = args else { return Err(arity()) };
    match ev.eval(a) {
        Ok(Value::Text(s)) => Ok(Value::Bool(s.is_empty())),
        Ok(_) => Ok(Value::Bool(false)),
        // Only a reference is blank; `ISBLANK(x + 1)` with x missing is still an error.
        Err(e) if e.code == ErrorCode::MissingField && matches!(a.expr, Expr::Ref(_)) => Ok(Value::Bool(true)),
        Err(e) => Err(e),
    }
}

/// Arity is checked at compile time; this only guards the pattern match.
pub(super) fn arity() -> Error {
    Error::new(ErrorCode::WrongArgCount)
}

#[cfg(test)]
mod tests {
    use crate::formula::Formula;
    use serde_json::json;

    #[test]
    fn switch_matches_a_case_exactly_when_compare_finds_them_equal() {
        let texts = [
            "toB",
            "TOB",
            "",
            "新人",
            "ÄPFEL",
            "äpfel",
            "Äpfel ",
            "ΣΑΣ",
            "σας",
            "Straße",
            "STRASSE",
            "ＡＢＣ",
            "ａｂｃ",
            "İx",
        ];
        let switch = Formula::compile("SWITCH(a, b, 1, 0)").unwrap();
        for a in texts {
            for b in texts {
                let (x, y) = (super::Value::Text(a.into()), super::Value::Text(b.into()));
                let want = if x.compare(&y).unwrap().is_eq() { "1" } else { "0" };
                let got = switch.evaluate_json(&json!({ "a": a, "b": b })).unwrap();
                assert_eq!(got.to_string(), want, "{a} vs {b}");
            }
        }
    }
}
