//! The reader's own name lists — a newsroom's politicians, units, programmes — matched
//! with priority over every other layer.
//!
//! A list entry is a pattern with a label, and optionally a `kind` and a `value` for the result.
//! Patterns are words; `*` stands for any one word ("Minister *"). Matching is by whole words
//! (runs of letters and digits) and ignores the punctuation and spacing between them, except
//! line breaks ("Vucic-led" does not match "Vucic"; "U.S." matches "U. S."). A pattern with a
//! capital letter matches case-sensitively; an all-lower-case pattern matches any casing. The
//! longest match wins; on a tie, the earlier entry in the list.
//!
//! The CLI reads them from a TSV file (`presslens analyze --names FILE.tsv`, format in
//! [`UserNames::parse_tsv`]); JavaScript passes an array of `{pattern, label, kind?, value?}`
//! to `Analyzer.setUserNames`.

use std::collections::HashMap;

use serde::Deserialize;

use crate::mentions::gazetteer::alnum_runs;
use crate::text::tokenize::is_line_break;
use crate::vocab::Label;

use crate::input::{MAX_NAMES, MAX_PATTERN_WORDS as MAX_WORDS};

/// One entry of a reader's list, as the reader gives it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct UserName {
    /// Words to find, `*` for any one word.
    pub pattern: String,
    /// The label of what it finds.
    pub label: Label,
    /// Finer type for the result (`Entity.kind`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub kind: Option<String>,
    /// Normalized value for the result (`Entity.value`), e.g. the canonical spelling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub value: Option<String>,
}

/// Why a list was refused. Messages name the line or entry and say what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserNamesError {
    #[error("line {line}: {msg}")]
    Line { line: usize, msg: String },
    #[error("name {index} ({pattern:?}): {msg}")]
    Entry {
        index: usize,
        pattern: String,
        msg: String,
    },
    #[error(
        "the list has {count} names; the limit is {MAX_NAMES}: split it or keep the ones you need"
    )]
    TooMany { count: usize },
}

#[derive(Debug, Clone, PartialEq)]
enum Word {
    Lit(String),
    Any,
}

#[derive(Debug, Clone)]
struct Compiled {
    words: Vec<Word>,
    case_sensitive: bool,
    name: UserName,
}

/// A compiled list, ready to match. The default is empty.
#[derive(Debug, Clone, Default)]
pub struct UserNames {
    patterns: Vec<Compiled>,
    /// Entries by their first literal word, lower-cased: (how many `*` words come before it,
    /// entry), sorted. Indexing by a literal keeps a list of `* Word` patterns as fast as one
    /// of plain words.
    by_literal: HashMap<String, Vec<(usize, usize)>>,
    /// The most `*` words before an entry's first literal word.
    max_lead: usize,
}

/// A match: byte range and the entry that matched.
#[derive(Debug, Clone, PartialEq)]
pub struct UserMatch<'a> {
    pub start: usize,
    pub end: usize,
    pub name: &'a UserName,
}

impl UserNames {
    /// Compiles a list, checking every entry.
    pub fn new(list: Vec<UserName>) -> Result<UserNames, UserNamesError> {
        if list.len() > MAX_NAMES {
            return Err(UserNamesError::TooMany { count: list.len() });
        }
        let mut out = UserNames::default();
        for (index, name) in list.into_iter().enumerate() {
            let err = |msg: &str| UserNamesError::Entry {
                index,
                pattern: name.pattern.clone(),
                msg: msg.to_string(),
            };
            let words: Vec<Word> = name
                .pattern
                .split_whitespace()
                .flat_map(|w| {
                    if w == "*" {
                        vec![Word::Any]
                    } else {
                        alnum_runs(w)
                            .into_iter()
                            .map(|(a, b)| Word::Lit(w[a..b].to_string()))
                            .collect()
                    }
                })
                .collect();
            if !words.iter().any(|w| matches!(w, Word::Lit(_))) {
                return Err(err(
                    "the pattern has no word to find: give at least one word of letters or digits",
                ));
            }
            if words.len() > MAX_WORDS {
                return Err(err(&format!("the pattern has more than {MAX_WORDS} words")));
            }
            let case_sensitive = name.pattern.chars().any(char::is_uppercase);
            let (lead, key) = words
                .iter()
                .enumerate()
                .find_map(|(k, w)| match w {
                    Word::Lit(l) => Some((k, l.to_lowercase())),
                    Word::Any => None,
                })
                .expect("checked above: the pattern has a literal word");
            out.max_lead = out.max_lead.max(lead);
            out.by_literal
                .entry(key)
                .or_default()
                .push((lead, out.patterns.len()));
            out.patterns.push(Compiled {
                words,
                case_sensitive,
                name,
            });
        }
        for bucket in out.by_literal.values_mut() {
            crate::vocab::sort::sort(bucket);
        }
        Ok(out)
    }

