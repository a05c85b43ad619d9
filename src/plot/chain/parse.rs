//! The chain's syntax tree: an optional receiver (`Plot::new(&frame)`),
//! then `.method(args)` calls, then an optional `;`. Arguments are small
//! Rust expressions (literals, paths, calls, `&`, arrays, tuples, method
//! calls such as `.unwrap()`); what they mean is the method table's
//! business (`methods.rs`), so the parser knows no method.

use super::lex::{Tok, Token};

/// A parse error: the bytes it points at and what is wrong.
pub(super) type ParseError = (usize, usize, String);

/// Arguments nested deeper than this are refused: the parser recurses,
/// and no builder argument needs more than three levels.
const MAX_DEPTH: usize = 32;

/// An expression with the bytes it spans.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Node {
    pub expr: Expr,
    pub start: usize,
    pub end: usize,
}

/// The expressions an argument can be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Expr {
    Str(String),
    Int(i128),
    Float(f64),
    /// `true`, `GREEN`, `palette::GREEN`, `df`.
    Path(Vec<String>),
    /// `RGBColor(0, 1, 2)`, `NaiveDate::from_ymd_opt(2025, 1, 2)`.
    Call(Vec<String>, Vec<Node>),
    /// `receiver.name(args)`: `.unwrap()`, `.family(...)`.
    Method(Box<Node>, Call),
    /// `&value`.
    Ref(Box<Node>),
    /// `[a, b]`.
    Array(Vec<Node>),
    /// `(a, b)`.
    Tuple(Vec<Node>),
}

/// A `.name(args)` call.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Call {
    pub name: String,
    /// The bytes of the name.
    pub name_start: usize,
    pub name_end: usize,
    pub args: Vec<Node>,
    /// The byte after the closing `)`.
    pub end: usize,
}

/// A whole chain.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Chain {
    pub receiver: Option<Node>,
    pub calls: Vec<Call>,
}

/// Parses the tokens of a whole chain.
pub(super) fn chain(tokens: &[Token]) -> Result<Chain, ParseError> {
    let mut p = Parser { tokens, i: 0 };
    let receiver = match p.peek() {
        Tok::Punct('.') => None,
        Tok::End | Tok::Punct(';') => None,
        _ => Some(p.primary(0)?),
    };
    let mut calls = Vec::new();
    while p.peek() == &Tok::Punct('.') {
        calls.push(p.call(0)?);
    }
    if p.peek() == &Tok::Punct(';') {
        p.i += 1;
    }
    match p.peek() {
        Tok::End => Ok(Chain { receiver, calls }),
        Tok::Punct('?') => {
            let t = p.token();
            Err((
                t.start,
                t.end,
                "a builder call gives a `Plot`, not a `Result`: leave out the `?`".into(),
            ))
        }
        _ => Err(p.unexpected("`.method(...)`, a `;` at the end, or the end of the chain")),
    }
}

struct Parser<'a> {
    tokens: &'a [Token],
    i: usize,
}

