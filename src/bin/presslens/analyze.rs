//! `presslens analyze`: JSON Lines or plain-text files in, one result JSON document out.

use std::io::{BufRead, Write};

use presslens::analyze::{assemble, DocAnalysis};
use presslens::merge::Layers;
use presslens::user_names::UserNames;
use presslens::{input, Analyzer, Document};
use rayon::prelude::*;

pub fn run(args: &[String]) -> Result<(), String> {
    // Options (issue #5): --names LIST.tsv (the reader's own names), --layers all|tagger.
    let mut files = Vec::new();
    let mut names = None;
    let mut layers = Layers::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--names" => {
                let p = it.next().ok_or("--names needs a file: --names LIST.tsv")?;
                let text = std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"))?;
                names = Some(UserNames::parse_tsv(&text).map_err(|e| format!("{p}: {e}"))?);
            }
            "--layers" => {
                layers = match it.next().map(String::as_str) {
                    Some("all") => Layers::default(),
                    Some("tagger") => Layers::TAGGER_ONLY,
                    other => {
                        return Err(format!("--layers: expected all or tagger, got {other:?}"))
                    }
                }
            }
            _ => files.push(a.clone()),
        }
    }
    let docs = if files.is_empty() {
        read_jsonl(std::io::stdin().lock())?
    } else {
        files
            .iter()
            .map(|p| read_text_file(p))
            .collect::<Result<_, _>>()?
    };
    input::validate(&docs).map_err(|e| e.to_string())?;
    let mut analyzer = Analyzer::new();
    analyzer.set_layers(layers);
    if let Some(names) = names {
        analyzer.set_user_names(names);
    }
    // Documents are independent until cross-document linking: one per core.
    let analyses: Vec<DocAnalysis> = docs
        .par_iter()
        .map(|d| analyzer.analyze_document(d))
        .collect();
    let result = assemble(&docs, &analyses);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = serde_json::to_writer(&mut out, &result)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write the result: {e}")),
    }
}

/// Reads one document per line; blank lines are skipped. Errors name the line.
pub fn read_jsonl(input: impl BufRead) -> Result<Vec<Document>, String> {
    let mut docs = Vec::new();
    for (i, line) in input.split(b'\n').enumerate() {
        let n = i + 1;
        let line = line.map_err(|e| format!("stdin: cannot read line {n}: {e}"))?;
        let line = std::str::from_utf8(&line).map_err(|e| {
            format!(
                "stdin line {n}: not valid UTF-8 at byte {} of the line",
                e.valid_up_to()
            )
        })?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let doc: Document = serde_json::from_str(line).map_err(|e| {
            format!(
                "stdin line {n}: expected a JSON object {{\"id\": string, \"text\": string, \"date\"?: \"YYYY-MM-DD\"}}: {e}"
            )
        })?;
        docs.push(doc);
    }
    Ok(docs)
}

fn read_text_file(path: &str) -> Result<Document, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}: not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            e.utf8_error().valid_up_to()
        )
    })?;
    let id = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    Ok(Document::new(id, text))
}
