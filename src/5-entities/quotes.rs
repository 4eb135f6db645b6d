//! Direct quotations and who said them.
//!
//! **Finding quotes.** Within each line (paragraph) of the text: “…”, "…" and ‘…’. A single
//! ’ closes a ‘ only when no letter follows it, so apostrophes (Serbia’s) never close a quote;
//! single quotes inside a double quote are left alone. A quote still open at the end of its
//! paragraph runs to the end of it (the news convention for a quote that goes on in the next
//! paragraph, which then opens with a new quotation mark).
//!
//! **Attributing them.** The window is the sentence(s) the quote overlaps, without the text
//! inside any quotation marks. The speech verb ([`lexicon::speech_verbs`]) nearest the quote in that
//! window is the attribution, "according to" only when there is no speech verb (it names the
//! source of a report, not the speaker: "X said “…”, according to Reuters" is X's); its
//! speaker is, in order of preference:
//! - the mention just before the verb ("Vulin said", "Shoigu also said", "Vučić’s cabinet
//!   stated" → Vučić, "Shoigu, the Russian minister, said"), or the pronoun there
//!   ("he said" → the last person quoted before, else the last person mentioned);
//! - the mention just after it, past any titles ("said Defense Minister Aleksandar Vulin",
//!   "according to Reuters");
//! - without a verb, a mention followed by a colon just before the quote ("Vulin: “…”").
//!
//! A quote with no attribution that opens its sentence right after a quote of a known speaker
//! (in the same or the previous paragraph) continues that speaker's words.
//!
//! **Scare quotes and titles are not quotations of a person** (the rule): a quoted span of one
//! word, or of at most three words that are all capitalised (“Serbia”, “Top Gun”), is never a
//! quote; a span of two or three words without any attribution and without closing punctuation
//! inside (“upward trend” in a sentence with no speech verb) is a scare quote and is dropped.
//! With an attribution in its sentence such a span is a partial quotation and is kept
//! ("… on an “upward trend”, the ministry said"). Longer unattributed spans are kept with a
//! null speaker.
//!
//! Quotes inside boilerplate are kept, flagged, and never attributed.

use crate::entities::resolve::key;
use crate::entities::resolve::NameMention;
use crate::lexicon;
use crate::text::boilerplate::Block;
use crate::text::sentences::Sentence;
use crate::text::tokenize::{is_line_break, Token};
use crate::vocab::Label;

/// Words allowed between a subject and its verb ("Shoigu also said", "Vulin has said").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "was",
    "is",
    "further",
    "again",
    "once",
    "previously",
    "recently",
    "reportedly",
    "repeatedly",
    "earlier",
    "last",
    "week",
    "has",
    "on",
];

/// One quotation in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Byte offset of the first character inside the quotation marks.
    pub start: usize,
    /// Byte offset one past the last character inside them.
    pub end: usize,
    /// Index of the speaker's mention (in the document's mention list), if attributed to one.
    pub speaker: Option<usize>,
    /// The speaker as written at the attribution ("Shoigu", "he", "the ministry").
    pub speaker_text: Option<String>,
    /// Whether the quote lies in boilerplate.
    pub boilerplate: bool,
}

/// A quotation-mark span before filtering.
#[derive(Debug, Clone, Copy)]
struct Span {
    /// Byte offset of the opening mark.
    open: usize,
    /// Byte offset just after the closing mark (or the end of the paragraph).
    close: usize,
    /// Content range.
    start: usize,
    end: usize,
}

/// Finds the quotation-mark spans of one paragraph `line` starting at byte `base`.
fn spans_in(line: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut double: Option<(usize, char)> = None; // (byte of opening mark, the mark)
                                                  // A straight quotation opened inside a curly one ("“He said "no" today”").
    let mut nested = false;
    let mut single: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        // Asked only at a quotation mark (not for every character of the text).
        let opens_here = || {
            prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘\"".contains(p))
                && next.is_some_and(|n| !n.is_whitespace())
        };
        match c {
            '“' if double.is_none() => double = Some((i, c)),
            '”' => {
                if let Some((o, mark)) = double.take() {
                    push(&mut out, base, o, mark, i, c);
                    single = None;
                    nested = false;
                }
            }
            '"' => match double {
                Some((o, '"')) => {
                    double = None;
                    push(&mut out, base, o, '"', i, c);
                    single = None;
                }
                Some(_) if nested => nested = false,
                Some(_) if opens_here() => nested = true,
                // Ordinary copy mixes marks: a straight mark that does not open closes “.
                Some((o, mark)) => {
                    double = None;
                    push(&mut out, base, o, mark, i, c);
                    single = None;
                }
                None if opens_here() => double = Some((i, c)),
                None => {}
            },
            '‘' if double.is_none() && single.is_none() && opens_here() => single = Some(i),
            '’' if double.is_none() => {
                if let Some(o) = single {
                    if next.is_none_or(|n| !n.is_alphabetic()) {
                        push(&mut out, base, o, '‘', i, c);
                        single = None;
                    }
                }
            }
            _ => {}
        }
    }
    if let Some((o, mark)) = double {
        // Open to the end of the paragraph.
        let start = o + mark.len_utf8();
        if line[start..].split_whitespace().count() >= 3 {
            out.push(Span {
                open: base + o,
                close: base + line.len(),
                start: base + start,
                end: base + line.trim_end().len(),
            });
        }
    }
    crate::vocab::sort::sort_by_key(&mut out, |s| s.open);
    out
}