impl Parser<'_> {
    fn token(&self) -> &Token {
        // The list always ends with `End`, and `i` never passes it.
        &self.tokens[self.i.min(self.tokens.len().saturating_sub(1))]
    }

    fn peek(&self) -> &Tok {
        &self.token().tok
    }

    fn next(&mut self) -> Token {
        let t = self.token().clone();
        if t.tok != Tok::End {
            self.i += 1;
        }
        t
    }

    fn unexpected(&self, wanted: &str) -> ParseError {
        let t = self.token();
        (
            t.start,
            t.end.max(t.start + 1),
            format!("expected {wanted}, found {}", describe(&t.tok)),
        )
    }

    fn expect(&mut self, c: char, wanted: &str) -> Result<Token, ParseError> {
        if self.peek() == &Tok::Punct(c) {
            Ok(self.next())
        } else {
            Err(self.unexpected(wanted))
        }
    }

    /// `.name(args)`, the `.` being next.
    fn call(&mut self, depth: usize) -> Result<Call, ParseError> {
        self.next();
        let t = self.next();
        let Tok::Ident(name) = t.tok else {
            self.i -= usize::from(t.tok != Tok::End);
            return Err(self.unexpected("a method name after `.`"));
        };
        self.expect(
            '(',
            &format!("`(` after `.{name}` (a call: `.{name}(...)`)"),
        )?;
        let (args, end) = self.list(')', depth)?;
        Ok(Call {
            name,
            name_start: t.start,
            name_end: t.end,
            args,
            end,
        })
    }

    /// Comma-separated expressions up to `close` (already past the
    /// opening bracket); a trailing comma is allowed, as in Rust.
    fn list(&mut self, close: char, depth: usize) -> Result<(Vec<Node>, usize), ParseError> {
        let mut items = Vec::new();
        loop {
            if self.peek() == &Tok::Punct(close) {
                return Ok((items, self.next().end));
            }
            items.push(self.expr(depth + 1)?);
            if self.peek() == &Tok::Punct(',') {
                self.next();
            } else if self.peek() != &Tok::Punct(close) {
                return Err(self.unexpected(&format!("`,` or `{close}`")));
            }
        }
    }

    /// A primary followed by any `.method(args)` calls.
    fn expr(&mut self, depth: usize) -> Result<Node, ParseError> {
        let mut node = self.primary(depth)?;
        // Each call nests the node one level deeper, which the readers of
        // arguments (and dropping the tree) walk by recursion: count it.
        let mut depth = depth;
        while self.peek() == &Tok::Punct('.') {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(self.unexpected("fewer calls on one argument"));
            }
            let call = self.call(depth)?;
            let (start, end) = (node.start, call.end);
            node = Node {
                expr: Expr::Method(Box::new(node), call),
                start,
                end,
            };
        }
        Ok(node)
    }

    fn primary(&mut self, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.unexpected("no deeper nesting"));
        }
        let t = self.next();
        let expr = match t.tok {
            Tok::Str(s) => Expr::Str(s),
            Tok::Int(n) => Expr::Int(int(n, t.start, t.end)?),
            Tok::Float(x) => Expr::Float(x),
            Tok::Punct('-') => return self.negative(t.start),
            Tok::Punct('&') => Expr::Ref(Box::new(self.expr(depth + 1)?)),
            Tok::Punct('[') => Expr::Array(self.list(']', depth)?.0),
            Tok::Punct('(') => return self.paren(t.start, depth),
            Tok::Ident(first) => return self.path(first, t.start, t.end, depth),
            _ => {
                self.i -= usize::from(t.tok != Tok::End);
                return Err(self.unexpected(
                    "a value (a string, a number, `true`, `&[...]`, `RGBColor(r, g, b)`)",
                ));
            }
        };
        let end = self.tokens[self.i.saturating_sub(1)].end.max(t.end);
        Ok(Node {
            expr,
            start: t.start,
            end,
        })
    }

    /// `-` and a number.
    fn negative(&mut self, start: usize) -> Result<Node, ParseError> {
        let t = self.next();
        let expr = match t.tok {
            Tok::Int(n) => Expr::Int(-int(n, start, t.end)?),
            Tok::Float(x) => Expr::Float(-x),
            _ => {
                self.i -= usize::from(t.tok != Tok::End);
                return Err(self.unexpected("a number after `-`"));
            }
        };
        Ok(Node {
            expr,
            start,
            end: t.end,
        })
    }

    /// `(a)` is `a`; `(a, b)` and `()` are tuples.
    fn paren(&mut self, start: usize, depth: usize) -> Result<Node, ParseError> {
        let close_at = self.i;
        let (mut items, end) = self.list(')', depth)?;
        let single =
            items.len() == 1 && self.tokens[self.i.saturating_sub(2)].tok != Tok::Punct(',');
        if single && self.i > close_at {
            let mut inner = items.remove(0);
            (inner.start, inner.end) = (start, end);
            return Ok(inner);
        }
        Ok(Node {
            expr: Expr::Tuple(items),
            start,
            end,
        })
    }

    /// `a`, `a::b::c`, or a call `a::b(args)`.
    fn path(
        &mut self,
        first: String,
        start: usize,
        mut end: usize,
        depth: usize,
    ) -> Result<Node, ParseError> {
        let mut segments = vec![first];
        while self.peek() == &Tok::PathSep {
            self.next();
            let t = self.next();
            let Tok::Ident(s) = t.tok else {
                self.i -= usize::from(t.tok != Tok::End);
                return Err(self.unexpected("a name after `::`"));
            };
            segments.push(s);
            end = t.end;
        }
        if self.peek() == &Tok::Punct('(') {
            self.next();
            let (args, end) = self.list(')', depth)?;
            return Ok(Node {
                expr: Expr::Call(segments, args),
                start,
                end,
            });
        }
        Ok(Node {
            expr: Expr::Path(segments),
            start,
            end,
        })
    }
}

/// An integer literal as a signed number (Rust's are at most 128 bits).
fn int(n: u128, start: usize, end: usize) -> Result<i128, ParseError> {
    i128::try_from(n).map_err(|_| (start, end, "too large a number".to_string()))
}

/// A token as an error message names it.
pub(super) fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Str(_) => "a string".into(),
        Tok::Int(_) | Tok::Float(_) => "a number".into(),
        Tok::PathSep => "`::`".into(),
        Tok::Punct(c) => format!("`{c}`"),
        Tok::End => "the end of the chain".into(),
    }
}
