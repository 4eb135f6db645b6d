//! DATE and TIME, normalized to ISO 8601 (with TIMEX3's `X` for unknown digits).
//!
//! DATE `kind` and `value`:
//!
//! | kind | meaning | examples of `value` |
//! |---|---|---|
//! | `absolute` | fully written in the text | "2020-10-15", "2008-05-20", "2020-10", "2008", "199X" (the 1990s), "19XX" (the 20th century), "2012-08-10" (8/10/2012 in a document that also writes 8/25/2012) |
//! | `ambiguous` | a numeric date whose day and month could be swapped, read in the document's order | "2012-08-10" (8/10/2012), "2012-08-10" (10.08.2012) |
//! | `relative` | resolved against the document's `date` | "2020-10-13" (Tuesday), "2020-09" (last month), "2021" (next year), "2020-W42" (last week), "2020-02-17" (February 17), "2020-W42-WE" (last weekend), "201X" (last decade) |
//! | `unresolved` | relative, and the document has no `date`: the relative form is kept | "XXXX-02-17" (February 17), "XXXX-WXX-2" (Tuesday), "REF-P1M" (last month), "REF+P1Y" (next year), "REF-P2W" (two weeks ago), "REF+P5D" (in five days), "REF" (today), "XXXX-WXX-WE" (the weekend) |
//! | `duration` | a period | "P14Y", "P6M", "P30Y" (three decades), "P2W", "PXM" (for months), "PXY" (over the years), "PXDE" (for decades) |
//!
//! `REF` stands for the document's date; `REF-P1M` reads "one month before it", and `REF-P0Y`
//! "the year it is in" ("this year"). A value keeps the precision written: "two weeks ago" is a
//! week, "two decades ago" a decade, "in a month" a month.
//!
//! Resolution (issue #16). The tense of the sentence before a date ([`tense_at`], from
//! `src/1-lexicon/tense.tsv`) decides which way it points: a month or month-day without a year is
//! the coming one in a future sentence ("will resume Dec. 21"), the past one in a past sentence
//! ("said on Dec. 21"), else the one from eight months before to three months after the
//! document date's month. A weekday alone is the most recent one on or before the document date
//! ("said on Tuesday"), or the next one after it in a future sentence; "next Wednesday" is the
//! Wednesday of next week, "last Wednesday" the most recent before the document date, "this
//! Wednesday" this week's in a past sentence (or when still to come), else the coming one.
//! Compounds are kept whole: "the first Tuesday of October", "Friday of next week", "Monday,
//! Feb. 18" (the written day wins). "in five days", "five days from now" and "a week ago" are
//! dates; "for five days" and "the first in 14 years" (a record before it, or a past sentence)
//! are durations. Numeric dates read month first with slashes and day first with periods and
//! hyphens unless the document writes an unambiguous date the other way ([`date_order`]).
//!
//! TIME `value`: "T15:30", with the zone when written ("T15:00Z" for GMT/UTC,
//! "T09:00+01:00" for CET); durations of hours and minutes are TIME with kind `duration`
//! ("PT5H").

use super::lex::{adjacent, Tok, TokKind};
use super::numeric::{parse_number, Initials, NUMBER_STARTS, ORDINAL_STARTS};
use super::RuleMatch;
use crate::input::calendar::{
    add_months, civil_from_days, days_from_civil, days_in_month, iso_week, weekday,
};
use crate::input::DateOrder;
use crate::lexicon::{self, Tense};
use crate::vocab::Label;

type Ymd = (i32, u32, u32);

/// Words after which a lone month or a bare year is a date ("in October", "since 1999").
const DATE_PREPS: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "from",
    "to",
    "of",
    "during",
    "before",
    "after",
    "through",
    "between",
    "and",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "around",
    "throughout",
    "on",
    "copyright",
];
const ZONES: &[(&str, &str)] = &[
    ("gmt", "Z"),
    ("utc", "Z"),
    ("cet", "+01:00"),
    ("cest", "+02:00"),
    ("bst", "+01:00"),
    ("msk", "+03:00"),
    ("est", "-05:00"),
    ("edt", "-04:00"),
    ("pst", "-08:00"),
    ("pdt", "-07:00"),
];

fn ymd(d: Ymd) -> String {
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

/// The year of month `m` (and day `d`, when written) for a sentence of this tense: in a future
/// sentence the first on or after the reference date, in a past one the last on or before it,
/// else [`nearest_year`].
fn year_for(reference: Ymd, m: u32, d: Option<u32>, tense: Option<Tense>) -> i32 {
    let written = (m, d.unwrap_or(0));
    let refd = (reference.1, if d.is_some() { reference.2 } else { 0 });
    match tense {
        Some(Tense::Future) if written < refd => reference.0 + 1,
        Some(Tense::Past) if written > refd => reference.0 - 1,
        Some(_) => reference.0,
        None => nearest_year(reference, m),
    }
}

/// The year that puts month `m` between eight months before and three months after the
/// reference date's month: news mostly reports what happened, sometimes what is planned.
fn nearest_year(reference: Ymd, m: u32) -> i32 {
    let diff = m as i32 - reference.1 as i32;
    if diff > 3 {
        reference.0 - 1
    } else if diff < -8 {
        reference.0 + 1
    } else {
        reference.0
    }
}

// ---- token helpers ----

fn month_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Word || !t.capitalized() {
        return None;
    }
    let w = t.lower();
    if let Some(m) = lexicon::month_by_name(&w) {
        return Some((m, i + 1));
    }
    let m = lexicon::month_by_abbreviation(&w)?;
    // "Oct." (the period belongs to the abbreviation).
    match toks.get(i + 1) {
        Some(p) if p.is_punct('.') && adjacent(t, p) => Some((m, i + 2)),
        _ => Some((m, i + 1)),
    }
}

fn weekday_at(toks: &[Tok], i: usize) -> Option<u32> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Word || !t.capitalized() {
        return None;
    }
    let w = t.lower();
    lexicon::weekdays()
        .iter()
        .position(|d| *d == w)
        .map(|k| k as u32 + 1)
}

/// A day of the month: 1-31 written with one or two digits, optionally "17th".
fn day_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if t.kind == TokKind::Word {
        // Spelled: "May eighth", "the twenty-first of June".
        let (n, j) = super::numeric::parse_ordinal(toks, i)?;
        return (1..=31).contains(&n).then_some((n as u32, j));
    }
    if t.kind != TokKind::Number || t.text.len() > 2 {
        return None;
    }
    let d: u32 = t.text.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    match toks.get(i + 1) {
        Some(s) if adjacent(t, s) && matches!(s.lower().as_str(), "st" | "nd" | "rd" | "th") => {
            Some((d, i + 2))
        }
        Some(s) if adjacent(t, s) && s.kind == TokKind::Word => None,
        _ => Some((d, i + 1)),
    }
}

