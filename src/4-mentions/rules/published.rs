//! The publication date of a document that comes without one (issue #16), found in its own
//! text so that its relative dates can be placed.
//!
//! Only a fully written date counts (day, month and year; a numeric date only when its day and
//! month cannot be swapped), and only where articles carry their own date, tried in this order:
//!
//! 1. `published`: a line opening with a word of `src/1-lexicon/published-labels.txt` and the
//!    date soon after it ("Published: Oct. 15, 2020", "Posted on 15 October 2020"), the most
//!    telling word first;
//! 2. `dateline`: the date right after the place name that opens a line
//!    ("BELGRADE 1996-08-22", "BELGRADE, Serbia, Oct. 15, 2020 (AP) —");
//! 3. `byline`: a date on a byline ("By Miloš Mitrović | October 15, 2020");
//! 4. `caption`: the latest date in the photo captions at the top of the article;
//! 5. `headline`: the latest date in the headline zone, the lines above the first body line
//!    (headline, byline, captions, furniture); a date in the body is an event's, not the
//!    article's, unless it stands in a dateline.
//!
//! Bylines, captions and the headline zone count only in the first [`TOP_BYTES`] bytes: a
//! photo deep in the article may show an older event. Nothing found is no date: no guess is
//! better than a bad one.

use super::non_overlapping;
use super::temporal::Undated;
use crate::input::parse_date;
use crate::text::boilerplate::Block;
use crate::vocab::BlockClass;

/// How far into the text bylines, captions and the headline zone are looked for.
pub const TOP_BYTES: usize = 3000;

/// Where in the text a publication date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoundIn {
    Published,
    Dateline,
    Byline,
    Caption,
    Headline,
}

impl FoundIn {
    /// The name the result uses: "published", "dateline", "byline", "caption", "headline".
    pub fn as_str(self) -> &'static str {
        match self {
            FoundIn::Published => "published",
            FoundIn::Dateline => "dateline",
            FoundIn::Byline => "byline",
            FoundIn::Caption => "caption",
            FoundIn::Headline => "headline",
        }
    }
}

/// A publication date found in the text: the date, the byte span of its expression, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inferred {
    pub date: (i32, u32, u32),
    pub start: usize,
    pub end: usize,
    pub found_in: FoundIn,
}

impl Inferred {
    /// The date written `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        let (y, m, d) = self.date;
        format!("{y:04}-{m:02}-{d:02}")
    }
}

/// A fully written date of the text and the line it stands on.
struct Dated<'b> {
    start: usize,
    end: usize,
    date: (i32, u32, u32),
    line: &'b Block,
}

/// The publication date of `text`, from its dates found without a document date (`undated`:
/// [`super::temporal::find_undated`] over the rule tokens, shared with the rule layer, which dates
/// them afterwards) and its lines `blocks` ([`crate::text::boilerplate`]), or None when the
/// text does not carry one.
pub fn infer(text: &str, undated: &Undated, blocks: &[Block]) -> Option<Inferred> {
    // Every fully written date, with the line it stands on.
    let dates: Vec<Dated> = non_overlapping(undated.matches.clone())
        .into_iter()
        .filter(|m| m.kind.as_deref() == Some("absolute"))
        .filter_map(|m| {
            let date = parse_date(m.value.as_deref()?)?;
            let k = blocks.partition_point(|b| b.start <= m.start);
            let line = blocks.get(k.checked_sub(1)?).filter(|b| m.end <= b.end)?;
            Some(Dated {
                start: m.start,
                end: m.end,
                date,
                line,
            })
        })
        .collect();
    let found = |d: &Dated, found_in| Inferred {
        date: d.date,
        start: d.start,
        end: d.end,
        found_in,
    };
    // 1. "Published: …", by the labels' order.
    for label in crate::lexicon::published_labels() {
        // The date follows the label closely: "Published: …", "Posted on …", not a sentence
        // that opens with "Published reports said on May 20, 2008".
        let labelled = |d: &&Dated| {
            opens_with(&text[d.line.start..d.line.end], label)
                && d.start - d.line.start <= label.len() + 12
        };
        if let Some(d) = dates.iter().find(labelled) {
            return Some(found(d, FoundIn::Published));
        }
    }
    // 2. A dateline: a capitalised place name, maybe its region, then the date.
    if let Some(d) = dates
        .iter()
        .find(|d| is_dateline(&text[d.line.start..d.start]))
    {
        return Some(found(d, FoundIn::Dateline));
    }
    let top = |d: &&Dated| d.end <= TOP_BYTES;
    // 3. A byline's date.
    if let Some(d) = dates
        .iter()
        .filter(top)
        .find(|d| d.line.class == BlockClass::Byline)
    {
        return Some(found(d, FoundIn::Byline));
    }
    // 4. The latest date of the captions at the top.
    if let Some(d) = dates
        .iter()
        .filter(top)
        .filter(|d| d.line.class == BlockClass::Caption)
        .max_by_key(|d| d.date)
    {
        return Some(found(d, FoundIn::Caption));
    }
    // 5. The latest date of the headline zone.
    let body = blocks.iter().position(|b| b.class == BlockClass::Body);
    let zone_end = body.map_or(TOP_BYTES, |k| blocks[k].start.min(TOP_BYTES));
    dates
        .iter()
        .filter(|d| d.end <= zone_end)
        .max_by_key(|d| d.date)
        .map(|d| found(d, FoundIn::Headline))
}

