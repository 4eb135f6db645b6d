//! `presslens analyze --jsonl`: one result line per document, written as soon as it is ready,
//! in input order, in memory bounded by a window of documents in flight — for archives of any
//! length.
//!
//! - Each line is the result of that document analysed alone: an `AnalysisResult` with one
//!   document and that document's own clusters, byte for byte what `presslens analyze` writes
//!   for the document by itself (on one line).
//! - With `--clusters` the documents are linked across the whole input, which needs all of
//!   it: the lines come after the last document is analysed. Line i is
//!   `{"documents":[document i],"clusters":[]}` and one last line holds
//!   `{"documents":[],"clusters":[…]}`; concatenating the lines' `documents` and `clusters`
//!   gives exactly what `presslens analyze` writes for the whole input. Memory then grows with
//!   the input, up to the batch limit.
//! - `--skip-bad`: a bad line (not JSON, a missing field, not UTF-8, too long, a bad date, a
//!   document over the size limit, a repeated id with `--clusters`) is named on stderr with
//!   its line number and why, and the stream goes on; the exit status is then 3. Without it,
//!   the first bad line ends the stream (the documents before it are written) with status 1.
//! - A progress line on stderr when stderr is a terminal.
//!
//! Reading, analysing and writing overlap: the reader hands documents to one worker per core
//! and waits while `WINDOW_PER_THREAD` documents per worker (or `WINDOW_BYTES` of text) are in
//! flight; the writer puts the finished lines back in input order.

use std::collections::{BTreeMap, HashSet};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use presslens::output::{Cluster, DocumentResult, Rendered};
use presslens::pipeline::{batch, Outcome};
use presslens::{input, Analyzer, Document};
use serde::Serialize;

use crate::jsonl::LineError;

/// Documents in flight per worker (read, being analysed, or finished and waiting for an
/// earlier one to be written).
const WINDOW_PER_THREAD: usize = 4;

/// Text in flight, in bytes; one document is always let through whatever its size.
const WINDOW_BYTES: usize = 64 << 20;

/// How the stream runs.
pub struct Options {
    pub skip_bad: bool,
    pub clusters: bool,
}

/// One input item: where it came from ("stdin line 3", a file name) and the document or why
/// there is none.
pub type Item = (String, Result<Document, LineError>);

/// Streams the documents of `items` through `analyzer` to stdout. Ok(false): every good line
/// was written, but some lines were skipped or some documents failed (named on stderr).
pub fn run(
    analyzer: &Analyzer,
    items: impl Iterator<Item = Item>,
    opts: &Options,
) -> Result<bool, String> {
    let out = std::io::BufWriter::new(std::io::stdout());
    stream(analyzer, items, opts, out, std::io::stderr().is_terminal())
}

/// A document's place in the stream, and what the writer needs of it.
struct Job {
    seq: usize,
    doc: Document,
}

/// A finished document.
struct Done {
    seq: usize,
    bytes: usize,
    /// The line to write (without `--clusters`).
    line: Vec<u8>,
    /// (id, message) when the core failed on the document.
    failed: Option<(String, String)>,
    /// The document and its analysis, kept for linking (with `--clusters`).
    kept: Option<(Document, Outcome)>,
}

/// How far the writer has got, for the reader's window.
struct Window {
    state: Mutex<Flight>,
    moved: Condvar,
    /// Set when the stream must end early (stdout closed, a write failed).
    stop: AtomicBool,
}

#[derive(Default)]
struct Flight {
    written: usize,
    bytes: usize,
}