fn year_at(toks: &[Tok], i: usize) -> Option<i32> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Number || t.text.len() != 4 {
        return None;
    }
    let y: i32 = t.text.parse().ok()?;
    // Not "2008s" or "2008-09" style codes glued to letters.
    if toks
        .get(i + 1)
        .is_some_and(|n| adjacent(t, n) && n.kind == TokKind::Word)
    {
        return None;
    }
    (1000..=2999).contains(&y).then_some(y)
}

fn prev_is_prep(toks: &[Tok], i: usize) -> bool {
    i > 0 && {
        let p = &toks[i - 1];
        p.kind == TokKind::Word && DATE_PREPS.contains(&p.lower().as_str())
            || p.is_punct('-') && i > 1 && toks[i - 2].is("mid")
    }
}

/// The tense of the sentence part before token `i` (at most 20 tokens back, not past the end of
/// the previous sentence): the nearest word of `tense.tsv` decides ("will resume Dec. 21",
/// "said on Dec. 21"); failing that, a word ending in "-ed" makes it past; else `None`.
fn tense_at(toks: &[Tok], i: usize) -> Option<Tense> {
    let mut regular_past = false;
    for k in (i.saturating_sub(20)..i).rev() {
        let t = &toks[k];
        if t.is_punct('!') || t.is_punct('?') || t.is_punct(';') {
            break;
        }
        if t.is_punct('.') && sentence_period(toks, k) {
            break;
        }
        if t.kind != TokKind::Word {
            continue;
        }
        let w = t.lower();
        // A participle after "be" takes the tense of what comes before: "will be held".
        let passive = k > 0 && (toks[k - 1].is("be") || toks[k - 1].is("being"));
        if let Some(tense) = lexicon::tense_of(&w).filter(|_| !passive) {
            return Some(tense);
        }
        if passive {
            continue;
        }
        if w.ends_with("'ll") || w.ends_with("\u{2019}ll") {
            return Some(Tense::Future);
        }
        regular_past |= w.len() >= 5 && w.ends_with("ed");
    }
    regular_past.then_some(Tense::Past)
}

/// Whether the period at `k` ends a sentence: not after a single letter ("p.m.", "U.S.") or a
/// month abbreviation ("Dec."), and not before a lower-case word or a number.
fn sentence_period(toks: &[Tok], k: usize) -> bool {
    let before = k.checked_sub(1).map(|b| &toks[b]);
    let after = toks.get(k + 1);
    let abbreviation = before.is_some_and(|b| {
        b.kind == TokKind::Word
            && adjacent(b, &toks[k])
            && (b.text.chars().count() == 1 || lexicon::month_by_abbreviation(&b.lower()).is_some())
    });
    let continues = after.is_some_and(|a| {
        a.kind == TokKind::Number || a.text.chars().next().is_some_and(char::is_lowercase)
    });
    !abbreviation && !continues
}

/// Whether a period word before `i` in its sentence marks a record or a first ("the first
/// visit in 14 years", "its lowest in a decade"): "in N years" is then a period, not a date.
fn record_before(toks: &[Tok], i: usize) -> bool {
    toks[i.saturating_sub(8)..i].iter().any(|t| {
        let w = t.lower();
        t.kind == TokKind::Word
            && (matches!(
                w.as_str(),
                "first" | "only" | "since" | "ever" | "time" | "times" | "once"
            ) || (w.len() > 4 && w.ends_with("est")))
    })
}

/// A candidate: token range, label, kind, value.
struct Cand {
    first: usize,
    end: usize,
    label: Label,
    kind: &'static str,
    value: String,
}

/// The unit a word counts in: ISO designators, with `E` for decades and `C` for centuries
/// (counted in years in durations, kept as such in dates: "two decades ago" is a decade).
fn unit_of(w: &str) -> Option<char> {
    Some(match w {
        "day" | "days" => 'D',
        "week" | "weeks" => 'W',
        "month" | "months" => 'M',
        "year" | "years" => 'Y',
        "decade" | "decades" => 'E',
        "century" | "centuries" => 'C',
        "hour" | "hours" => 'H',
        "minute" | "minutes" => 'm',
        _ => return None,
    })
}

fn duration_value(n: u64, unit: char) -> String {
    match unit {
        'H' => format!("PT{n}H"),
        'm' => format!("PT{n}M"),
        'E' => format!("P{}Y", n * 10),
        'C' => format!("P{}Y", n * 100),
        u => format!("P{n}{u}"),
    }
}

/// The date `n` units before (negative: after) the reference, at the unit's precision.
fn shift(reference: Ymd, n: i64, unit: char) -> String {
    let days = days_from_civil(reference.0, reference.1, reference.2);
    let year = i64::from(reference.0);
    match unit {
        'D' => ymd(civil_from_days(days - n)),
        'W' => {
            let (y, w) = iso_week(days - 7 * n);
            format!("{y:04}-W{w:02}")
        }
        'M' => {
            let (y, m) = add_months(reference.0, reference.1, -n);
            format!("{y:04}-{m:02}")
        }
        'E' => format!("{:03}X", (year - 10 * n).div_euclid(10)),
        'C' => format!("{:02}XX", (year - 100 * n).div_euclid(100)),
        _ => format!("{:04}", year - n),
    }
}

fn rel_unresolved(n: i64, unit: char) -> String {
    let (n, unit) = match unit {
        'E' => (n * 10, 'Y'),
        'C' => (n * 100, 'Y'),
        u => (n, u),
    };
    if n == 0 {
        // Today is "REF"; this week/month/year is "REF-P0W"/"REF-P0M"/"REF-P0Y".
        return if unit == 'D' {
            "REF".into()
        } else {
            format!("REF-P0{unit}")
        };
    }
    let sign = if n > 0 { '-' } else { '+' };
    format!("REF{sign}P{}{unit}", n.abs())
}

/// Resolved or unresolved value of "`n` units before the reference".
fn relative(doc: Option<Ymd>, n: i64, unit: char) -> (&'static str, String) {
    match doc {
        Some(d) => ("relative", shift(d, n, unit)),
        None => ("unresolved", rel_unresolved(n, unit)),
    }
}

/// Every DATE and TIME candidate at every token (overlaps are settled by the caller).
/// `order`: the document's order of numeric dates when the caller states it; otherwise it is
/// read from the document ([`date_order`]).
pub fn find(
    _text: &str,
    toks: &[Tok],
    doc: Option<Ymd>,
    order: Option<DateOrder>,
) -> Vec<RuleMatch> {
    find_where(toks, doc, order, |_| true)
}

/// [`find`] at the tokens `at` accepts.
fn find_where(
    toks: &[Tok],
    doc: Option<Ymd>,
    order: Option<DateOrder>,
    at: impl Fn(usize) -> bool,
) -> Vec<RuleMatch> {
    let env = Env {
        doc,
        order: order.or_else(|| date_order(toks)),
    };
    let mut out = Vec::new();
    for i in (0..toks.len()).filter(|&i| at(i)) {
        push_candidates(toks, i, env, &mut out);
    }
    out
}