/// Whether `line` opens with `label` as whole words ("Published:", "posted on").
fn opens_with(line: &str, label: &str) -> bool {
    line.get(..label.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(label))
        && !line[label.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// Whether `prefix` (the line before a date) is a dateline's place: a word in capitals of
/// three or more letters first, then at most a region, in at most 40 bytes, no sentence in it
/// ("BELGRADE", "BELGRADE, Serbia,", "RAMALLAH , West Bank").
fn is_dateline(prefix: &str) -> bool {
    let first: String = prefix.chars().take_while(|c| c.is_alphabetic()).collect();
    prefix.len() <= 40
        && first.chars().count() >= 3
        && first.chars().all(char::is_uppercase)
        && !prefix.contains(". ")
        && prefix
            .split_whitespace()
            .skip(1)
            .all(|w| !w.starts_with(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::boilerplate::classify;

    fn inferred(text: &str) -> Option<(String, &str, &'static str)> {
        let undated = super::super::temporal::find_undated(&super::super::lex::lex(text));
        infer(text, &undated, &classify(text))
            .map(|i| (i.iso(), &text[i.start..i.end], i.found_in.as_str()))
    }

    #[test]
    fn each_place_an_article_carries_its_date() {
        assert_eq!(
            inferred("Talks resume\nPublished: Oct. 15, 2020\nThe talks resumed on Tuesday, officials said."),
            Some(("2020-10-15".into(), "Oct. 15, 2020", "published"))
        );
        assert_eq!(
            inferred("Serbia mulls presence\nBELGRADE 1996-08-22 The talks resumed on Tuesday."),
            Some(("1996-08-22".into(), "1996-08-22", "dateline"))
        );
        assert_eq!(
            inferred("Serbia mulls presence\n\nBELGRADE, Serbia, Oct. 15, 2020 (AP) — The talks resumed on Tuesday, officials said."),
            Some(("2020-10-15".into(), "Oct. 15, 2020", "dateline"))
        );
        assert_eq!(
            inferred("Vucic speaks during a press conference in Belgrade, Serbia, Thursday, Oct. 15, 2020. (AP Photo/Darko Vojinovic)\n\nBELGRADE – Serbia is thinking of allowing a presence, it said Tuesday."),
            Some(("2020-10-15".into(), "Thursday, Oct. 15, 2020", "caption"))
        );
    }

    #[test]
    fn the_latest_date_above_the_body_when_nothing_says_more() {
        let text = "Serbia mulls Russian presence\n\nOctober 15, 2020 | 14:02\n\nBELGRADE – Serbia is thinking of allowing a Russian presence, the ministry said in a statement on Tuesday. The deal of May 20, 2008 still stands.";
        let got = inferred(text);
        assert_eq!(
            got.as_ref().map(|g| (g.0.as_str(), g.1)),
            Some(("2020-10-15", "October 15, 2020")),
            "the date line above the body: {got:?}"
        );
    }

    #[test]
    fn a_later_date_on_a_labelled_line_beats_an_earlier_one_in_the_text() {
        let text = "Talks resume\n\nThe deal of May 20, 2008 still stands, officials said.\n\nFirst published March 3, 2021";
        assert_eq!(
            inferred(text),
            Some(("2021-03-03".into(), "March 3, 2021", "published"))
        );
    }

    #[test]
    fn no_full_date_no_guess() {
        for text in [
            "Shoigu arrived on February 17. Serbia declared nothing in 2008.",
            "Payments were due on 5/6/2020, officials said.",
            "",
            "The order, dated Oct. 15 and signed by Mishustin, was published.",
            "Published reports at the time said the deal was signed on May 20, 2008.",
        ] {
            assert_eq!(
                inferred(text),
                None,
                "{text:?} carries no full, unambiguous date"
            );
        }
    }

    #[test]
    fn a_date_deep_in_the_body_is_not_the_publication_date() {
        let mut text =
            String::from("Talks resume\n\nBELGRADE – Serbia said on Tuesday it was ready.\n");
        text.push_str(&"Officials met and talked for a long time about many things.\n".repeat(80));
        text.push_str("The treaty was signed on Oct. 15, 2020 in Moscow.\n");
        assert_eq!(inferred(&text), None);
    }
}
