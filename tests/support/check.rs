//! The invariants every analysis result keeps, whatever the input (issue #12).
//!
//! One checker, shared by the whole-pipeline fuzz target (`fuzz/fuzz_targets/analyze.rs`), the
//! property tests (`tests/analyze_props.rs`) and the fuzz regression inputs
//! (`tests/fuzz_regressions.rs`). It checks what [`presslens::output`] promises, for every document:
//!
//! - entities, sentences, quotes, blocks and boilerplate ranges lie inside the text, on UTF-16
//!   character boundaries (never between the two halves of a surrogate pair), are non-empty
//!   (`start < end`) and sorted by start; entities, sentences, blocks and boilerplate ranges
//!   never overlap;
//! - `entity.text` and `quote.text` are the UTF-16 slice `text.slice(start, end)`;
//! - nothing is lost: every character the tokenizer keeps lies in a sentence, every non-space
//!   character lies in a block, every boilerplate block lies in a boilerplate range;
//! - `cluster`, `speaker` and `suggestions[].cluster` index into `clusters`; a cluster's
//!   `mentions[d]` is the number of document `d`'s entities that point at it; entities and
//!   quotes in boilerplate have no cluster or speaker; scores are finite and in range;
//! - `documents` has one entry per input document, ids in input order;
//! - `date` is the given date when one was given; otherwise `inferred` with a `YYYY-MM-DD`
//!   value and a span inside the text, or `none` without a value;
//! - no document failed (`error`) and linking did not fail (`linking_error`): those are caught
//!   panics, which the schema reports but which are bugs.
//!
//! [`check_analysis`] adds what needs the analyzer: a batch is refused exactly when
//! [`presslens::input::validate`] refuses it, and running it twice gives equal results.
//!
//! Every message names the document, the item and the stage to look at.

// Each test binary (and the fuzz target) that includes this file uses part of it.
#![allow(dead_code)]

use presslens::input::{self, Document};
use presslens::output::{AnalysisResult, BlockClass, DateSource, DocumentResult};
use presslens::pipeline::Analyzer;
use presslens::text::tokenize::is_separator;

/// Runs `analyzer` on `docs` twice and checks the result with [`check_result`]; a refused batch
/// must be one that [`input::validate`] refuses, with the same error, and the two runs must
/// give equal results. Returns the result (or `None` for a refused batch) so callers can check
/// more.
pub fn check_analysis(
    analyzer: &Analyzer,
    docs: &[Document],
) -> Result<Option<AnalysisResult>, String> {
    let Some(first) = check_analysis_once(analyzer, docs)? else {
        return Ok(None);
    };
    let second = analyzer.analyze(docs).map_err(|e| {
        format!("the second run refused the batch ({e:?}): analysis must be deterministic")
    })?;
    if first != second {
        let d = first
            .documents
            .iter()
            .zip(&second.documents)
            .position(|(a, b)| a != b);
        return Err(format!(
            "two runs on the same batch differ (first differing document: {d:?}; clusters equal: {}): \
             some stage depends on iteration order (HashMap?) or on state kept between calls",
            first.clusters == second.clusters
        ));
    }
    Ok(Some(first))
}

/// [`check_analysis`] with one run (no determinism check), for the fuzz target's speed.
pub fn check_analysis_once(
    analyzer: &Analyzer,
    docs: &[Document],
) -> Result<Option<AnalysisResult>, String> {
    let expected = input::validate(docs);
    match (expected, analyzer.analyze(docs)) {
        (Err(e), Err(got)) if e == got => Ok(None),
        (Err(e), got) => Err(format!(
            "the batch should be refused with {e:?} but analyze returned {got:?}: \
             Analyzer::analyze must call input::validate first"
        )),
        (Ok(()), Err(got)) => Err(format!(
            "a valid batch was refused with {got:?}: input::validate and Analyzer::analyze disagree"
        )),
        (Ok(()), Ok(result)) => {
            check_result(docs, &result)?;
            Ok(Some(result))
        }
    }
}

