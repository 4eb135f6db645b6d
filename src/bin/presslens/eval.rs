//! `presslens eval`: tags a gold CoNLL file and prints conlleval-style scores.

use std::io::Write;

use presslens::mentions::tag::train::{self, Counts};
use presslens::mentions::tag::{Groups, Tagger};

use crate::flag_value;

pub fn run(args: &[String]) -> Result<(), String> {
    let usage = "usage: presslens eval --gold F.conll [--model MODEL] [--labels conll|wnut] \
                 [--write-jsonl PRED.jsonl --jsonl-gold F.jsonl] [--reliability]";
    let gold_path = flag_value(args, "--gold").ok_or(usage)?;
    // WNUT-17 has no MISC counterpart: its product and creative-work entities are dropped from
    // the gold side, and our MISC predictions from the predicted side.
    let (labels, keep) = match flag_value(args, "--labels").as_deref() {
        None | Some("conll") => (train::conll_labels as train::LabelMap, [true; 4]),
        Some("wnut") => (
            train::wnut_labels as train::LabelMap,
            [true, true, true, false],
        ),
        Some(other) => {
            return Err(format!(
                "--labels: unknown map {other:?}; use conll or wnut"
            ))
        }
    };
    let owned;
    let tagger = match flag_value(args, "--model") {
        Some(p) => {
            let bytes = std::fs::read(&p).map_err(|e| format!("{p}: {e}"))?;
            let t = Tagger::from_bytes(&bytes).map_err(|e| format!("{p}: {e}"))?;
            // A model trained with `--gazetteer` needs the same name lists.
            owned = if t.model().groups.has(Groups::GAZETTEER) {
                t.with_gazetteer(std::sync::Arc::new(crate::train::NameLists))
            } else {
                t
            };
            &owned
        }
        None => Tagger::embedded(),
    };
    let docs = train::read_conll(&gold_path, labels)?;
    let t0 = std::time::Instant::now();
    let (counts, scored, mentions) = train::evaluate_types(tagger, &docs, &keep);
    let secs = t0.elapsed().as_secs_f64();
    let tokens: usize = docs.iter().map(|d| d.words.len()).sum();
    print!("{}", counts.report(tokens));
    eprintln!(
        "tagged {} documents, {tokens} tokens in {secs:.2} s",
        docs.len()
    );
    if args.iter().any(|a| a == "--reliability") {
        println!("reliability (score bin: entities, mean score, fraction exactly right):");
        for (lo, hi, n, mean, acc) in train::reliability(&scored) {
            println!("  [{lo:.1}, {hi:.1}): {n:5}  {mean:.3}  {acc:.3}");
        }
        println!("  expected calibration error: {:.4}", train::ece(&scored));
    }
    if let Some(out) = flag_value(args, "--write-jsonl") {
        let gold_jsonl = flag_value(args, "--jsonl-gold")
            .ok_or("--write-jsonl needs --jsonl-gold F.jsonl (the gold file's ids and offsets)")?;
        write_jsonl(&gold_jsonl, &out, &docs, &mentions)?;
    }
    let _ = Counts::default;
    Ok(())
}

/// Writes predictions in score.py's format, taking ids and character offsets from the gold
/// JSONL written from the same CoNLL file (documents and tokens in the same order).
fn write_jsonl(
    gold_jsonl: &str,
    out: &str,
    docs: &[train::GoldDoc],
    mentions: &[Vec<presslens::mentions::tag::Mention>],
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
