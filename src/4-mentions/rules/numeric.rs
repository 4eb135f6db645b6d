//! MONEY, PERCENT, QUANTITY, ORDINAL and CARDINAL, with normalized values:
//!
//! | label | `value` | `kind` |
//! |---|---|---|
//! | MONEY | `"<amount> <ISO 4217>"`: "2 USD", "1500000000 EUR", "300000000 RSD" | — |
//! | PERCENT | the number: "5.5" | — |
//! | QUANTITY | `"<number> <unit>"`: "1500 km", "3 t" | dimension: "length", "mass", … |
//! | ORDINAL | the number: "29" for "29th", "9" for "ninth" | — |
//! | CARDINAL | the number: "14", "300000000" | — |
//!
//! Amounts are exact decimals, never in exponent form. Currency: a symbol ($ → USD unless
//! "C$", "A$", …), an ISO 4217 code, or a currency noun resolved by the gazetteer
//! ([`crate::mentions::gazetteer::Gazetteer::currency`]): a qualifier before the noun decides ("Serbian
//! dinars" → RSD), else the countries the document names, else the most populous user.

use super::lex::{adjacent, Tok, TokKind};
use super::RuleMatch;
use crate::mentions::gazetteer;
use crate::vocab::Label;

/// An exact decimal: `digits / 10^frac`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dec {
    pub digits: u128,
    pub frac: u32,
}

impl Dec {
    pub fn int(n: u128) -> Dec {
        Dec { digits: n, frac: 0 }
    }

    /// Multiplied by 10^p (saturating on absurd input).
    pub fn shift(self, p: u32) -> Dec {
        if self.frac >= p {
            Dec {
                digits: self.digits,
                frac: self.frac - p,
            }
        } else {
            let m = 10u128.checked_pow(p - self.frac).unwrap_or(u128::MAX);
            Dec::int(self.digits.saturating_mul(m))
        }
    }

    /// Multiplied by an integer.
    pub fn times(self, n: u128) -> Dec {
        Dec {
            digits: self.digits.saturating_mul(n),
            frac: self.frac,
        }
    }

    /// The integer value, if it is one that fits.
    pub fn as_int(self) -> Option<u64> {
        let d = self.normalized();
        (d.frac == 0)
            .then(|| u64::try_from(d.digits).ok())
            .flatten()
    }

    fn normalized(self) -> Dec {
        let mut d = self;
        while d.frac > 0 && d.digits % 10 == 0 {
            d.digits /= 10;
            d.frac -= 1;
        }
        d
    }
}

impl std::fmt::Display for Dec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let d = self.normalized();
        if d.frac == 0 {
            return write!(f, "{}", d.digits);
        }
        let s = format!("{:0>width$}", d.digits, width = d.frac as usize + 1);
        let (a, b) = s.split_at(s.len() - d.frac as usize);
        write!(f, "{a}.{b}")
    }
}

const SMALL: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINALS: &[&str] = &[
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
];
const TENTHS: &[&str] = &[
    "",
    "",
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
];

/// Which (first letter, length) pairs a list of lower-case ASCII words has: for each letter,
/// a bit per length (below 32). A word whose pair is not there is not in the lists, which
/// rejects most words before any comparison (the number parsers are asked at every word).
pub(super) struct Initials([u32; 26]);

impl Initials {
    pub(super) const fn of(lists: &[&[&str]]) -> Initials {
        let mut bits = [0u32; 26];
        let mut l = 0;
        while l < lists.len() {
            let mut k = 0;
            while k < lists[l].len() {
                let w = lists[l][k].as_bytes();
                if !w.is_empty() {
                    assert!(
                        w[0].is_ascii_lowercase() && w.len() < 32,
                        "lower-case words under 32 bytes"
                    );
                    bits[(w[0] - b'a') as usize] |= 1 << w.len();
                }
                k += 1;
            }
            l += 1;
        }
        Initials(bits)
    }

    /// Whether `word`, lower-cased (ASCII), may be one of the lists' words.
    pub(super) fn may_have(&self, word: &str) -> bool {
        let b = word.as_bytes();
        match b.first() {
            Some(c) if c.is_ascii_alphabetic() && b.len() < 32 => {
                self.0[(c.to_ascii_lowercase() - b'a') as usize] & (1 << b.len()) != 0
            }
            _ => false,
        }
    }
}

