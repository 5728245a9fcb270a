//! The compiled form of a formula: a tree whose field references are resolved to slots.

use super::functions::FunctionSpec;
use super::value::Value;
use crate::base::error::Span;

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `^`
    Pow,
    /// `&` (text concatenation)
    Concat,
    /// `=` or `==`
    Eq,
    /// `<>` or `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `AND` (short-circuit)
    And,
    /// `OR` (short-circuit)
    Or,
}

impl BinOp {
    /// How the operator is written.
    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Pow => "^",
            Concat => "&",
            Eq => "=",
            Ne => "<>",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            And => "AND",
            Or => "OR",
        }
    }
    /// Binding strength; higher binds tighter.
    pub fn precedence(self) -> u8 {
        use BinOp::*;
        match self {
            Or => 1,
            And => 2,
            Eq | Ne | Lt | Le | Gt | Ge => 4,
            Concat => 5,
            Add | Sub => 6,
            Mul | Div => 7,
            Pow => 8,
        }
    }
}

/// An expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A literal.
    Lit(Value),
    /// A reference to the value in a slot (a field or a metric).
    Ref(usize),
    /// Unary minus.
    Neg(Box<Node>),
    /// Postfix percent: divides by 100.
    Percent(Box<Node>),
    /// Logical NOT.
    Not(Box<Node>),
    /// A binary operation.
    Binary(BinOp, Box<Node>, Box<Node>),
    /// A call of a built-in function.
    Call(&'static FunctionSpec, Vec<Node>),
}

/// An expression and its span in the source.
#[derive(Clone, Debug)]
pub struct Node {
    /// The expression.
    pub expr: Expr,
    /// Where it is in the source text.
    pub span: Span,
}

impl Node {
    /// Calls `f` on every slot this node references.
    pub fn visit_refs(&self, f: &mut impl FnMut(usize)) {
        match &self.expr {
            Expr::Lit(_) => {}
            Expr::Ref(slot) => f(*slot),
            Expr::Neg(a) | Expr::Percent(a) | Expr::Not(a) => a.visit_refs(f),
            Expr::Binary(_, a, b) => {
                a.visit_refs(f);
                b.visit_refs(f);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.visit_refs(f)),
        }
    }
}
