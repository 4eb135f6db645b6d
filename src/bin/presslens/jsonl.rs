//! The one reader of JSON Lines input (`{"id","text","date"?,"date_order"?}` per line), for the
//! batch (`presslens analyze`) and for the stream (`presslens analyze --jsonl`).
//!
//! Reads are bounded: a line longer than any document within the size limit is refused before
//! it is read in full (and, when the caller goes on, the rest of it is read and dropped a
//! piece at a time), so endless input (`< /dev/zero`) never exhausts the memory.

use std::io::BufRead;

use presslens::{input, Document};

/// Longest JSONL line read: a document at the size limit with every character escaped as
/// `\uXXXX` (six bytes each), plus room for the other fields.
pub const MAX_LINE_BYTES: usize = 6 * input::MAX_DOCUMENT_BYTES + (1 << 20);

/// How much longer than the limit an over-long line may go on before the input is taken for
/// something other than JSON Lines.
const SKIP_FACTOR: usize = 4;

/// Why a line gave no document.
#[derive(Debug)]
pub enum LineError {
    /// The input cannot be read further (an I/O error): nothing after it can be trusted.
    Fatal(String),
    /// This line is bad (not JSON, a missing field, not UTF-8, too long); the next one may be
    /// read. The message names the line and says what to fix.
    Bad(String),
}

impl LineError {
    pub fn message(self) -> String {
        match self {
            LineError::Fatal(m) | LineError::Bad(m) => m,
        }
    }
}

/// The documents of JSON Lines input, one per non-blank line, with the line number
/// (1-based). A UTF-8 byte order mark before the first line is ignored.
pub struct JsonlDocs<R> {
    input: R,
    line_no: usize,
    line: Vec<u8>,
    done: bool,
    /// The last line was too long and its rest is still to be dropped (done lazily, on the
    /// next read, so that a caller that stops at the error never reads on).
    skip: bool,
    /// Longest line read ([`MAX_LINE_BYTES`]; smaller in tests).
    limit: usize,
}

impl<R: BufRead> JsonlDocs<R> {
    pub fn new(input: R) -> Self {
        Self::with_limit(input, MAX_LINE_BYTES)
    }

    fn with_limit(input: R, limit: usize) -> Self {
        JsonlDocs {
            input,
            line_no: 0,
            line: Vec::new(),
            done: false,
            skip: false,
            limit,
        }
    }

    /// Reads and drops the rest of an over-long line, a buffer at a time. A line that does not
    /// end within [`SKIP_FACTOR`] times the limit is not JSON Lines (`/dev/zero`): an error.
    fn skip_rest_of_line(&mut self) -> Result<(), String> {
        let n = self.line_no;
        let mut dropped = 0usize;
        loop {
            let buf = self
                .input
                .fill_buf()
                .map_err(|e| format!("stdin: cannot read line {n}: {e}"))?;
            if buf.is_empty() {
                return Ok(());
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.input.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let len = buf.len();
                    self.input.consume(len);
                    dropped += len;
                    if dropped > SKIP_FACTOR * self.limit {
                        return Err(format!(
                            "stdin line {n}: no line break within {} bytes: this is not JSON Lines",
                            dropped + self.limit
                        ));
                    }
                }
            }
        }
    }

    fn parse(&self) -> Option<Result<Document, LineError>> {
        let n = self.line_no;
        let mut bytes = self.line.as_slice();
        if n == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(line) => line.trim(),
            Err(e) => {
                return Some(Err(LineError::Bad(format!(
                    "stdin line {n}: not valid UTF-8 at byte {} of the line",
                    e.valid_up_to()
                ))))
            }
        };
        if line.is_empty() {
            return None;
        }
        Some(serde_json::from_str(line).map_err(|e| {
            LineError::Bad(format!(
                "stdin line {n}: expected a JSON object {{\"id\": string, \"text\": string, \"date\"?: \"YYYY-MM-DD\"}}: {e}"
            ))
        }))
    }
}

