//! One entity list per document from every layer, with one precedence rule.
//!
//! Layers, highest precedence first ([`Source`]):
//!
//! 1. **user** — the reader's own lists ([`crate::mentions::user_names`]), score 1.0;
//! 2. **equipment** — model codes and named systems ([`crate::mentions::rules::equipment`]), MISC,
//!    and armed groups (ORG kind `armed-group`), ships and weapon classes (MISC kind
//!    `equipment`), units (ORG kind `unit`) and operations (MISC kind `operation`)
//!    ([`crate::mentions::rules::military`]), score 0.95: their spans and types are exact where
//!    a CoNLL-trained tagger's are not;
//! 3. **tagger** — the statistical PER/ORG/LOC/MISC tagger ([`crate::mentions::tag`]), its own score;
//! 4. **rules** — DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL
//!    ([`crate::mentions::rules::temporal`], [`crate::mentions::rules::numeric`]), score 0.9;
//! 5. **gazetteer** — country, city and region names (LOC) and nationalities and religions
//!    (MISC) on the gazetteer's word alone ([`crate::mentions::gazetteer::Gazetteer::scan`]), score 0.8;
//!    a place name followed by another capitalized word ("Elizabeth I", "Japan Airlines":
//!    part of a longer name) or by a number other than a dateline's date ("ANAHEIM 9 14": a
//!    team in a results table) is left out.
//!
//! **Rule:** a span is kept unless it overlaps a span of a higher layer; within a layer the
//! longer span wins, then the earlier one. The result is sorted by start and never overlaps.
//! One exception: a gazetteer name that the tagger split into two or more pieces of the same
//! label (of any label for a country), all inside the name ("Orthodox" + "Christian";
//! "United" + "Arab Emirates"), replaces the pieces.
//! After that, a kept LOC or MISC span without a `kind` gets `kind` and `value` from the
//! gazetteer when its whole text is a gazetteer name of a kind with that label (the tagger's
//! "Belgrade" → kind "city", value "Belgrade, Serbia").
//!
//! With `enrich` on, the tagger's spans are first trimmed of leading prepositions and titles,
//! and the merged list is then made consistent across the document
//! ([`crate::mentions::consistency`]).
//!
//! The rule scores are fixed priors, not calibrated probabilities.
//!
//! `value` formats, by label and kind:
//! - LOC country: the country's canonical name ("Serbia"); city, region: name and country
//!   ("Belgrade, Serbia");
//! - MISC nationality: the country it belongs to ("Serbian" → "Serbia"), or the group's name
//!   when there is no country ("Slavic" → "Slav"); religion: the religion ("Orthodox
//!   Christianity"); equipment: the canonical model name ("MIG 35" → "MiG-35");
//! - DATE, TIME: see [`crate::mentions::rules::temporal`]; MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL:
//!   see [`crate::mentions::rules::numeric`];
//! - user lists: the entry's own `value`, if any.

use crate::input::{parse_date, DateOrder};
use crate::mentions::rules::{self, RuleMatch};
use crate::mentions::tag::Mention;
use crate::mentions::user_names::UserNames;
use crate::mentions::{consistency, gazetteer};
use crate::text::tokenize::Token;
use crate::vocab::spans::SpanMap;
use crate::vocab::Label;

/// Which layer found an entity, in precedence order (highest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    User,
    Equipment,
    Tagger,
    Rules,
    Gazetteer,
}

/// An entity of the merged list: a byte range of the document text.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub score: f32,
    pub kind: Option<String>,
    pub value: Option<String>,
    pub source: Source,
}

/// Which layers to run (all by default); the switches exist for the before/after measurement
/// in BENCHMARKS.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layers {
    pub equipment: bool,
    pub rules: bool,
    pub gazetteer: bool,
    pub enrich: bool,
}

impl Default for Layers {
    fn default() -> Self {
        Layers {
            equipment: true,
            rules: true,
            gazetteer: true,
            enrich: true,
        }
    }
}

impl Layers {
    /// The tagger (and user lists) only.
    pub const TAGGER_ONLY: Layers = Layers {
        equipment: false,
        rules: false,
        gazetteer: false,
        enrich: false,
    };
}

