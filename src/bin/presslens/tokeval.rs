//! `presslens tokeval --conll F.conll [--show N] [--sentence-model FILE]`: how well the
//! tokenizer and the sentence splitter reproduce the gold tokens and sentences of a CoNLL file.
//!
//! - **Tokens.** Each document's text is rebuilt as the CoNLL JSONL tools do: gold tokens
//!   joined by single spaces, sentences by `\n`. It is tokenized again, and a gold token counts
//!   as reproduced when a predicted token has exactly its byte span. Recall is reproduced /
//!   gold tokens, precision is matching predicted / predicted tokens.
//! - **Sentences.** Each document's gold sentences are joined by single spaces (no line
//!   breaks, so the splitter gets no help from the layout), tokenized and split. A boundary is
//!   the byte offset where one sentence ends and the next begins inside a document; the end of
//!   the document is not counted. Precision, recall and F1 are over these internal boundaries.
//! - **Sentences on lines.** The gold sentences one per line (as in feeds and the CoNLL JSONL
//!   files): line breaks settle every gold boundary, so the measure is the number of false
//!   splits inside gold sentences, with the rules alone and with the classifier.
//! - **Where the joined-text errors fall.** Missed boundaries where the wire copy wrapped its
//!   lines (see `wrapped`), boundaries on the other side of an opening quotation mark from the
//!   gold's (`said . " | But` against `said . | " But`), and the rest; how often the gold
//!   itself does each; and the F1 the splitter would reach if every error of the third kind
//!   were mended. `--show N` prints the first N token and sentence errors with their class.
//!
//! `--sentence-model FILE` scores another sentence classifier (a file written by
//! `presslens train-sentences`) instead of the embedded one.

use std::collections::HashSet;

use presslens::text::sentences;
use presslens::text::tokenize::{self, Token};

use crate::args::{unexpected, Args, Long};
use crate::conll;
use crate::score::prf;

const USAGE: &str = "usage: presslens tokeval --conll F.conll [--show N] [--sentence-model FILE]";

/// A gold document as the tokenizer and sentence tools see it: the words of each sentence.
pub(crate) struct Doc {
    pub(crate) sentences: Vec<Vec<String>>,
}

/// The documents of a CoNLL file (read by [`conll::read`]), as words per sentence.
pub(crate) fn read_docs(path: &str) -> Result<Vec<Doc>, String> {
    Ok(conll::read(path, conll::no_labels)?
        .iter()
        .map(|d| Doc {
            sentences: d.sentences().map(<[String]>::to_vec).collect(),
        })
        .collect())
}

/// Whether a gold sentence ends with sentence punctuation (`.`, `!`, `?`, `...`, possibly
/// followed by closing quotes or brackets), as opposed to headlines, bylines, datelines and
/// table rows that end without it.
fn ends_with_punct(sentence: &[String]) -> bool {
    let terminal = |t: &str| matches!(t, "." | "!" | "?" | "..." | "\u{2026}");
    let closer = |t: &str| matches!(t, "\"" | "'" | ")" | "]" | "\u{201D}" | "\u{2019}");
    sentence
        .iter()
        .rev()
        .find(|t| !closer(t))
        .is_some_and(|t| terminal(t))
}

/// Joins tokens by spaces and sentences by `sep`; returns the text, the gold token spans and
/// the internal sentence boundaries (byte offsets).
pub(crate) fn layout(doc: &Doc, sep: char) -> (String, Vec<(usize, usize)>, Vec<usize>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut bounds = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        if si > 0 {
            bounds.push(text.len());
            text.push(sep);
        }
        for (ti, t) in s.iter().enumerate() {
            if ti > 0 {
                text.push(' ');
            }
            spans.push((text.len(), text.len() + t.len()));
            text.push_str(t);
        }
    }
    (text, spans, bounds)
}

/// Words after which CoNLL's line-wrapped copy can break but a sentence cannot end.
const CONTINUING: &[&str] = &[
    ",", "(", "-", "--", "&", "/", "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on",
    "at", "to", "for", "by", "with", "from", "as", "than", "that", "who", "which", "its", "his",
    "her", "their", "our", "is", "was", "are", "were",
];

