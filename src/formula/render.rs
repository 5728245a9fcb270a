//! Prints a tree back as formula text, optionally with references replaced by their values —
//! the "calculation shown" in explanations.

use super::ast::{Expr, Node};
use super::value::Value;

/// A value as a formula literal: numbers plain, text quoted, dates quoted.
pub fn literal(value: &Value) -> String {
    match value {
        Value::Text(s) => format!("\"{}\"", s.replace('"', "\"\"")),
        Value::Date(_) => format!("\"{value}\""),
        other => other.to_string(),
    }
}

/// A formula printed once, with holes where its references go: filling it with values is then
/// only string joins (explanations are built on every evaluation, the template once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Template(Vec<Piece>);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(usize),
}

impl Template {
    /// The template of `node`.
    pub fn of(node: &Node) -> Template {
        let mut t = Template::default();
        write(node, 0, &mut t);
        t
    }

    fn text(&mut self, s: &str) {
        match self.0.last_mut() {
            Some(Piece::Text(last)) => last.push_str(s),
            _ => self.0.push(Piece::Text(s.to_string())),
        }
    }

    /// The text with each reference replaced by `reference(slot)`, or `#slot` when it is `None`.
    pub fn fill<'a>(&self, reference: impl Fn(usize) -> Option<&'a str>) -> String {
        let mut out = String::new();
        for piece in &self.0 {
            match piece {
                Piece::Text(s) => out.push_str(s),
                Piece::Slot(slot) => match reference(*slot) {
                    Some(text) => out.push_str(text),
                    None => {
                        out.push('#');
                        out.push_str(&slot.to_string());
                    }
                },
            }
        }
        out
    }
}

fn write(node: &Node, parent: u8, out: &mut Template) {
    match &node.expr {
        Expr::Lit(v) => out.text(&literal(v)),
        Expr::Ref(slot) => out.0.push(Piece::Slot(*slot)),
        Expr::Neg(a) => {
            out.text("-");
            write(a, 10, out);
        }
        Expr::Percent(a) => {
            write(a, 10, out);
            out.text("%");
        }
        Expr::Not(a) => {
            out.text("NOT ");
            write(a, 3, out);
        }
        Expr::Binary(op, a, b) => {
            let p = op.precedence();
            let wrap = p < parent;
            if wrap {
                out.text("(");
            }
            write(a, p, out);
            out.text(" ");
            out.text(op.symbol());
            out.text(" ");
            write(b, p.saturating_add(1), out);
            if wrap {
                out.text(")");
            }
        }
        Expr::Call(spec, args) => {
            out.text(spec.name);
            out.text("(");
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.text(", ");
                }
                write(a, 0, out);
            }
            out.text(")");
        }
    }
}