/// The words a spelled number can start with ("a" as in "a hundred").
pub(super) const NUMBER_STARTS: Initials = Initials::of(&[SMALL, TENS, &["a"]]);
/// The words a spelled ordinal can start with.
pub(super) const ORDINAL_STARTS: Initials = Initials::of(&[ORDINALS, TENTHS, TENS]);

/// Powers of ten of the scale words; the short forms only directly after a number ("5bn").
fn scale_word(t: &Tok, after: &Tok) -> Option<u32> {
    let w = t.lower();
    let p = match w.as_str() {
        "thousand" => 3,
        "million" | "mln" => 6,
        "billion" | "bn" => 9,
        "trillion" | "tn" => 12,
        "k" | "m" if adjacent(after, t) => {
            if w == "k" {
                3
            } else {
                6
            }
        }
        _ => return None,
    };
    (t.kind == TokKind::Word).then_some(p)
}

fn small_word(w: &str) -> Option<u128> {
    SMALL.iter().position(|s| *s == w).map(|n| n as u128)
}

fn tens_word(w: &str) -> Option<u128> {
    TENS.iter()
        .position(|s| !s.is_empty() && *s == w)
        .map(|n| n as u128 * 10)
}

/// Parses a digit string: "1,500.25", "2,5" (a comma not followed by exactly three digits is
/// a decimal comma).
pub fn parse_digits(s: &str) -> Option<Dec> {
    let mut digits: u128 = 0;
    let mut frac = 0u32;
    let mut in_frac = false;
    let groups: Vec<&str> = s.split(',').collect();
    let thousands = groups.len() > 1
        && groups[1..]
            .iter()
            .all(|g| g.split('.').next().is_some_and(|h| h.len() == 3));
    for c in s.chars() {
        match c {
            '0'..='9' => {
                digits = digits
                    .checked_mul(10)?
                    .checked_add(c as u128 - '0' as u128)?;
                if in_frac {
                    frac += 1;
                }
            }
            ',' if thousands => {}
            ',' | '.' => {
                if in_frac {
                    return None;
                }
                in_frac = true;
            }
            _ => return None,
        }
    }
    Some(Dec { digits, frac })
}

/// A number at `toks[i]`: digits or number words, with an optional scale word ("1.5 billion",
/// "300 million", "two hundred", "twenty-one", "a dozen"). Returns the value and the index
/// one past it.
pub fn parse_number(toks: &[Tok], i: usize) -> Option<(Dec, usize)> {
    let t = toks.get(i)?;
    let (mut val, mut j) = match t.kind {
        TokKind::Number => (parse_digits(t.text)?, i + 1),
        TokKind::Word => parse_number_words(toks, i)?,
        TokKind::Punct => return None,
    };
    if let Some(s) = toks.get(j) {
        if let Some(p) = scale_word(s, &toks[j - 1]) {
            val = val.shift(p);
            j += 1;
        }
    }
    Some((val, j))
}

fn parse_number_words(toks: &[Tok], i: usize) -> Option<(Dec, usize)> {
    if !NUMBER_STARTS.may_have(toks.get(i)?.text) {
        return None;
    }
    let mut total: u128 = 0;
    let mut current: u128 = 0;
    let mut j = i;
    let mut any = false;
    while let Some(t) = toks.get(j) {
        if t.kind != TokKind::Word {
            break;
        }
        let w = t.lower();
        if let Some(n) = tens_word(&w) {
            current += n;
            // twenty-one
            if let (Some(h), Some(u)) = (toks.get(j + 1), toks.get(j + 2)) {
                if h.is_punct('-') && adjacent(t, h) && adjacent(h, u) {
                    if let Some(k) = small_word(&u.lower()).filter(|&k| (1..10).contains(&k)) {
                        current += k;
                        j += 2;
                    }
                }
            }
        } else if let Some(n) = small_word(&w) {
            current += n;
        } else if w == "a" && !any {
            // "a hundred", "a dozen", "a million"
            let next = toks.get(j + 1).map(|t| t.lower()).unwrap_or_default();
            if !matches!(
                next.as_str(),
                "hundred" | "thousand" | "million" | "billion" | "dozen"
            ) {
                return None;
            }
            current = 1;
        } else if w == "dozen" && any {
            current = current.max(1) * 12;
        } else if w == "hundred" && any {
            current = current.max(1) * 100;
        } else if w == "thousand" && any {
            total += current.max(1) * 1000;
            current = 0;
        } else {
            break;
        }
        any = true;
        j += 1;
    }
    if !any {
        return None;
    }
    // The scale words "million"/"billion" are left to parse_number.
    Some((Dec::int(total + current), j))
}