/// Checks `result` against the documents it was computed from (see the module documentation).
pub fn check_result(docs: &[Document], result: &AnalysisResult) -> Result<(), String> {
    if result.documents.len() != docs.len() {
        return Err(format!(
            "{} documents in, {} document results out: analyze must return one result per document",
            docs.len(),
            result.documents.len()
        ));
    }
    if let Some(e) = &result.linking_error {
        return Err(format!(
            "the cross-document step failed (a caught panic in pipeline::batch::link or entities::resolve::across): {e}"
        ));
    }
    for out in &result.documents {
        if let Some(e) = &out.error {
            return Err(format!(
                "document {:?} failed inside the analysis (a caught panic): {e}",
                out.id
            ));
        }
    }
    let n_clusters = result.clusters.len();
    let mut counted = vec![vec![0u32; docs.len()]; n_clusters];
    for (d, (doc, out)) in docs.iter().zip(&result.documents).enumerate() {
        if out.id != doc.id {
            return Err(format!(
                "document result {d} has id {:?}, input {d} has id {:?}: results must keep input order",
                out.id, doc.id
            ));
        }
        check_document(doc, out, n_clusters).map_err(|e| format!("document {:?}: {e}", doc.id))?;
        for e in &out.entities {
            if let Some(c) = e.cluster {
                counted[c as usize][d] += 1;
            }
        }
    }
    for (c, cluster) in result.clusters.iter().enumerate() {
        if cluster.id as usize != c {
            return Err(format!(
                "cluster {c} has id {}: a cluster's id must be its position (pipeline::batch, output::render)",
                cluster.id
            ));
        }
        let mut dense = vec![0u32; docs.len()];
        let mut previous = None;
        for cd in &cluster.documents {
            let d = cd.document as usize;
            if d >= docs.len() || previous.is_some_and(|p| p >= d) || cd.mentions == 0 {
                return Err(format!(
                    "cluster {c} ({:?}) lists documents {:?}: each document at most once, in input order, \
                     in range ({} documents), with at least one mention (output::Rendered::clusters)",
                    cluster.name,
                    cluster.documents,
                    docs.len()
                ));
            }
            previous = Some(d);
            dense[d] = cd.mentions;
        }
        if dense != counted[c] {
            return Err(format!(
                "cluster {c} ({:?}) counts mentions {:?} per document but the entities pointing at it \
                 number {:?}: entities::resolve::across and pipeline::batch::link disagree on which mentions belong to it",
                cluster.name, dense, counted[c]
            ));
        }
        if cluster.forms.is_empty() || cluster.documents.is_empty() {
            return Err(format!(
                "cluster {c} ({:?}) has no forms or no mentions: an empty cluster should not be emitted",
                cluster.name
            ));
        }
    }
    for (d, out) in result.documents.iter().enumerate() {
        let mut seen = Vec::new();
        for (k, s) in out.suggestions.iter().enumerate() {
            let c = s.cluster as usize;
            let cluster = &result.clusters[c]; // in range: checked in check_document
            if s.name != cluster.name || s.label != cluster.label {
                return Err(format!(
                    "document {:?}: suggestion {k} names {:?}/{:?} but cluster {c} is {:?}/{:?}",
                    out.id, s.name, s.label, cluster.name, cluster.label
                ));
            }
            let mentioned = cluster.documents.iter().any(|cd| cd.document as usize == d);
            if !mentioned && !out.quotes.iter().any(|q| q.speaker == Some(s.cluster)) {
                return Err(format!(
                    "document {:?}: suggestion {k} is cluster {c} ({:?}), which the document never mentions",
                    out.id, cluster.name
                ));
            }
            if seen.contains(&c) {
                return Err(format!(
                    "document {:?}: cluster {c} suggested twice (entities::salience)",
                    out.id
                ));
            }
            seen.push(c);
        }
    }
    Ok(())
}

