//! `presslens analyze`: JSON Lines or plain-text files in, one result JSON document out; with
//! `--jsonl`, one result line per document, streamed (`stream.rs`).

use std::io::Write;

use presslens::mentions::merge::Layers;
use presslens::mentions::user_names::UserNames;
use presslens::output::Rendered;
use presslens::pipeline::batch;
use presslens::pipeline::Outcome;
use presslens::{input, Analyzer, Document};
use rayon::prelude::*;

use crate::args::{unexpected, Args, Long, Value};
use crate::jsonl::{self, JsonlDocs, LineError};
use crate::stream;

const USAGE: &str = "usage: presslens analyze [--names LIST.tsv] [--layers all|tagger] [--jsonl [--clusters] [--skip-bad]] [FILE.txt ...]";

/// Returns whether every document was analysed (false: the result was written, and the documents
/// that failed are named on stderr).
pub fn run(args: &[String]) -> Result<bool, String> {
    // Options (issue #5): --names LIST.tsv (the reader's own names), --layers all|tagger.
    let mut a = Args::new(args, USAGE);
    let mut files = Vec::new();
    let mut names = None;
    let mut layers = Layers::default();
    let (mut jsonl, mut clusters, mut skip_bad) = (false, false, false);
    while let Some(arg) = a.next()? {
        match arg {
            Long("names") => {
                let p = a.string("names")?;
                let text = read_bounded(&p, MAX_NAMES_FILE_BYTES, "a name list")?;
                let text = String::from_utf8(text)
                    .map_err(|_| format!("{}: not UTF-8 text", shown(&p)))?;
                names =
                    Some(UserNames::parse_tsv(&text).map_err(|e| format!("{}: {e}", shown(&p)))?);
            }
            Long("layers") => {
                layers = match a.string("layers")?.as_str() {
                    "all" => Layers::default(),
                    "tagger" => Layers::TAGGER_ONLY,
                    other => {
                        return Err(format!("--layers: expected all or tagger, got {other:?}"))
                    }
                }
            }
            Long("jsonl") => jsonl = true,
            Long("clusters") => clusters = true,
            Long("skip-bad") => skip_bad = true,
            Value(file) => files.push(
                file.into_string()
                    .map_err(|f| format!("{f:?}: the file name is not valid UTF-8"))?,
            ),
            other => return Err(unexpected(other, USAGE)),
        }
    }
    if (clusters || skip_bad) && !jsonl {
        return Err(format!(
            "--clusters and --skip-bad go with --jsonl (the streamed output)\n{USAGE}"
        ));
    }
    let mut analyzer = Analyzer::new();
    analyzer.set_layers(layers);
    if let Some(names) = names {
        analyzer.set_user_names(names);
    }
    if jsonl {
        let opts = stream::Options { skip_bad, clusters };
        return if files.is_empty() {
            let items = JsonlDocs::new(std::io::stdin().lock())
                .map(|(n, doc)| (format!("stdin line {n}"), doc));
            stream::run(&analyzer, items, &opts)
        } else {
            let items = files.iter().map(|p| {
                let doc = read_text_file(p).map_err(LineError::Bad);
                (shown(p), doc)
            });
            stream::run(&analyzer, items, &opts)
        };
    }
    let docs = if files.is_empty() {
        jsonl::read_all(std::io::stdin().lock())?
    } else {
        files
            .iter()
            .map(|p| read_text_file(p))
            .collect::<Result<_, _>>()?
    };
    input::validate(&docs).map_err(|e| e.to_string())?;
    // Documents are independent until cross-document linking: one per core.
    // A document the core fails on is reported and skipped; the others are kept.
    let outcomes: Vec<Outcome> = docs
        .par_iter()
        .map(|d| analyzer.analyze_isolated(d))
        .collect();
    let batch = batch::link(&docs, &outcomes, None);
    // Rendered while written: the whole result is never held beside the batch.
    let result = Rendered::new(&docs, &batch);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = serde_json::to_writer(&mut out, &result)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    match written {
        Ok(()) => {}
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(true),
        Err(e) => return Err(format!("cannot write the result: {e}")),
    }
    let mut ok = result.linking_error().is_none();
    for (id, error) in result.failures() {
        ok = false;
        eprintln!("presslens: document {id:?} failed: {error}");
    }
    if ok {
        return Ok(true);
    }
    if let Some(e) = result.linking_error() {
        eprintln!("presslens: {e}");
    }
    Ok(false)
}

/// Largest name list file read (`--names`).
const MAX_NAMES_FILE_BYTES: usize = 64 << 20;

/// A path or name as it may be shown on a terminal: control characters (escape sequences,
/// line breaks) are written escaped, so a file name cannot drive the terminal.
pub fn shown(path: &str) -> String {
    if path.chars().any(char::is_control) {
        format!("{path:?}")
    } else {
        path.to_string()
    }
}

/// Reads at most `limit` bytes of the file at `path`; a longer file is refused with a message.
fn read_bounded(path: &str, limit: usize, what: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", shown(path)))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", shown(path)))?;
    if bytes.len() > limit {
        return Err(format!(
            "{}: more than {limit} bytes; the limit for {what} is {limit} bytes: split it",
            shown(path)
        ));
    }
    Ok(bytes)
}

fn read_text_file(path: &str) -> Result<Document, String> {
    let bytes = read_bounded(path, input::MAX_DOCUMENT_BYTES, "one document")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 text (invalid byte at offset {}); convert it to UTF-8 first",
            shown(path),
            e.utf8_error().valid_up_to()
        )
    })?;
    let id = std::path::Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    Ok(Document::new(id, text))
}