/// Records the quotation from the mark `om` at byte `open` to the mark `cm` at byte `close`
/// (both relative to the paragraph at `base`); the content lies between the two marks.
fn push(out: &mut Vec<Span>, base: usize, open: usize, om: char, close: usize, cm: char) {
    let start = open + om.len_utf8();
    if close > start {
        out.push(Span {
            open: base + open,
            close: base + close + cm.len_utf8(),
            start: base + start,
            end: base + close,
        });
    }
}

/// Never a quotation: one word, or up to three all-capitalised words (names, titles).
fn is_title_or_name(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    words.len() <= 1
        || (words.len() <= 3
            && words.iter().all(|w| {
                w.trim_start_matches(|c: char| !c.is_alphanumeric())
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            }))
}

/// Whether an unattributed span is still a quotation: four or more words, or closing
/// punctuation inside the marks.
fn is_utterance(content: &str) -> bool {
    let words = content.split_whitespace().count();
    words >= 4 || (words >= 2 && content.trim_end().ends_with(|c: char| ".,!?…".contains(c)))
}

/// How a quote was attributed.
#[derive(Debug, Clone, PartialEq)]
enum Attribution {
    None,
    /// A speech verb or colon with this speaker mention (or none found) and text.
    Found(Option<usize>, Option<String>),
    /// "he said", "she told": resolved against earlier quotes and mentions.
    Pronoun(String),
}

/// Finds and attributes the quotations of one document.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &[NameMention],
    blocks: &[Block],
) -> Vec<Quote> {
    let mut spans: Vec<(Span, bool)> = Vec::new();
    for b in blocks {
        for s in spans_in(&text[b.start..b.end], b.start) {
            spans.push((s, b.is_boilerplate()));
        }
    }
    // Spans are sorted and never overlap: the one that could contain `at` is the last opening
    // at or before it.
    let inside_any = |at: usize| {
        let k = spans.partition_point(|(s, _)| s.open <= at);
        k > 0 && at < spans[k - 1].0.close
    };
    // Sentence byte ranges, sorted.
    let sentence_bytes: Vec<(usize, usize)> = sentences
        .iter()
        .filter(|s| s.end > s.first)
        .map(|s| (tokens[s.first].start, tokens[s.end - 1].end))
        .collect();
    let block_at = |at: usize| {
        let k = blocks.partition_point(|b| b.start <= at);
        (k > 0 && at < blocks[k - 1].end).then(|| k - 1)
    };

    let mut out: Vec<Quote> = Vec::new();
    // The last attributed quote: (paragraph start, its close, speaker, text).
    let mut last: Option<(usize, usize, Option<usize>, Option<String>)> = None;
    for &(span, boilerplate) in &spans {
        let content = &text[span.start..span.end];
        if is_title_or_name(content) {
            continue;
        }
        if boilerplate {
            out.push(Quote {
                start: span.start,
                end: span.end,
                speaker: None,
                speaker_text: None,
                boilerplate: true,
            });
            continue;
        }
        let here = block_at(span.open);
        let paragraph = here.map_or(0, |k| blocks[k].start);
        let attribution =
            match attribute(text, tokens, &sentence_bytes, mentions, &span, &inside_any) {
                Attribution::Pronoun(t) => {
                    // The last person quoted, else the last person mentioned before the quote.
                    let earlier = last
                        .as_ref()
                        .and_then(|l| l.2)
                        .filter(|&s| mentions[s].label == Label::PER);
                    let resolved = earlier.or_else(|| {
                        let before = mentions.partition_point(|x| x.end <= span.open);
                        mentions[..before]
                            .iter()
                            .rposition(|x| x.label == Label::PER && !x.boilerplate)
                    });
                    Attribution::Found(resolved, Some(t))
                }
                Attribution::None => {
                    // Continuation: opens its sentence, right after a quote with a speaker in this
                    // or the previous paragraph.
                    let opens_sentence = text[..span.open]
                        .trim_end_matches(|c: char| c.is_whitespace() && !is_line_break(c))
                        .chars()
                        .last()
                        .is_none_or(|c| is_line_break(c) || ".!?”\"".contains(c));
                    let prev_para_start = blocks[..here.unwrap_or(0)]
                        .iter()
                        .rev()
                        .find(|b| !b.is_boilerplate())
                        .map(|b| b.start);
                    match &last {
                        Some((p, _, sp, st))
                            if opens_sentence
                                && (*p == paragraph || Some(*p) == prev_para_start)
                                && sp.is_some() =>
                        {
                            Attribution::Found(*sp, st.clone())
                        }
                        _ => Attribution::None,
                    }
                }
                a => a,
            };
        match attribution {
            Attribution::None if !is_utterance(content) => continue, // scare quote
            Attribution::None | Attribution::Pronoun(_) => out.push(Quote {
                start: span.start,
                end: span.end,
                speaker: None,
                speaker_text: None,
                boilerplate: false,
            }),
            Attribution::Found(speaker, speaker_text) => {
                last = Some((paragraph, span.close, speaker, speaker_text.clone()));
                out.push(Quote {
                    start: span.start,
                    end: span.end,
                    speaker,
                    speaker_text,
                    boilerplate: false,
                })
            }
        }
    }
    out
}