/// The lower-case words besides spelled numbers and ordinals that a candidate can start at
/// (see [`candidates`]: deictic words, periods, times of day, "an" as in "an hour ago").
const STARTING_WORDS: &[&str] = &[
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "the",
    "in",
    "weekend",
    "this",
    "last",
    "next",
    "past",
    "coming",
    "months",
    "years",
    "decades",
    "weeks",
    "days",
    "noon",
    "midday",
    "midnight",
    "an",
];
const WORD_STARTS: Initials = Initials::of(&[STARTING_WORDS]);

/// Whether a candidate may start at `t`: a number, an apostrophe ('90s), a word that does not
/// start with a small ASCII letter (months, weekdays, capitalised words), or a small word that
/// may be one of the words [`candidates`] starts at. Most words are not, and are not asked.
fn may_start(t: &Tok) -> bool {
    match t.kind {
        TokKind::Number => true,
        TokKind::Punct => t.is_punct('\'') || t.is_punct('\u{2019}'),
        TokKind::Word => {
            !t.text.starts_with(|c: char| c.is_ascii_lowercase())
                || WORD_STARTS.may_have(t.text)
                || NUMBER_STARTS.may_have(t.text)
                || ORDINAL_STARTS.may_have(t.text)
        }
    }
}

/// The candidates at token `i`, as matches, appended to `out`; whether there were any.
fn push_candidates(toks: &[Tok], i: usize, env: Env, out: &mut Vec<RuleMatch>) -> bool {
    if !may_start(&toks[i]) {
        return false;
    }
    let found = candidates(toks, i, env);
    let any = !found.is_empty();
    out.extend(found.into_iter().map(|c| as_match(toks, c)));
    any
}

/// A candidate as a match: byte offsets of its tokens.
fn as_match(toks: &[Tok], c: Cand) -> RuleMatch {
    RuleMatch {
        start: toks[c.first].start,
        end: toks[c.end - 1].end,
        label: c.label,
        kind: Some(c.kind.to_string()),
        value: Some(c.value),
    }
}

/// A document's dates and times found without its date (what the publication date is inferred
/// from), and where to look again once that date is known.
#[derive(Debug, Clone)]
pub struct Undated {
    /// Every candidate, as [`find`] with no document date and the document's own order gives.
    pub matches: Vec<RuleMatch>,
    /// The tokens to look at again with a date: those where a candidate was found, and every
    /// number (the only tokens whose reading depends on a stated order of numeric dates).
    /// Elsewhere none can be found with a date either: the document's date changes a
    /// candidate's value and kind, never whether there is one (`undated_then_dated_is_find`
    /// checks this).
    again: Vec<bool>,
}

/// [`find`] without a document date, remembering where candidates were found.
pub fn find_undated(toks: &[Tok]) -> Undated {
    let env = Env {
        doc: None,
        order: date_order(toks),
    };
    let mut matches = Vec::new();
    let again = (0..toks.len())
        .map(|i| push_candidates(toks, i, env, &mut matches) || toks[i].kind == TokKind::Number)
        .collect();
    Undated { matches, again }
}

impl Undated {
    /// What [`find`] gives with `doc` and `order`, looking only where [`Undated`] says it must.
    pub fn dated(
        &self,
        toks: &[Tok],
        doc: Option<Ymd>,
        order: Option<DateOrder>,
    ) -> Vec<RuleMatch> {
        // (Tokens past the ones looked at first, should there be any, are all asked.)
        find_where(toks, doc, order, |i| {
            self.again.get(i).copied().unwrap_or(true)
        })
    }
}

/// What the rules know of the whole document: its date and how it writes numeric dates.
#[derive(Debug, Clone, Copy)]
struct Env {
    doc: Option<Ymd>,
    order: Option<DateOrder>,
}