fn from_rule(m: RuleMatch, score: f32, source: Source) -> Found {
    Found {
        start: m.start,
        end: m.end,
        label: m.label,
        score,
        kind: m.kind,
        value: m.value,
        source,
    }
}

/// One document as the layers read it.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub text: &'a str,
    /// The document's `YYYY-MM-DD` date, if any.
    pub date: Option<&'a str>,
    /// Its order of numeric dates, if stated.
    pub order: Option<DateOrder>,
    /// The tokenizer's tokens (the tagger's mentions index them).
    pub tokens: &'a [Token],
    /// The rules' tokens ([`rules::lex::lex`]), lexed once per document by the caller, which
    /// also reads them for the publication date.
    pub rule_toks: &'a [rules::lex::Tok<'a>],
    /// The dates found without the document's date, when the caller looked for them (to infer
    /// the publication date): the rules then look again only where they were found.
    pub undated: Option<&'a rules::temporal::Undated>,
}

/// Runs the rule, gazetteer and user-list layers over one document and merges them with the
/// tagger's mentions.
pub fn entities(doc: &Doc, mentions: &[Mention], user: &UserNames, layers: Layers) -> Vec<Found> {
    let Doc {
        text,
        date,
        order,
        tokens,
        rule_toks,
        undated,
    } = *doc;
    let mut all = Vec::new();
    for m in user.find(text) {
        all.push(Found {
            start: m.start,
            end: m.end,
            label: m.name.label,
            score: 1.0,
            kind: m.name.kind.clone(),
            value: m.name.value.clone(),
            source: Source::User,
        });
    }
    // The rules' own tokens, read by the equipment and the temporal and numeric rules alike.
    let toks = (layers.equipment || layers.rules).then_some(rule_toks);
    if let (true, Some(toks)) = (layers.equipment, &toks) {
        all.extend(
            rules::equipment::find_lexed(toks)
                .into_iter()
                .map(|m| from_rule(m, 0.95, Source::Equipment)),
        );
        all.extend(
            rules::military::find_lexed(text, toks)
                .into_iter()
                .map(|m| from_rule(m, 0.95, Source::Equipment)),
        );
    }
    for m in mentions
        .iter()
        .filter(|m| m.first < m.end && m.end <= tokens.len())
    {
        let (first, end) = if layers.enrich {
            consistency::trim(text, tokens, m.first, m.end, m.label)
        } else {
            (m.first, m.end)
        };
        all.push(Found {
            start: tokens[first].start,
            end: tokens[end - 1].end,
            label: m.label,
            score: m.score,
            kind: None,
            value: None,
            source: Source::Tagger,
        });
    }
    if let (true, Some(toks)) = (layers.rules, &toks) {
        let doc_date = date.and_then(parse_date);
        all.extend(
            rules::temporal_and_numeric_lexed(text, toks, doc_date, order, undated)
                .into_iter()
                .map(|m| from_rule(m, 0.9, Source::Rules)),
        );
    }
    if layers.gazetteer {
        let g = gazetteer::get();
        for m in g.scan(text) {
            let e = m.hit.entry;
            if e.kind.label() == Label::LOC && next_word_is_name_or_score(text, m.end) {
                // "Elizabeth I", "Japan Airlines", "Washington Post": part of a longer name;
                // "ANAHEIM 9 14 4": a team in a results table.
                continue;
            }
            all.push(Found {
                start: m.start,
                end: m.end,
                label: e.kind.label(),
                score: 0.8,
                kind: Some(e.kind.as_str().to_string()),
                value: Some(g.value(e)),
                source: Source::Gazetteer,
            });
        }
    }
    let mut kept = merge(all);
    if layers.enrich {
        consistency::settle(text, tokens, &mut kept);
        enrich(text, &mut kept);
    }
    kept
}

/// Whether the next word after byte `end`, on the same line and after spaces only, starts with
/// a capital letter, or is a number other than a `YYYY-MM-DD` dateline date.
fn next_word_is_name_or_score(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let next = rest.trim_start_matches([' ', '\u{a0}']);
    if next.len() == rest.len() {
        return false;
    }
    let word = next.split(char::is_whitespace).next().unwrap_or("");
    let dateline = word.len() == 10 && crate::input::parse_date(word).is_some();
    let first = word.chars().next();
    first.is_some_and(char::is_uppercase) || first.is_some_and(|c| c.is_ascii_digit()) && !dateline
}