/// The document's text as UTF-16 code units, as JavaScript sees it.
struct Units(Vec<u16>);

impl Units {
    fn len(&self) -> u32 {
        self.0.len() as u32
    }

    /// Whether `at` is a character boundary (not between the halves of a surrogate pair).
    fn is_boundary(&self, at: u32) -> bool {
        at == 0
            || at == self.len()
            || (at < self.len() && !(0xDC00..0xE000).contains(&self.0[at as usize]))
    }

    /// `text.slice(start, end)` (call only with checked boundaries).
    fn slice(&self, start: u32, end: u32) -> String {
        String::from_utf16(&self.0[start as usize..end as usize])
            .expect("a slice between character boundaries of valid text is valid")
    }
}

/// One span check: inside the text, on boundaries, non-empty.
fn span(units: &Units, what: &str, k: usize, start: u32, end: u32) -> Result<(), String> {
    if start >= end {
        return Err(format!(
            "{what} {k} [{start}, {end}) is empty or reversed: the stage that made it must drop empty spans"
        ));
    }
    if end > units.len() {
        return Err(format!(
            "{what} {k} [{start}, {end}) ends past the text ({} UTF-16 units): a byte offset \
             past the text, or a wrong byte → UTF-16 conversion (output::Utf16Offsets)",
            units.len()
        ));
    }
    for at in [start, end] {
        if !units.is_boundary(at) {
            return Err(format!(
                "{what} {k} [{start}, {end}): offset {at} splits a surrogate pair: \
                 the byte offsets are off by some bytes of an astral character"
            ));
        }
    }
    Ok(())
}

/// Sorted by start; with `disjoint`, each starts at or after the previous one's end.
fn ordered(what: &str, spans: &[(u32, u32)], disjoint: bool) -> Result<(), String> {
    for (k, w) in spans.windows(2).enumerate() {
        let ((s0, e0), (s1, e1)) = (w[0], w[1]);
        if s1 < s0 {
            return Err(format!(
                "{what} {} [{s1}, {e1}) starts before {what} {k} [{s0}, {e0}): {what}s must be sorted by start",
                k + 1
            ));
        }
        if disjoint && s1 < e0 {
            return Err(format!(
                "{what} {} [{s1}, {e1}) overlaps {what} {k} [{s0}, {e0}): {what}s must never overlap",
                k + 1
            ));
        }
    }
    Ok(())
}

/// Whether `at` lies inside one of the sorted, disjoint `spans`.
fn inside(spans: &[(u32, u32)], at: u32) -> bool {
    let k = spans.partition_point(|&(s, _)| s <= at);
    k > 0 && at < spans[k - 1].1
}

