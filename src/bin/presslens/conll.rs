//! The one CoNLL reader: every command that reads gold data (`train`, `eval`, `tokeval`,
//! `train-sentences`) reads it here.
//!
//! The first column is the word, the last the entity tag (IOB1, IOB2, IOBES or IO, read the way
//! conlleval reads them). Blank lines end sentences; `-DOCSTART-` lines separate documents, and
//! a file without any has one document per sentence.

use presslens::mentions::tag::tags::{self, Span, TYPES};

/// One gold document: words, sentence ranges and entity spans (document token indices).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GoldDoc {
    pub words: Vec<String>,
    /// `first..end` token ranges covering every word in order.
    pub sents: Vec<(usize, usize)>,
    pub spans: Vec<Span>,
}

impl GoldDoc {
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }

    /// Gold BILOU tags of every token.
    pub fn tags(&self) -> Vec<u8> {
        tags::from_spans(self.words.len(), &self.spans)
    }

    /// The words of each sentence.
    pub fn sentences(&self) -> impl Iterator<Item = &[String]> + '_ {
        self.sents.iter().map(|&(a, b)| &self.words[a..b])
    }
}

/// How a data set's entity types map onto PER/ORG/LOC/MISC (`None` drops the entity).
pub type LabelMap = fn(&str) -> Option<usize>;

/// The CoNLL-2003 types.
pub fn conll_labels(ty: &str) -> Option<usize> {
    TYPES.iter().position(|l| l.as_str() == ty)
}

/// WNUT-17: person → PER, location → LOC, corporation and group → ORG; product and
/// creative-work have no CoNLL counterpart and are dropped.
pub fn wnut_labels(ty: &str) -> Option<usize> {
    match ty {
        "person" => Some(0),
        "corporation" | "group" => Some(1),
        "location" => Some(2),
        _ => None,
    }
}

/// Words and sentences only: every entity is dropped (for the tokenizer and sentence tools).
pub fn no_labels(_: &str) -> Option<usize> {
    None
}

/// Reads a CoNLL file (see the module documentation); errors name the file and line.
pub fn read(path: &str, labels: LabelMap) -> Result<Vec<GoldDoc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    parse(&text, labels).map_err(|e| format!("{path}: {e}"))
}

