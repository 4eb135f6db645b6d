//! Tokenizer and sentence-splitter throughput in MB/s of UTF-8 input.
//!
//! `cargo bench --bench tokenize` builds two corpora of at least 5 MB at bench time (nothing
//! of them is committed):
//! - `seeds`: the five sample articles of seeds/ (real scraped news, curly quotes, non-ASCII
//!   names), repeated as separate documents;
//! - `conll`: the CoNLL-2003 train, dev and test documents from ../shared/data (tokens joined
//!   by spaces, sentences by newlines), repeated; skipped with a note when the data is absent.
//!
//! Each corpus is a list of documents, tokenized (and split) one document at a time, as the
//! analyzer does.

// criterion is a native-only dev-dependency: on wasm32 (`cargo clippy --target wasm32-unknown-unknown
// --all-targets`) this bench is an empty program.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::path::Path;
    use std::time::Duration;

    use criterion::{criterion_group, Criterion, Throughput};
    use presslens::text::{sentences, tokenize};

    const MIN_BYTES: usize = 5 << 20;

    fn repeat_to_min(docs: Vec<String>) -> Vec<String> {
        let one: usize = docs.iter().map(String::len).sum();
        let times = MIN_BYTES.div_ceil(one.max(1));
        let mut out = Vec::with_capacity(docs.len() * times);
        for _ in 0..times {
            out.extend(docs.iter().cloned());
        }
        out
    }

    fn seeds() -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("seeds/ is missing")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }

    /// CoNLL documents: gold tokens joined by spaces, sentences by newlines.
    fn conll() -> Option<Vec<String>> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003");
        let mut docs = Vec::new();
        for split in ["train", "dev", "test"] {
            let text = std::fs::read_to_string(dir.join(format!("{split}.conll"))).ok()?;
            let mut doc = String::new();
            let mut line_open = false;
            for line in text.lines() {
                if line.starts_with("-DOCSTART-") {
                    if !doc.is_empty() {
                        docs.push(std::mem::take(&mut doc));
                    }
                    line_open = false;
                    continue;
                }
                let Some(tok) = line.split(' ').next().filter(|t| !t.is_empty()) else {
                    if line_open {
                        doc.push('\n');
                    }
                    line_open = false;
                    continue;
                };
                if line_open {
                    doc.push(' ');
                }
                doc.push_str(tok);
                line_open = true;
            }
            if !doc.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
        }
        Some(docs)
    }

    fn bench(c: &mut Criterion) {
        let mut corpora = vec![("seeds", repeat_to_min(seeds()))];
        match conll() {
            Some(docs) => corpora.push(("conll", repeat_to_min(docs))),
            None => {
                eprintln!(
                    "tokenize bench: ../shared/data/conll2003 not found; conll corpus skipped"
                )
            }
        }
        let mut g = c.benchmark_group("tokenize");
        g.sample_size(20).measurement_time(Duration::from_secs(8));
        for (name, docs) in &corpora {
            let bytes: usize = docs.iter().map(String::len).sum();
            eprintln!(
                "tokenize bench: corpus {name}: {} documents, {bytes} bytes",
                docs.len()
            );
            g.throughput(Throughput::Bytes(bytes as u64));
            g.bench_function(format!("tokens/{name}"), |b| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| tokenize::tokenize(d).len())
                        .sum::<usize>()
                })
            });
            g.bench_function(format!("tokens+sentences/{name}"), |b| {
                b.iter(|| {
                    docs.iter()
                        .map(|d| {
                            let t = tokenize::tokenize(d);
                            sentences::split(d, &t).len()
                        })
                        .sum::<usize>()
                })
            });
        }
        g.finish();
    }

    criterion_group!(benches, bench);
    pub fn main() {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}
