//! Pattern rules for what a statistical tagger trained on CoNLL-2003 does not find —
//! dates and times, money, percentages, quantities, ordinals and cardinals ([`temporal`],
//! [`numeric`]), military equipment codes ([`equipment`]), and armed groups, ships, weapon
//! classes, units and operations ([`military`]) — each with a normalized `value`.
//!
//! The rules read their own small lexer's tokens ([`lex`]), not the tokenizer's, so that they
//! keep their exact behaviour whatever the tokenizer does with "S-400", "Oct." or "1.5". Their
//! matches are byte spans; [`crate::mentions::merge`] fits them together with the other layers.

pub mod equipment;
pub mod lex;
pub mod military;
pub mod numeric;
pub mod published;
pub mod temporal;

use crate::vocab::spans::SpanMap;
use crate::vocab::Label;

/// One rule match: a byte range of the document text with its label and normalized value.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleMatch {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// Finer type (see the `kind` list of each rule module).
    pub kind: Option<String>,
    /// Normalized value (format per label in `crate::mentions::merge`'s documentation).
    pub value: Option<String>,
}

/// Every temporal and numeric match of a document, non-overlapping: at the same start the
/// longest wins; dates and times before money, percentages and quantities before bare numbers.
/// `doc_date` is the document's publication date, for relative dates.
pub fn temporal_and_numeric(text: &str, doc_date: Option<(i32, u32, u32)>) -> Vec<RuleMatch> {
    temporal_and_numeric_lexed(text, &lex::lex(text), doc_date, None, None)
}

/// [`temporal_and_numeric`] over the tokens of [`lex::lex`], when the caller has them already
/// (the equipment rules read the same tokens: one lexing per document), and, when the caller
/// looked for dates without the document's date already (to infer it), what it found, so that
/// only the tokens where dates were found are looked at again.
pub fn temporal_and_numeric_lexed(
    text: &str,
    toks: &[lex::Tok],
    doc_date: Option<(i32, u32, u32)>,
    order: Option<crate::input::DateOrder>,
    undated: Option<&temporal::Undated>,
) -> Vec<RuleMatch> {
    let mut all = match undated {
        Some(u) => u.dated(toks, doc_date, order),
        None => temporal::find(text, toks, doc_date, order),
    };
    all.extend(numeric::find(text, toks));
    non_overlapping(all)
}

/// Keeps the longest of overlapping matches (earlier in `all` on a tie), sorted by start.
pub fn non_overlapping(all: Vec<RuleMatch>) -> Vec<RuleMatch> {
    let mut order: Vec<(usize, RuleMatch)> = all.into_iter().enumerate().collect();
    crate::vocab::sort::sort_by_key(&mut order, |(i, m)| {
        (std::cmp::Reverse(m.end - m.start), *i)
    });
    let mut taken = SpanMap::default();
    for (_, m) in order {
        let _ = taken.insert_if_free(m.start, m.end, m); // overlapped by a longer one: dropped
    }
    taken.into_values().collect()
}

/// The test phrases of a rule module (every string literal of `source`, which is the module's
/// own file), all of them joined, and the sample articles: what the tests of the modules'
/// shortcuts run the shortcut and the full computation on.
#[cfg(test)]
fn test_phrases(source: &str) -> Vec<String> {
    let mut texts: Vec<String> = source
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|t| t.len() > 3)
        .map(|t| t.replace("\\n", "\n"))
        .collect();
    texts.push(texts.join(" "));
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(&seeds).expect("the sample articles in seeds/") {
        let path = entry.expect("a file in seeds/").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path).expect("a sample article"));
        }
    }
    assert!(
        texts.len() > 50,
        "no test phrases found in the module's source"
    );
    texts
}