fn candidates(toks: &[Tok], i: usize, env: Env) -> Vec<Cand> {
    let doc = env.doc;
    let mut out = Vec::new();
    let date = |first, end, kind, value| Cand {
        first,
        end,
        label: Label::DATE,
        kind,
        value,
    };
    let Some(t) = toks.get(i) else {
        return out;
    };

    // ISO 8601: 2020-10-15.
    if let (Some(y), Some(h1), Some(mo), Some(h2), Some(da)) = (
        year_at(toks, i),
        toks.get(i + 1),
        toks.get(i + 2),
        toks.get(i + 3),
        toks.get(i + 4),
    ) {
        let glued = adjacent(t, h1) && adjacent(h1, mo) && adjacent(mo, h2) && adjacent(h2, da);
        if glued && h1.is_punct('-') && h2.is_punct('-') && mo.text.len() == 2 && da.text.len() == 2
        {
            if let (Ok(m), Ok(d)) = (mo.text.parse::<u32>(), da.text.parse::<u32>()) {
                if (1..=12).contains(&m) && (1..=days_in_month(y, m).unwrap_or(0)).contains(&d) {
                    out.push(date(i, i + 5, "absolute", ymd((y, m, d))));
                }
            }
        }
    }

    // Month first: Oct. 15, 2020 / February 17 / October 2020 / (in) October.
    if let Some((m, j)) = month_at(toks, i) {
        if let Some((d, k)) = day_at(toks, j) {
            let comma = toks.get(k).is_some_and(|c| c.is_punct(','));
            let y = year_at(toks, k + usize::from(comma))
                .or_else(|| year_at(toks, k).filter(|_| !comma));
            match y {
                Some(y) if d <= days_in_month(y, m).unwrap_or(0) => {
                    let end = if year_at(toks, k).is_some() {
                        k + 1
                    } else {
                        k + 2
                    };
                    out.push(date(i, end, "absolute", ymd((y, m, d))));
                }
                _ => out.push(month_day(i, k, m, d, doc, tense_at(toks, i))),
            }
        } else if let Some(y) = year_at(toks, j).or_else(|| {
            toks.get(j)
                .filter(|c| c.is_punct(','))
                .and_then(|_| year_at(toks, j + 1))
        }) {
            let end = if year_at(toks, j).is_some() {
                j + 1
            } else {
                j + 2
            };
            out.push(date(i, end, "absolute", format!("{y:04}-{m:02}")));
        } else if prev_is_prep(toks, i) {
            out.push(match doc {
                Some(d) => date(
                    i,
                    j,
                    "relative",
                    format!("{:04}-{m:02}", year_for(d, m, None, tense_at(toks, i))),
                ),
                None => date(i, j, "unresolved", format!("XXXX-{m:02}")),
            });
        }
    }

    // Day first: 15 October 2020 / 17th of February / the first of March.
    if let Some((d, j)) = day_at(toks, i) {
        let of = toks.get(j).is_some_and(|t| t.is("of"));
        let j2 = if of { j + 1 } else { j };
        // A spelled ordinal is a day only as "the first of March".
        let spelled = t.kind == TokKind::Word;
        let first = if i > 0 && toks[i - 1].is("the") && (of || spelled) {
            i - 1
        } else {
            i
        };
        if let Some((m, k)) = month_at(toks, j2).filter(|_| of || !spelled) {
            let comma =
                toks.get(k).is_some_and(|c| c.is_punct(',')) && year_at(toks, k + 1).is_some();
            let ky = if comma { k + 1 } else { k };
            match year_at(toks, ky) {
                Some(y) if d <= days_in_month(y, m).unwrap_or(0) => {
                    out.push(date(first, ky + 1, "absolute", ymd((y, m, d))))
                }
                _ => out.push(month_day(first, k, m, d, doc, tense_at(toks, first))),
            }
        }
    }

    // Numeric dates: 8/10/2012, 10.08.2012, 10-08-2012, 2012/08/10.
    if let Some(c) = numeric_date(toks, i, env) {
        out.push(c);
    }

    // The first Tuesday of October (2020), the last Monday in March.
    if let Some(c) = nth_weekday_of_month(toks, i, env) {
        out.push(c);
    }

    // Weekday, optionally before a date ("Thursday, Oct. 15, 2020") or after last/next/this.
    if let Some(wd) = weekday_at(toks, i) {
        let j = if toks.get(i + 1).is_some_and(|c| c.is_punct(',')) {
            i + 2
        } else {
            i + 1
        };
        // The written day of the month wins over the weekday: "Monday, Feb. 18".
        let followed: Vec<Cand> = candidates(toks, j, env)
            .into_iter()
            .filter(|c| {
                c.first == j
                    && c.label == Label::DATE
                    && c.kind != "duration"
                    && c.value.len() == 10
            })
            .collect();
        if let Some(c) = followed.into_iter().max_by_key(|c| c.end) {
            out.push(date(i, c.end, c.kind, c.value));
        } else if let Some((shift_weeks, end)) = week_after(toks, i + 1) {
            // "Friday of next week", "Tuesday of last week", "Wednesday this week".
            out.push(match doc {
                Some(d) => {
                    let days = days_from_civil(d.0, d.1, d.2);
                    let monday = days - i64::from(weekday(days)) + 1;
                    let target = monday + 7 * shift_weeks + i64::from(wd) - 1;
                    date(i, end, "relative", ymd(civil_from_days(target)))
                }
                None => date(i, end, "unresolved", format!("XXXX-WXX-{wd}")),
            });
        } else {
            let modifier = i
                .checked_sub(1)
                .map(|p| toks[p].lower())
                .unwrap_or_default();
            let first = if matches!(
                modifier.as_str(),
                "last" | "next" | "this" | "past" | "coming"
            ) {
                i - 1
            } else {
                i
            };
            let tense = tense_at(toks, first);
            out.push(match doc {
                Some(d) => {
                    let days = days_from_civil(d.0, d.1, d.2);
                    let today = i64::from(weekday(days));
                    let wd = i64::from(wd);
                    let monday = days - today + 1;
                    let back = (today - wd).rem_euclid(7);
                    let fwd = (wd - today).rem_euclid(7);
                    let target = match modifier.as_str() {
                        // "next Wednesday" is the Wednesday of next week.
                        "next" => monday + 7 + wd - 1,
                        "coming" => days + if fwd == 0 { 7 } else { fwd },
                        "last" | "past" => days - if back == 0 { 7 } else { back },
                        // "this Wednesday": this week's in a past sentence or when still to
                        // come, else the coming one.
                        "this" if tense == Some(Tense::Past) || wd >= today => monday + wd - 1,
                        "this" => days + fwd,
                        _ if tense == Some(Tense::Future) => days + if fwd == 0 { 7 } else { fwd },
                        _ => days - back,
                    };
                    date(first, i + 1, "relative", ymd(civil_from_days(target)))
                }
                None => date(first, i + 1, "unresolved", format!("XXXX-WXX-{wd}")),
            });
        }
    }

    // Decades and centuries: the 1990s, the '90s, the 20th century.
    if t.kind == TokKind::Number {
        if let Some(s) = toks.get(i + 1) {
            if adjacent(t, s) && s.text == "s" && t.text.len() == 4 && t.text.ends_with('0') {
                let first = if i > 0 && toks[i - 1].is("the") {
                    i - 1
                } else {
                    i
                };
                out.push(date(first, i + 2, "absolute", format!("{}X", &t.text[..3])));
            }
        }
        if let Some((n, j)) = super::numeric::parse_ordinal(toks, i) {
            if toks.get(j).is_some_and(|c| c.is("century")) && (1..=30).contains(&n) {
                let first = if i > 0 && toks[i - 1].is("the") {
                    i - 1
                } else {
                    i
                };
                out.push(date(first, j + 1, "absolute", format!("{:02}XX", n - 1)));
            }
        }
    }
    if t.is_punct('\'') || t.is_punct('\u{2019}') {
        if let (Some(n), Some(s)) = (toks.get(i + 1), toks.get(i + 2)) {
            if n.kind == TokKind::Number
                && n.text.len() == 2
                && n.text.ends_with('0')
                && s.text == "s"
                && adjacent(n, s)
                && adjacent(t, n)
            {
                let century = if n.text.as_bytes()[0] >= b'3' {
                    "19"
                } else {
                    "20"
                };
                let first = if i > 0 && toks[i - 1].is("the") {
                    i - 1
                } else {
                    i
                };
                out.push(date(
                    first,
                    i + 3,
                    "absolute",
                    format!("{century}{}X", &n.text[..1]),
                ));
            }
        }
    }

    // A bare year after a preposition: "in 2008", "since 1999".
    if let Some(y) = year_at(toks, i) {
        if prev_is_prep(toks, i) && (1800..=2100).contains(&y) {
            out.push(date(i, i + 1, "absolute", format!("{y:04}")));
        }
    }

    // Deictic words.
    if t.kind == TokKind::Word {
        let w = t.lower();
        let n = match w.as_str() {
            "today" | "tonight" => Some(0),
            "yesterday" => Some(1),
            "tomorrow" => Some(-1),
            _ => None,
        };
        if let Some(n) = n {
            let (kind, value) = relative(doc, n, 'D');
            out.push(date(i, i + 1, kind, value));
        }
        // The day before yesterday, the day after tomorrow.
        if w == "the" && toks.get(i + 1).is_some_and(|d| d.is("day")) {
            let n = match (toks.get(i + 2), toks.get(i + 3)) {
                (Some(b), Some(y)) if b.is("before") && y.is("yesterday") => Some(2),
                (Some(a), Some(t)) if a.is("after") && t.is("tomorrow") => Some(-2),
                _ => None,
            };
            if let Some(n) = n {
                let (kind, value) = relative(doc, n, 'D');
                out.push(date(i, i + 4, kind, value));
            }
        }
        // A future offset: "in five days", "in a week('s time)"; "the first in 14 years" and
        // past sentences keep it a period.
        if w == "in" {
            if let Some((v, j)) = count_at(toks, i + 1) {
                let unit = toks.get(j).and_then(|u| unit_of(&u.lower()));
                if let (Some(n), Some(u)) = (v.as_int().filter(|&n| n > 0 && n < 10_000), unit) {
                    let time = toks.get(j + 1).is_some_and(|a| a.is("time"))
                        || toks.get(j + 1).is_some_and(|a| {
                            a.text.starts_with('\'') || a.text.starts_with('\u{2019}')
                        }) && toks.get(j + 2).is_some_and(|a| a.is("time"));
                    let tense = tense_at(toks, i);
                    let as_date = time || (tense != Some(Tense::Past) && !record_before(toks, i));
                    if as_date && !matches!(u, 'H' | 'm') {
                        let end = if !time {
                            j + 1
                        } else if toks[j + 1].is("time") {
                            j + 2
                        } else {
                            j + 3
                        };
                        let (kind, value) = relative(doc, -(n as i64), u);
                        out.push(date(i, end, kind, value));
                    }
                }
            }
        }
        // Weekends: last/this/next weekend, (over) the weekend.
        if w == "weekend" {
            if let Some(c) = weekend(toks, i, doc) {
                out.push(c);
            }
        }
        // this/last/next/past + week/month/year; "earlier this month", "later this year".
        if matches!(w.as_str(), "this" | "last" | "next" | "past" | "coming") {
            if let Some(u) = toks.get(i + 1) {
                let unit = match u.lower().as_str() {
                    "week" => Some('W'),
                    "month" => Some('M'),
                    "year" => Some('Y'),
                    "decade" => Some('E'),
                    "century" => Some('C'),
                    _ => None,
                };
                if let Some(unit) = unit {
                    let n = match w.as_str() {
                        "last" | "past" => 1,
                        "next" | "coming" => -1,
                        _ => 0,
                    };
                    let first = if i > 0
                        && (toks[i - 1].is("earlier") || toks[i - 1].is("later"))
                        && w == "this"
                    {
                        i - 1
                    } else {
                        i
                    };
                    // "the past year" is a period, not last year.
                    let the_past = w == "past" && i > 0 && toks[i - 1].is("the");
                    if the_past {
                        out.push(date(i - 1, i + 2, "duration", duration_value(1, unit)));
                    } else {
                        let (kind, value) = relative(doc, n, unit);
                        out.push(date(first, i + 2, kind, value));
                    }
                }
            }
        }
        // Seasons: this/last/next summer.
        if matches!(w.as_str(), "this" | "last" | "next") {
            if let Some(s) = toks.get(i + 1) {
                let code = match s.lower().as_str() {
                    "spring" => Some("SP"),
                    "summer" => Some("SU"),
                    "autumn" | "fall" => Some("FA"),
                    "winter" => Some("WI"),
                    _ => None,
                };
                if let Some(code) = code {
                    let n: i64 = match w.as_str() {
                        "last" => 1,
                        "next" => -1,
                        _ => 0,
                    };
                    out.push(match doc {
                        Some(d) => date(
                            i,
                            i + 2,
                            "relative",
                            format!("{:04}-{code}", i64::from(d.0) - n),
                        ),
                        None => date(
                            i,
                            i + 2,
                            "unresolved",
                            format!("{}-{code}", rel_unresolved(n, 'Y')),
                        ),
                    });
                }
            }
        }
        // Unspecified periods: for months, over the years, for decades.
        if matches!(
            w.as_str(),
            "months" | "years" | "decades" | "weeks" | "days"
        ) && i > 0
            && (toks[i - 1].is("for")
                || (toks[i - 1].is("the") && i > 1 && toks[i - 2].is("over"))
                || toks[i - 1].is("recent"))
        {
            let code = match w.as_str() {
                "months" => "PXM",
                "years" => "PXY",
                "decades" => "PXDE",
                "weeks" => "PXW",
                _ => "PXD",
            };
            let first = if toks[i - 1].is("the") || toks[i - 1].is("recent") {
                i - 1
            } else {
                i
            };
            out.push(date(first, i + 1, "duration", code.to_string()));
        }
    }

    // Counted periods: 14 years, six months, three decades ago, the past three decades; as
    // dates: "a week ago", "five days from now".
    if let Some((v, j)) = count_at(toks, i) {
        let n = v.as_int().filter(|&n| n > 0 && n < 10_000);
        let unit = toks.get(j).and_then(|u| unit_of(&u.lower()));
        let half_word = t.kind == TokKind::Word
            && i > 0
            && parse_number(toks, i - 1).is_some_and(|(_, e)| e > i);
        if let (Some(n), Some(u), false) = (n, unit, half_word) {
            let total = n;
            let after = toks.get(j + 1);
            let from_now =
                after.is_some_and(|a| a.is("from")) && toks.get(j + 2).is_some_and(|a| a.is("now"));
            if after.is_some_and(|a| a.is("ago")) && u != 'H' && u != 'm' {
                let (kind, value) = relative(doc, total as i64, u);
                out.push(date(i, j + 2, kind, value));
            } else if from_now && u != 'H' && u != 'm' {
                let (kind, value) = relative(doc, -(total as i64), u);
                out.push(date(i, j + 3, kind, value));
            } else if after.is_some_and(|a| a.is("old"))
                || toks.get(j + 1).is_some_and(|a| a.is_punct('-'))
            {
                // An age ("14 years old", "a 14-year-old"): not a date.
            } else {
                let label = if matches!(u, 'H' | 'm') {
                    Label::TIME
                } else {
                    Label::DATE
                };
                let first = if i >= 2
                    && toks[i - 2].is("the")
                    && (toks[i - 1].is("past") || toks[i - 1].is("last") || toks[i - 1].is("next"))
                {
                    i - 2
                } else {
                    i
                };
                out.push(Cand {
                    first,
                    end: j + 1,
                    label,
                    kind: "duration",
                    value: duration_value(total, u),
                });
            }
        }
    }

    // TIME: 10:30, 3 p.m., 15:00 GMT, noon.
    if t.kind == TokKind::Number && t.text.len() <= 2 {
        if let Ok(h) = t.text.parse::<u32>() {
            let mut j = i + 1;
            let mut min = 0;
            let mut clock = false;
            if let (Some(c), Some(mm)) = (toks.get(i + 1), toks.get(i + 2)) {
                if c.is_punct(':')
                    && adjacent(t, c)
                    && adjacent(c, mm)
                    && mm.kind == TokKind::Number
                    && mm.text.len() == 2
                {
                    if let Ok(mv) = mm.text.parse::<u32>() {
                        if mv < 60 && h < 24 {
                            min = mv;
                            j = i + 3;
                            clock = true;
                        }
                    }
                }
            }
            let mut hour = h;
            let mut meridiem = false;
            if let Some(a) = toks.get(j) {
                let w = a.lower();
                let (is_pm, is_am, len) = match w.as_str() {
                    "pm" => (true, false, 1),
                    "am" if a.text != "AM" || clock => (false, true, 1),
                    "p" | "a"
                        if toks.get(j + 1).is_some_and(|d| d.is_punct('.'))
                            && toks.get(j + 2).is_some_and(|m| m.is("m")) =>
                    {
                        let dot = toks
                            .get(j + 3)
                            .is_some_and(|d| d.is_punct('.') && adjacent(&toks[j + 2], d));
                        (w == "p", w == "a", if dot { 4 } else { 3 })
                    }
                    _ => (false, false, 0),
                };
                if (is_pm || is_am) && (1..=12).contains(&h) {
                    meridiem = true;
                    hour = match (is_pm, h) {
                        (true, 12) => 12,
                        (true, h) => h + 12,
                        (false, 12) => 0,
                        (false, h) => h,
                    };
                    j += len;
                }
            }
            if clock || meridiem {
                let mut value = format!("T{hour:02}:{min:02}");
                if let Some(z) = toks.get(j) {
                    if let Some((_, off)) = ZONES.iter().find(|(n, _)| {
                        z.text.eq_ignore_ascii_case(n)
                            && z.text.chars().all(|c| c.is_ascii_uppercase())
                    }) {
                        value.push_str(off);
                        j += 1;
                    }
                }
                out.push(Cand {
                    first: i,
                    end: j,
                    label: Label::TIME,
                    kind: "time",
                    value,
                });
            }
        }
    }
    if t.is("noon") || t.is("midday") || t.is("midnight") {
        let value = if t.is("midnight") { "T00:00" } else { "T12:00" };
        out.push(Cand {
            first: i,
            end: i + 1,
            label: Label::TIME,
            kind: "time",
            value: value.into(),
        });
    }
    out
}

