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
//!
//! `--sentence-model FILE` scores another sentence classifier (a file written by
//! `presslens train-sentences`) instead of the embedded one.

use presslens::tag::train::prf;
use std::collections::HashSet;

use presslens::sentences;
use presslens::tokenize::{self, Token};

pub(crate) struct Doc {
    pub(crate) sentences: Vec<Vec<String>>,
}

pub(crate) fn read_conll(path: &str) -> Result<Vec<Doc>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let has_docstart = text.lines().any(|l| l.starts_with("-DOCSTART-"));
    let mut docs: Vec<Doc> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut doc = Doc { sentences: vec![] };
    let flush_sentence = |cur: &mut Vec<String>, doc: &mut Doc| {
        if !cur.is_empty() {
            doc.sentences.push(std::mem::take(cur));
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") {
            flush_sentence(&mut cur, &mut doc);
            if !doc.sentences.is_empty() {
                docs.push(std::mem::replace(&mut doc, Doc { sentences: vec![] }));
            }
            continue;
        }
        if line.trim().is_empty() {
            flush_sentence(&mut cur, &mut doc);
            if !has_docstart && !doc.sentences.is_empty() {
                docs.push(std::mem::replace(&mut doc, Doc { sentences: vec![] }));
            }
            continue;
        }
        let tok = line
            .split([' ', '\t'])
            .next()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| format!("{path}:{}: no token in line {line:?}", n + 1))?;
        cur.push(tok.to_string());
    }
    flush_sentence(&mut cur, &mut doc);
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
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
    let path = crate::flag_value(args, "--conll")
        .ok_or("usage: presslens tokeval --conll F.conll [--show N] [--sentence-model FILE]")?;
    let show: usize = crate::flag_value(args, "--show")
        .map(|v| {
            v.parse()
                .map_err(|_| format!("--show wants a number, got {v:?}"))
        })
        .transpose()?
        .unwrap_or(0);
    let docs = read_conll(&path)?;
    let loaded = crate::flag_value(args, "--sentence-model")
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
        line_false += sentences::learned::refine(&text, &toks, &rules, model)
            .iter()
            .filter(|s| inside(s))
            .count();
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
    let mut shown = 0;
    for doc in &docs {
        let (text, _, bounds) = layout(doc, ' ');
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
        if shown < show {
            for &b in &bounds {
                if !pred_set.contains(&b) && shown < show {
                    shown += 1;
                    println!("missed {}", context(&text, b));
                }
            }
            for &b in &predicted {
                if !gold_set.contains(&b) && shown < show {
                    shown += 1;
                    println!("extra  {}", context(&text, b));
                }
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
    println!(
        "sentences on their own lines (gold joined by newlines): {line_false} splits inside the {n_sent} gold sentences ({line_false_rules} by the rules alone)"
    );
    Ok(())
}
