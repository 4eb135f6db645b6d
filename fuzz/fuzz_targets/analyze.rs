//! Fuzzes the whole analysis (issue #12): batches of one to four documents built from pieces of
//! news copy (`NEWS_PIECES` in tests/support/check.rs: every kind of quotation mark and space,
//! zero-width and right-to-left marks, currency signs, dashes, CR/LF/CRLF, combining marks,
//! astral characters, dates, speech verbs, titles, names, boilerplate phrases), long runs of
//! one character, numbers, capitalised words and arbitrary strings, each document with an
//! optional publication date (some invalid). Each batch goes through `Analyzer::analyze`
//! and the result through the shared checker, `check_analysis` in tests/support/check.rs (which
//! runs it twice to check determinism: done for one batch in eight).
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
#[path = "../../tests/support/check.rs"]
mod check;

use check::{check_analysis, check_analysis_once, NEWS_PIECES};
use presslens::{Analyzer, Document};

/// Largest document built, in bytes: small documents keep executions fast; quadratic time is
/// measured by scripts/bench_scaling.sh instead.
const MAX_DOC_BYTES: usize = 8 << 10;

/// Characters repeated by [`Piece::Run`].
const RUN_CHARS: &[char] = &[
    'a',
    'A',
    '1',
    ' ',
    '.',
    ',',
    '-',
    '"',
    '\'',
    '\u{201C}',
    '\u{201D}',
    '\u{2019}',
    '\n',
    '\r',
    '\u{A0}',
    '\u{2014}',
    '\u{20AC}',
    '\u{1F600}',
    '\u{301}',
    '\u{200B}',
    '\u{200F}',
    '\u{5D0}',
    '\u{3000}',
    '(',
    '\u{AB}',
];

const INVALID_DATES: &[&str] = &[
    "2020-02-30",
    "2019-02-29",
    "17/02/2020",
    "2020-1-01",
    "",
    "2020-13-01",
    "\u{FF12}020-01-01",
];

#[derive(Debug, Arbitrary)]
enum Piece {
    /// One of the news pieces.
    News(u8),
    /// A second weight for news pieces (derived enums choose variants evenly).
    News2(u8),
    /// One character of [`RUN_CHARS`] repeated 1 to 256 × 4 times.
    Run(u8, u8),
    /// A number.
    Number(u32),
    /// A capitalised word of 2 to 7 letters.
    Word(u32),
    /// Any character.
    Char(char),
    /// Any string.
    Text(String),
}

/// One in 32 is an invalid date (the batch must be refused); the others are 2000-01-01 plus
/// some days.
#[derive(Debug, Arbitrary)]
struct Date(u16);

#[derive(Debug, Arbitrary)]
struct Doc {
    pieces: Vec<Piece>,
    date: Option<Date>,
    /// 0: reuse the previous document's id (the batch must be refused).
    id: u8,
}

fn date(days: u16) -> String {
    let (mut y, mut d) = (2000u32, u32::from(days) % 10_000);
    loop {
        let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
        let len = if leap { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let months = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, d + 1)
}

fn text(pieces: &[Piece]) -> String {
    let mut s = String::new();
    for p in pieces {
        let before = s.len();
        match p {
            Piece::News(i) | Piece::News2(i) => {
                s.push_str(NEWS_PIECES[*i as usize % NEWS_PIECES.len()])
            }
            Piece::Run(c, n) => {
                let c = RUN_CHARS[*c as usize % RUN_CHARS.len()];
                s.extend(std::iter::repeat_n(c, (*n as usize + 1) * 4));
            }
            Piece::Number(n) => s.push_str(&n.to_string()),
            Piece::Word(w) => {
                let mut w = *w;
                let len = 2 + (w % 6) as usize;
                w /= 6;
                for k in 0..len {
                    let letter = (w % 26) as u8;
                    w = w / 26 + 7;
                    s.push(char::from(if k == 0 { b'A' } else { b'a' } + letter));
                }
            }
            Piece::Char(c) => s.push(*c),
            Piece::Text(t) => s.push_str(t),
        }
        if s.len() > MAX_DOC_BYTES {
            s.truncate(before);
            break;
        }
    }
    s
}

fuzz_target!(|batch: Vec<Doc>| {
    let mut docs: Vec<Document> = Vec::new();
    for (k, d) in batch.iter().take(4).enumerate() {
        let id = match (d.id, docs.last()) {
            (0, Some(prev)) => prev.id.clone(),
            _ => format!("d{k}"),
        };
        docs.push(Document {
            id,
            text: text(&d.pieces),
            date: d.date.as_ref().map(|&Date(n)| match n % 32 {
                31 => INVALID_DATES[usize::from(n / 32) % INVALID_DATES.len()].to_string(),
                _ => date(n / 32),
            }),
            date_order: None,
        });
    }
    if docs.is_empty() {
        docs.push(Document::new("d0", ""));
    }
    // `PRESSLENS_FUZZ_DUMP=FILE target/.../analyze CRASH` writes the batch as the CLI's JSONL,
    // to keep a crash input as a readable regression case (tests/data/fuzz-regressions/).
    if let Some(path) = std::env::var_os("PRESSLENS_FUZZ_DUMP") {
        let jsonl: String = docs
            .iter()
            .map(|d| {
                let mut rec = serde_json::json!({ "id": d.id, "text": d.text });
                if let Some(date) = &d.date {
                    rec["date"] = date.as_str().into();
                }
                format!("{rec}\n")
            })
            .collect();
        std::fs::write(path, jsonl).expect("PRESSLENS_FUZZ_DUMP must be a writable path");
    }
    // Determinism (a second run, equal results) on one batch in eight: it doubles the cost.
    let total: usize = docs.iter().map(|d| d.text.len()).sum();
    let check = if total.is_multiple_of(8) {
        check_analysis
    } else {
        check_analysis_once
    };
    if let Err(e) = check(&Analyzer::new(), &docs) {
        panic!("{e}\nbatch: {docs:?}");
    }
});