fn is_pronoun(t: &str) -> bool {
    matches!(t.to_lowercase().as_str(), "he" | "she")
}

fn attribute(
    text: &str,
    tokens: &[Token],
    sentences: &[(usize, usize)],
    mentions: &[NameMention],
    span: &Span,
    inside_any: &dyn Fn(usize) -> bool,
) -> Attribution {
    // Window: bytes of the sentences overlapping the quote.
    let (mut lo, mut hi) = (span.open, span.close);
    let first = sentences.partition_point(|&(_, b)| b <= span.open);
    for &(a, b) in sentences[first..]
        .iter()
        .take_while(|&&(a, _)| a < span.close)
    {
        lo = lo.min(a);
        hi = hi.max(b);
    }
    // Do not cross paragraph breaks.
    if let Some((_, after)) = text[lo..span.open].rsplit_once(is_line_break) {
        lo = span.open - after.len();
    }
    if let Some((before, _)) = text[span.close..hi].split_once(is_line_break) {
        hi = span.close + before.len();
    }
    // Speech verbs outside quotes, nearest to the quote first.
    let t0 = tokens.partition_point(|t| t.start < lo);
    let t1 = tokens.partition_point(|t| t.start < hi);
    // The mentions inside the window.
    let m0 = mentions.partition_point(|m| m.start < lo);
    let m1 = mentions.partition_point(|m| m.start < hi);
    let window = &mentions[m0..m1];
    let mut verbs: Vec<(bool, usize, usize)> = tokens[t0..t1]
        .iter()
        .enumerate()
        .map(|(k, t)| (k + t0, t))
        .filter(|(_, t)| t.end <= hi && !inside_any(t.start))
        .filter(|(k, t)| {
            let w = t.text(text).to_lowercase();
            lexicon::is_speech_verb(&w)
                || (w == "according"
                    && tokens
                        .get(k + 1)
                        .is_some_and(|n| n.text(text).eq_ignore_ascii_case("to")))
        })
        .map(|(k, t)| {
            let d = if t.start >= span.close {
                t.start - span.close
            } else {
                span.open.saturating_sub(t.end)
            };
            (t.text(text).eq_ignore_ascii_case("according"), d, k)
        })
        .collect();
    crate::vocab::sort::sort(&mut verbs);
    for &(_, _, k) in &verbs {
        let v = tokens[k];
        let word = v.text(text).to_lowercase();
        if word != "according" {
            if let Some(found) = subject_before(text, window, lo, v.start) {
                return match found {
                    Attribution::Found(m, t) => Attribution::Found(m.map(|m| m + m0), t),
                    other => other,
                };
            }
        }
        let after = if word == "according" {
            tokens.get(k + 1).map_or(v.end, |t| t.end)
        } else {
            v.end
        };
        if let Some(m) = mention_after(text, window, after, hi) {
            return Attribution::Found(Some(m + m0), Some(window[m].surface.to_string()));
        }
    }
    if let Some(&(_, _, k)) = verbs.first() {
        // A verb without a named speaker ("government press-release stated").
        let v = tokens[k];
        let before = text[lo..v.start].trim_end();
        let subject: Vec<&str> = before
            .rsplit(|c: char| ",;:”\"“".contains(c))
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let subject = subject[subject.len().saturating_sub(3)..].join(" ");
        return Attribution::Found(None, (!subject.is_empty()).then_some(subject));
    }
    // Colon after a name just before the quote.
    let before = text[lo..span.open].trim_end();
    if let Some(head) = before.strip_suffix(':') {
        let head = head.trim_end();
        if let Some(m) = window
            .iter()
            .position(|m| m.end == lo + head.len() && !m.boilerplate)
            .map(|m| m + m0)
        {
            return Attribution::Found(Some(m), Some(mentions[m].surface.to_string()));
        }
    }
    Attribution::None
}