fn stream(
    analyzer: &Analyzer,
    items: impl Iterator<Item = Item>,
    opts: &Options,
    out: impl Write + Send,
    progress: bool,
) -> Result<bool, String> {
    let threads = rayon::current_num_threads().max(1);
    let window = Window {
        state: Mutex::new(Flight::default()),
        moved: Condvar::new(),
        stop: AtomicBool::new(false),
    };
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(threads);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let (job_rx, clusters) = (&job_rx, opts.clusters);
            s.spawn(move || work(analyzer, job_rx, done_tx, clusters));
        }
        drop(done_tx);
        let writer = s.spawn(|| write(done_rx, out, opts.clusters, progress, &window));
        let read = read(items, opts, job_tx, threads, &window);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err("the writer failed".to_string()));
        // A read error is what the reader must hear first; a write error next.
        let (skipped, read_error) = read;
        let failed = written?;
        if let Some(e) = read_error {
            return Err(e);
        }
        Ok(skipped == 0 && failed == 0)
    })
}

/// The reader: checks each item, hands good documents to the workers within the window.
/// Returns how many lines were skipped, and the error that ended the stream early.
fn read(
    items: impl Iterator<Item = Item>,
    opts: &Options,
    jobs: SyncSender<Job>,
    threads: usize,
    window: &Window,
) -> (usize, Option<String>) {
    let mut seq = 0;
    let mut skipped = 0;
    let mut ids = HashSet::new(); // with --clusters only: ids must be unique across the batch
    let mut total = 0usize;
    for (place, item) in items {
        if window.stop.load(Ordering::Relaxed) {
            break;
        }
        let checked = item.and_then(|doc| {
            input::validate(std::slice::from_ref(&doc))
                .map_err(|e| LineError::Bad(format!("{place}: {e}")))?;
            if opts.clusters {
                total += doc.text.len();
                if total > input::MAX_BATCH_BYTES {
                    return Err(LineError::Fatal(format!(
                        "{place}: the documents so far hold more than {} bytes, the limit for linking them (--clusters): leave out --clusters to stream any length, or split the input",
                        input::MAX_BATCH_BYTES
                    )));
                }
                if !ids.insert(doc.id.clone()) {
                    return Err(LineError::Bad(format!(
                        "{place}: the id {:?} is used twice; ids must be unique to link the documents (--clusters)",
                        doc.id
                    )));
                }
            }
            Ok(doc)
        });
        let doc = match checked {
            Ok(doc) => doc,
            Err(LineError::Bad(why)) if opts.skip_bad => {
                eprintln!("presslens: skipped {why}");
                skipped += 1;
                continue;
            }
            Err(LineError::Bad(why)) => {
                return (
                    skipped,
                    Some(format!("{why} (the {seq} documents before it were written; --skip-bad goes on after a bad line)")),
                )
            }
            Err(LineError::Fatal(why)) => return (skipped, Some(why)),
        };
        let bytes = doc.text.len();
        {
            let mut flight = window.state.lock().unwrap_or_else(|e| e.into_inner());
            while seq >= flight.written + WINDOW_PER_THREAD * threads
                || (seq > flight.written && flight.bytes + bytes > WINDOW_BYTES)
            {
                if window.stop.load(Ordering::Relaxed) {
                    return (skipped, None);
                }
                flight = window
                    .moved
                    .wait_timeout(flight, Duration::from_millis(100))
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
            flight.bytes += bytes;
        }
        if jobs.send(Job { seq, doc }).is_err() {
            break; // the workers are gone: the writer stopped
        }
        seq += 1;
    }
    (skipped, None)
}

/// A worker: analyses documents until the reader is done.
fn work(analyzer: &Analyzer, jobs: &Mutex<Receiver<Job>>, done: mpsc::Sender<Done>, keep: bool) {
    loop {
        let job = match jobs.lock().unwrap_or_else(|e| e.into_inner()).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        let Job { seq, doc } = job;
        let outcome = analyzer.analyze_isolated(&doc);
        let failed = outcome.as_ref().err().map(|e| (doc.id.clone(), e.clone()));
        let bytes = doc.text.len();
        let finished = if keep {
            Done {
                seq,
                bytes,
                line: Vec::new(),
                failed,
                kept: Some((doc, outcome)),
            }
        } else {
            let docs = std::slice::from_ref(&doc);
            let outcomes = std::slice::from_ref(&outcome);
            let linked = batch::link(docs, outcomes, None);
            let rendered = Rendered::new(docs, &linked);
            let mut line = serde_json::to_vec(&rendered).unwrap_or_else(|e| {
                // Serialising plain data into memory cannot fail; if it ever did, the
                // document's line says so instead of the stream ending.
                let failed = DocumentResult::failed(doc.id.clone(), e.to_string());
                serde_json::to_vec(&Line::documents(std::slice::from_ref(&failed)))
                    .unwrap_or_default()
            });
            line.push(b'\n');
            let failed = failed.or_else(|| {
                rendered
                    .failures()
                    .next()
                    .map(|(id, m)| (id.to_string(), m.to_string()))
            });
            Done {
                seq,
                bytes,
                line,
                failed,
                kept: None,
            }
        };
        if done.send(finished).is_err() {
            return;
        }
    }
}

/// A line of `--clusters` output: the fields of `AnalysisResult`.
#[derive(Serialize)]
struct Line<'a> {
    documents: &'a [DocumentResult],
    clusters: &'a [Cluster],
    #[serde(skip_serializing_if = "Option::is_none")]
    linking_error: Option<&'a str>,
}

