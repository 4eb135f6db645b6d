//! Sentence boundaries over the tokens.
//!
//! Rules, in the order they are tried at each gap between two tokens:
//!
//! 1. **Line breaks.** A line break (LF, CR, VT, FF, NEL, U+2028, U+2029) between two tokens
//!    always ends the sentence: feeds and the CoNLL text put one sentence, headline, byline,
//!    list item or table row per line, so headlines and lists without final punctuation end
//!    there.
//! 2. **Terminal punctuation** (`.`, `!`, `?`, runs like `?!`, `...`, `…`), followed by any
//!    closing quotes and brackets, ends the sentence after the closers when the next token can
//!    start a sentence (not a lower-case word, not `,` `;` `:` `)` `%`). Exception for
//!    quotations: `“… army.” Shoigu said.` stays one sentence when one to three capitalised
//!    words and a speech verb (said, says, told, added, …) follow the closing quote, then
//!    sentence punctuation, a comma or a time phrase. Nor does `!` or `?` inside a quotation
//!    whose words run on to the closing quote and a lower-case word
//!    (`The sign read “Stop! Border ahead” in three languages.`).
//! 3. **Abbreviations** keep their period inside the token (see [`crate::text::tokenize`]). Titles
//!    and initials (`Gen.`, `Mr.`, `J.`) never end a sentence, nor does a month before a number
//!    (`Oct. 15`). Other abbreviations (`U.S.`, `Inc.`, `a.m.`) end one only before a typical
//!    sentence opener (`The`, `He`, `In`, `But`, `How`, …) or after a closing quote; `a.m.` and
//!    `p.m.` also before a title (`5 p.m. Mr. Smith`) or a capitalised word that is not a
//!    weekday, month or time zone (`GMT`, `Iraq time`): `11 a.m. Officials`; and a company
//!    suffix (`Inc.`) before a capitalised word and a lower-case one (`Inc. Analysts called`,
//!    not `Inc. Chief Executive`).
//!    References before their number (`p. 55`, `No. 1026.253.553`) never end one.
//! 4. **List items.** A list number (`1.`, `12.`, a token of its own) starts a sentence, and so
//!    do inline list markers in a run on one line: numbers and letters with a bracket or a
//!    period (`1.)`, `2)`, `a.`, `b)`) when the next or previous number or letter is a marker
//!    of the same line too, and bullets (`•`, `◦`, `▪`, `‣`, `⁃`, `●`), which keep the list
//!    number after them (`• 4. Wages rise`). The period of such a marker ends nothing.
//! 5. **Datelines** of wire copy (`BRUSSELS 1996-08-22`, `RAMALLAH , West Bank 1996-08-28`):
//!    a sentence starts at the capitalised place name and ends after the ISO date.
//! 6. **Tables without line breaks** (results, standings): in a sentence that so far has no
//!    lower-case word, a number followed by a capitalised word ends the row when it closes a
//!    run of two or more numbers (`Hamburg 3 2 0 1 7 3 6 | Stoke …`) or the second score of
//!    a pair (`Bolton 3 Norwich 1 | Charlton …`).
//!
//! 7. **Learned boundaries** ([`learned`]): after the rules, every remaining gap between two
//!    tokens on the same line (with whitespace, not after sentence punctuation or an
//!    abbreviation, where rules 2–3 decide, and not deep inside running prose, where it would
//!    almost never split) is given to a small averaged-perceptron classifier trained on
//!    CoNLL-2003 train (`presslens train-sentences`, model `model/sentences.bin`). It finds the
//!    ends of headlines, bylines and table rows that run on without line breaks. It only adds
//!    boundaries; every rule boundary stays.
//!
//! Straight double quotes are told apart by attachment (`"We` opens, `said."` closes), then,
//! standing free, by place (at the end of a line one closes, at the start of one it opens, so
//! `said . "⏎` never leaves a sentence of one quotation mark), and otherwise by parity within
//! the paragraph.

use crate::text::tokenize::{is_line_break, lexicon, Shape, Token, TokenKind};

/// A sentence as a range of token indices, `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Index of the first token.
    pub first: usize,
    /// Index one past the last token.
    pub end: usize,
}