fn check_document(doc: &Document, out: &DocumentResult, n_clusters: usize) -> Result<(), String> {
    let units = Units(doc.text.encode_utf16().collect());

    // The document's date and where it came from (issue #16).
    let d = &out.date;
    let ok = match (&doc.date, d.source) {
        (Some(given), DateSource::Given) => d.value.as_ref() == Some(given) && d.span.is_none(),
        (None, DateSource::Inferred) => {
            d.value.as_deref().and_then(input::parse_date).is_some()
                && d.span
                    .is_some_and(|s| span(&units, "date", 0, s.start, s.end).is_ok())
        }
        (None, DateSource::None) => d.value.is_none() && d.span.is_none(),
        _ => false,
    };
    if !ok {
        return Err(format!(
            "date {d:?} with the document's date {:?}: a given date comes back as given; \
             otherwise inferred with a YYYY-MM-DD value and a span in the text, or none \
             (see src/4-mentions/rules/published.rs)",
            doc.date
        ));
    }

    // Entities.
    let mut spans = Vec::with_capacity(out.entities.len());
    for (k, e) in out.entities.iter().enumerate() {
        span(&units, "entity", k, e.start, e.end)?;
        let slice = units.slice(e.start, e.end);
        if e.text != slice {
            return Err(format!(
                "entity {k} [{}, {}) has text {:?} but the text there is {:?}: \
                 entity.text must equal text.slice(start, end)",
                e.start, e.end, e.text, slice
            ));
        }
        if !(e.score.is_finite() && (0.0..=1.0).contains(&e.score)) {
            return Err(format!(
                "entity {k} {:?} has score {}: scores lie in [0, 1]",
                e.text, e.score
            ));
        }
        if let Some(c) = e.cluster {
            if c as usize >= n_clusters {
                return Err(format!(
                    "entity {k} {:?} points at cluster {c} of {n_clusters}",
                    e.text
                ));
            }
            if e.boilerplate {
                return Err(format!(
                    "entity {k} {:?} is in boilerplate yet has cluster {c}: boilerplate counts nowhere",
                    e.text
                ));
            }
        }
        spans.push((e.start, e.end));
    }
    ordered("entity", &spans, true)?;

    // Sentences: sorted, disjoint, and every character the tokenizer keeps lies in one.
    let mut sentences = Vec::with_capacity(out.sentences.len());
    for (k, s) in out.sentences.iter().enumerate() {
        span(&units, "sentence", k, s.start, s.end)?;
        sentences.push((s.start, s.end));
    }
    ordered("sentence", &sentences, true)?;
    let mut at = 0u32;
    for c in doc.text.chars() {
        if !is_separator(c) && !inside(&sentences, at) {
            return Err(format!(
                "character {c:?} at UTF-16 offset {at} lies in no sentence: \
                 sentences must cover every token (text::sentences, output::render_document)"
            ));
        }
        at += c.len_utf16() as u32;
    }

    // Blocks: sorted, disjoint, trimmed, one line each, and every non-space character in one.
    let mut blocks = Vec::with_capacity(out.blocks.len());
    let mut bp_blocks = Vec::new();
    for (k, b) in out.blocks.iter().enumerate() {
        span(&units, "block", k, b.start, b.end)?;
        let line = units.slice(b.start, b.end);
        if line.starts_with(char::is_whitespace) || line.ends_with(char::is_whitespace) {
            return Err(format!(
                "block {k} {line:?} starts or ends with a space: a block runs from the line's first \
                 to its last non-space character (text::boilerplate)"
            ));
        }
        if line.contains('\n') {
            return Err(format!(
                "block {k} {line:?} holds a line break: a block is one line (text::boilerplate)"
            ));
        }
        blocks.push((b.start, b.end));
        if b.class == BlockClass::Boilerplate {
            bp_blocks.push((b.start, b.end));
        }
    }
    ordered("block", &blocks, true)?;
    let mut at = 0u32;
    for c in doc.text.chars() {
        if !c.is_whitespace() && !inside(&blocks, at) {
            return Err(format!(
                "character {c:?} at UTF-16 offset {at} lies in no block: every non-blank line \
                 must be classed (text::boilerplate)"
            ));
        }
        at += c.len_utf16() as u32;
    }

    // Boilerplate ranges: sorted, disjoint, each made of whole boilerplate blocks, and every
    // boilerplate block inside one; entities are flagged exactly when they start in one.
    let mut ranges = Vec::with_capacity(out.boilerplate.len());
    for (k, r) in out.boilerplate.iter().enumerate() {
        span(&units, "boilerplate range", k, r.start, r.end)?;
        let starts = bp_blocks.iter().any(|&(s, _)| s == r.start);
        let ends = bp_blocks.iter().any(|&(_, e)| e == r.end);
        if !starts || !ends || r.class.is_empty() {
            return Err(format!(
                "boilerplate range {k} [{}, {}) {:?} does not start and end with boilerplate blocks \
                 or has no class (output::render_document)",
                r.start, r.end, r.class
            ));
        }
        ranges.push((r.start, r.end));
    }
    ordered("boilerplate range", &ranges, true)?;
    for &(s, e) in &bp_blocks {
        if !ranges.iter().any(|&(a, b)| a <= s && e <= b) {
            return Err(format!(
                "boilerplate block [{s}, {e}) lies in no boilerplate range (output::render_document)"
            ));
        }
    }
    for (k, e) in out.entities.iter().enumerate() {
        if e.boilerplate != inside(&bp_blocks, e.start) {
            return Err(format!(
                "entity {k} {:?} at {} has boilerplate={} but {} a boilerplate block",
                e.text,
                e.start,
                e.boilerplate,
                if e.boilerplate {
                    "starts outside"
                } else {
                    "starts in"
                }
            ));
        }
    }

    // Quotes: sorted, text is the slice, speakers in range, none in boilerplate.
    let mut quotes = Vec::with_capacity(out.quotes.len());
    for (k, q) in out.quotes.iter().enumerate() {
        span(&units, "quote", k, q.start, q.end)?;
        let slice = units.slice(q.start, q.end);
        if q.text != slice {
            return Err(format!(
                "quote {k} [{}, {}) has text {:?} but the text there is {:?}: \
                 quote.text must equal text.slice(start, end)",
                q.start, q.end, q.text, slice
            ));
        }
        if let Some(c) = q.speaker {
            if c as usize >= n_clusters {
                return Err(format!(
                    "quote {k} {:?} has speaker cluster {c} of {n_clusters}",
                    q.text
                ));
            }
            if q.boilerplate {
                return Err(format!(
                    "quote {k} {:?} is in boilerplate yet has speaker {c}: boilerplate quotes name no speaker",
                    q.text
                ));
            }
        }
        quotes.push((q.start, q.end));
    }
    ordered("quote", &quotes, false)?;

    // Suggestions: clusters in range, finite scores, best first.
    for (k, s) in out.suggestions.iter().enumerate() {
        if s.cluster as usize >= n_clusters {
            return Err(format!(
                "suggestion {k} points at cluster {} of {n_clusters}",
                s.cluster
            ));
        }
        if !s.score.is_finite() {
            return Err(format!("suggestion {k} has score {}", s.score));
        }
    }
    for (k, w) in out.suggestions.windows(2).enumerate() {
        if w[1].score > w[0].score {
            return Err(format!(
                "suggestion {} scores {} above suggestion {k}'s {}: suggestions are best first",
                k + 1,
                w[1].score,
                w[0].score
            ));
        }
    }
    Ok(())
}

