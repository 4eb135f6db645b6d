//! Which lines of a page dump are the article and which are web furniture.
//!
//! Reads the text alone (no tokens, no entities); the pipeline runs it after merging the
//! mentions, which it then flags when they lie in boilerplate. Every non-blank line (a paragraph in a page dump) is
//! one [`Block`] with a [`BlockClass`]: headline, byline, caption, body or boilerplate, and for
//! boilerplate a kind ("related-links", "donation-appeal", …). Signals, all general:
//! - known phrasings, as data in `phrases.tsv` (list headings such as "Most read", appeals
//!   such as "A message from …", "All rights reserved", share and feedback prompts);
//! - numbering: a bare list number ("1"), a number glued to a title ("2Moscow's War …", what
//!   a scraped `<li>` counter leaves), a gallery counter ("1 / 2", "3 of 12");
//! - link-list shape: runs of three or more short lines without a final full stop whose words
//!   are mostly capitalised (title case), or which are one to three words long;
//! - reader address: "you", "your", "we", "us", "our" outside quotation marks — an outlet
//!   speaking to its readers, which a news report does not do;
//! - photo credits ("(AP Photo/…)", "Photo: …", "Getty Images") for captions, "By …" for
//!   bylines;
//! - position: before the first body paragraph, the first title-like line is the headline, a
//!   repeat of it is a headline too, a long unpunctuated line after it is a caption, short
//!   leftovers are navigation; at the end, the footer starts at the first boilerplate line
//!   after which at least 60% of the lines are boilerplate, and everything from there is
//!   boilerplate.
//!
//! Measured on held-out text in BENCHMARKS.md (section `resolve`).

use crate::vocab::{find, BlockClass};

/// One non-blank line of the text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Byte offset of the first non-space character of the line.
    pub start: usize,
    /// Byte offset one past its last non-space character.
    pub end: usize,
    /// What the line is.
    pub class: BlockClass,
    /// For boilerplate, its kind (a `kind` of `phrases.tsv`, or "navigation", "footer").
    pub kind: Option<&'static str>,
}

impl Block {
    /// Whether entities and quotes in this block are left out of counts by default.
    pub fn is_boilerplate(&self) -> bool {
        self.class == BlockClass::Boilerplate
    }
}

/// Whether byte offset `at` lies in a boilerplate block (`blocks` sorted by start).
pub fn in_boilerplate(blocks: &[Block], at: usize) -> bool {
    let k = blocks.partition_point(|b| b.start <= at);
    k > 0 && blocks[k - 1].end > at && blocks[k - 1].is_boilerplate()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Line,
    Start,
    Contains,
}

struct Phrase {
    kind: &'static str,
    mode: Mode,
    opens: bool,
    text: &'static str,
}

static PHRASES_TSV: &str = include_str!("phrases.tsv");

fn phrases() -> &'static [Phrase] {
    static P: std::sync::OnceLock<Vec<Phrase>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        PHRASES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                assert!(
                    f.len() == 4,
                    "phrases.tsv: 4 tab-separated fields expected: {l:?}"
                );
                let mode = match f[1] {
                    "line" => Mode::Line,
                    "start" => Mode::Start,
                    "contains" => Mode::Contains,
                    m => panic!("phrases.tsv: unknown mode {m:?} in {l:?}"),
                };
                Phrase {
                    kind: f[0],
                    mode,
                    opens: f[2] == "yes",
                    text: f[3],
                }
            })
            .collect()
    })
}

/// The phrases arranged for one pass per line: the first phrase of the file that matches a
/// line is the one whose index is smallest among the matches of each mode.
struct PhraseIndex {
    /// `line` phrases by text, then index.
    whole: Vec<(&'static str, usize)>,
    /// `start` phrases, by index.
    start: Vec<usize>,
    /// `contains` phrases by their first byte, each list by index.
    contains: Vec<Vec<usize>>,
}

impl PhraseIndex {
    fn build(phrases: &'static [Phrase]) -> PhraseIndex {
        let mut ix = PhraseIndex {
            whole: Vec::new(),
            start: Vec::new(),
            contains: vec![Vec::new(); 256],
        };
        for (i, p) in phrases.iter().enumerate() {
            match p.mode {
                Mode::Line => ix.whole.push((p.text, i)),
                Mode::Start => ix.start.push(i),
                Mode::Contains => match p.text.as_bytes().first() {
                    Some(&b) => ix.contains[usize::from(b)].push(i),
                    None => ix.start.push(i), // "" is in every line, as it starts every line
                },
            }
        }
        crate::vocab::sort::sort(&mut ix.whole);
        ix
    }