impl<'a> Line<'a> {
    fn documents(documents: &'a [DocumentResult]) -> Self {
        Line {
            documents,
            clusters: &[],
            linking_error: None,
        }
    }
}

/// The writer: puts finished documents back in input order and writes them. Returns how many
/// documents failed.
fn write(
    done: Receiver<Done>,
    out: impl Write,
    clusters: bool,
    progress: bool,
    window: &Window,
) -> Result<usize, String> {
    let mut out = Output { out, closed: false };
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    let mut failed = 0;
    let mut kept = Vec::new();
    let mut meter = Meter::new(progress);
    for d in done {
        waiting.insert(d.seq, d);
        while let Some(d) = waiting.remove(&next) {
            if let Some((id, message)) = &d.failed {
                eprintln!("presslens: document {id:?} failed: {message}");
                failed += 1;
            }
            if let Some(k) = d.kept {
                kept.push(k);
            } else {
                out.write(&d.line)?;
            }
            next += 1;
            meter.add(d.bytes);
            let mut flight = window.state.lock().unwrap_or_else(|e| e.into_inner());
            flight.written = next;
            flight.bytes -= d.bytes;
            window.moved.notify_all();
        }
        if waiting.is_empty() {
            out.flush()?;
        }
        if out.closed {
            window.stop.store(true, Ordering::Relaxed);
            window.moved.notify_all();
        }
    }
    meter.finish();
    if clusters {
        let (docs, outcomes): (Vec<Document>, Vec<Outcome>) = kept.into_iter().unzip();
        let linked = batch::link(&docs, &outcomes, None);
        let rendered = Rendered::new(&docs, &linked);
        for d in rendered.documents() {
            out.write_json(&Line::documents(std::slice::from_ref(&d)))?;
        }
        let clusters = rendered.clusters();
        let linking_error = rendered.linking_error();
        out.write_json(&Line {
            documents: &[],
            clusters: &clusters,
            linking_error,
        })?;
        out.flush()?;
        if let Some(e) = linking_error {
            eprintln!("presslens: {e}");
            failed += 1;
        }
    }
    Ok(failed)
}

/// Standard output; a closed pipe (`| head`) is the reader's choice: writing stops quietly.
struct Output<W> {
    out: W,
    closed: bool,
}

impl<W: Write> Output<W> {
    fn check(&mut self, r: std::io::Result<()>) -> Result<(), String> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            Err(e) => Err(format!("cannot write the result: {e}")),
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        if self.closed {
            return Ok(());
        }
        let r = self.out.write_all(bytes);
        self.check(r)
    }

    fn write_json(&mut self, value: &impl Serialize) -> Result<(), String> {
        let mut line = serde_json::to_vec(value).map_err(|e| e.to_string())?;
        line.push(b'\n');
        self.write(&line)
    }

    fn flush(&mut self) -> Result<(), String> {
        if self.closed {
            return Ok(());
        }
        let r = self.out.flush();
        self.check(r)
    }
}