/// Pieces of news copy that stress the analysis: quotation marks of every kind, every Unicode
/// space, zero-width characters, currency signs, dashes, line endings, right-to-left text and
/// marks, combining marks, emoji and astral characters, dates, speech verbs, titles, names and
/// boilerplate phrases. The fuzz target and the property tests build documents from them.
pub const NEWS_PIECES: &[&str] = &[
    // Quotation marks.
    "\u{201C}",
    "\u{201D}",
    "\u{2018}",
    "\u{2019}",
    "\"",
    "'",
    "\u{AB}",
    "\u{BB}",
    "\u{201E}",
    "\u{201A}",
    "\u{2039}",
    "\u{203A}",
    "``",
    "''",
    // Spaces and invisible characters.
    " ",
    "  ",
    "\t",
    "\u{A0}",
    "\u{2000}",
    "\u{2001}",
    "\u{2002}",
    "\u{2003}",
    "\u{2004}",
    "\u{2005}",
    "\u{2006}",
    "\u{2007}",
    "\u{2008}",
    "\u{2009}",
    "\u{200A}",
    "\u{202F}",
    "\u{205F}",
    "\u{3000}",
    "\u{2028}",
    "\u{2029}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{85}",
    "\u{B}",
    "\u{C}",
    // Line endings.
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\r\r",
    // Currency, dashes, punctuation.
    "\u{20AC}",
    "\u{A3}",
    "$",
    "\u{A5}",
    "\u{20BD}",
    "\u{20B4}",
    "US$",
    "\u{2010}",
    "\u{2013}",
    "\u{2014}",
    "\u{2015}",
    "-",
    ".",
    ",",
    ":",
    ";",
    "!",
    "?",
    "\u{2026}",
    "...",
    "(",
    ")",
    "[",
    "]",
    "/",
    "%",
    "@",
    "#",
    "&",
    // Right-to-left text and marks, combining marks, astral characters.
    "\u{645}\u{648}\u{633}\u{643}\u{648}",
    "\u{5E9}\u{5DC}\u{5D5}\u{5DD}",
    "\u{200F}",
    "\u{200E}",
    "\u{202B}",
    "\u{202C}",
    "\u{2067}",
    "\u{2069}",
    "e\u{301}",
    "\u{301}",
    "\u{308}\u{308}",
    "\u{1F1F7}\u{1F1F8}",
    "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}",
    "\u{1D518}",
    "\u{1F600}",
    "\u{FFFD}",
    "\u{4E2D}\u{6587}",
    "\u{661}\u{662}\u{663}",
    // Numbers and dates.
    "5",
    "17",
    "2020",
    "1,000",
    "3.5",
    "1.2bn",
    "5 million",
    "40%",
    "10:30",
    "a.m.",
    "Feb. 17",
    "February 17, 2020",
    "17/02/2020",
    "2020-02-17",
    "Monday",
    "last week",
    "yesterday",
    "1990s",
    "29th",
    "S-400",
    "MiG-29",
    // Speech verbs, titles, names, words.
    "said",
    "told",
    "says",
    "added",
    "according to",
    "he",
    "she",
    "they",
    "Mr.",
    "Mrs.",
    "Dr.",
    "Gen.",
    "President",
    "Defense Minister",
    "Putin",
    "Vladimir Putin",
    "Vu\u{10D}i\u{107}",
    "Aleksandar Vu\u{10D}i\u{107}",
    "Shoigu",
    "Shoygu",
    "\u{428}\u{43E}\u{439}\u{433}\u{443}",
    "Reuters",
    "Serbia",
    "Serbian",
    "Belgrade",
    "Moscow",
    "U.S.",
    "NATO",
    "the ministry",
    "The",
    "We will win",
    "is too much",
    "and",
    "of",
    "in",
    // Boilerplate phrases.
    "Related articles",
    "Related",
    "\u{A9} 2020",
    "Copyright",
    "All rights reserved",
    "Share this article",
    "Read more",
    "Subscribe",
    "Advertisement",
    "Photo:",
    "By",
    "Reporting by",
];

