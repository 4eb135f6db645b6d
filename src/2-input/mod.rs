//! The documents as the caller gives them, and the checks they must pass.
//!
//! Text arrives as Rust `&str`, so it is valid UTF-8 by construction. Callers that start from
//! bytes (the CLI reading files) report invalid UTF-8 themselves with the byte position. From
//! JavaScript, unpaired UTF-16 surrogates become U+FFFD on the way in: both are one UTF-16 code
//! unit, so every UTF-16 offset the analyzer returns is still an offset into the caller's
//! original string.

use serde::Deserialize;

pub mod calendar;
pub mod model_file;

/// Largest document accepted, in bytes of UTF-8. Larger input gets [`InputError::TooLarge`]
/// instead of minutes of work: 16 MiB is far beyond any article, yet small enough that a
/// browser tab stays within memory.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// Largest batch accepted, in bytes of UTF-8 over all documents.
pub const MAX_BATCH_BYTES: usize = 256 << 20;

/// Most entries in a reader's name list; far beyond a newsroom's list, small enough to stay fast.
pub const MAX_NAMES: usize = 100_000;

/// Most words in one name-list pattern.
pub const MAX_PATTERN_WORDS: usize = 16;

/// Every limit above, as plain data.
pub const LIMITS: Limits = Limits {
    max_document_bytes: MAX_DOCUMENT_BYTES as u32,
    max_batch_bytes: MAX_BATCH_BYTES as u32,
    max_names: MAX_NAMES as u32,
    max_pattern_words: MAX_PATTERN_WORDS as u32,
};

/// The limits the core enforces, for callers that check input before sending it (the page
/// reads them rather than copying them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Limits {
    /// Largest document, in bytes of UTF-8.
    pub max_document_bytes: u32,
    /// Largest batch, in bytes of UTF-8 over all documents.
    pub max_batch_bytes: u32,
    /// Most entries in a reader's name list.
    pub max_names: u32,
    /// Most words in one name-list pattern.
    pub max_pattern_words: u32,
}

/// One article to analyse.
///
/// Other fields are ignored, so records that carry more (gold `tokens` and `entities` in the
/// evaluation JSONL, a CMS's metadata) can be piped in as they are; a misspelt `text` is still
/// caught, as a missing field.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Document {
    /// Caller's identifier, echoed in the result; unique within a batch.
    pub id: String,
    /// The article text, exactly as the reader gave it.
    pub text: String,
    /// Publication date `YYYY-MM-DD`, used to resolve relative dates.
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub date: Option<String>,
    /// How the document writes numeric dates whose day and month could be swapped (8/10/2012).
    /// Absent: from the document's own evidence (a date it writes that can only be read one
    /// way), else month first with slashes and day first with dots and hyphens.
    #[serde(default)]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub date_order: Option<DateOrder>,
}

/// The order of day and month in a numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum DateOrder {
    /// 8/10/2012 is August 10 (United States).
    MonthFirst,
    /// 8/10/2012 is 8 October (most of the world).
    DayFirst,
}

impl Document {
    /// A document without a date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
            date_order: None,
        }
    }
}

/// Why a batch was refused. Every message names the document and says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("document {id:?} is {bytes} bytes; the limit is {limit} bytes per document: split it into several documents")]
    TooLarge {
        id: String,
        bytes: usize,
        limit: usize,
    },
    #[error("the batch is {bytes} bytes; the limit is {limit} bytes per batch: analyse it in several batches")]
    BatchTooLarge { bytes: usize, limit: usize },
    #[error("document id {id:?} appears more than once in the batch: ids must be unique")]
    DuplicateId { id: String },
    #[error("document {id:?} has date {date:?}: expected a calendar date written YYYY-MM-DD")]
    BadDate { id: String, date: String },
    #[error("the recovery names document {index}, but the batch has {batch} documents: name failed documents by their 0-based index in this batch")]
    BadRecovery { index: usize, batch: usize },
}

/// Checks a batch before any work is done.
pub fn validate(docs: &[Document]) -> Result<(), InputError> {
    let mut seen = std::collections::HashSet::with_capacity(docs.len());
    let mut total = 0usize;
    for doc in docs {
        if doc.text.len() > MAX_DOCUMENT_BYTES {
            return Err(InputError::TooLarge {
                id: doc.id.clone(),
                bytes: doc.text.len(),
                limit: MAX_DOCUMENT_BYTES,
            });
        }
        total += doc.text.len();
        if !seen.insert(doc.id.as_str()) {
            return Err(InputError::DuplicateId { id: doc.id.clone() });
        }
        if let Some(date) = &doc.date {
            if parse_date(date).is_none() {
                return Err(InputError::BadDate {
                    id: doc.id.clone(),
                    date: date.clone(),
                });
            }
        }
    }
    if total > MAX_BATCH_BYTES {
        return Err(InputError::BatchTooLarge {
            bytes: total,
            limit: MAX_BATCH_BYTES,
        });
    }
    Ok(())
}

/// Parses `YYYY-MM-DD` into (year, month, day), checking that the day exists.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
    let days = calendar::days_in_month(y, m)?;
    (1..=days).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_for_real_days() {
        assert_eq!(parse_date("2020-02-29"), Some((2020, 2, 29)));
        assert_eq!(parse_date("2019-02-29"), None, "2019 is not a leap year");
        assert_eq!(parse_date("2020-13-01"), None);
        assert_eq!(parse_date("2020-1-01"), None);
        assert_eq!(parse_date("２０２０-01-01"), None, "only ASCII digits");
    }

    #[test]
    fn duplicate_ids_and_bad_dates_are_refused_with_the_id() {
        let a = Document::new("a", "x");
        let err = validate(&[a.clone(), a.clone()]).unwrap_err();
        assert_eq!(err, InputError::DuplicateId { id: "a".into() });
        let mut b = Document::new("b", "y");
        b.date = Some("17/02/2020".into());
        let msg = validate(&[b]).unwrap_err().to_string();
        assert!(msg.contains("\"b\"") && msg.contains("YYYY-MM-DD"), "{msg}");
    }

    #[test]
    fn oversized_document_is_refused() {
        let big = Document::new("big", "a".repeat(MAX_DOCUMENT_BYTES + 1));
        assert!(matches!(validate(&[big]), Err(InputError::TooLarge { .. })));
    }
}
