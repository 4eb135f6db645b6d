//! `presslens eval`: tags a gold CoNLL file and prints conlleval-style scores.

use std::io::Write;

use presslens::mentions::tag::{Mention, Tagger};

use crate::args::{unexpected, Args, Long};
use crate::conll::{self, GoldDoc, LabelMap};
use crate::score;

const USAGE: &str = "usage: presslens eval --gold F.conll [--model MODEL] [--labels conll|wnut] \
                     [--write-jsonl PRED.jsonl --jsonl-gold F.jsonl] [--reliability]";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut a = Args::new(args, USAGE);
    let (mut gold_path, mut model, mut labels) = (None, None, None);
    let (mut write_jsonl, mut jsonl_gold, mut show_reliability) = (None, None, false);
    while let Some(arg) = a.next()? {
        match arg {
            Long("gold") => gold_path = Some(a.string("gold")?),
            Long("model") => model = Some(a.string("model")?),
            Long("labels") => labels = Some(a.string("labels")?),
            Long("write-jsonl") => write_jsonl = Some(a.string("write-jsonl")?),
            Long("jsonl-gold") => jsonl_gold = Some(a.string("jsonl-gold")?),
            Long("reliability") => show_reliability = true,
            other => return Err(unexpected(other, USAGE)),
        }
    }
    let gold_path = gold_path.ok_or_else(|| a.missing("gold"))?;
    // WNUT-17 has no MISC counterpart: its product and creative-work entities are dropped from
    // the gold side, and our MISC predictions from the predicted side.
    let (labels, keep) = match labels.as_deref() {
        None | Some("conll") => (conll::conll_labels as LabelMap, [true; 4]),
        Some("wnut") => (conll::wnut_labels as LabelMap, [true, true, true, false]),
        Some(other) => {
            return Err(format!(
                "--labels: unknown map {other:?}; use conll or wnut"
            ))
        }
    };
    let owned;
    let tagger = match model {
        Some(p) => {
            let bytes = std::fs::read(&p).map_err(|e| format!("{p}: {e}"))?;
            owned = Tagger::from_bytes(&bytes).map_err(|e| format!("{p}: {e}"))?;
            &owned
        }
        None => Tagger::embedded(),
    };
    let docs = conll::read(&gold_path, labels)?;
    let t0 = std::time::Instant::now();
    let (counts, scored, mentions) = score::evaluate_types(tagger, &docs, &keep);
    let secs = t0.elapsed().as_secs_f64();
    let tokens: usize = docs.iter().map(|d| d.words.len()).sum();
    print!("{}", counts.report(tokens));
    eprintln!(
        "tagged {} documents, {tokens} tokens in {secs:.2} s",
        docs.len()
    );
    if show_reliability {
        println!("reliability (score bin: entities, mean score, fraction exactly right):");
        for (lo, hi, n, mean, acc) in score::reliability(&scored) {
            println!("  [{lo:.1}, {hi:.1}): {n:5}  {mean:.3}  {acc:.3}");
        }
        println!("  expected calibration error: {:.4}", score::ece(&scored));
    }
    if let Some(out) = write_jsonl {
        let gold_jsonl = jsonl_gold
            .ok_or("--write-jsonl needs --jsonl-gold F.jsonl (the gold file's ids and offsets)")?;
        write_jsonl_file(&gold_jsonl, &out, &docs, &mentions)?;
    }
    Ok(())
}

/// Writes predictions in score.py's format, taking ids and character offsets from the gold
/// JSONL written from the same CoNLL file (documents and tokens in the same order).
fn write_jsonl_file(
    gold_jsonl: &str,
    out: &str,
    docs: &[GoldDoc],
    mentions: &[Vec<Mention>],
) -> Result<(), String> {
    let text = std::fs::read_to_string(gold_jsonl).map_err(|e| format!("{gold_jsonl}: {e}"))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() != docs.len() {
        return Err(format!(
            "{gold_jsonl} has {} documents but the CoNLL file has {}",
            lines.len(),
            docs.len()
        ));
    }
    let mut w =
        std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    for (k, ((line, doc), ms)) in lines.iter().zip(docs).zip(mentions).enumerate() {
        let g: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{gold_jsonl} line {}: {e}", k + 1))?;
        let toks = g["tokens"].as_array().ok_or("gold JSONL without tokens")?;
        if toks.len() != doc.words.len() {
            return Err(format!(
                "{gold_jsonl} line {}: {} tokens, the CoNLL document has {}",
                k + 1,
                toks.len(),
                doc.words.len()
            ));
        }
        let gtext = g["text"].as_str().unwrap_or_default();
        let chars: Vec<char> = gtext.chars().collect();
        let ents: Vec<serde_json::Value> = ms
            .iter()
            .map(|m| {
                let s = toks[m.first]["start"].as_u64().unwrap_or(0) as usize;
                let e = toks[m.end - 1]["end"].as_u64().unwrap_or(0) as usize;
                let t: String = chars[s.min(chars.len())..e.min(chars.len())].iter().collect();
                serde_json::json!({"start": s, "end": e, "label": m.label.as_str(), "text": t, "score": m.score})
            })
            .collect();
        let rec = serde_json::json!({"id": g["id"], "entities": ents});
        writeln!(w, "{rec}").map_err(|e| format!("{out}: {e}"))?;
    }
    w.flush().map_err(|e| format!("{out}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dev F1 (exact span and type) of the committed `model/ner.bin`, as printed by
    /// `presslens eval --gold ../shared/data/conll2003/dev.conll` (see model/README.md).
    /// Update it together with the model.
    const RECORDED_DEV_F1: f64 = 0.9348;
    const TOLERANCE: f64 = 0.005;

    #[test]
    fn dev_f1_matches_the_recorded_value() {
        let Some(path) = conll::gold_file("dev.conll") else {
            return;
        };
        let docs = conll::read(&path, conll::conll_labels).unwrap();
        assert_eq!(docs.len(), 216, "dev.conll should hold 216 documents");
        let (counts, scored, _) = score::evaluate(Tagger::embedded(), &docs);
        assert_eq!(
            counts.gold.iter().sum::<usize>(),
            5942,
            "dev gold entity count"
        );
        let f1 = counts.f1();
        assert!(
            (f1 - RECORDED_DEV_F1).abs() <= TOLERANCE,
            "dev F1 of model/ner.bin is {f1:.4}, recorded {RECORDED_DEV_F1:.4} (±{TOLERANCE}). \
             If the model was retrained on purpose, update RECORDED_DEV_F1 and model/README.md; \
             otherwise a change to features, decoding or tokenization broke the tagger.\n{}",
            counts.report(docs.iter().map(|d| d.words.len()).sum())
        );
        // Scores are calibrated on dev: the expected calibration error must stay small.
        let ece = score::ece(&scored);
        assert!(
            ece < 0.03,
            "dev expected calibration error {ece:.4} ≥ 0.03: scores are not calibrated"
        );
    }
}