    /// Parses and compiles a TSV list (format in [`parse_list`]).
    pub fn parse_tsv(text: &str) -> Result<UserNames, UserNamesError> {
        let (list, lines) = parse_list_with_lines(text)?;
        UserNames::new(list).map_err(|e| match e {
            // Report entries by their line rather than by their index.
            UserNamesError::Entry {
                index,
                pattern,
                msg,
            } => UserNamesError::Line {
                line: lines[index],
                msg: format!("{pattern:?}: {msg}"),
            },
            other => other,
        })
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every match in `text`: the longest at each position (the earlier entry on a tie),
    /// sorted, non-overlapping.
    pub fn find<'a>(&'a self, text: &str) -> Vec<UserMatch<'a>> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let runs = alnum_runs(text);
        let lower: Vec<String> = runs
            .iter()
            .map(|&(a, b)| text[a..b].to_lowercase())
            .collect();
        let joinable = |j: usize| !text[runs[j - 1].1..runs[j].0].contains(is_line_break);
        // The entries whose first literal word, `lead` words into the entry, is run `i + lead`.
        let (n_runs, lower) = (runs.len(), &lower);
        let candidates = |i: usize| {
            (0..=self.max_lead)
                .filter(move |lead| i + lead < n_runs)
                .flat_map(move |lead| {
                    let bucket = self.by_literal.get(&lower[i + lead]).map_or(&[][..], |b| b);
                    let from = bucket.partition_point(|&(l, _)| l < lead);
                    let to = bucket.partition_point(|&(l, _)| l <= lead);
                    bucket[from..to].iter().map(|&(_, p)| p)
                })
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < runs.len() {
            let mut best: Option<(usize, usize)> = None; // (end run, pattern)
            for p in candidates(i) {
                let c = &self.patterns[p];
                let n = c.words.len();
                if i + n > runs.len() || !(i + 1..i + n).all(joinable) {
                    continue;
                }
                let ok = c.words.iter().enumerate().all(|(k, w)| match w {
                    Word::Any => true,
                    Word::Lit(l) => {
                        let t = &text[runs[i + k].0..runs[i + k].1];
                        if c.case_sensitive {
                            t == l
                        } else {
                            t.to_lowercase() == *l
                        }
                    }
                });
                if ok && best.is_none_or(|(e, q)| i + n > e || (i + n == e && p < q)) {
                    best = Some((i + n, p));
                }
            }
            match best {
                Some((end, p)) => {
                    out.push(UserMatch {
                        start: runs[i].0,
                        end: runs[end - 1].1,
                        name: &self.patterns[p].name,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Parses a reader's list in the one text format, the same for the CLI (`--names FILE`) and the
/// page (through the wasm skin): one entry per line, `pattern<TAB>LABEL[<TAB>kind[<TAB>value]]`,
/// where LABEL is one of PER ORG LOC MISC DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL;
/// blank lines and lines whose first non-blank character is `#` are skipped. Errors name the
/// line. Entries are checked when compiled ([`UserNames::new`]).
pub fn parse_list(text: &str) -> Result<Vec<UserName>, UserNamesError> {
    parse_list_with_lines(text).map(|(list, _)| list)
}

/// [`parse_list`], with each entry's line number.
fn parse_list_with_lines(text: &str) -> Result<(Vec<UserName>, Vec<usize>), UserNamesError> {
    let mut list = Vec::new();
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let err = |msg: String| UserNamesError::Line { line: n + 1, msg };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 || cols.len() > 4 {
            return Err(err(format!(
                "expected pattern<TAB>LABEL[<TAB>kind[<TAB>value]], found {} column(s)",
                cols.len()
            )));
        }
        let label = Label::from_name(cols[1].trim()).ok_or_else(|| {
            err(format!(
                "unknown label {:?}: use one of {}",
                cols[1],
                Label::ALL.map(Label::as_str).join(" ")
            ))
        })?;
        let opt = |k: usize| {
            cols.get(k)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        list.push(UserName {
            pattern: cols[0].trim().to_string(),
            label,
            kind: opt(2),
            value: opt(3),
        });
        lines.push(n + 1);
    }
    Ok((list, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(list: &UserNames, text: &str) -> Vec<(String, Label)> {
        list.find(text)
            .into_iter()
            .map(|m| (text[m.start..m.end].to_string(), m.name.label))
            .collect()
    }

    #[test]
    fn tsv_entries_match_whole_words_longest_first() {
        let list = UserNames::parse_tsv(
            "# our people\nVučić\tPER\tpolitician\tAleksandar Vučić\nAleksandar Vučić\tPER\n\
             defense ministry\tORG\nMinister *\tPER\n",
        )
        .unwrap();
        assert_eq!(list.len(), 4);
        let text =
            "Aleksandar Vučić met the Defense Ministry; Vučić-led talks. Minister Vulin spoke.";
        assert_eq!(
            spans(&list, text),
            [
                ("Aleksandar Vučić".to_string(), Label::PER),
                ("Defense Ministry".to_string(), Label::ORG),
                ("Vučić".to_string(), Label::PER),
                ("Minister Vulin".to_string(), Label::PER),
            ],
            "help: longest match first; lower-case patterns ignore case"
        );
        let m = list.find("Vučić said");
        assert_eq!(m[0].name.kind.as_deref(), Some("politician"));
        assert_eq!(m[0].name.value.as_deref(), Some("Aleksandar Vučić"));
    }

    #[test]
    fn capitalized_patterns_are_case_sensitive() {
        let list = UserNames::parse_tsv("Rodić\tPER\n").unwrap();
        assert!(list.find("the rodić case").is_empty());
        assert_eq!(list.find("Rodić said").len(), 1);
    }

    #[test]
    fn bad_lists_are_refused_with_the_line() {
        let e = UserNames::parse_tsv("ok\tPER\nbad\tPERSON\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 2: unknown label \"PERSON\""),
            "{e}"
        );
        let e = UserNames::parse_tsv("only-one-column\n").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        let e = UserNames::parse_tsv("x\tPER\n*\tORG\n").unwrap_err();
        assert!(
            e.to_string().contains("line 2") && e.to_string().contains("no word"),
            "{e}"
        );
    }

    #[test]
    fn patterns_that_start_with_wildcards_match_through_their_first_word() {
        let list = UserNames::parse_tsv(
            "* Brigade\tORG\n* * Division\tORG\nGeneral *\tPER\n* General *\tPER\n",
        )
        .unwrap();
        assert_eq!(
            spans(
                &list,
                "The 72nd Brigade met the 4th Guards Division. Lieutenant General Ivanov spoke."
            ),
            [
                ("72nd Brigade".to_string(), Label::ORG),
                ("4th Guards Division".to_string(), Label::ORG),
                ("Lieutenant General Ivanov".to_string(), Label::PER),
            ],
            "help: entries are indexed by their first literal word and its position (by_literal)"
        );
        assert!(
            list.find("Brigade at the start").is_empty(),
            "a `*` needs a word before"
        );
        let many: Vec<UserName> = (0..1000)
            .map(|i| UserName {
                pattern: format!("* Word{i}"),
                label: Label::MISC,
                kind: None,
                value: None,
            })
            .collect();
        let list = UserNames::new(many).unwrap();
        assert_eq!(
            spans(&list, "the Word999 and Word5"),
            [
                ("the Word999".to_string(), Label::MISC),
                ("and Word5".to_string(), Label::MISC),
            ]
        );
    }

    #[test]
    fn indented_comments_are_comments_and_errors_name_the_right_line() {
        let list = parse_list("  # a note\nVučić\tPER\n\t# another\n").unwrap();
        assert_eq!(
            list.len(),
            1,
            "indented # lines are comments, as in the page: {list:?}"
        );
        let e = UserNames::parse_tsv("x\tPER\nx\tPER\n*\tORG\n").unwrap_err();
        assert!(e.to_string().starts_with("line 3:"), "{e}");
    }

    #[test]
    fn no_match_across_line_breaks() {
        let list = UserNames::parse_tsv("New Europe\tORG\n").unwrap();
        assert!(list.find("New\nEurope").is_empty());
        assert!(
            list.find("New\rEurope").is_empty(),
            "CR is a line break too"
        );
        assert_eq!(list.find("New  Europe").len(), 1);
    }
}