/// The speaker standing just before a verb starting at byte `verb`.
fn subject_before(
    text: &str,
    mentions: &[NameMention],
    lo: usize,
    verb: usize,
) -> Option<Attribution> {
    let before = &text[lo..verb];
    // Strip words allowed between subject and verb, from the right.
    let mut cut = before.trim_end().len();
    loop {
        let head = before[..cut].trim_end();
        let Some((rest, w)) = head.rsplit_once(|c: char| c.is_whitespace() || c == ',') else {
            break;
        };
        let w = w.to_lowercase();
        if BETWEEN.contains(&w.as_str())
            || lexicon::weekdays().contains(&w.as_str())
            || (w.ends_with("ly") && w.len() > 4)
        {
            cut = rest.len();
        } else {
            break;
        }
    }
    let head = before[..cut].trim_end();
    let head_end = lo + head.len();
    let last_word = head
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphabetic());
    if is_pronoun(last_word) {
        return Some(Attribution::Pronoun(last_word.to_string()));
    }
    let usable = |m: &&NameMention| !m.boilerplate && m.end <= head_end && m.start >= lo;
    // 1. A mention ending right there.
    if let Some(i) = mentions
        .iter()
        .position(|m| usable(&m) && m.end == head_end)
    {
        return Some(found(mentions, i));
    }
    // 2. Possessive head: "Vučić’s cabinet", "Vučić`s office".
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| usable(m)) {
        let gap = &text[m.end..head_end];
        let mut rest = gap;
        let had_possessive = key::strip_possessive(m.surface) != m.surface;
        for p in ["'s", "’s", "`s"] {
            if let Some(r) = rest.strip_prefix(p) {
                rest = r;
            }
        }
        let nouns: Vec<&str> = rest.split_whitespace().collect();
        if (had_possessive || rest.len() < gap.len())
            && (1..=2).contains(&nouns.len())
            && nouns
                .iter()
                .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
        {
            return Some(found(mentions, i));
        }
    }
    // 3. Apposition: "Shoigu, the Russian minister, said".
    if let Some(inner) = head.strip_suffix(',') {
        let inner = inner.trim_end();
        if let Some(comma) = inner.rfind(',') {
            let name_end = lo + inner[..comma].trim_end().len();
            let appositive = &inner[comma + 1..];
            if appositive.split_whitespace().count() <= 8 {
                if let Some(i) = mentions
                    .iter()
                    .position(|m| usable(&m) && m.end == name_end)
                {
                    return Some(found(mentions, i));
                }
            }
        }
    }
    None
}

fn found(mentions: &[NameMention], i: usize) -> Attribution {
    Attribution::Found(Some(i), Some(mentions[i].surface.to_string()))
}

/// The mention starting just after byte `from` (past titles and "the"), before `hi`.
fn mention_after(text: &str, mentions: &[NameMention], from: usize, hi: usize) -> Option<usize> {
    let (i, m) = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.boilerplate && m.start >= from && m.end <= hi)
        .min_by_key(|(_, m)| m.start)?;
    let gap: Vec<&str> = text[from..m.start].split_whitespace().collect();
    let ok = gap.len() <= 5
        && gap.iter().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphabetic());
            w.is_empty()
                || w.eq_ignore_ascii_case("the")
                || key::is_title(w)
                || key::country_of(&w.to_lowercase()).is_some()
                || w.chars().next().is_some_and(char::is_uppercase)
        });
    ok.then_some(i)
}