    /// The first phrase (in the file's order) that `norm` matches.
    fn first_match(&self, norm: &str) -> Option<&'static Phrase> {
        let all = phrases();
        let mut best = usize::MAX;
        let k = self.whole.partition_point(|&(t, _)| t < norm);
        if let Some(&(t, i)) = self.whole.get(k) {
            if t == norm {
                best = i;
            }
        }
        if let Some(&i) = self
            .start
            .iter()
            .find(|&&i| i < best && norm.starts_with(all[i].text))
        {
            best = i;
        }
        let bytes = norm.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            for &i in &self.contains[usize::from(b)] {
                if i >= best {
                    break;
                }
                if bytes[at..].starts_with(all[i].text.as_bytes()) {
                    best = i;
                    break;
                }
            }
        }
        all.get(best)
    }
}

fn phrase_index() -> &'static PhraseIndex {
    static I: std::sync::OnceLock<PhraseIndex> = std::sync::OnceLock::new();
    I.get_or_init(|| PhraseIndex::build(phrases()))
}

/// Features of one line.
struct Line<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    /// Lower-cased, curly apostrophes straightened, outer punctuation trimmed.
    norm: String,
    words: usize,
    /// Share of words that start with a capital letter (words starting with a letter only).
    title_density: f32,
    /// Ends with a full stop (possibly inside closing quotes or brackets).
    full_stop: bool,
    /// Ends with . ! ? or : (possibly inside closing quotes or brackets).
    terminal: bool,
    /// "you", "we", "our", … outside quotation marks.
    reader_address: usize,
}

impl<'t> Line<'t> {
    fn new(text: &'t str, start: usize) -> Self {
        let outer = |c: char| c.is_whitespace() || ".:;,!?-–—|»«>".contains(c);
        // Trimmed first (lower-casing and the apostrophes do not touch what is trimmed), then
        // copied once, twice only when it has an apostrophe to straighten.
        let norm = text.trim_matches(outer).to_lowercase();
        let norm = if norm.contains(['’', '‘', '`']) {
            norm.replace(['’', '‘', '`'], "'")
        } else {
            norm
        };
        // Words; those starting with a letter (after leading punctuation); those of them
        // starting with a capital.
        let (mut words, mut alpha, mut upper) = (0, 0, 0);
        for w in text.split_whitespace() {
            words += 1;
            let first = w
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .chars()
                .next();
            if first.is_some_and(char::is_alphabetic) {
                alpha += 1;
                upper += usize::from(first.is_some_and(char::is_uppercase));
            }
        }
        let last = text
            .trim_end_matches(|c: char| "\"”’')]".contains(c) || c.is_whitespace())
            .chars()
            .last();
        Line {
            start,
            end: start + text.len(),
            text,
            norm,
            words,
            title_density: if alpha == 0 {
                0.0
            } else {
                upper as f32 / alpha as f32
            },
            full_stop: last == Some('.'),
            terminal: matches!(last, Some('.' | '!' | '?' | ':')),
            reader_address: reader_address(text),
        }
    }