impl<R: BufRead> Iterator for JsonlDocs<R> {
    type Item = (usize, Result<Document, LineError>);

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if std::mem::take(&mut self.skip) {
                if let Err(e) = self.skip_rest_of_line() {
                    self.done = true;
                    return Some((self.line_no, Err(LineError::Fatal(e))));
                }
            }
            self.line.clear();
            self.line_no += 1;
            let n = self.line_no;
            let read = std::io::Read::take(&mut self.input, self.limit as u64 + 1)
                .read_until(b'\n', &mut self.line);
            match read {
                Err(e) => {
                    self.done = true;
                    let e = LineError::Fatal(format!("stdin: cannot read line {n}: {e}"));
                    return Some((n, Err(e)));
                }
                Ok(0) => self.done = true,
                Ok(_) if self.line.len() > self.limit => {
                    self.line = Vec::new(); // the long line's memory goes back at once
                    self.skip = true;
                    let e = LineError::Bad(format!(
                        "stdin line {n}: longer than {} bytes, more than any document within the limit of {} bytes: split it into several documents (one JSON object per line)",
                        self.limit,
                        input::MAX_DOCUMENT_BYTES
                    ));
                    return Some((n, Err(e)));
                }
                Ok(_) => {
                    if let Some(parsed) = self.parse() {
                        return Some((n, parsed));
                    }
                }
            }
        }
        None
    }
}

/// Reads every document of the batch; the first bad line ends the batch with its error, as
/// does a batch over the size limit.
pub fn read_all(input: impl BufRead) -> Result<Vec<Document>, String> {
    let mut docs = Vec::new();
    let mut batch_bytes = 0usize;
    for (n, doc) in JsonlDocs::new(input) {
        let doc = doc.map_err(LineError::message)?;
        batch_bytes += doc.text.len();
        if batch_bytes > input::MAX_BATCH_BYTES {
            return Err(format!(
                "stdin line {n}: the documents so far hold more than {} bytes, the limit per batch: analyse the input in several batches",
                input::MAX_BATCH_BYTES
            ));
        }
        docs.push(doc);
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn lines(input: &[u8]) -> Vec<(usize, Result<String, String>)> {
        JsonlDocs::new(input)
            .map(|(n, d)| {
                (
                    n,
                    d.map(|d| d.id).map_err(|e| match e {
                        LineError::Bad(m) => format!("bad: {m}"),
                        LineError::Fatal(m) => format!("fatal: {m}"),
                    }),
                )
            })
            .collect()
    }

    #[test]
    fn a_bad_line_is_named_and_the_next_one_is_still_read() {
        let got = lines(b"\xef\xbb\xbf{\"id\":\"a\",\"text\":\"x\"}\n\nnot json\n{\"id\":\"b\",\"text\":\"\xff\"}\n{\"id\":\"c\",\"text\":\"y\"}");
        assert_eq!(
            got.len(),
            4,
            "blank lines give nothing, the rest one item each: {got:?}"
        );
        assert_eq!(got[0], (1, Ok("a".into())), "the BOM is skipped");
        assert!(
            matches!(&got[1], (3, Err(m)) if m.starts_with("bad: stdin line 3")),
            "{got:?}"
        );
        assert!(
            matches!(&got[2], (4, Err(m)) if m.contains("UTF-8")),
            "{got:?}"
        );
        assert_eq!(
            got[3],
            (5, Ok("c".into())),
            "a last line without a newline counts"
        );
    }

    #[test]
    fn an_over_long_line_is_refused_and_skipped_without_reading_it_whole() {
        let long = format!("{{\"id\":\"x\",\"text\":\"{}\"}}\n", "a".repeat(1000));
        let input = format!("{long}{{\"id\":\"b\",\"text\":\"y\"}}\n");
        // A small buffer, so that the long line's rest is dropped over several reads.
        let reader = std::io::BufReader::with_capacity(64, input.as_bytes());
        let got: Vec<_> = JsonlDocs::with_limit(reader, 300)
            .map(|(n, d)| (n, d.map(|d| d.id).map_err(LineError::message)))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            matches!(&got[0], (1, Err(m)) if m.contains("line 1") && m.contains("longer than 300 bytes")),
            "an over-long line names itself and the limit: {got:?}"
        );
        assert_eq!(
            got[1],
            (2, Ok("b".into())),
            "the line after an over-long one is read"
        );
    }

    #[test]
    fn endless_input_without_line_breaks_ends_with_an_error() {
        // Like `< /dev/zero`: the first item is the over-long line; reading on (as --skip-bad
        // does) ends with a fatal error instead of reading forever.
        let zeros = std::io::repeat(0).take(1 << 20);
        let reader = std::io::BufReader::with_capacity(64, zeros);
        let mut docs = JsonlDocs::with_limit(reader, 100);
        assert!(matches!(docs.next(), Some((1, Err(LineError::Bad(_))))));
        match docs.next() {
            Some((1, Err(LineError::Fatal(m)))) => assert!(m.contains("not JSON Lines"), "{m}"),
            other => panic!("endless input must end with a fatal error, got {other:?}"),
        }
        assert!(docs.next().is_none(), "nothing is read after a fatal error");
    }
}