/// Applies the precedence rule: higher layer first, then longer, then earlier; a span is kept
/// unless it overlaps one already kept. Returns the kept spans sorted by start.
pub fn merge(mut all: Vec<Found>) -> Vec<Found> {
    all.retain(|f| f.start < f.end);
    crate::vocab::sort::sort_by(&mut all, |a, b| {
        (a.source, b.end - b.start, a.start).cmp(&(b.source, a.end - a.start, b.start))
    });
    // Kept spans, non-overlapping: O(log n) per candidate.
    let mut kept = SpanMap::default();
    let mut names = Vec::new();
    for f in all {
        if let Err(f) = kept.insert_if_free(f.start, f.end, f) {
            if f.source == Source::Gazetteer {
                names.push(f);
            }
        }
    }
    for g in names {
        absorb_fragments(&mut kept, g);
    }
    kept.into_values().collect()
}

/// The one exception to the precedence rule: a gazetteer name that the tagger split into
/// pieces of the same label ("Orthodox" + "Christian" for "Orthodox Christian") replaces the
/// pieces, when they lie wholly inside it and nothing else overlaps it. A country's name does
/// so whatever the pieces' labels ("United" MISC + "Arab Emirates" PER → LOC "United Arab
/// Emirates").
fn absorb_fragments(kept: &mut SpanMap<Found>, g: Found) {
    if kept.straddles(g.start) {
        return; // a kept span reaches into the name from the left
    }
    // (start, score) of each piece; no score when it is not a same-label tagger fragment.
    let pieces: Vec<(usize, Option<f32>)> = kept
        .starting_in(g.start, g.end)
        .map(|(s, e, x)| {
            let country = g.kind.as_deref() == Some("country");
            let fits = x.source == Source::Tagger && (x.label == g.label || country) && e <= g.end;
            (s, fits.then_some(x.score))
        })
        .collect();
    if pieces.len() >= 2 && pieces.iter().all(|(_, score)| score.is_some()) {
        let score = pieces
            .iter()
            .filter_map(|&(_, s)| s)
            .fold(g.score, f32::max);
        for (s, _) in pieces {
            kept.remove(s);
        }
        let _ = kept.insert_if_free(g.start, g.end, Found { score, ..g }); // its pieces are gone
    }
}