/// Parses CoNLL text (see [`read`]).
pub fn parse(text: &str, labels: LabelMap) -> Result<Vec<GoldDoc>, String> {
    let has_docstart = text.lines().any(|l| l.starts_with("-DOCSTART-"));
    let mut docs = Vec::new();
    let mut doc = GoldDoc::default();
    let mut sent: Vec<(&str, &str)> = Vec::new();
    let flush_sent = |doc: &mut GoldDoc, sent: &mut Vec<(&str, &str)>| {
        if sent.is_empty() {
            return;
        }
        let base = doc.words.len();
        let mut prev: Option<&str> = None;
        let mut open: Option<(usize, &str)> = None;
        let close = |open: &mut Option<(usize, &str)>, end: usize, doc: &mut GoldDoc| {
            if let Some((f, ty)) = open.take() {
                if let Some(t) = labels(ty) {
                    doc.spans.push(Span {
                        first: f,
                        end,
                        ty: t,
                    });
                }
            }
        };
        for (i, &(w, tag)) in sent.iter().enumerate() {
            let pos = base + i;
            doc.words.push(w.to_string());
            let (bio, ty) = match tag.split_once('-') {
                Some((b, t)) if tag != "O" => (b, Some(t)),
                _ => ("O", None),
            };
            match ty {
                None => close(&mut open, pos, doc),
                Some(ty) => {
                    let starts = bio == "B"
                        || bio == "S"
                        || prev != Some(ty)
                        || open.as_ref().is_none_or(|(_, t)| *t != ty);
                    if starts {
                        close(&mut open, pos, doc);
                        open = Some((pos, ty));
                    }
                    if bio == "E" || bio == "S" || bio == "L" || bio == "U" {
                        close(&mut open, pos + 1, doc);
                    }
                }
            }
            prev = ty;
        }
        close(&mut open, base + sent.len(), doc);
        doc.sents.push((base, base + sent.len()));
        sent.clear();
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") {
            flush_sent(&mut doc, &mut sent);
            if !doc.words.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.trim().is_empty() {
            flush_sent(&mut doc, &mut sent);
            if !has_docstart && !doc.words.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        let tag = cols.next_back().ok_or_else(|| {
            format!(
                "line {}: no tag column in {line:?}: expected \"word ... TAG\"",
                n + 1
            )
        })?;
        sent.push((word, tag));
    }
    flush_sent(&mut doc, &mut sent);
    if !doc.words.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// The path of a gold file in `../shared/data/conll2003` (outside the repository), for the
/// tests that score the shipped models on it. Where the data is absent they print why and
/// pass, except in CI (env `CI` set), where the data is always present and its absence is a
/// failure: a skip in CI is a check that cannot fail.
#[cfg(test)]
pub fn gold_file(name: &str) -> Option<String> {
    let path = format!(
        "{}/../shared/data/conll2003/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::path::Path::new(&path).is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but the gold data is missing at {path}: this check cannot be skipped in CI"
    );
    eprintln!("SKIPPED: no gold data at {path} (not in CI)");
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(d: &GoldDoc) -> Vec<(usize, usize, &'static str)> {
        d.spans
            .iter()
            .map(|s| (s.first, s.end, TYPES[s.ty].as_str()))
            .collect()
    }

    #[test]
    fn documents_sentences_and_iob1_spans() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP I-NJP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n\
                    Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nand CC O O\nJohn NNP I-NP I-PER\n\
                    \n-DOCSTART- -X- O O\n\nLONDON NNP I-NP I-LOC\n";
        let docs = parse(text, conll_labels).unwrap();
        assert_eq!(docs.len(), 2, "two -DOCSTART- lines, two documents");
        assert_eq!(docs[0].sents, [(0, 3), (3, 7)]);
        assert_eq!(
            spans(&docs[0]),
            [(0, 1, "ORG"), (2, 3, "MISC"), (3, 5, "PER"), (6, 7, "PER")],
            "IOB1: I- continues the same type; a new type or O ends it"
        );
        assert_eq!(docs[1].words, ["LONDON"]);
        let sentences: Vec<&[String]> = docs[0].sentences().collect();
        assert_eq!(sentences[1].join(" "), "Peter Blackburn and John");
    }

    #[test]
    fn iob2_b_tags_split_adjacent_entities_and_bioes_ends_close_them() {
        let docs = parse(
            "A B-PER\nB B-PER\nC I-PER\nD S-LOC\nE B-ORG\nF E-ORG\nG I-ORG\n",
            conll_labels,
        )
        .unwrap();
        assert_eq!(
            spans(&docs[0]),
            [
                (0, 1, "PER"),
                (1, 3, "PER"),
                (3, 4, "LOC"),
                (4, 6, "ORG"),
                (6, 7, "ORG")
            ]
        );
    }

    #[test]
    fn without_docstart_each_sentence_is_a_document_and_label_maps_drop_types() {
        let text = "Bob B-person\nsaid O\n\nat O\nApple B-product\n";
        let docs = parse(text, wnut_labels).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(spans(&docs[0]), [(0, 1, "PER")]);
        assert!(docs[1].spans.is_empty(), "product has no CoNLL counterpart");
        assert!(parse(text, no_labels).unwrap()[0].spans.is_empty());
    }

    #[test]
    fn a_line_without_a_tag_column_is_an_error_naming_the_line() {
        let e = parse("EU B-ORG\nrejects\n", conll_labels).unwrap_err();
        assert!(e.starts_with("line 2: no tag column"), "{e}");
    }
}