/// Words that commonly open a sentence; after an abbreviation such as `U.S.` they signal
/// that the abbreviation also ended the sentence.
const OPENERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "But",
    "During",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Many",
    "Most",
    "No",
    "On",
    "Our",
    "She",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "Which",
    "While",
    "Who",
    "Why",
    "Yet",
    "You",
];

/// What may follow `… said` for the quotation to stay one sentence.
const AFTER_SPEECH: &[&str] = &[
    "on",
    "in",
    "at",
    "late",
    "earlier",
    "later",
    "yesterday",
    "today",
    "last",
    "this",
];

/// "Monday" … "Sunday" as written in running text.
fn is_capitalised_weekday(w: &str) -> bool {
    crate::lexicon::weekdays().iter().any(|d| {
        let (first, rest) = d.split_at(1);
        w.strip_prefix(first.to_ascii_uppercase().as_str()) == Some(rest)
    })
}

/// Company suffixes after which a capitalised word and a lower-case one start a sentence.
const COMPANY_SUFFIXES: &[&str] = &["Inc", "Corp", "Co", "Ltd", "Plc", "Cos", "Bros"];

/// Bullets that start a list item.
const BULLETS: &[&str] = &[
    "\u{2022}", "\u{25E6}", "\u{25AA}", "\u{2023}", "\u{2043}", "\u{25CF}",
];

const PRONOUNS: &[&str] = &["He", "She", "It", "They", "We", "I", "You", "This", "That"];

struct Ctx<'a> {
    text: &'a str,
    tokens: &'a [Token],
    kinds: &'a [TokenKind],
    /// For quote tokens: whether the quote closes.
    closing: Vec<bool>,
    /// Whether a line break follows token `i` (before token `i + 1`).
    breaks: Vec<bool>,
    /// Periods that belong to an inline list marker (`a.`, `1.)`): they end nothing.
    marker_period: Vec<bool>,
}

impl Ctx<'_> {
    fn t(&self, i: usize) -> &str {
        self.tokens[i].text(self.text)
    }

    fn line_break_after(&self, i: usize) -> bool {
        self.breaks[i]
    }

    fn gap_after(&self, i: usize) -> bool {
        i + 1 >= self.tokens.len() || self.tokens[i].end < self.tokens[i + 1].start
    }

    fn first_char(&self, i: usize) -> char {
        self.t(i).chars().next().unwrap_or('\0')
    }

    fn is_closer(&self, i: usize) -> bool {
        match self.kinds[i] {
            TokenKind::Quote => self.closing[i],
            TokenKind::Punct => matches!(self.t(i), ")" | "]" | "}"),
            _ => false,
        }
    }

    /// Whether token `i` can begin a sentence after terminal punctuation.
    fn can_start(&self, i: usize) -> bool {
        let c = self.first_char(i);
        if c.is_lowercase() {
            return false;
        }
        !matches!(
            self.t(i),
            "," | ";" | ":" | ")" | "]" | "}" | "%" | "." | "'s" | "n't"
        ) && self.kinds[i] != TokenKind::Clitic
    }

    fn upper_word(&self, i: usize) -> bool {
        let s = self.tokens[i].shape;
        s.has(Shape::HAS_ALPHA) && s.has(Shape::INIT_UPPER)
    }

    fn all_caps_word(&self, i: usize) -> bool {
        let s = self.tokens[i].shape;
        s.has(Shape::HAS_ALPHA | Shape::ALL_UPPER) && !s.has(Shape::HAS_DIGIT)
    }

    /// `“… army.” Shoigu said.`: capitalised name, speech verb, then an ending.
    fn attribution_follows(&self, m: usize) -> bool {
        let n = self.tokens.len();
        let mut j = m;
        while j < n && j < m + 3 && self.upper_word(j) && !PRONOUNS.contains(&self.t(j)) {
            j += 1;
        }
        if j == m || j >= n || !crate::lexicon::is_speech_verb(self.t(j)) {
            return false;
        }
        match self.tokens.get(j + 1) {
            None => true,
            Some(_) => {
                let w = self.t(j + 1);
                matches!(self.kinds[j + 1], TokenKind::Terminal)
                    || w == ","
                    || AFTER_SPEECH.contains(&w)
                    || is_capitalised_weekday(w)
            }
        }
    }

    fn is_date(&self, i: usize) -> bool {
        let b = self.t(i).as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(k, c)| k == 4 || k == 7 || c.is_ascii_digit())
    }

    /// For an ISO date token at `d` ending a dateline, the index of the dateline's first token.
    fn dateline_start(&self, d: usize) -> Option<usize> {
        let mut j = d;
        // Optional ", Region" part of at most four tokens: "RAMALLAH , West Bank".
        let lo = d.saturating_sub(5);
        if let Some(c) = (lo..d).rev().find(|&c| self.t(c) == ",") {
            let region_ok =
                (c + 1..d).all(|k| self.tokens[k].shape.has(Shape::HAS_ALPHA) || self.t(k) == ".");
            if region_ok && c + 1 < d {
                j = c;
            }
        }
        let mut s = j;
        while s > 0 && j - s < 4 && self.all_caps_word(s - 1) {
            s -= 1;
        }
        (s < j).then_some(s)
    }

    fn number(&self, i: usize) -> bool {
        self.kinds[i] == TokenKind::Number
    }
}