/// An ordinal at `toks[i]`: "29th", "1st", "ninth", "twenty-first". Returns (n, next index).
pub fn parse_ordinal(toks: &[Tok], i: usize) -> Option<(u64, usize)> {
    let t = toks.get(i)?;
    if t.kind == TokKind::Number {
        let s = toks.get(i + 1)?;
        let suffix = s.lower();
        if adjacent(t, s) && matches!(suffix.as_str(), "st" | "nd" | "rd" | "th") {
            return Some((parse_digits(t.text)?.as_int()?, i + 2));
        }
        return None;
    }
    if !ORDINAL_STARTS.may_have(t.text) {
        return None;
    }
    let w = t.lower();
    if let Some(n) = ORDINALS.iter().position(|o| *o == w) {
        return Some((n as u64, i + 1));
    }
    if let Some(n) = TENTHS.iter().position(|o| !o.is_empty() && *o == w) {
        return Some((n as u64 * 10, i + 1));
    }
    let tens = tens_word(&w)?;
    let (h, u) = (toks.get(i + 1)?, toks.get(i + 2)?);
    if h.is_punct('-') && adjacent(t, h) && adjacent(h, u) {
        let k = ORDINALS.iter().position(|o| *o == u.lower())?;
        if (1..10).contains(&k) {
            return Some((tens as u64 + k as u64, i + 3));
        }
    }
    None
}

const SYMBOLS: &[(&str, &str)] = &[
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₽", "RUB"),
    ("₹", "INR"),
    ("₴", "UAH"),
    ("₺", "TRY"),
];
/// Letters written before `$`: "US$5", "C$5", "A$5".
const DOLLAR_PREFIXES: &[(&str, &str)] = &[
    ("US", "USD"),
    ("C", "CAD"),
    ("CA", "CAD"),
    ("A", "AUD"),
    ("AU", "AUD"),
    ("NZ", "NZD"),
    ("HK", "HKD"),
    ("S", "SGD"),
];
/// Currency nouns in the data that are far more often ordinary words after a number.
const NOT_CURRENCY: &[&str] = &[
    "won", "real", "reais", "rand", "mark", "marks", "bonds", "pound", "pounds", "pula", "kip",
    "som", "tala", "dram", "loti", "lek", "vatu", "lari",
];

/// Units: (surface forms, symbol, dimension). Multi-word forms are matched word by word.
const UNITS: &[(&[&str], &str, &str)] = &[
    (
        &["km", "kilometre", "kilometres", "kilometer", "kilometers"],
        "km",
        "length",
    ),
    (&["mile", "miles"], "mi", "length"),
    (&["metre", "metres", "meter", "meters"], "m", "length"),
    (
        &[
            "cm",
            "centimetre",
            "centimetres",
            "centimeter",
            "centimeters",
        ],
        "cm",
        "length",
    ),
    (
        &[
            "mm",
            "millimetre",
            "millimetres",
            "millimeter",
            "millimeters",
        ],
        "mm",
        "length",
    ),
    (&["feet", "foot", "ft"], "ft", "length"),
    (&["inch", "inches"], "in", "length"),
    (
        &[
            "kg",
            "kilogram",
            "kilograms",
            "kilogramme",
            "kilogrammes",
            "kilos",
        ],
        "kg",
        "mass",
    ),
    (&["tonne", "tonnes", "ton", "tons"], "t", "mass"),
    (&["lb", "lbs", "pound", "pounds"], "lb", "mass"),
    (&["gram", "grams", "gramme", "grammes"], "g", "mass"),
    (&["barrel", "barrels"], "bbl", "volume"),
    (&["litre", "litres", "liter", "liters"], "L", "volume"),
    (
        &["cubic metres", "cubic meters", "cubic metre", "cubic meter"],
        "m3",
        "volume",
    ),
    (&["bcm"], "bcm", "volume"),
    (&["kw", "kilowatt", "kilowatts"], "kW", "power"),
    (&["mw", "megawatt", "megawatts"], "MW", "power"),
    (&["gw", "gigawatt", "gigawatts"], "GW", "power"),
    (&["kwh"], "kWh", "energy"),
    (&["mwh"], "MWh", "energy"),
    (&["twh"], "TWh", "energy"),
    (&["hectare", "hectares", "ha"], "ha", "area"),
    (&["acre", "acres"], "acre", "area"),
    (
        &["square kilometres", "square kilometers", "sq km", "km2"],
        "km2",
        "area",
    ),
    (&["square miles", "square mile", "sq mi"], "mi2", "area"),
    (&["mph"], "mph", "speed"),
    (&["km/h", "kph"], "km/h", "speed"),
    (&["knot", "knots"], "kn", "speed"),
    (&["degrees celsius", "°c", "degrees c"], "°C", "temperature"),
    (
        &["degrees fahrenheit", "°f", "degrees f"],
        "°F",
        "temperature",
    ),
];