#[cfg(test)]
mod tests {
    use super::*;
    use presslens::output::{AnalysisResult, Cluster, Entity, Label, Quote, Span};

    fn doc(text: &str) -> Document {
        Document::new("a", text)
    }

    fn result_for(text: &str) -> (Vec<Document>, AnalysisResult) {
        let docs = vec![doc(text)];
        let r = check_analysis(&Analyzer::new(), &docs)
            .expect("the analyzer's result passes")
            .expect("a valid batch");
        (docs, r)
    }

    const TEXT: &str = "Putin met Vu\u{10D}i\u{107} in Belgrade on Feb. 17.\n\
        \u{201C}We will win this war together,\u{201D} Putin said. \u{1F600}\n\
        Related articles\n";

    #[test]
    fn the_analyzers_own_result_passes() {
        let (_, r) = result_for(TEXT);
        assert!(
            !r.documents[0].entities.is_empty() && !r.documents[0].quotes.is_empty(),
            "the sample must give entities and quotes for the doctored results below to mean anything"
        );
    }

    /// Each doctoring must be caught, with a message naming what is wrong.
    #[test]
    fn doctored_results_are_rejected() {
        let (docs, good) = result_for(TEXT);
        type Doctor = Box<dyn Fn(&mut AnalysisResult)>;
        let cases: Vec<(&str, Doctor)> = vec![
            (
                "past the text",
                Box::new(|r| r.documents[0].entities[0].end = 10_000),
            ),
            (
                "empty or reversed",
                Box::new(|r| {
                    let e = &mut r.documents[0].entities[0];
                    e.end = e.start;
                }),
            ),
            (
                "text.slice",
                Box::new(|r| r.documents[0].entities[0].text.push('x')),
            ),
            (
                "overlaps",
                Box::new(|r| {
                    let e = r.documents[0].entities[0].clone();
                    r.documents[0].entities.insert(1, e);
                }),
            ),
            ("sorted", Box::new(|r| r.documents[0].sentences.reverse())),
            (
                "lies in no sentence",
                Box::new(|r| {
                    r.documents[0].sentences.pop();
                }),
            ),
            (
                "cluster",
                Box::new(|r| r.documents[0].entities[0].cluster = Some(999)),
            ),
            (
                "speaker",
                Box::new(|r| r.documents[0].quotes[0].speaker = Some(999)),
            ),
            (
                "quote.text",
                Box::new(|r| r.documents[0].quotes[0].text.clear()),
            ),
            (
                "lies in no block",
                Box::new(|r| {
                    r.documents[0].blocks.remove(0);
                }),
            ),
            ("input order", Box::new(|r| r.documents[0].id = "b".into())),
            (
                "one result per document",
                Box::new(|r| {
                    r.documents.clear();
                }),
            ),
            (
                "counts mentions",
                Box::new(|r| r.clusters[0].documents[0].mentions += 1),
            ),
            (
                "scores lie in [0, 1]",
                Box::new(|r| r.documents[0].entities[0].score = f32::NAN),
            ),
            (
                "boilerplate=",
                Box::new(|r| {
                    let e = &mut r.documents[0].entities[0];
                    e.boilerplate = true;
                    e.cluster = None;
                }),
            ),
            (
                "failed inside the analysis",
                Box::new(|r| r.documents[0].error = Some("boom".into())),
            ),
            (
                "cross-document step failed",
                Box::new(|r| r.linking_error = Some("boom".into())),
            ),
        ];
        for (expect, doctor) in cases {
            let mut bad = good.clone();
            doctor(&mut bad);
            let err = check_result(&docs, &bad).expect_err(&format!(
                "a result doctored to fail {expect:?} must be rejected"
            ));
            assert!(
                err.contains(expect),
                "the message for a doctored {expect:?} should say so, got: {err}"
            );
        }
    }