/// A count before a unit: a number ("five", "14") or "a"/"an" ("a week ago").
fn count_at(toks: &[Tok], i: usize) -> Option<(super::numeric::Dec, usize)> {
    let t = toks.get(i)?;
    if (t.is("a") || t.is("an"))
        && toks
            .get(i + 1)
            .is_some_and(|u| unit_of(&u.lower()).is_some())
    {
        return parse_number(toks, i).or_else(|| Some((super::numeric::Dec::int(1), i + 1)));
    }
    parse_number(toks, i)
}

/// "of next week", "of last week", "of this week", "next week" after a weekday at `j`: the
/// week's offset from the document's and the end of the phrase.
fn week_after(toks: &[Tok], j: usize) -> Option<(i64, usize)> {
    let k = if toks.get(j)?.is("of") { j + 1 } else { j };
    let shift = match toks.get(k)?.lower().as_str() {
        "next" | "following" => 1,
        "last" | "previous" => -1,
        "this" => 0,
        _ => return None,
    };
    toks.get(k + 1)?.is("week").then_some((shift, k + 2))
}

/// "last weekend", "this weekend", "next weekend", "(over) the weekend" at the word "weekend"
/// (`i`): ISO week date with `WE`, "2020-W42-WE". "The weekend" is the one before the document
/// date, or the coming one in a future sentence.
fn weekend(toks: &[Tok], i: usize, doc: Option<Ymd>) -> Option<Cand> {
    let prev = toks.get(i.checked_sub(1)?)?;
    let shift = match prev.lower().as_str() {
        "last" | "past" => Some(-1),
        "next" => Some(1),
        "this" | "coming" => Some(0),
        "the" => None,
        _ => return None,
    };
    let (kind, value) = match doc {
        Some(d) => {
            let days = days_from_civil(d.0, d.1, d.2);
            let today = i64::from(weekday(days));
            let shift = shift.unwrap_or_else(|| {
                if today >= 6 || tense_at(toks, i - 1) == Some(Tense::Future) {
                    0
                } else {
                    -1
                }
            });
            let (y, w) = iso_week(days + 7 * shift);
            ("relative", format!("{y:04}-W{w:02}-WE"))
        }
        None => ("unresolved", "XXXX-WXX-WE".to_string()),
    };
    Some(Cand {
        first: i - 1,
        end: i + 1,
        label: Label::DATE,
        kind,
        value,
    })
}