    fn phrase(&self) -> Option<&'static Phrase> {
        if self.words > 40 {
            return None;
        }
        phrase_index().first_match(&self.norm)
    }

    /// "1", "12": a list counter on its own line.
    fn bare_number(&self) -> bool {
        let t = self.text.trim();
        (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    }

    /// "2Moscow's War On Ukraine": a list counter glued to a title.
    fn glued_number(&self) -> bool {
        let t = self.text.trim_start();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        (1..=2).contains(&digits) && t[digits..].chars().next().is_some_and(char::is_uppercase)
    }

    /// "1 / 2", "3 of 12": a gallery counter.
    fn counter(&self) -> bool {
        let parts: Vec<&str> = self.norm.split_whitespace().collect();
        let num = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [a, sep, b] => num(a) && (*sep == "/" || *sep == "of") && num(b),
            [a] => a.split_once('/').is_some_and(|(x, y)| num(x) && num(y)),
            _ => false,
        }
    }

    /// A short line shaped like a link: few words, no full stop, mostly capitalised.
    fn link_like(&self) -> bool {
        self.bare_number()
            || self.glued_number()
            || (self.words <= 16
                && !self.full_stop
                && (self.words <= 3 || self.title_density >= 0.6))
    }

    /// A paragraph that reads as article text.
    fn strong_body(&self) -> bool {
        self.words >= 12 && self.terminal && self.reader_address == 0
    }

    /// Speaks to the reader: at least two reader-address pronouns, one per 20 words or more.
    fn addresses_reader(&self) -> bool {
        self.reader_address >= 2 && self.reader_address * 20 >= self.words
    }

    /// Long and punctuated like prose, and not an address to the reader.
    fn prose(&self) -> bool {
        self.words >= 12 && self.terminal && !self.addresses_reader()
    }

    fn credit(&self) -> bool {
        const CREDITS: &[&str] = &[
            "(ap photo",
            "(ap/",
            "ap photo/",
            "(photo",
            "photo:",
            "photograph:",
            "photo by",
            "photo credit",
            "image:",
            "illustration:",
            "getty images",
            "(reuters",
            "/reuters)",
            "reuters/",
            "(afp",
            "afp/",
            "afp via",
            "(epa",
            "epa/",
            "file photo",
            "(credit",
            "credit:",
        ];
        self.words <= 80 && CREDITS.iter().any(|c| find::contains(&self.norm, c))
    }

    fn byline(&self) -> bool {
        const STARTS: &[&str] = &[
            "by ",
            "written by ",
            "reporting by ",
            "additional reporting by ",
            "editing by ",
            "story by ",
            "words by ",
        ];
        self.words <= 14
            && STARTS.iter().any(|s| self.norm.starts_with(s))
            && self
                .text
                .split_whitespace()
                .nth(1)
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    }

    /// "February 17, 2020", "Updated 14:02 GMT, Oct. 15": a short date line.
    fn date_line(&self) -> bool {
        self.words <= 8
            && self.text.chars().any(|c| c.is_ascii_digit())
            && self.norm.split(|c: char| !c.is_alphabetic()).any(|w| {
                (3..=9).contains(&w.len())
                    && crate::lexicon::months()
                        .iter()
                        .any(|m| w.starts_with(&m.name[..3]))
            })
    }
}

/// The words that address the reader.
const PRONOUNS: &[&str] = &[
    "you",
    "your",
    "yours",
    "you're",
    "you've",
    "you'll",
    "we",
    "us",
    "our",
    "ours",
    "we're",
    "we've",
    "we'll",
    "ourselves",
    "yourself",
];

/// Counts reader-address pronouns outside quotation marks.
fn reader_address(text: &str) -> usize {
    let is_pronoun = |w: &str| PRONOUNS.contains(&w.trim_matches('\''));
    let mut count = 0;
    let mut inside = false;
    let mut word = String::new();
    // The words of the text outside quotation marks, lower-cased, curly apostrophes
    // straightened: letters and apostrophes, anything else ends a word.
    for c in text.chars().chain([' ']) {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            _ if inside => {}
            c => {
                for l in c.to_lowercase() {
                    let l = if l == '’' { '\'' } else { l };
                    if l.is_alphabetic() || l == '\'' {
                        word.push(l);
                    } else {
                        count += usize::from(is_pronoun(&word));
                        word.clear();
                    }
                }
            }
        }
    }
    count
}

/// [`reader_address`] as it was written first (copies of the line), for its test.
#[cfg(test)]
fn reader_address_copying(text: &str) -> usize {
    let is_pronoun = |w: &str| PRONOUNS.contains(&w.trim_matches('\''));
    let mut outside = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '“' => inside = true,
            '”' => inside = false,
            '"' => inside = !inside,
            c if !inside => outside.push(c),
            _ => {}
        }
    }
    outside
        .to_lowercase()
        .replace('’', "'")
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .filter(|w| is_pronoun(w))
        .count()
}