    #[test]
    fn a_split_surrogate_pair_is_rejected() {
        // "😀" is two UTF-16 units; an entity ending between them is not a character boundary.
        let text = "a \u{1F600} b";
        let docs = vec![doc(text)];
        let r = AnalysisResult {
            documents: vec![DocumentResult {
                id: "a".into(),
                entities: vec![Entity {
                    start: 2,
                    end: 3,
                    label: Label::MISC,
                    text: "\u{FFFD}".into(),
                    score: 0.5,
                    cluster: None,
                    kind: None,
                    value: None,
                    boilerplate: false,
                }],
                sentences: vec![Span { start: 0, end: 6 }],
                quotes: Vec::<Quote>::new(),
                boilerplate: Vec::new(),
                blocks: Vec::new(),
                suggestions: Vec::new(),
                date: Default::default(),
                error: None,
            }],
            clusters: Vec::<Cluster>::new(),
            linking_error: None,
        };
        let err = check_result(&docs, &r).expect_err("a split surrogate pair must be rejected");
        assert!(err.contains("splits a surrogate pair"), "{err}");
    }

    #[test]
    fn a_refused_batch_must_be_a_bad_batch() {
        let mut d = doc("text");
        d.date = Some("2020-02-30".into());
        assert_eq!(
            check_analysis(&Analyzer::new(), &[d]),
            Ok(None),
            "a bad date is refused, and that is a pass"
        );
    }
}