/// Gives kept LOC/MISC spans without a kind the gazetteer's kind and value for their text.
fn enrich(text: &str, kept: &mut [Found]) {
    let g = gazetteer::get();
    for f in kept.iter_mut().filter(|f| f.kind.is_none()) {
        if !matches!(f.label, Label::LOC | Label::MISC) {
            continue;
        }
        if let Some(hit) = g.lookup(&text[f.start..f.end]) {
            if hit.entry.kind.label() == f.label {
                f.kind = Some(hit.entry.kind.as_str().to_string());
                f.value = f.value.take().or_else(|| Some(g.value(hit.entry)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(text: &'a str, rule_toks: &'a [rules::lex::Tok<'a>]) -> Doc<'a> {
        Doc {
            text,
            date: None,
            order: None,
            tokens: &[],
            rule_toks,
            undated: None,
        }
    }

    fn f(start: usize, end: usize, label: Label, source: Source) -> Found {
        Found {
            start,
            end,
            label,
            score: 0.5,
            kind: None,
            value: None,
            source,
        }
    }

    #[test]
    fn higher_layers_win_overlaps_then_longer_then_earlier() {
        let got = merge(vec![
            f(0, 10, Label::MISC, Source::Gazetteer),
            f(2, 5, Label::PER, Source::Tagger),
            f(4, 8, Label::PER, Source::User),
            f(12, 20, Label::DATE, Source::Rules),
            f(14, 16, Label::CARDINAL, Source::Rules),
            f(20, 22, Label::LOC, Source::Gazetteer),
            f(21, 23, Label::LOC, Source::Gazetteer),
        ]);
        let spans: Vec<(usize, usize, Source)> =
            got.iter().map(|x| (x.start, x.end, x.source)).collect();
        assert_eq!(
            spans,
            [
                (4, 8, Source::User),
                (12, 20, Source::Rules),
                (20, 22, Source::Gazetteer)
            ],
            "help: the precedence rule is documented at the top of src/4-mentions/merge.rs"
        );
    }

    #[test]
    fn every_layer_contributes_without_overlaps() {
        let text =
            "Serbian President Aleksandar Vucic met NATO in Belgrade on Thursday, Oct. 15, 2020, \
                    about MIG 35 jets worth $2 million, a 5% rise.";
        let user = UserNames::parse_tsv("Aleksandar Vucic\tPER\tpolitician\n").unwrap();
        let rule_toks = rules::lex::lex(text);
        let got = entities(&doc(text, &rule_toks), &[], &user, Layers::default());
        let view: Vec<(&str, Label, Option<&str>, Option<&str>)> = got
            .iter()
            .map(|x| {
                (
                    &text[x.start..x.end],
                    x.label,
                    x.kind.as_deref(),
                    x.value.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            view,
            [
                ("Serbian", Label::MISC, Some("nationality"), Some("Serbia")),
                ("Aleksandar Vucic", Label::PER, Some("politician"), None),
                (
                    "Belgrade",
                    Label::LOC,
                    Some("city"),
                    Some("Belgrade, Serbia")
                ),
                (
                    "Thursday, Oct. 15, 2020",
                    Label::DATE,
                    Some("absolute"),
                    Some("2020-10-15")
                ),
                ("MIG 35", Label::MISC, Some("equipment"), Some("MiG-35")),
                ("$2 million", Label::MONEY, None, Some("2000000 USD")),
                ("5%", Label::PERCENT, None, Some("5")),
            ]
        );
        for w in got.windows(2) {
            assert!(w[0].end <= w[1].start, "sorted and non-overlapping: {w:?}");
        }
    }

    #[test]
    fn places_in_results_tables_and_longer_names_are_left_to_the_tagger() {
        let text = "ANAHEIM 9 14 4 73\nBELGRADE 1996-08-22\nQueen Elizabeth I was born.";
        let layers = Layers {
            rules: false,
            ..Layers::default()
        };
        let rule_toks = rules::lex::lex(text);
        let got = entities(&doc(text, &rule_toks), &[], &UserNames::default(), layers);
        let spans: Vec<&str> = got.iter().map(|x| &text[x.start..x.end]).collect();
        assert_eq!(
            spans,
            ["BELGRADE"],
            "help: see next_word_is_name_or_score in src/4-mentions/merge.rs"
        );
    }

    #[test]
    fn a_name_split_by_the_tagger_is_made_whole() {
        let mut g = f(0, 18, Label::MISC, Source::Gazetteer);
        g.kind = Some("religion".into());
        let got = merge(vec![
            f(0, 8, Label::MISC, Source::Tagger),
            f(9, 18, Label::MISC, Source::Tagger),
            g.clone(),
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].start, got[0].end, got[0].source),
            (0, 18, Source::Gazetteer)
        );
        let got = merge(vec![
            f(0, 8, Label::PER, Source::Tagger),
            f(9, 18, Label::MISC, Source::Tagger),
            g,
        ]);
        assert_eq!(got.len(), 2, "pieces of another label stay: {got:?}");
        let mut c = f(0, 20, Label::LOC, Source::Gazetteer);
        c.kind = Some("country".into());
        let got = merge(vec![
            f(0, 6, Label::MISC, Source::Tagger),
            f(7, 20, Label::PER, Source::Tagger),
            c,
        ]);
        assert_eq!(
            (got.len(), got[0].label),
            (1, Label::LOC),
            "a country split into pieces of any label is made whole: {got:?}"
        );
    }

    #[test]
    fn tagger_spans_get_gazetteer_kind_when_labels_agree() {
        let text = "He flew to Belgrade.";
        let mut kept = vec![f(11, 19, Label::LOC, Source::Tagger)];
        enrich(text, &mut kept);
        assert_eq!(kept[0].kind.as_deref(), Some("city"));
        assert_eq!(kept[0].value.as_deref(), Some("Belgrade, Serbia"));
        let mut kept = vec![f(11, 19, Label::PER, Source::Tagger)];
        enrich(text, &mut kept);
        assert_eq!(kept[0].kind, None, "a PER span is not given a place's kind");
    }
}