pub mod learned;

/// Groups `tokens` of `text` into sentences covering every token, in order: the rules, then
/// the learned classifier on the gaps the rules left open.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let kinds = kinds(text, tokens);
    let rules = rules_with_kinds(text, tokens, &kinds);
    let mut out = learned::refine_with_kinds(text, tokens, &kinds, &rules, learned::model());
    // The classifier knows no inline list: a marker (`2)`, `b.`) it cut off joins its item.
    let marker_only = |s: &Sentence| {
        let t = |k: usize| tokens[k].text(text);
        (2..=3).contains(&(s.end - s.first))
            && matches!(t(s.end - 1), ")" | ".")
            && (t(s.first).bytes().all(|b| b.is_ascii_digit()) && t(s.first).len() <= 2
                || t(s.first).len() == 1 && t(s.first).bytes().all(|b| b.is_ascii_lowercase()))
            && !text[tokens[s.end - 1].end..]
                .chars()
                .take_while(|c| c.is_whitespace())
                .any(is_line_break)
    };
    let mut joined: Vec<Sentence> = Vec::with_capacity(out.len());
    let mut carry = None;
    for k in 0..out.len() {
        let mut s = out[k];
        if let Some(first) = carry.take() {
            s.first = first;
        }
        if k + 1 < out.len() && marker_only(&out[k]) {
            carry = Some(s.first);
        } else {
            joined.push(s);
        }
    }
    out.clear();
    joined
}

/// The [`TokenKind`] of every token, computed once for the rules and the classifier.
pub fn kinds(text: &str, tokens: &[Token]) -> Vec<TokenKind> {
    tokens.iter().map(|t| t.kind(text)).collect()
}

/// The sentences of the rules alone (rules 1–6), without the learned classifier.
pub fn split_rules(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    rules_with_kinds(text, tokens, &kinds(text, tokens))
}