/// Whether the gold boundary between `prev` and `next` lies where the wire copy wrapped a
/// line inside a sentence: before a lower-case word, or after a comma, an opening bracket, a
/// hyphen or a function word. The words around such a boundary meet inside sentences
/// thousands of times; the only trace of it in the joined text is the length of the cut
/// sentence (the wire's line width), which a splitter for news must not learn.
fn wrapped(prev: &[String], next: &[String]) -> bool {
    let lower_next = next
        .first()
        .and_then(|t| t.chars().next())
        .is_some_and(char::is_lowercase);
    let continuing_prev = prev
        .last()
        .is_some_and(|t| CONTINUING.contains(&t.to_lowercase().as_str()));
    lower_next || continuing_prev
}

fn is_double_quote(t: &str) -> bool {
    matches!(t, "\"" | "``" | "''" | "\u{201C}" | "\u{201D}")
}

fn is_quote(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | "``" | "''" | "\u{201C}" | "\u{201D}" | "\u{2018}" | "\u{2019}"
    )
}

/// Error classes of the joined-text measure: missed gold boundaries at wrapped lines, missed
/// and extra boundaries that differ from a gold one only by which side of a quotation mark
/// they fall (`said . " | But` against `said . | " But`), and the rest.
#[derive(Default)]
struct Breakdown {
    missed_wrapped: usize,
    missed_quote: usize,
    missed_other: usize,
    extra_quote: usize,
    extra_other: usize,
    /// Gold boundaries at wrapped lines, found or not.
    gold_wrapped: usize,
    /// Sentences before a boundary, and those of them 50 to 69 bytes long (joined by
    /// spaces): (wrapped, wrapped and that long, all, all and that long).
    line_width: (usize, usize, usize, usize),
    /// Gold gaps before a lower-case word: (boundaries, all such gaps).
    before_lower: (usize, usize),
    /// Gold `. "` followed by a new sentence: quotation mark left of the boundary, right of it.
    quote_left: usize,
    quote_right: usize,
    /// Documents with two or more such marks: (all, those with marks on both sides).
    quote_docs: (usize, usize),
}

