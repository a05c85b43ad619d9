//! The chain's tokens: the few Rust tokens a builder chain is written in.
//!
//! Hand-written rather than `syn`: the grammar is a dozen token kinds, and
//! every error has to point at a byte of the cell, which a small lexer
//! does directly.

/// A token and the bytes of the text it came from.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Token {
    pub tok: Tok,
    pub start: usize,
    pub end: usize,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    /// A name: `bar`, `RGBColor`, `true`.
    Ident(String),
    /// A string literal, its escapes resolved.
    Str(String),
    /// An integer literal (its sign is the parser's).
    Int(u128),
    /// A float literal, or an integer with an `f64`/`f32` suffix.
    Float(f64),
    /// `::`.
    PathSep,
    /// One of `. , ( ) [ ] & ; - ?`.
    Punct(char),
    /// The end of the text.
    End,
}

/// A lexing error: the byte where it happened and what is wrong.
pub(super) type LexError = (usize, usize, String);

/// The tokens of `text`, ending with [`Tok::End`].
pub(super) fn tokens(text: &str) -> Result<Vec<Token>, LexError> {
    let mut lx = Lexer { text, pos: 0 };
    let mut out = Vec::new();
    loop {
        lx.skip_space_and_comments()?;
        let start = lx.pos;
        let Some(c) = lx.peek() else {
            out.push(Token {
                tok: Tok::End,
                start,
                end: start,
            });
            return Ok(out);
        };
        let tok = lx.token(c)?;
        out.push(Token {
            tok,
            start,
            end: lx.pos,
        });
    }
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.text[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_space_and_comments(&mut self) -> Result<(), LexError> {
        loop {
            let rest = self.rest();
            if rest.starts_with("//") {
                let n = rest.find('\n').unwrap_or(rest.len());
                self.pos += n;
            } else if rest.starts_with("/*") {
                self.block_comment()?;
            } else if self.peek().is_some_and(char::is_whitespace) {
                self.bump();
            } else {
                return Ok(());
            }
        }
    }

    /// A `/* */` comment; they nest, as in Rust.
    fn block_comment(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let mut depth = 0usize;
        while !self.rest().is_empty() {
            if self.rest().starts_with("/*") {
                depth += 1;
                self.pos += 2;
            } else if self.rest().starts_with("*/") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return Ok(());
                }
            } else {
                self.bump();
            }
        }
        Err((
            start,
            start + 2,
            "this `/*` comment is never closed with `*/`".into(),
        ))
    }

    fn token(&mut self, c: char) -> Result<Tok, LexError> {
        let start = self.pos;
        if c == 'r' && matches!(self.peek_at(1), Some('"' | '#')) {
            return self.raw_string();
        }
        if c == '"' {
            return self.string();
        }
        if c.is_ascii_digit() {
            return self.number();
        }
        if c == '_' || c.is_alphabetic() {
            return Ok(Tok::Ident(self.ident()));
        }
        if self.rest().starts_with("::") {
            self.pos += 2;
            return Ok(Tok::PathSep);
        }
        self.bump();
        match c {
            '.' | ',' | '(' | ')' | '[' | ']' | '&' | ';' | '-' | '?' => Ok(Tok::Punct(c)),
            '!' => Err((start, self.pos, "unexpected character `!`: a macro such as `format!` is not a literal; compute the value in a Rust cell".into())),
            _ => Err((start, self.pos, format!("unexpected character `{c}`"))),
        }
    }

    fn ident(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(|c| c == '_' || c.is_alphanumeric()) {
            self.bump();
        }
        self.text[start..self.pos].to_string()
    }

    /// `"..."` with Rust's escapes.
    fn string(&mut self) -> Result<Tok, LexError> {
        let start = self.pos;
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err((
                        start,
                        start + 1,
                        "this string is never closed with `\"`".into(),
                    ));
                }
                Some('"') => return Ok(Tok::Str(s)),
                Some('\\') => self.escape(&mut s)?,
                Some(c) => s.push(c),
            }
        }
    }

    fn escape(&mut self, s: &mut String) -> Result<(), LexError> {
        let start = self.pos - 1;
        let bad = |end: usize, what: &str| {
            (
                start,
                end,
                format!(
                    "{what}; Rust's escapes are \\n \\r \\t \\\\ \\\" \\' \\0 \\x41 \\u{{263A}}"
                ),
            )
        };
        match self.bump() {
            Some('n') => s.push('\n'),
            Some('r') => s.push('\r'),
            Some('t') => s.push('\t'),
            Some('0') => s.push('\0'),
            Some(c @ ('\\' | '"' | '\'')) => s.push(c),
            Some('x') => {
                let hex: String = self.rest().chars().take(2).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(b)
                        if hex.len() == 2
                            && hex.chars().all(|c| c.is_ascii_hexdigit())
                            && b < 0x80 =>
                    {
                        s.push(char::from(b))
                    }
                    _ => return Err(bad(self.pos, "`\\x` takes two hex digits up to 7f")),
                }
                self.pos += hex.len();
            }
            Some('u') => s.push(
                self.unicode_escape()
                    .ok_or_else(|| bad(self.pos, "`\\u` takes `{hex}` naming a character"))?,
            ),
            // A backslash at the end of a line joins the next, without its
            // leading spaces.
            Some('\n') => {
                while self.peek().is_some_and(char::is_whitespace) {
                    self.bump();
                }
            }
            _ => return Err(bad(self.pos, "unknown escape")),
        }
        Ok(())
    }

    fn unicode_escape(&mut self) -> Option<char> {
        let rest = self.rest().strip_prefix('{')?;
        let close = rest.find('}')?;
        let hex = rest[..close].replace('_', "");
        if hex.is_empty() || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let c = u32::from_str_radix(&hex, 16)
            .ok()
            .and_then(char::from_u32)?;
        self.pos += close + 2;
        Some(c)
    }

    /// `r"..."` and `r#"..."#`: no escapes.
    fn raw_string(&mut self) -> Result<Tok, LexError> {
        let start = self.pos;
        self.bump();
        let hashes = self.rest().chars().take_while(|&c| c == '#').count();
        self.pos += hashes;
        if self.bump() != Some('"') {
            return Err((
                start,
                self.pos,
                "a raw string is `r\"...\"` or `r#\"...\"#`".into(),
            ));
        }
        let close = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&close) {
            Some(n) => {
                let s = self.rest()[..n].to_string();
                self.pos += n + close.len();
                Ok(Tok::Str(s))
            }
            None => Err((
                start,
                start + 1,
                format!("this raw string is never closed with `{close}`"),
            )),
        }
    }

    /// `12`, `1_000`, `0.5`, `1e3`, `2.5E-1`, `7i64`, `1f64`.
    fn number(&mut self) -> Result<Tok, LexError> {
        let start = self.pos;
        self.digits();
        let mut float = false;
        if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
            float = true;
            self.bump();
            self.digits();
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let sign = usize::from(matches!(self.peek_at(1), Some('+' | '-')));
            if self.peek_at(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                float = true;
                self.pos += 1 + sign;
                self.digits();
            }
        }
        let body = self.text[start..self.pos].replace('_', "");
        let suffix = self.ident();
        self.number_token(start, &body, float, &suffix)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '_') {
            self.bump();
        }
    }

    fn number_token(
        &self,
        start: usize,
        body: &str,
        float: bool,
        suffix: &str,
    ) -> Result<Tok, LexError> {
        let err = |m: String| (start, self.pos, m);
        match suffix {
            "" if !float => body
                .parse()
                .map(Tok::Int)
                .map_err(|_| err(format!("`{body}` is too large a number"))),
            "" | "f64" | "f32" => body
                .parse()
                .map(Tok::Float)
                .map_err(|_| err(format!("`{body}` is not a number"))),
            "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64"
            | "u128" | "usize"
                if !float =>
            {
                body.parse()
                    .map(Tok::Int)
                    .map_err(|_| err(format!("`{body}` is too large a number")))
            }
            _ => Err(err(format!("`{suffix}` is not a number suffix here"))),
        }
    }
}