/// [`split_rules`] given the tokens' kinds (from [`kinds`]).
pub fn rules_with_kinds(text: &str, tokens: &[Token], kinds: &[TokenKind]) -> Vec<Sentence> {
    let n = tokens.len();
    let mut out = Vec::new();
    if n == 0 {
        return out;
    }
    let mut ctx = Ctx {
        text,
        tokens,
        kinds,
        closing: vec![false; n],
        breaks: line_breaks(text, tokens),
        marker_period: vec![false; n],
    };
    quote_directions(&mut ctx);
    let list_before = inline_list_markers(&mut ctx);

    // Boundaries forced by datelines: before the place name, after the date.
    let mut before = vec![false; n];
    let mut after = vec![false; n];
    for (d, after_d) in after.iter_mut().enumerate() {
        if ctx.kinds[d] == TokenKind::Number && ctx.is_date(d) {
            if let Some(s) = ctx.dateline_start(d) {
                if s > 0 {
                    before[s] = true;
                }
                *after_d = d + 1 < n && ctx.can_start(d + 1);
            }
        }
    }

    let mut first = 0;
    let mut i = 0;
    while i < n {
        let mut end_here = i + 1 == n || ctx.line_break_after(i) || after[i];
        let mut last = i;
        if !end_here && (before[i + 1] || list_before[i + 1]) {
            end_here = true;
        }
        if !end_here {
            let (e, b) = terminal_boundary(&ctx, i);
            if b {
                end_here = true;
                last = e;
            }
        }
        if !end_here && ctx.kinds[i + 1] == TokenKind::ListMarker && !BULLETS.contains(&ctx.t(i)) {
            end_here = true;
        }
        if !end_here && table_row_ends(&ctx, first, i) {
            end_here = true;
        }
        if end_here {
            out.push(Sentence {
                first,
                end: last + 1,
            });
            first = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if first < n {
        out.push(Sentence { first, end: n });
    }
    out
}

/// Decides whether a sentence ends at or just after token `i` (terminal punctuation or an
/// abbreviation, then closers). Returns the index of the sentence's last token and the verdict.
fn terminal_boundary(ctx: &Ctx, i: usize) -> (usize, bool) {
    let n = ctx.tokens.len();
    let kind = ctx.kinds[i];
    let terminal = matches!(kind, TokenKind::Terminal | TokenKind::Ellipsis);
    let abbrev = kind == TokenKind::Abbreviation;
    if !terminal && !abbrev || ctx.marker_period[i] {
        return (i, false);
    }
    // Closing quotes and brackets after the punctuation belong to the sentence.
    let mut e = i;
    while e + 1 < n && ctx.is_closer(e + 1) && !ctx.line_break_after(e) {
        e += 1;
    }
    if e + 1 >= n {
        return (e, true);
    }
    if ctx.line_break_after(e) {
        return (e, true);
    }
    let m = e + 1;
    if !ctx.can_start(m) {
        return (e, false);
    }
    let quoted = (i + 1..=e).any(|q| ctx.kinds[q] == TokenKind::Quote);
    if terminal && !quoted && ctx.t(i) != "." && quotation_runs_on(ctx, i) {
        return (e, false);
    }
    if terminal {
        if quoted && ctx.attribution_follows(m) {
            return (e, false);
        }
        return (e, true);
    }
    // Abbreviations.
    let t = ctx.t(i);
    let word = &t[..t.len() - 1];
    let single = word.chars().count() == 1;
    match lexicon::abbrev_class(word) {
        Some(lexicon::AbbrevClass::Title) | Some(lexicon::AbbrevClass::BeforeNumber) => {
            return (e, false)
        }
        Some(lexicon::AbbrevClass::Month) if ctx.first_char(m).is_ascii_digit() => {
            return (e, false)
        }
        _ if single => return (e, false),
        _ => {}
    }
    let next_is_date_word =
        |k: usize| is_capitalised_weekday(ctx.t(k)) || lexicon::is_month_name(ctx.t(k));
    if word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m") {
        let title = ctx.kinds[m] == TokenKind::Abbreviation
            && lexicon::abbrev_class(&ctx.t(m)[..ctx.t(m).len() - 1])
                == Some(lexicon::AbbrevClass::Title);
        // "GMT", "EDT", "Iraq time", "Eastern Time".
        let zone = ctx.all_caps_word(m) && ctx.t(m).len() <= 4
            || (m + 1 < n && ctx.t(m + 1).eq_ignore_ascii_case("time"));
        if title || (ctx.upper_word(m) && !zone && !next_is_date_word(m)) {
            return (e, true);
        }
    }
    if COMPANY_SUFFIXES.contains(&word)
        && ctx.upper_word(m)
        && !next_is_date_word(m)
        && m + 1 < n
        && ctx.gap_after(m)
        && ctx.first_char(m + 1).is_lowercase()
        && ctx.tokens[m + 1].shape.has(Shape::HAS_ALPHA)
        && !matches!(ctx.t(m + 1), "of" | "and" | "de" | "du" | "von" | "van")
    {
        return (e, true);
    }
    let opener =
        OPENERS.contains(&ctx.t(m)) || (ctx.kinds[m] == TokenKind::Quote && !ctx.closing[m]);
    (e, opener || (quoted && ctx.upper_word(m)))
}

/// Whether `!` or `?` at `i` stands inside a quotation opened earlier on its line whose words
/// run on, without sentence punctuation or a comma before the closing quote, to a lower-case
/// word: `read “Stop! Border ahead” in three languages`.
fn quotation_runs_on(ctx: &Ctx, i: usize) -> bool {
    let n = ctx.tokens.len();
    let mut k = i;
    let opened = loop {
        if k == 0 || ctx.line_break_after(k - 1) || i - k > 40 {
            break false;
        }
        k -= 1;
        if ctx.kinds[k] == TokenKind::Quote {
            break !ctx.closing[k];
        }
    };
    if !opened {
        return false;
    }
    let mut q = i + 1;
    while q < n && q < i + 16 && !ctx.line_break_after(q - 1) {
        match ctx.kinds[q] {
            TokenKind::Terminal | TokenKind::Ellipsis => return false,
            TokenKind::Quote if ctx.closing[q] => {
                return q > i + 1
                    && ctx.tokens[q - 1].shape.has(Shape::HAS_ALPHA)
                    && q + 1 < n
                    && ctx.first_char(q + 1).is_lowercase()
                    && ctx.tokens[q + 1].shape.has(Shape::HAS_ALPHA);
            }
            _ => q += 1,
        }
    }
    false
}

/// Rule 4 for markers inside a line: marks the periods of accepted markers in
/// `ctx.marker_period` and returns, per token, whether a list item starts there.
fn inline_list_markers(ctx: &mut Ctx) -> Vec<bool> {
    let n = ctx.tokens.len();
    let mut before = vec![false; n];
    // (token, kind: 0 number / 1 letter, value, period token) of the current line.
    let mut line: Vec<(usize, u8, u32, Option<usize>)> = Vec::new();
    let flush = |line: &mut Vec<(usize, u8, u32, Option<usize>)>,
                 before: &mut [bool],
                 marker_period: &mut [bool]| {
        for &(i, kind, v, period) in line.iter() {
            let paired = line
                .iter()
                .any(|&(j, k, w, _)| j != i && k == kind && (w + 1 == v || v + 1 == w));
            if paired {
                if i > 0 {
                    before[i] = true;
                }
                if let Some(p) = period {
                    marker_period[p] = true;
                }
            }
        }
        line.clear();
    };
    for i in 0..n {
        if i > 0 && ctx.line_break_after(i - 1) {
            flush(&mut line, &mut before, &mut ctx.marker_period);
        }
        let t = ctx.t(i);
        if BULLETS.contains(&t) {
            if i > 0 {
                before[i] = true;
            }
            continue;
        }
        let spaced_before = i == 0 || ctx.gap_after(i - 1);
        if !spaced_before || i + 1 >= n || ctx.gap_after(i) {
            continue;
        }
        let value = if ctx.kinds[i] == TokenKind::Number
            && (1..=2).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
        {
            t.parse().ok().map(|v| (0u8, v))
        } else if t.len() == 1 && t.bytes().all(|b| b.is_ascii_lowercase()) {
            Some((1u8, u32::from(t.as_bytes()[0] - b'a' + 1)))
        } else {
            None
        };
        let Some((kind, v)) = value else { continue };
        let next = ctx.t(i + 1);
        // "a." (a letter and its period), "1.)" (a number, period and bracket).
        let letter_period = next == "." && ctx.gap_after(i + 1) && kind == 1;
        let number_period = next == "."
            && i + 2 < n
            && !ctx.gap_after(i + 1)
            && ctx.t(i + 2) == ")"
            && ctx.gap_after(i + 2);
        let marker = if next == ")" && ctx.gap_after(i + 1) {
            Some(None)
        } else if letter_period || number_period {
            Some(Some(i + 1))
        } else {
            None
        };
        if let Some(period) = marker {
            line.push((i, kind, v, period));
        }
    }
    flush(&mut line, &mut before, &mut ctx.marker_period);
    before
}

/// Rule 6: the end of a table row in text without line breaks.
fn table_row_ends(ctx: &Ctx, first: usize, i: usize) -> bool {
    let n = ctx.tokens.len();
    if i + 1 >= n || !ctx.number(i) || ctx.is_date(i) || !ctx.upper_word(i + 1) {
        return false;
    }
    // Walk back over the row: number groups alternating with name segments (no lower-case
    // word, no sentence punctuation, at most six tokens).
    let mut k = i + 1; // one past the group being read
    let mut groups = 0;
    let mut first_run = 0;
    loop {
        let mut len = 0;
        while k > first && ctx.number(k - 1) {
            k -= 1;
            len += 1;
        }
        groups += 1;
        if groups == 1 {
            first_run = len;
        }
        let seg_end = k;
        let mut stopped = false;
        while k > first && !ctx.number(k - 1) {
            let t = ctx.tokens[k - 1];
            let bad = t.shape.has(Shape::ALL_LOWER | Shape::HAS_ALPHA)
                || matches!(ctx.kinds[k - 1], TokenKind::Terminal | TokenKind::Ellipsis)
                || ctx.t(k - 1) == ":";
            if bad || seg_end - k >= 6 {
                stopped = true;
                break;
            }
            k -= 1;
        }
        let seg_len = seg_end - k;
        if seg_len == 0 || seg_len >= 6 {
            // This group has no name before it: the row cannot start there.
            if groups == 1 {
                return false;
            }
            groups -= 1;
            break;
        }
        if stopped || k == first || (groups == 1 && first_run >= 2) {
            break;
        }
    }
    if first_run >= 2 {
        return true;
    }
    groups >= 2 && groups % 2 == 0
}

/// For each token, whether a line break lies between it and the next token.
fn line_breaks(text: &str, tokens: &[Token]) -> Vec<bool> {
    let mut out = Vec::with_capacity(tokens.len());
    for w in tokens.windows(2) {
        let gap = &text.as_bytes()[w[0].end..w[1].start];
        out.push(match gap {
            [] | [b' '] => false,
            g if g.is_ascii() => g.iter().any(|&b| matches!(b, b'\n' | b'\r' | 0x0b | 0x0c)),
            _ => text[w[0].end..w[1].start].chars().any(is_line_break),
        });
    }
    out.push(false);
    out
}

/// Works out which quote tokens close a quotation.
fn quote_directions(ctx: &mut Ctx) {
    let n = ctx.tokens.len();
    let mut dq_open = false;
    for i in 0..n {
        if i > 0 && ctx.line_break_after(i - 1) {
            dq_open = false;
        }
        if ctx.kinds[i] != TokenKind::Quote {
            continue;
        }
        let t = ctx.t(i);
        let glued_before = i > 0 && !ctx.gap_after(i - 1);
        let glued_after = i + 1 < n && !ctx.gap_after(i);
        // Glued to a word on one side only, a quote belongs to that side; standing free, it
        // closes at the end of a line and opens at the start of one (`said . "⏎` is a stray
        // closing mark, never a sentence of its own).
        let line_start = i == 0 || ctx.line_break_after(i - 1);
        let line_end = i + 1 == n || ctx.line_break_after(i);
        let by_attachment = match (glued_before, glued_after) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => match (line_start, line_end) {
                (false, true) => Some(true),
                (true, false) => Some(false),
                _ => None,
            },
        };
        ctx.closing[i] = match t {
            "\u{201D}" | "\u{2019}" | "\u{00BB}" | "\u{203A}" | "''" => true,
            "\u{201C}" | "\u{2018}" | "\u{00AB}" | "\u{2039}" | "\u{201E}" | "``" => false,
            "\"" => {
                let c = by_attachment.unwrap_or(dq_open);
                dq_open = !c;
                c
            }
            _ => by_attachment.unwrap_or_else(|| {
                i > 0 && matches!(ctx.kinds[i - 1], TokenKind::Terminal | TokenKind::Ellipsis)
            }),
        };
    }
}