impl Breakdown {
    /// Counts the errors of one document laid out by [`layout`] with spaces (`spans` and
    /// `bounds` as it returns them, `gold` the same boundaries as a set, `pred` the predicted
    /// ones); `show(label, offset)` is called for each error.
    fn add(
        &mut self,
        doc: &Doc,
        spans: &[(usize, usize)],
        bounds: &[usize],
        gold: &HashSet<usize>,
        pred: &HashSet<usize>,
        show: &mut impl FnMut(&str, usize),
    ) {
        let quotes: Vec<(usize, usize)> = doc
            .sentences
            .iter()
            .flatten()
            .zip(spans)
            .filter(|(t, _)| is_quote(t))
            .map(|(_, &span)| span)
            .collect();
        // Double quotes before each sentence, for telling openers from closers by parity.
        let mut quotes_before = Vec::with_capacity(doc.sentences.len());
        let mut count = 0;
        for s in &doc.sentences {
            quotes_before.push(count);
            count += s.iter().filter(|t| is_double_quote(t)).count();
        }
        let (mut left, mut right) = (0, 0);
        // A boundary at `b` and one at `b'` that a single quotation mark (and its space)
        // separates.
        let shifted = |b: usize, other: &HashSet<usize>| {
            quotes.iter().any(|&(s, e)| {
                (s == b + 1 && other.contains(&e)) || (e == b && s >= 1 && other.contains(&(s - 1)))
            })
        };
        for (k, b) in bounds.iter().enumerate() {
            let (prev, next) = (&doc.sentences[k], &doc.sentences[k + 1]);
            let w = wrapped(prev, next);
            self.gold_wrapped += usize::from(w);
            let bytes = prev.iter().map(|t| t.len() + 1).sum::<usize>() - 1;
            let wide = usize::from((50..70).contains(&bytes));
            self.line_width.2 += 1;
            self.line_width.3 += wide;
            if w {
                self.line_width.0 += 1;
                self.line_width.1 += wide;
            }
            // An opening quotation mark after sentence punctuation, left or right of the
            // boundary (openers are told from closers by counting double quotes from the
            // start of the document).
            let opener_at = |sentence: usize, idx: usize| {
                let within = doc.sentences[sentence][..idx]
                    .iter()
                    .filter(|t| is_double_quote(t))
                    .count();
                (quotes_before[sentence] + within) % 2 == 0
            };
            let n = prev.len();
            if n >= 2
                && is_double_quote(&prev[n - 1])
                && matches!(prev[n - 2].as_str(), "." | "!" | "?")
                && opener_at(k, n - 1)
            {
                left += 1;
            }
            if next.len() >= 2
                && is_double_quote(&next[0])
                && matches!(prev.last().map(String::as_str), Some("." | "!" | "?"))
                && opener_at(k + 1, 0)
            {
                right += 1;
            }
            if pred.contains(b) {
                continue;
            }
            if w {
                self.missed_wrapped += 1;
                show("missed wrapped", *b);
            } else if shifted(*b, pred) {
                self.missed_quote += 1;
                show("missed quote  ", *b);
            } else {
                self.missed_other += 1;
                show("missed other  ", *b);
            }
        }
        self.quote_left += left;
        self.quote_right += right;
        if left + right >= 2 {
            self.quote_docs.0 += 1;
            self.quote_docs.1 += usize::from(left > 0 && right > 0);
        }
        let mut extra: Vec<usize> = pred.difference(gold).copied().collect();
        extra.sort_unstable();
        for p in extra {
            if shifted(p, gold) {
                self.extra_quote += 1;
                show("extra  quote  ", p);
            } else {
                self.extra_other += 1;
                show("extra  other  ", p);
            }
        }
        for s in &doc.sentences {
            for w in s.windows(2) {
                self.before_lower.1 +=
                    usize::from(w[1].chars().next().is_some_and(char::is_lowercase));
            }
        }
        for next in &doc.sentences[1..] {
            if next[0].chars().next().is_some_and(char::is_lowercase) {
                self.before_lower.0 += 1;
                self.before_lower.1 += 1;
            }
        }
    }
}

fn context(text: &str, at: usize) -> String {
    let mut a = at.saturating_sub(50);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + 50).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}⟦|⟧{}", &text[a..at], &text[at..b]).replace('\n', "⏎")
}

