//! Prints a tree back as formula text, optionally with references replaced by their values —
//! the "calculation shown" in explanations.

use super::ast::{BinOp, Expr, Node};
use super::value::Value;

/// A value as a formula literal: numbers plain, text quoted, dates quoted.
pub fn literal(value: &Value) -> String {
    match value {
        Value::Text(s) => format!("\"{}\"", s.replace('"', "\"\"")),
        Value::Date(_) => format!("\"{value}\""),
        other => other.to_string(),
    }
}

/// Prints `node`; `reference(slot)` gives the text for a reference, or `None` to keep `#slot`.
pub fn render(node: &Node, reference: &dyn Fn(usize) -> Option<String>) -> String {
    let mut out = String::new();
    write(node, reference, 0, &mut out);
    out
}

fn write(node: &Node, reference: &dyn Fn(usize) -> Option<String>, parent: u8, out: &mut String) {
    match &node.expr {
        Expr::Lit(v) => out.push_str(&literal(v)),
        Expr::Ref(slot) => out.push_str(&reference(*slot).unwrap_or_else(|| format!("#{slot}"))),
        Expr::Neg(a) => {
            out.push('-');
            write(a, reference, 10, out);
        }
        Expr::Percent(a) => {
            write(a, reference, 10, out);
            out.push('%');
        }
        Expr::Not(a) => {
            out.push_str("NOT ");
            write(a, reference, 3, out);
        }
        Expr::Binary(op, a, b) => {
            let p = op.precedence();
            let wrap = p < parent;
            if wrap {
                out.push('(');
            }
            write(a, reference, p, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            write(b, reference, p.saturating_add(1), out);
            if wrap {
                out.push(')');
            }
        }
        Expr::Call(spec, args) => {
            out.push_str(spec.name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(a, reference, 0, out);
            }
            out.push(')');
        }
    }
}

/// Whether a binary operator is a comparison (used by explanations to word results).
pub fn is_comparison(op: BinOp) -> bool {
    op.precedence() == 4
}