/// The progress line on stderr (only when it is a terminal), at most four times a second.
struct Meter {
    on: bool,
    start: Instant,
    shown: Instant,
    docs: usize,
    bytes: usize,
}

impl Meter {
    fn new(on: bool) -> Self {
        let now = Instant::now();
        Meter {
            on,
            start: now,
            shown: now,
            docs: 0,
            bytes: 0,
        }
    }

    fn add(&mut self, bytes: usize) {
        self.docs += 1;
        self.bytes += bytes;
        if self.on && self.shown.elapsed() >= Duration::from_millis(250) {
            self.shown = Instant::now();
            self.show();
        }
    }

    fn show(&self) {
        let mb = self.bytes as f64 / 1e6;
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        eprint!(
            "\rpresslens: {} documents, {mb:.1} MB, {:.2} MB/s ",
            self.docs,
            mb / secs
        );
    }

    fn finish(&self) {
        if self.on && self.docs > 0 {
            self.show();
            eprintln!();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(docs: &[(&str, &str)]) -> Vec<Item> {
        docs.iter()
            .enumerate()
            .map(|(i, (id, text))| {
                let place = format!("stdin line {}", i + 1);
                if *id == "BAD" {
                    (place.clone(), Err(LineError::Bad(format!("{place}: bad"))))
                } else {
                    (place, Ok(Document::new(id.to_string(), text.to_string())))
                }
            })
            .collect()
    }

    fn run_to_string(
        docs: &[(&str, &str)],
        opts: &Options,
    ) -> (Result<bool, String>, Vec<serde_json::Value>) {
        let analyzer = Analyzer::new();
        let mut out = Vec::new();
        let r = stream(&analyzer, items(docs).into_iter(), opts, &mut out, false);
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (r, lines)
    }

    #[test]
    fn lines_come_in_input_order_whatever_finishes_first() {
        // A long document first, short ones after: the short ones finish first on other
        // workers but must wait for it.
        let long = "Vulin met Shoigu in Moscow on Tuesday. ".repeat(3000);
        let mut docs = vec![("long", long.as_str())];
        let ids: Vec<String> = (0..40).map(|i| format!("d{i}")).collect();
        for id in &ids {
            docs.push((id.as_str(), "Vucic spoke in Belgrade."));
        }
        let opts = Options {
            skip_bad: false,
            clusters: false,
        };
        let (r, lines) = run_to_string(&docs, &opts);
        assert_eq!(r, Ok(true));
        let got: Vec<&str> = lines
            .iter()
            .map(|l| l["documents"][0]["id"].as_str().unwrap())
            .collect();
        let want: Vec<&str> = docs.iter().map(|d| d.0).collect();
        assert_eq!(got, want, "stream lines must keep the input order");
    }

    #[test]
    fn a_bad_line_ends_the_stream_unless_skipped() {
        let docs = [("a", "Shoigu spoke."), ("BAD", ""), ("c", "Vucic spoke.")];
        let strict = Options {
            skip_bad: false,
            clusters: false,
        };
        let (r, lines) = run_to_string(&docs, &strict);
        let e = r.expect_err("a bad line without --skip-bad is an error");
        assert!(
            e.contains("stdin line 2") && e.contains("--skip-bad"),
            "{e}"
        );
        assert_eq!(
            lines.len(),
            1,
            "the document before the bad line is written"
        );
        let lenient = Options {
            skip_bad: true,
            clusters: false,
        };
        let (r, lines) = run_to_string(&docs, &lenient);
        assert_eq!(
            r,
            Ok(false),
            "skipped lines make a partial result (exit status 3)"
        );
        let ids: Vec<&str> = lines
            .iter()
            .map(|l| l["documents"][0]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["a", "c"], "--skip-bad goes on after the bad line");
    }
}
