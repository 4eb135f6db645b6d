//! Entity-tagger throughput in MB/s of UTF-8 text, on one core.
//!
//! `cargo bench --bench tagger` measures the model's load time (`load-model`) and [`Tagger::tag`] (features, both decoding passes,
//! entity scores) on documents that are already tokenized and split into sentences, so the
//! figure is the tagger's own; the tokenizer has its own benchmark. Corpora, built at bench
//! time (nothing of them is committed):
//! - `seeds`: the five sample articles of seeds/, tokenized by the crate's tokenizer;
//! - `conll-test`: the CoNLL-2003 test documents from ../shared/data (gold tokens joined by
//!   spaces, sentences by newlines, then tokenized like any text); skipped with a note when
//!   the data is absent.

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
    use presslens::mentions::tag::Tagger;
    use presslens::text::sentences::{self, Sentence};
    use presslens::text::tokenize::{self, Token};

    struct Doc {
        text: String,
        tokens: Vec<Token>,
        sentences: Vec<Sentence>,
    }

    fn seeds() -> Vec<Doc> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .expect("seeds/ is missing")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| prepare(std::fs::read_to_string(p).unwrap()))
            .collect()
    }

    fn prepare(text: String) -> Doc {
        let tokens = tokenize::tokenize(&text);
        let sentences = sentences::split(&text, &tokens);
        Doc {
            text,
            tokens,
            sentences,
        }
    }

    /// CoNLL-2003 test documents: gold tokens joined by spaces, sentences by newlines.
    fn conll_test() -> Option<Vec<Doc>> {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/conll2003/test.conll");
        let src = std::fs::read_to_string(path).ok()?;
        let mut docs = Vec::new();
        let mut doc = String::new();
        let mut line = String::new();
        for l in src.lines() {
            if l.starts_with("-DOCSTART-") || l.trim().is_empty() {
                if !line.is_empty() {
                    doc.push_str(&line);
                    doc.push('\n');
                    line.clear();
                }
                if l.starts_with("-DOCSTART-") && !doc.is_empty() {
                    docs.push(prepare(std::mem::take(&mut doc)));
                }
                continue;
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(l.split(' ').next().unwrap_or_default());
        }
        doc.push_str(&line);
        if !doc.is_empty() {
            docs.push(prepare(doc));
        }
        Some(docs)
    }

    fn bench(c: &mut Criterion) {
        let tagger = Tagger::embedded();
        let mut g = c.benchmark_group("tagger");
        // Start-up cost: decoding the embedded model file into its tables.
        g.bench_function("load-model", |b| {
            b.iter(|| Tagger::from_bytes(Tagger::embedded_bytes()).is_ok())
        });
        g.measurement_time(Duration::from_secs(8));
        g.sample_size(10);
        let mut corpora = vec![("seeds", seeds())];
        match conll_test() {
            Some(d) => corpora.push(("conll-test", d)),
            None => {
                eprintln!("tagger bench: ../shared/data absent, skipping the conll-test corpus")
            }
        }
        for (name, docs) in corpora {
            let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
            g.throughput(Throughput::Bytes(bytes as u64));
            g.bench_function(name, |b| {
                b.iter(|| {
                    let mut n = 0;
                    for d in &docs {
                        n += tagger.tag(&d.text, &d.tokens, &d.sentences).len();
                    }
                    n
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