/// The parts of a numeric date at `i` ("8/10/2012", "10.08.2012", "10-08-2012"), as written,
/// with its separator and end; the year last with four digits (two with slashes), or first.
fn numeric_parts<'t>(toks: &[Tok<'t>], i: usize) -> Option<([&'t str; 3], char, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Number {
        return None;
    }
    if i > 0 && adjacent(&toks[i - 1], t) && !toks[i - 1].is_punct('(') {
        return None;
    }
    let parts: [&str; 3];
    let sep;
    let end;
    if t.text.matches('.').count() == 2 {
        let mut it = t.text.split('.');
        parts = [it.next()?, it.next()?, it.next()?];
        sep = '.';
        end = i + 1;
    } else {
        let (s1, b, s2, c) = (
            toks.get(i + 1)?,
            toks.get(i + 2)?,
            toks.get(i + 3)?,
            toks.get(i + 4)?,
        );
        let glued = adjacent(t, s1) && adjacent(s1, b) && adjacent(b, s2) && adjacent(s2, c);
        sep = s1.text.chars().next()?;
        if !glued
            || !(sep == '/' || sep == '-')
            || s2.text != s1.text
            || b.kind != TokKind::Number
            || c.kind != TokKind::Number
            || !b.text.bytes().all(|x| x.is_ascii_digit())
            || !c.text.bytes().all(|x| x.is_ascii_digit())
        {
            return None;
        }
        parts = [t.text, b.text, c.text];
        end = i + 5;
    }
    if toks.get(end).is_some_and(|n| {
        adjacent(&toks[end - 1], n)
            && (n.kind != TokKind::Punct || n.is_punct('/') || n.is_punct('-'))
    }) {
        return None;
    }
    let ok =
        |p: &str, lens: &[usize]| lens.contains(&p.len()) && p.bytes().all(|x| x.is_ascii_digit());
    let year_last = ok(parts[0], &[1, 2])
        && ok(parts[1], &[1, 2])
        && (ok(parts[2], &[4]) || sep == '/' && ok(parts[2], &[2]));
    let year_first =
        sep != '-' && ok(parts[0], &[4]) && ok(parts[1], &[1, 2]) && ok(parts[2], &[1, 2]);
    (year_last || year_first).then_some((parts, sep, end))
}