/// Matches a unit at `toks[j]`, returning (symbol, dimension, next index).
fn unit_at(toks: &[Tok], j: usize) -> Option<(&'static str, &'static str, usize)> {
    // Forms are words separated by spaces; "°c" and "km/h" are written without gaps: split
    // into the lexer's pieces once, not at every number.
    type Form = (Vec<String>, &'static str, &'static str);
    static FORMS: std::sync::OnceLock<Vec<Form>> = std::sync::OnceLock::new();
    let forms = FORMS.get_or_init(|| {
        UNITS
            .iter()
            .flat_map(|(forms, sym, dim)| forms.iter().map(|f| (split_form(f), *sym, *dim)))
            .collect()
    });
    let mut best = None;
    for (pieces, sym, dim) in forms {
        let mut k = j;
        let mut ok = true;
        for p in pieces {
            match toks.get(k) {
                Some(t) if t.text.eq_ignore_ascii_case(p) => k += 1,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && best.is_none_or(|(_, _, e)| k > e) {
            best = Some((*sym, *dim, k));
        }
    }
    best
}

fn split_form(f: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in f.split(' ') {
        let mut cur = String::new();
        for c in w.chars() {
            if c.is_alphanumeric() {
                cur.push(c);
            } else {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

fn m(
    toks: &[Tok],
    i: usize,
    j: usize,
    label: Label,
    kind: Option<&str>,
    value: String,
) -> RuleMatch {
    RuleMatch {
        start: toks[i].start,
        end: toks[j - 1].end,
        label,
        kind: kind.map(str::to_string),
        value: Some(value),
    }
}

/// Countries the document names (ISO codes, in order of first mention), for currency nouns.
fn context_countries(text: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for hit in gazetteer::get().scan(text) {
        let cc = hit.hit.entry.country;
        if !cc.is_empty() && !out.contains(&cc) {
            out.push(cc);
        }
    }
    out
}

/// The currency named at `toks[j..]` after an amount: an ISO code, a noun, or a qualified
/// noun ("Serbian dinars", "Hong Kong dollars", "pounds sterling").
fn currency_after(
    toks: &[Tok],
    j: usize,
    context: &mut Option<Vec<&'static str>>,
    text: &str,
) -> Option<(&'static str, usize)> {
    let g = gazetteer::get();
    let t = toks.get(j)?;
    if t.kind != TokKind::Word {
        return None;
    }
    if t.text.len() == 3
        && t.text.chars().all(|c| c.is_ascii_uppercase())
        && g.is_currency_code(t.text)
    {
        let code = g.currency_code(t.text)?;
        return Some((code, j + 1));
    }
    if t.is("pounds") || t.is("pound") {
        return toks
            .get(j + 1)
            .filter(|s| s.is("sterling"))
            .map(|_| ("GBP", j + 2));
    }
    // Qualified: up to three capitalized words naming a country or nationality, then the noun.
    for q in 1..=3 {
        let Some(noun) = toks.get(j + q) else { break };
        if !toks[j..j + q]
            .iter()
            .all(|t| t.kind == TokKind::Word && t.capitalized())
        {
            break;
        }
        let qual = &text[toks[j].start..toks[j + q - 1].end];
        if let Some(hit) = g.lookup(qual) {
            let cc = hit.entry.country;
            if !cc.is_empty() && noun.kind == TokKind::Word {
                if let Some(code) = g.currency(noun.text, &[cc]) {
                    return Some((code, j + q + 1));
                }
            }
        }
    }
    if NOT_CURRENCY.contains(&t.lower().as_str()) {
        return None;
    }
    // The document's countries only matter once the word is a currency noun.
    g.currency(t.text, &[])?;
    let ctx = context.get_or_insert_with(|| context_countries(text));
    g.currency(t.text, ctx).map(|c| (c, j + 1))
}

/// Every numeric match of a document (overlaps are settled by the caller).
pub fn find(text: &str, toks: &[Tok]) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    let mut context = None;
    for i in 0..toks.len() {
        let t = &toks[i];
        // Symbol first: $2, US$5, €1.5 billion.
        if t.kind == TokKind::Punct {
            if let Some((_, code)) = SYMBOLS.iter().find(|(s, _)| t.text == *s) {
                let mut code = *code;
                let mut start = i;
                if t.text == "$" && i > 0 && adjacent(&toks[i - 1], t) {
                    if let Some((_, c)) =
                        DOLLAR_PREFIXES.iter().find(|(p, _)| toks[i - 1].text == *p)
                    {
                        code = c;
                        start = i - 1;
                    }
                }
                if let Some((v, j)) = parse_number(toks, i + 1)
                    .filter(|_| toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Number))
                {
                    out.push(m(toks, start, j, Label::MONEY, None, format!("{v} {code}")));
                }
            }
            continue;
        }
        // Code first: USD 5, RSD 300 million.
        if t.kind == TokKind::Word
            && t.text.len() == 3
            && t.text.chars().all(|c| c.is_ascii_uppercase())
        {
            let g = gazetteer::get();
            if g.is_currency_code(t.text)
                && toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Number)
            {
                if let (Some((v, j)), Some(code)) =
                    (parse_number(toks, i + 1), g.currency_code(t.text))
                {
                    out.push(m(toks, i, j, Label::MONEY, None, format!("{v} {code}")));
                    continue;
                }
            }
        }
        // A number word must not continue one that started earlier ("twenty-one" at "one").
        if i > 0 && t.kind == TokKind::Word && parse_number(toks, i - 1).is_some_and(|(_, e)| e > i)
        {
            continue;
        }
        if let Some((n, j)) = parse_ordinal(toks, i) {
            out.push(m(toks, i, j, Label::ORDINAL, None, n.to_string()));
            continue;
        }
        let Some((v, j)) = parse_number(toks, i) else {
            continue;
        };
        // Part of a code such as "S-400", "COVID-19", "2-1"? Not a quantity of anything.
        let in_code = i >= 2
            && toks[i - 1].is_punct('-')
            && adjacent(&toks[i - 2], &toks[i - 1])
            && adjacent(&toks[i - 1], t);
        if let Some(p) = toks.get(j) {
            if p.is_punct('%') && adjacent(&toks[j - 1], p) {
                out.push(m(toks, i, j + 1, Label::PERCENT, None, v.to_string()));
                continue;
            }
            if p.is("percent") || p.is("pct") {
                out.push(m(toks, i, j + 1, Label::PERCENT, None, v.to_string()));
                continue;
            }
            if p.is("per") && toks.get(j + 1).is_some_and(|c| c.is("cent")) {
                out.push(m(toks, i, j + 2, Label::PERCENT, None, v.to_string()));
                continue;
            }
        }
        if let Some((code, k)) = currency_after(toks, j, &mut context, text) {
            out.push(m(toks, i, k, Label::MONEY, None, format!("{v} {code}")));
            continue;
        }
        if let Some((sym, dim, k)) = unit_at(toks, j) {
            out.push(m(
                toks,
                i,
                k,
                Label::QUANTITY,
                Some(dim),
                format!("{v} {sym}"),
            ));
            continue;
        }
        let lone_one = t.kind == TokKind::Word && j == i + 1 && t.is("one");
        // A footnote marker glued to the text before it: "said.[1]".
        let footnote = i >= 2
            && toks[i - 1].is_punct('[')
            && adjacent(&toks[i - 2], &toks[i - 1])
            && adjacent(&toks[i - 1], t)
            && toks
                .get(j)
                .is_some_and(|c| c.is_punct(']') && adjacent(&toks[j - 1], c));
        if !in_code && !lone_one && !footnote && !t.is("a") {
            out.push(m(toks, i, j, Label::CARDINAL, None, v.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lex::lex;
    use super::*;

    #[test]
    fn the_quick_rejection_keeps_every_listed_word() {
        for (filter, lists) in [
            (&NUMBER_STARTS, [SMALL, TENS, &["a"][..]]),
            (&ORDINAL_STARTS, [ORDINALS, TENTHS, TENS]),
        ] {
            for w in lists
                .iter()
                .flat_map(|l| l.iter())
                .filter(|w| !w.is_empty())
            {
                let upper = w.to_ascii_uppercase();
                assert!(
                    filter.may_have(w) && filter.may_have(&upper),
                    "Initials must keep {w:?} in any case: see Initials::of"
                );
            }
        }
        assert!(!NUMBER_STARTS.may_have("to") && !NUMBER_STARTS.may_have("Serbia"));
        assert!(!ORDINAL_STARTS.may_have("-") && !ORDINAL_STARTS.may_have(""));
    }

    fn found(text: &str) -> Vec<(String, Label, Option<String>, String)> {
        let toks = lex(text);
        super::super::non_overlapping(find(text, &toks))
            .into_iter()
            .map(|r| {
                (
                    text[r.start..r.end].to_string(),
                    r.label,
                    r.kind,
                    r.value.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn one(text: &str, label: Label, value: &str) {
        let f = found(text);
        assert!(
            f.iter().any(|(_, l, _, v)| *l == label && v == value),
            "{text:?}: expected {label:?} {value:?}, found {f:?}"
        );
    }

    #[test]
    fn decimals_print_exactly() {
        assert_eq!(parse_digits("1,500.25").unwrap().to_string(), "1500.25");
        assert_eq!(parse_digits("2,5").unwrap().to_string(), "2.5");
        assert_eq!(
            parse_digits("1.5").unwrap().shift(9).to_string(),
            "1500000000"
        );
        assert_eq!(parse_digits("0.05").unwrap().to_string(), "0.05");
    }

    #[test]
    fn money_amounts_and_currencies() {
        one(
            "support us monthly starting from just $2.",
            Label::MONEY,
            "2 USD",
        );
        one("a €1.5 billion loan", Label::MONEY, "1500000000 EUR");
        one(
            "Serbia paid 300 million dinars for it",
            Label::MONEY,
            "300000000 RSD",
        );
        one(
            "worth 300 million Serbian dinars",
            Label::MONEY,
            "300000000 RSD",
        );
        one("US$5m in aid", Label::MONEY, "5000000 USD");
        one("C$12 per share", Label::MONEY, "12 CAD");
        one("fined 2 million rubles", Label::MONEY, "2000000 RUB");
        one("a £3bn deal", Label::MONEY, "3000000000 GBP");
        one("RSD 1,200 per month", Label::MONEY, "1200 RSD");
        one("10 pounds sterling", Label::MONEY, "10 GBP");
        let f = found("Japan won 2-1 and weighed 10 pounds");
        assert!(
            f.iter().all(|(_, l, _, _)| *l != Label::MONEY),
            "won/pounds are not currencies here: {f:?}"
        );
    }

    #[test]
    fn percent_quantity_ordinal_cardinal() {
        one("up 5.5% on the year", Label::PERCENT, "5.5");
        one("by 12 percent", Label::PERCENT, "12");
        one("by 3 per cent", Label::PERCENT, "3");
        one("a 1,500 km pipeline", Label::QUANTITY, "1500 km");
        one(
            "63 billion cubic metres of gas",
            Label::QUANTITY,
            "63000000000 m3",
        );
        one("2 million barrels a day", Label::QUANTITY, "2000000 bbl");
        one("NATO's 29th and newest member", Label::ORDINAL, "29");
        one("Vulin's ninth meeting", Label::ORDINAL, "9");
        one("the twenty-first century", Label::ORDINAL, "21");
        one("the first one", Label::ORDINAL, "1");
        one("the further three documents", Label::CARDINAL, "3");
        one("twenty-one states", Label::CARDINAL, "21");
        one("two hundred soldiers", Label::CARDINAL, "200");
        assert!(
            find(
                "as the report said.[1] The",
                &lex("as the report said.[1] The")
            )
            .is_empty(),
            "a footnote marker is not a number (help: see `footnote` in numeric::find)"
        );
        one("in [1990] and", Label::CARDINAL, "1990");
        let f = found("the S-400 and COVID-19");
        assert!(
            f.is_empty(),
            "numbers inside codes are not cardinals: {f:?}"
        );
        let q = found("a 1,500 km pipeline");
        assert_eq!(
            q[0].2.as_deref(),
            Some("length"),
            "QUANTITY kind is the dimension"
        );
    }
}