/// Classifies every non-blank line of `text`, in order.
pub fn classify(text: &str) -> Vec<Block> {
    let mut lines: Vec<Line> = Vec::new();
    let mut at = 0;
    for raw in crate::text::tokenize::lines_inclusive(text) {
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            let lead = raw.len() - raw.trim_start().len();
            lines.push(Line::new(trimmed, at + lead));
        }
        at += raw.len();
    }
    let n = lines.len();
    let mut class: Vec<Option<(BlockClass, Option<&'static str>)>> = vec![None; n];
    let bp = |k: &'static str| Some((BlockClass::Boilerplate, Some(k)));

    // 1. Phrases, counters, numbering; openers extend over the lines after them.
    let mut i = 0;
    while i < n {
        let l = &lines[i];
        if let Some(p) = l.phrase() {
            class[i] = bp(p.kind);
            if p.opens {
                let mut j = i + 1;
                while j < n {
                    let m = &lines[j];
                    let goes_on = if p.kind == "related-links" {
                        m.link_like()
                    } else {
                        !m.strong_body()
                    };
                    if !goes_on {
                        break;
                    }
                    class[j] = bp(m.phrase().map_or(p.kind, |q| q.kind));
                    j += 1;
                }
                i = j;
                continue;
            }
        } else if l.counter() {
            class[i] = bp("gallery-control");
        } else if l.bare_number() || l.glued_number() {
            class[i] = bp("related-links");
        }
        i += 1;
    }

    // 2. Link-list runs: three or more consecutive link-like lines. Lines already classified
    //    count only when they are list-like themselves (a gallery counter or a share button
    //    next to a headline does not make the headline a link).
    let listish = |k: usize, class: &[Option<(BlockClass, Option<&'static str>)>]| {
        lines[k].link_like()
            && class[k].is_none_or(|c| matches!(c.1, Some("related-links" | "navigation")))
    };
    let mut i = 0;
    while i < n {
        if !listish(i, &class) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && listish(j, &class) {
            j += 1;
        }
        if j - i >= 3 {
            let kind = (i..j)
                .find_map(|k| class[k].and_then(|c| c.1))
                .filter(|k| *k == "related-links")
                .unwrap_or("navigation");
            for c in class.iter_mut().take(j).skip(i) {
                if c.is_none() {
                    *c = bp(kind);
                }
            }
        }
        i = j;
    }

    // 3. Head: everything before the first body paragraph.
    let mut headline: Option<&str> = None;
    let mut first_body = n;
    for i in 0..n {
        if class[i].is_some() {
            continue;
        }
        let l = &lines[i];
        class[i] = Some(if l.credit() {
            (BlockClass::Caption, None)
        } else if l.byline() || l.date_line() {
            (BlockClass::Byline, None)
        } else if (l.terminal && l.words >= 8) || l.words > 30 {
            first_body = i;
            break;
        } else if headline.is_none_or(|h| h == l.text) && l.words >= 2 {
            headline = Some(l.text);
            (BlockClass::Headline, None)
        } else if headline.is_some() && l.words >= 8 {
            (BlockClass::Caption, None)
        } else {
            (BlockClass::Boilerplate, Some("navigation"))
        });
    }

    // 4. The rest: captions by credit, end-of-story credits as bylines, the rest body.
    for i in first_body..n {
        if class[i].is_some() {
            continue;
        }
        let l = &lines[i];
        // (The cheap test first: most lines here are strong body, and `credit` reads the line
        // once per credit phrase.)
        class[i] = Some(if !l.strong_body() && l.credit() {
            (BlockClass::Caption, None)
        } else if l.byline() && i > first_body {
            (BlockClass::Byline, None)
        } else {
            (BlockClass::Body, None)
        });
    }

    // 5. Footer: after the last prose paragraph that is not boilerplate, the first
    //    boilerplate line from which on at least 60% of the lines are boilerplate (or address
    //    the reader).
    let is_bp =
        |c: &Option<(BlockClass, Option<&str>)>| c.is_some_and(|c| c.0 == BlockClass::Boilerplate);
    let last_prose = (0..n)
        .rev()
        .find(|&i| !is_bp(&class[i]) && lines[i].prose())
        .map_or(first_body, |i| i.max(first_body));
    let mut footer = n;
    let mut bp_after = 0usize;
    for i in (last_prose.saturating_add(1)..n).rev() {
        if is_bp(&class[i]) || lines[i].addresses_reader() {
            bp_after += 1;
        }
        if is_bp(&class[i]) && bp_after * 10 >= (n - i) * 6 {
            footer = i;
        }
    }
    for c in class.iter_mut().skip(footer) {
        if !is_bp(c) {
            *c = bp("footer");
        }
    }

    lines
        .iter()
        .zip(class)
        .map(|(l, c)| {
            let (class, kind) = c.unwrap_or((BlockClass::Body, None));
            Block {
                start: l.start,
                end: l.end,
                class,
                kind,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phrase_index_finds_what_a_scan_of_the_file_finds() {
        let scan = |norm: &str| {
            phrases().iter().position(|p| match p.mode {
                Mode::Line => norm == p.text,
                Mode::Start => norm.starts_with(p.text),
                Mode::Contains => norm.contains(p.text),
            })
        };
        let mut lines: Vec<String> = Vec::new();
        for p in phrases() {
            for l in [
                p.text.to_string(),
                format!("{} and more", p.text),
                format!("more {}", p.text),
                format!("{} {}", p.text, phrases()[0].text),
                p.text.chars().take(p.text.chars().count() / 2).collect(),
            ] {
                lines.push(l);
            }
        }
        lines.extend(["", "a", "share this article", "nothing to see"].map(String::from));
        for l in &lines {
            let got = phrase_index().first_match(l).map(|p| p as *const Phrase);
            let want = scan(l).map(|i| &phrases()[i] as *const Phrase);
            assert_eq!(got, want, "PhraseIndex::first_match({l:?}) must give the first phrase of phrases.tsv that matches");
        }
    }

    fn classes(text: &str) -> Vec<(String, BlockClass, Option<&'static str>)> {
        classify(text)
            .iter()
            .map(|b| (text[b.start..b.end].to_string(), b.class, b.kind))
            .collect()
    }

    #[test]
    fn phrases_table_parses() {
        assert!(phrases().len() > 50, "phrases.tsv should load");
    }

    #[test]
    fn headline_byline_caption_body_footer() {
        let text = "Storm closes ports along the coast\n\nBy Jane Roe\n\nWaves break over a pier in Portland, Maine (AP Photo/John Doe)\n\nA storm closed ports on Monday, officials said, and more rain is expected.\nThe coast guard said ships should stay in harbour until Wednesday.\nMost read\nMayor Quits Over Budget Row\nCity Council Votes On Tram Plan\nWas this article helpful? Let us know.\n";
        let got = classes(text);
        let want = [
            BlockClass::Headline,
            BlockClass::Byline,
            BlockClass::Caption,
            BlockClass::Body,
            BlockClass::Body,
            BlockClass::Boilerplate,
            BlockClass::Boilerplate,
            BlockClass::Boilerplate,
            BlockClass::Boilerplate,
        ];
        assert_eq!(
            got.iter().map(|g| g.1).collect::<Vec<_>>(),
            want,
            "line classes: {got:#?}"
        );
        assert_eq!(got[5].2, Some("related-links"));
        assert_eq!(got[8].2, Some("feedback-prompt"));
    }

    #[test]
    fn reader_address_ignores_quotes() {
        assert_eq!(reader_address("“We will win,” he said of our rivals."), 1);
        assert_eq!(reader_address("If you can, please support us."), 2);
    }

    #[test]
    fn reader_address_counts_as_the_copying_code() {
        for line in [
            "If you can, please support us.",
            "\"We will win,\" he said of our rivals.",
            "“We will win,” he said of our rivals, you’re told; ‘our’ ’tis",
            "yo\"quoted\"u and ''''''''''''''''you'' and WE'RE and Our-our",
            "\"unclosed you our",
            "",
            "You",
            "you`re our`s 12you you12 İyou ΣΑΣ you",
        ] {
            assert_eq!(
                reader_address(line),
                reader_address_copying(line),
                "reader_address must count as the code it replaced: {line:?}"
            );
        }
    }

    #[test]
    fn counters_and_numbering() {
        let l = Line::new("1 / 2", 0);
        assert!(l.counter());
        assert!(Line::new("3 of 12", 0).counter());
        assert!(Line::new("2Moscow's War", 0).glued_number());
        assert!(!Line::new("2020 was a hard year.", 0).glued_number());
    }
}