/// The document's order of numeric dates, from its own evidence: a date whose first number
/// is over 12 shows day first, one whose second is shows month first. None when the
/// document shows neither or both; each date then falls back on its separator's custom.
fn date_order(toks: &[Tok]) -> Option<DateOrder> {
    let (mut day_first, mut month_first) = (false, false);
    for i in 0..toks.len() {
        if let Some((p, _, _)) = numeric_parts(toks, i) {
            if p[0].len() <= 2 {
                let (a, b) = (p[0].parse::<u32>().ok()?, p[1].parse::<u32>().ok()?);
                day_first |= a > 12 && b <= 12;
                month_first |= b > 12 && a <= 12;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// A numeric date. Kind `absolute` when only one reading is a date (or both are the same),
/// `ambiguous` when day and month could be swapped: then the value follows the document's
/// order ([`date_order`]), else month first with slashes (8/10/2012, United States) and day
/// first with periods and hyphens (10.08.2012).
fn numeric_date(toks: &[Tok], i: usize, env: Env) -> Option<Cand> {
    let (p, sep, end) = numeric_parts(toks, i)?;
    let n: Vec<i32> = p.iter().map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let valid = |y: i32, m: i32, d: i32| {
        (1..=12).contains(&m) && d >= 1 && days_in_month(y, m as u32).is_some_and(|l| d <= l as i32)
    };
    let (value, kind) = if p[0].len() == 4 {
        valid(n[0], n[1], n[2]).then_some(((n[0], n[1], n[2]), "absolute"))?
    } else {
        let y = if p[2].len() == 2 {
            if n[2] < 50 {
                2000 + n[2]
            } else {
                1900 + n[2]
            }
        } else {
            n[2]
        };
        let month_first = valid(y, n[0], n[1]);
        let day_first = valid(y, n[1], n[0]);
        let order = env.order.unwrap_or(if sep == '/' {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        });
        match (month_first, day_first) {
            (true, true) if n[0] == n[1] => ((y, n[0], n[1]), "absolute"),
            (true, true) if order == DateOrder::MonthFirst => ((y, n[0], n[1]), "ambiguous"),
            (true, true) => ((y, n[1], n[0]), "ambiguous"),
            (true, false) => ((y, n[0], n[1]), "absolute"),
            (false, true) => ((y, n[1], n[0]), "absolute"),
            (false, false) => return None,
        }
    };
    Some(Cand {
        first: i,
        end,
        label: Label::DATE,
        kind,
        value: ymd((value.0, value.1 as u32, value.2 as u32)),
    })
}

/// "the first Tuesday of October", "the last Monday in March 2021", "the second Friday of
/// next month", starting at the ordinal (or "last") at `i`.
fn nth_weekday_of_month(toks: &[Tok], i: usize, env: Env) -> Option<Cand> {
    let t = toks.get(i)?;
    let (n, j) = if t.is("last") {
        (-1i64, i + 1)
    } else {
        let (n, j) = super::numeric::parse_ordinal(toks, i)?;
        ((1..=5).contains(&n).then_some(n as i64)?, j)
    };
    let wd = weekday_at(toks, j)?;
    if !(toks.get(j + 1)?.is("of") || toks.get(j + 1)?.is("in")) {
        return None;
    }
    let k = j + 2;
    let first = if i > 0 && toks[i - 1].is("the") {
        i - 1
    } else {
        i
    };
    let tense = tense_at(toks, first);
    // The month: written (with or without its year), or next/last/this month.
    let (ym, end, kind) = if let Some((m, e)) = month_at(toks, k) {
        let comma = toks.get(e).is_some_and(|c| c.is_punct(',')) && year_at(toks, e + 1).is_some();
        let ey = if comma { e + 1 } else { e };
        match (year_at(toks, ey), env.doc) {
            (Some(y), _) => (Some((y, m)), ey + 1, "absolute"),
            (None, Some(d)) => (Some((year_for(d, m, None, tense), m)), e, "relative"),
            (None, None) => (None, e, "unresolved"),
        }
    } else {
        let shift = match toks.get(k)?.lower().as_str() {
            "next" => 1,
            "last" => -1,
            "this" => 0,
            _ => return None,
        };
        if !toks.get(k + 1)?.is("month") {
            return None;
        }
        match env.doc {
            Some(d) => (Some(add_months(d.0, d.1, shift)), k + 2, "relative"),
            None => (None, k + 2, "unresolved"),
        }
    };
    let value = match ym {
        Some((y, m)) => {
            let last = days_in_month(y, m)?;
            let day = if n > 0 {
                let first_wd = i64::from(weekday(days_from_civil(y, m, 1)));
                1 + (i64::from(wd) - first_wd).rem_euclid(7) + 7 * (n - 1)
            } else {
                let last_wd = i64::from(weekday(days_from_civil(y, m, last)));
                i64::from(last) - (last_wd - i64::from(wd)).rem_euclid(7)
            };
            if day > i64::from(last) {
                return None;
            }
            ymd((y, m, day as u32))
        }
        None => match month_at(toks, k) {
            Some((m, _)) => format!("XXXX-{m:02}"),
            None => rel_unresolved(0, 'M'),
        },
    };
    Some(Cand {
        first,
        end,
        label: Label::DATE,
        kind,
        value,
    })
}

/// A month and day without a year: the year comes from the document date and the tense.
fn month_day(
    first: usize,
    end: usize,
    m: u32,
    d: u32,
    doc: Option<Ymd>,
    tense: Option<Tense>,
) -> Cand {
    let (kind, value) = match doc {
        Some(r) => {
            let y = year_for(r, m, Some(d), tense);
            if d <= days_in_month(y, m).unwrap_or(0) {
                ("relative", ymd((y, m, d)))
            } else {
                ("unresolved", format!("XXXX-{m:02}-{d:02}"))
            }
        }
        None => ("unresolved", format!("XXXX-{m:02}-{d:02}")),
    };
    Cand {
        first,
        end,
        label: Label::DATE,
        kind,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::super::lex::lex;
    use super::*;

    const DOC: Option<Ymd> = Some((2020, 10, 21)); // a Wednesday

    /// Every candidate at every token, unfiltered by `may_start`.
    fn find_everywhere(toks: &[Tok], doc: Option<Ymd>) -> Vec<RuleMatch> {
        let env = Env {
            doc,
            order: date_order(toks),
        };
        let mut out = Vec::new();
        for i in 0..toks.len() {
            out.extend(
                candidates(toks, i, env)
                    .into_iter()
                    .map(|c| as_match(toks, c)),
            );
        }
        out
    }

    /// The phrases of every test in this file, joined, and the sample articles.
    fn test_texts() -> Vec<String> {
        super::super::test_phrases(include_str!("temporal.rs"))
    }

    #[test]
    fn tokens_not_asked_have_no_candidates() {
        for text in test_texts() {
            for variant in [text.clone(), text.to_lowercase(), text.to_uppercase()] {
                let toks = lex(&variant);
                for doc in [None, DOC] {
                    assert_eq!(
                        find(&variant, &toks, doc, None),
                        find_everywhere(&toks, doc),
                        "a date starts at a token may_start refuses (add its word to \
                         STARTING_WORDS): {variant:?}"
                    );
                }
            }
        }
    }

    /// `Undated::dated` looks again only where the undated pass found something (and at
    /// numbers): it must give exactly what `find` gives everywhere, for any document date and
    /// order. Texts: every string in this file (the phrases of all the tests below) and the
    /// sample articles.
    #[test]
    fn undated_then_dated_is_find() {
        let texts = test_texts();
        let docs = [
            None,
            DOC,
            Some((2021, 1, 3)),
            Some((1999, 12, 31)),
            Some((2024, 2, 29)),
        ];
        let orders = [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)];
        for text in &texts {
            let toks = lex(text);
            let undated = find_undated(&toks);
            assert_eq!(
                undated.matches,
                find(text, &toks, None, None),
                "find_undated must find what find finds without a date: {text:?}"
            );
            for doc in docs {
                for order in orders {
                    assert_eq!(
                        undated.dated(&toks, doc, order),
                        find(text, &toks, doc, order),
                        "with document date {doc:?} and order {order:?}, a date was found only \
                         where the undated pass found none (see Undated::again): {text:?}"
                    );
                }
            }
        }
    }

    fn dates(text: &str, doc: Option<Ymd>) -> Vec<(String, String, String)> {
        let toks = lex(text);
        super::super::non_overlapping(find(text, &toks, doc, None))
            .into_iter()
            .map(|r| {
                (
                    text[r.start..r.end].to_string(),
                    r.kind.unwrap_or_default(),
                    r.value.unwrap_or_default(),
                )
            })
            .collect()
    }

    /// `text` holds exactly one match, with this span, kind and value.
    fn check(text: &str, doc: Option<Ymd>, span: &str, kind: &str, value: &str) {
        let got = dates(text, doc);
        assert_eq!(
            got,
            [(span.to_string(), kind.to_string(), value.to_string())],
            "{text:?} with document date {doc:?}: help: see the value table in src/4-mentions/rules/temporal.rs"
        );
    }

    #[test]
    fn absolute_dates() {
        check(
            "BELGRADE 1996-12-06",
            None,
            "1996-12-06",
            "absolute",
            "1996-12-06",
        );
        check(
            "on Oct. 15, 2020 in",
            None,
            "Oct. 15, 2020",
            "absolute",
            "2020-10-15",
        );
        check(
            "Belgrade, Serbia, Thursday, Oct. 15, 2020.",
            None,
            "Thursday, Oct. 15, 2020",
            "absolute",
            "2020-10-15",
        );
        check(
            "signed 15 October 2020.",
            None,
            "15 October 2020",
            "absolute",
            "2020-10-15",
        );
        check(
            "on May 20, 2008 there",
            None,
            "May 20, 2008",
            "absolute",
            "2008-05-20",
        );
        check(
            "in October 2020 they",
            None,
            "October 2020",
            "absolute",
            "2020-10",
        );
        check("independence in 2008.", None, "2008", "absolute", "2008");
        check(
            "Copyright 2020 The Associated Press",
            None,
            "2020",
            "absolute",
            "2020",
        );
        check(
            "a civil war in the 1990s.",
            None,
            "the 1990s",
            "absolute",
            "199X",
        );
        check("back in the '90s", None, "the '90s", "absolute", "199X");
        check(
            "the 20th century",
            None,
            "the 20th century",
            "absolute",
            "19XX",
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_document_date() {
        check(
            "Shoigu on February 17.",
            DOC,
            "February 17",
            "relative",
            "2020-02-17",
        );
        check(
            "Reuters reported Tuesday",
            DOC,
            "Tuesday",
            "relative",
            "2020-10-20",
        );
        check(
            "On Wednesday, Rodić said",
            DOC,
            "Wednesday",
            "relative",
            "2020-10-21",
        );
        check(
            "signed an order last Thursday",
            DOC,
            "last Thursday",
            "relative",
            "2020-10-15",
        );
        check(
            "They will meet on Friday",
            DOC,
            "Friday",
            "relative",
            "2020-10-23",
        );
        check(
            "Last month, Serbia suspended",
            DOC,
            "Last month",
            "relative",
            "2020-09",
        );
        check("elections next year", DOC, "next year", "relative", "2021");
        check("talks last week", DOC, "last week", "relative", "2020-W42");
        check(
            "met two weeks ago",
            DOC,
            "two weeks ago",
            "relative",
            "2020-W41",
        );
        check(
            "left three days ago",
            DOC,
            "three days ago",
            "relative",
            "2020-10-18",
        );
        check("said yesterday", DOC, "yesterday", "relative", "2020-10-20");
        check(
            "In October, Serbia held",
            DOC,
            "October",
            "relative",
            "2020-10",
        );
        check(
            "In December, Serbia will hold",
            DOC,
            "December",
            "relative",
            "2020-12",
        );
        check("drills in March", DOC, "March", "relative", "2020-03");
        check("drills in January", DOC, "January", "relative", "2021-01");
        check(
            "earlier this month",
            DOC,
            "earlier this month",
            "relative",
            "2020-10",
        );
        check("last summer", DOC, "last summer", "relative", "2019-SU");
    }

    #[test]
    fn relative_dates_without_a_document_date_keep_their_form() {
        check(
            "Shoigu on February 17.",
            None,
            "February 17",
            "unresolved",
            "XXXX-02-17",
        );
        check(
            "Reuters reported Tuesday",
            None,
            "Tuesday",
            "unresolved",
            "XXXX-WXX-2",
        );
        check(
            "Last month, Serbia suspended",
            None,
            "Last month",
            "unresolved",
            "REF-P1M",
        );
        check(
            "elections next year",
            None,
            "next year",
            "unresolved",
            "REF+P1Y",
        );
        check(
            "met two weeks ago",
            None,
            "two weeks ago",
            "unresolved",
            "REF-P2W",
        );
        check("said today", None, "today", "unresolved", "REF");
        check(
            "later this year",
            None,
            "later this year",
            "unresolved",
            "REF-P0Y",
        );
        check(
            "In August, Politika reported",
            None,
            "August",
            "unresolved",
            "XXXX-08",
        );
    }

    #[test]
    fn periods_and_durations() {
        check(
            "the first one in 14 years.",
            None,
            "14 years",
            "duration",
            "P14Y",
        );
        check(
            "drills for six months last",
            None,
            "six months",
            "duration",
            "P6M",
        );
        check(
            "wars over the past three decades.",
            None,
            "the past three decades",
            "duration",
            "P30Y",
        );
        check("protesting for months", None, "months", "duration", "PXM");
        check("jets over the years,", None, "the years", "duration", "PXY");
        check(
            "a five-hour drive took 5 hours",
            None,
            "5 hours",
            "duration",
            "PT5H",
        );
        let none = dates("a 14-year-old and a man 40 years old", None);
        assert!(none.is_empty(), "ages are not dates: {none:?}");
        let may = dates("Serbia may join, the EU may say", None);
        assert!(may.is_empty(), "'may' is not a month: {may:?}");
    }

    #[test]
    fn times() {
        check("at 3 p.m. local time", None, "3 p.m.", "time", "T15:00");
        check("at 10:30 GMT", None, "10:30 GMT", "time", "T10:30Z");
        check("by 9:05am", None, "9:05am", "time", "T09:05");
        check("at midnight", None, "midnight", "time", "T00:00");
    }
}