pub fn run(args: &[String]) -> Result<(), String> {
    let mut a = Args::new(args, USAGE);
    let (mut path, mut show, mut sentence_model) = (None, 0usize, None);
    while let Some(arg) = a.next()? {
        match arg {
            Long("conll") => path = Some(a.string("conll")?),
            Long("show") => show = a.number("show")?,
            Long("sentence-model") => sentence_model = Some(a.string("sentence-model")?),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    let path = path.ok_or_else(|| a.missing("conll"))?;
    let docs = read_docs(&path)?;
    let loaded = sentence_model
        .map(|f| {
            let bytes = std::fs::read(&f).map_err(|e| format!("cannot read {f}: {e}"))?;
            sentences::learned::Model::from_bytes(&bytes).map_err(|e| format!("{f}: {e}"))
        })
        .transpose()?;
    let model = loaded
        .as_ref()
        .unwrap_or_else(|| sentences::learned::model());
    let n_sent: usize = docs.iter().map(|d| d.sentences.len()).sum();

    // Tokens, and sentences on their own lines (the layout of feeds and of the CoNLL JSONL
    // files): every gold boundary is a line break, which always ends a sentence, so any other
    // boundary is a false split, by the rules or by the classifier.
    let (mut gold, mut pred, mut hit) = (0usize, 0usize, 0usize);
    let (mut line_false, mut line_false_rules) = (0usize, 0usize);
    let mut shown = 0;
    for doc in &docs {
        let (text, spans, _) = layout(doc, '\n');
        let toks = tokenize::tokenize(&text);
        let inside = |s: &sentences::Sentence| {
            s.end < toks.len() && !text[toks[s.end - 1].end..toks[s.end].start].contains('\n')
        };
        let rules = sentences::split_rules(&text, &toks);
        let rule_ends: HashSet<usize> = rules.iter().map(|s| s.end).collect();
        for s in sentences::learned::refine(&text, &toks, &rules, model)
            .iter()
            .filter(|s| inside(s))
        {
            line_false += 1;
            if shown < show {
                shown += 1;
                let by = if rule_ends.contains(&s.end) {
                    "rules"
                } else {
                    "model"
                };
                println!(
                    "split  on lines by {by} {}",
                    context(&text, toks[s.end - 1].end)
                );
            }
        }
        line_false_rules += rules.iter().filter(|s| inside(s)).count();
        let p: HashSet<(usize, usize)> = toks.iter().map(|t| (t.start, t.end)).collect();
        gold += spans.len();
        pred += toks.len();
        for &(s, e) in &spans {
            if p.contains(&(s, e)) {
                hit += 1;
            } else if shown < show {
                shown += 1;
                let got: Vec<&str> = toks
                    .iter()
                    .filter(|t| t.end > s && t.start < e)
                    .map(|t| t.text(&text))
                    .collect();
                println!("token  gold {:?} got {:?}", &text[s..e], got);
            }
        }
    }
    let recall = hit as f64 / gold.max(1) as f64;
    let precision = {
        // Predicted tokens that equal a gold token: same count as `hit` (spans are unique).
        hit as f64 / pred.max(1) as f64
    };

    // Sentences.
    let (mut gb, mut pb, mut cb) = (0usize, 0usize, 0usize);
    // Rules alone (rules 1-6), and the boundaries the learned classifier added (rule 7).
    let (mut rule_pb, mut rule_cb, mut added, mut added_ok) = (0usize, 0usize, 0usize, 0usize);
    // False splits the classifier made inside gold prose sentences (ending in punctuation).
    let (mut prose_false, mut prose_sentences) = (0usize, 0usize);
    // (gold, found) for boundaries after sentence punctuation, and after anything else.
    let mut by_class = [(0usize, 0usize); 2];
    let mut breakdown = Breakdown::default();
    let mut shown = 0;
    for doc in &docs {
        let (text, spans, bounds) = layout(doc, ' ');
        let toks: Vec<Token> = tokenize::tokenize(&text);
        let rules = sentences::split_rules(&text, &toks);
        let sents = sentences::learned::refine(&text, &toks, &rules, model);
        let rule_set: HashSet<usize> = rules
            .iter()
            .filter(|s| s.end > s.first && s.end < toks.len())
            .map(|s| toks[s.end - 1].end)
            .collect();
        let predicted: Vec<usize> = sents
            .iter()
            .filter(|s| s.end > s.first && s.end < toks.len())
            .map(|s| toks[s.end - 1].end)
            .collect();
        let gold_set: HashSet<usize> = bounds.iter().copied().collect();
        let pred_set: HashSet<usize> = predicted.iter().copied().collect();
        for (k, b) in bounds.iter().enumerate() {
            let class = usize::from(!ends_with_punct(&doc.sentences[k]));
            by_class[class].0 += 1;
            by_class[class].1 += usize::from(pred_set.contains(b));
        }
        breakdown.add(
            doc,
            &spans,
            &bounds,
            &gold_set,
            &pred_set,
            &mut |what, at| {
                if shown < show {
                    shown += 1;
                    println!("{what} {}", context(&text, at));
                }
            },
        );
        gb += gold_set.len();
        pb += pred_set.len();
        cb += gold_set.intersection(&pred_set).count();
        rule_pb += rule_set.len();
        rule_cb += gold_set.intersection(&rule_set).count();
        prose_sentences += doc.sentences.iter().filter(|s| ends_with_punct(s)).count();
        for b in pred_set.difference(&rule_set) {
            added += 1;
            if gold_set.contains(b) {
                added_ok += 1;
            } else if ends_with_punct(&doc.sentences[bounds.partition_point(|g| g < b)]) {
                prose_false += 1;
            }
        }
    }
    let (sp, sr, f1) = prf(cb, pb, gb);

    println!(
        "tokeval {path}: {} documents, {n_sent} gold sentences, {gold} gold tokens",
        docs.len()
    );
    println!(
        "tokens (gold joined by spaces, sentences by newlines): recall {:.4}% ({hit}/{gold}), precision {:.4}% ({hit}/{pred})",
        100.0 * recall,
        100.0 * precision
    );
    println!(
        "sentences (gold joined by single spaces; internal boundaries): precision {sp:.4} ({cb}/{pb}), recall {sr:.4} ({cb}/{gb}), F1 {f1:.4}"
    );
    let (rp, rr, rf) = prf(rule_cb, rule_pb, gb);
    println!(
        "  rules alone: precision {rp:.4} ({rule_cb}/{rule_pb}), recall {rr:.4}, F1 {rf:.4}; learned classifier added {added} boundaries, {added_ok} correct, {} false splits, {prose_false} of them inside the {prose_sentences} gold sentences that end with sentence punctuation",
        added - added_ok
    );
    let rate = |(g, f): (usize, usize)| f as f64 / g.max(1) as f64;
    println!(
        "  recall by kind of gold sentence end: after sentence punctuation {:.4} ({}/{}), without it (headlines, bylines, datelines, table rows) {:.4} ({}/{})",
        rate(by_class[0]),
        by_class[0].1,
        by_class[0].0,
        rate(by_class[1]),
        by_class[1].1,
        by_class[1].0
    );
    let b = &breakdown;
    println!(
        "  errors: {} missed at wrapped lines (before a lower-case word, after a comma, bracket, hyphen or function word), {} missed and {} extra on the other side of a quotation mark, {} missed and {} extra elsewhere (tables, lists, headlines, prose)",
        b.missed_wrapped, b.missed_quote, b.extra_quote, b.missed_other, b.extra_other
    );
    println!(
        "  in the gold: {} of the {gb} boundaries at wrapped lines; {} of the {} gaps before a lower-case word are boundaries; an opening quotation mark after sentence punctuation ends the sentence before it {} times and starts the next {} times ({} of the {} documents with two or more such marks have both)",
        b.gold_wrapped, b.before_lower.0, b.before_lower.1, b.quote_left, b.quote_right, b.quote_docs.1, b.quote_docs.0
    );
    println!(
        "  line width: {} of the {} sentences cut at wrapped lines are 50 to 69 bytes long, against {} of all {} sentences before a boundary",
        b.line_width.1, b.line_width.0, b.line_width.3, b.line_width.2
    );
    // What this splitter would score if every error of the third kind were mended and the
    // first two stayed: its ceiling on this file without splitting at wrapped lines or
    // changing which side of a quotation mark it puts the boundary.
    let missed_fixed = b.missed_wrapped + b.missed_quote;
    let (_, _, ceiling) = prf(gb - missed_fixed, gb - missed_fixed + b.extra_quote, gb);
    println!("  ceiling with every error elsewhere mended: F1 {ceiling:.4}");
    println!(
        "sentences on their own lines (gold joined by newlines): {line_false} splits inside the {n_sent} gold sentences ({line_false_rules} by the rules alone)"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dev sentence-boundary F1 recorded in model/README.md (`presslens tokeval`).
    const DEV_F1: f64 = 0.9269;

    #[test]
    fn dev_sentence_f1_is_the_recorded_one() {
        let Some(path) = conll::gold_file("dev.conll") else {
            return;
        };
        let (mut gold, mut pred, mut hit) = (0usize, 0usize, 0usize);
        for doc in read_docs(&path).unwrap() {
            // Sentences joined by single spaces, as `presslens tokeval` does.
            let (text, _, bounds) = layout(&doc, ' ');
            let bounds: HashSet<usize> = bounds.into_iter().collect();
            let toks = tokenize::tokenize(&text);
            let found: HashSet<usize> = sentences::split(&text, &toks)
                .iter()
                .filter(|s| s.end < toks.len())
                .map(|s| toks[s.end - 1].end)
                .collect();
            gold += bounds.len();
            pred += found.len();
            hit += found.intersection(&bounds).count();
        }
        let (p, r, f1) = prf(hit, pred, gold);
        assert!(
            (f1 - DEV_F1).abs() <= 0.005,
            "dev sentence F1 {f1:.4} (P {p:.4}, R {r:.4}) is not within 0.005 of the recorded \
             {DEV_F1}: if model/sentences.bin or the rules changed on purpose, update DEV_F1 and \
             model/README.md; otherwise the splitter broke"
        );
    }

    fn doc(sentences: &[&str]) -> Doc {
        Doc {
            sentences: sentences
                .iter()
                .map(|s| s.split(' ').map(str::to_string).collect())
                .collect(),
        }
    }

    fn count(d: &Doc, pred: &[usize]) -> (Breakdown, Vec<String>) {
        let (_, spans, bounds) = layout(d, ' ');
        let gold: HashSet<usize> = bounds.iter().copied().collect();
        let pred: HashSet<usize> = pred.iter().copied().collect();
        let mut b = Breakdown::default();
        let mut labels = Vec::new();
        b.add(d, &spans, &bounds, &gold, &pred, &mut |l, _| {
            labels.push(l.trim().to_string())
        });
        (b, labels)
    }

    #[test]
    fn a_boundary_where_the_wire_wrapped_its_line_is_classed_as_wrapped() {
        let d = doc(&[
            "the Test and County Cricket Board",
            "said on Friday .",
            "Roshan ,",
            "Kumar .",
        ]);
        let (b, labels) = count(&d, &[]);
        assert_eq!(
            b.gold_wrapped, 2,
            "`Board | said` and `, | Kumar` are wrapped lines"
        );
        assert_eq!(b.missed_wrapped, 2);
        assert_eq!(
            b.missed_other, 1,
            "`. | Roshan` is an ordinary sentence end"
        );
        assert_eq!(labels, ["missed wrapped", "missed other", "missed wrapped"]);
        assert_eq!(
            b.before_lower,
            (1, 3),
            "gaps before a lower-case word: `| and`, `| on` inside sentences and the boundary `| said`"
        );
    }

    #[test]
    fn a_boundary_on_the_other_side_of_an_opening_quote_is_classed_as_quote() {
        // Gold puts the opening quote of the second quotation at the end of the first sentence.
        let d = doc(&["\" Yes , \" he said . \"", "No . \""]);
        let (_, _, bounds) = layout(&d, ' ');
        let before_quote = bounds[0] - 2; // after `.`, before ` "`
        let (b, labels) = count(&d, &[before_quote]);
        assert_eq!((b.missed_quote, b.extra_quote), (1, 1), "{labels:?}");
        assert_eq!((b.missed_other, b.extra_other, b.missed_wrapped), (0, 0, 0));
        assert_eq!((b.quote_left, b.quote_right), (1, 0));
        // The same text with the quote where the splitter puts it.
        let d = doc(&["\" Yes , \" he said .", "\" No . \""]);
        let (b, _) = count(&d, &[]);
        assert_eq!((b.quote_left, b.quote_right), (0, 1));
        assert_eq!(b.missed_other, 1, "nothing predicted: an ordinary miss");
    }

    #[test]
    fn a_document_with_opening_quotes_on_both_sides_is_counted_as_mixed() {
        let d = doc(&["\" Yes , \" he said . \"", "No . \" He left .", "\" Go ."]);
        let (b, _) = count(&d, &[]);
        assert_eq!((b.quote_left, b.quote_right), (1, 1));
        assert_eq!(
            b.quote_docs,
            (1, 1),
            "one document with two marks, on both sides"
        );
        let d = doc(&["He said .", "\" Go . \"", "She said .", "\" Stay . \""]);
        let (b, _) = count(&d, &[]);
        assert_eq!((b.quote_left, b.quote_right, b.quote_docs), (0, 2, (1, 0)));
    }

    #[test]
    fn a_closing_quote_is_not_counted_as_an_opening_one() {
        let d = doc(&["\" The army is ready . \"", "Shoigu said ."]);
        let (b, _) = count(&d, &[]);
        assert_eq!((b.quote_left, b.quote_right), (0, 0));
    }
}
