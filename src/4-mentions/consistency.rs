//! Name edges and document-level consistency (issue #17): what one sentence's tagging cannot
//! know, the rest of the document can.
//!
//! Before the merge, each tagger span is trimmed ([`trim`]):
//! - a leading preposition or adverb that opens the sentence is not part of a name
//!   (`src/1-lexicon/domain/leading-words.txt`): "Near Mosul" → LOC "Mosul";
//! - a PER span loses its leading titles, their "of", and country words: "U.S. Secretary of
//!   State Kerry" → PER "Kerry" (titles: `src/1-lexicon/titles.txt`; countries:
//!   `src/1-lexicon/countries.tsv`).
//!
//! After the merge ([`settle`]):
//! - **surnames**: the last word of a PER name of two words or more ("Bashar al-Assad" →
//!   "Assad") that is not a gazetteer place, and a well-known leader's surname (`src/1-lexicon/domain/leaders.txt`), is PER
//!   wherever it stands alone in the document: a tagger span of another label with exactly
//!   that text is relabelled (also one of title words and that surname: "State Kerry" tagged
//!   LOC → PER "Kerry"), and an untagged occurrence becomes PER (score 0.6) — unless a
//!   capitalised word or a word of `name-heads.txt` follows ("the Assad regime") or a
//!   capitalised word precedes it (part of another name);
//! - **places**: a tagger PER whose text is a gazetteer place and that the document labels LOC
//!   more often than PER elsewhere follows the document (LOC, with the gazetteer's kind); a
//!   tagger PER right after a preposition that takes places (`place-prepositions.txt`: "Near
//!   Ayn Isa, …"), or a MISC there that the gazetteer knows as a place, is LOC;
//! - **ships**: the name of a ship the document gives with its prefix ("FS Forbin") is the ship
//!   when it stands alone ("Forbin is committed …"): MISC kind `equipment`.

use std::collections::{HashMap, HashSet};

use crate::lexicon::{self, domain};
use crate::mentions::gazetteer;
use crate::mentions::merge::{Found, Source};
use crate::text::tokenize::Token;
use crate::vocab::Label;

fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    lexicon::is_title_word(&w)
}

fn is_country_word(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    matches!(w.as_str(), "u.s" | "us" | "u.k" | "uk" | "u.n" | "un")
        || lexicon::country_named(&w).is_some()
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The tokens `first..end` of a tagger span with its leading non-name words removed (see the
/// module's documentation); the span itself when nothing capitalised would remain.
pub fn trim(
    text: &str,
    tokens: &[Token],
    first: usize,
    end: usize,
    label: Label,
) -> (usize, usize) {
    let word = |k: usize| tokens[k].text(text);
    let mut f = first;
    if f + 1 < end && capitalised(word(f)) && domain::is_leading_word(&word(f).to_lowercase()) {
        f += 1;
    }
    if label == Label::PER {
        let mut k = f;
        while k + 1 < end {
            let w = word(k);
            let title_like = is_title(w) || is_country_word(w) || w == "of" && k > f;
            if !title_like {
                break;
            }
            k += 1;
        }
        if k > f && (k..end).any(|j| capitalised(word(j))) && !is_title(word(k)) {
            f = k;
        }
    }
    (f, end)
}

/// The word after byte `end` on the same line, if any.
fn next_word(text: &str, end: usize) -> Option<&str> {
    let rest = &text[end..];
    let rest = rest
        .strip_prefix(['\'', '\u{2019}'])
        .map_or(rest, |r| r.trim_start_matches('s'));
    let next = rest.trim_start_matches([' ', '\u{a0}']);
    if next.len() == rest.len() || next.starts_with(['\n', '\r']) {
        return None;
    }
    let w = next
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '('))
        .next()
        .unwrap_or("");
    (!w.is_empty()).then_some(w)
}

/// The word before byte `start` on the same line, if any (after spaces only), with its start.
fn previous_word(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = &text[..start];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    let w = trimmed
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    (!w.is_empty()).then_some((trimmed.len() - w.len(), w))
}

/// Whether a lone surname at `start..end` stands on its own: not followed by a capitalised word
/// or a name head ("regime"), not preceded by a capitalised word other than a sentence's first.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    if let Some(n) = next_word(text, end) {
        if capitalised(n) || domain::is_name_head(&n.to_lowercase()) {
            return false;
        }
    }
    if let Some((p_start, p)) = previous_word(text, start) {
        // The word before `p` ends a sentence (or there is none): `p` opens the sentence.
        let opens = previous_word(text, p_start)
            .is_none_or(|(_, w)| w.ends_with(['.', '!', '?', ':', '"', '\u{201d}']));
        if capitalised(p) && !opens && !is_title(p) && !is_country_word(p) {
            return false;
        }
    }
    true
}

fn stem(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

/// Applies the document-level rules to the merged, sorted, non-overlapping entities.
pub fn settle(text: &str, tokens: &[Token], kept: &mut Vec<Found>) {
    // Surnames of the document's full PER names.
    let mut surnames: HashSet<&str> = HashSet::new();
    for f in kept.iter().filter(|f| f.label == Label::PER) {
        let s = &text[f.start..f.end];
        let words: Vec<&str> = s.split_whitespace().collect();
        if words.len() >= 2 {
            let last = stem(words[words.len() - 1]);
            let last = last.rsplit('-').next().unwrap_or(last); // "al-Assad" → "Assad"
                                                                // Not a place: "Slavic Serbia" tagged PER does not make "Serbia" a surname.
            let place = gazetteer::get()
                .lookup(last)
                .is_some_and(|h| h.entry.kind.label() == Label::LOC);
            if last.chars().count() >= 3 && capitalised(last) && !is_title(last) && !place {
                surnames.insert(last);
            }
        }
    }
    // (Every surname kept above is capitalised: a small word is not hashed.)
    let is_surname =
        |w: &str| capitalised(w) && surnames.contains(w) || domain::is_leader_surname(w);
    for f in kept.iter_mut() {
        if f.label == Label::PER || f.source != Source::Tagger {
            continue;
        }
        // "State Kerry" (of "Secretary of State Kerry") tagged LOC: title words, then a surname.
        let s = &text[f.start..f.end];
        let mut from = 0;
        for w in s.split(' ') {
            if is_title(w) || is_country_word(w) || from > 0 && w == "of" {
                from += w.len() + 1;
            } else {
                break;
            }
        }
        let rest = s.get(from..).unwrap_or("");
        if from > 0
            && !rest.is_empty()
            && is_surname(rest)
            && stands_alone(text, f.end - rest.len(), f.end)
        {
            f.start = f.end - rest.len();
            f.label = Label::PER;
            f.kind = None;
            f.value = None;
            continue;
        }
        if is_surname(s) && stands_alone(text, f.start, f.end) {
            f.label = Label::PER;
            f.kind = None;
            f.value = None;
        }
    }
    // Untagged occurrences.
    let mut added = Vec::new();
    let mut k = 0; // index into kept: the first span ending after the token
    for t in tokens {
        while k < kept.len() && kept[k].end <= t.start {
            k += 1;
        }
        if k < kept.len() && kept[k].start < t.end {
            continue; // covered
        }
        let w = t.text(text);
        if is_surname(w) && stands_alone(text, t.start, t.end) {
            added.push(Found {
                start: t.start,
                end: t.end,
                label: Label::PER,
                score: 0.6,
                kind: None,
                value: None,
                source: Source::Tagger,
            });
        }
    }
    merge_in(kept, added);
    // Places after a preposition that takes places; ships named alone.
    let g = gazetteer::get();
    for f in kept.iter_mut().filter(|f| f.source == Source::Tagger) {
        let after_place_word = previous_word(text, f.start)
            .is_some_and(|(_, w)| domain::is_place_preposition(&w.to_lowercase()));
        let s = &text[f.start..f.end];
        let misc_place = f.label == Label::MISC
            && g.lookup(s)
                .is_some_and(|h| h.entry.kind.label() == Label::LOC);
        if after_place_word && (f.label == Label::PER || misc_place) {
            f.label = Label::LOC;
        }
    }
    ships(text, kept);
    // Places the tagger called PER where the document says LOC.
    let mut votes: HashMap<&str, (usize, usize)> = HashMap::new();
    // (Only places and people vote: a text with neither reads as (0, 0) below.)
    for f in kept
        .iter()
        .filter(|f| matches!(f.label, Label::LOC | Label::PER))
    {
        let v = votes.entry(&text[f.start..f.end]).or_default();
        match f.label {
            Label::LOC => v.0 += 1,
            Label::PER => v.1 += 1,
            _ => {}
        }
    }
    for f in kept
        .iter_mut()
        .filter(|f| f.label == Label::PER && f.source == Source::Tagger)
    {
        let s = &text[f.start..f.end];
        let (loc, per) = votes.get(s).copied().unwrap_or_default();
        if loc <= per {
            continue;
        }
        if let Some(hit) = g.lookup(s) {
            if hit.entry.kind.label() == Label::LOC {
                f.label = Label::LOC;
                f.kind = Some(hit.entry.kind.as_str().to_string());
                f.value = Some(g.value(hit.entry));
            }
        }
    }
}

/// Adds `added` (sorted by start, overlapping nothing in `kept`) to `kept`, keeping it sorted:
/// one linear merge, no sort (a sort's code would weigh on the wasm module).
fn merge_in(kept: &mut Vec<Found>, added: Vec<Found>) {
    if added.is_empty() {
        return;
    }
    let old = std::mem::take(kept);
    kept.reserve(old.len() + added.len());
    let (mut a, mut b) = (old.into_iter().peekable(), added.into_iter().peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.start <= y.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        kept.extend(if take_a { a.next() } else { b.next() });
    }
}

/// A ship's name standing alone after the document gave it with its prefix (see the module's
/// documentation).
fn ships(text: &str, kept: &mut Vec<Found>) {
    let mut names: Vec<(&str, String)> = Vec::new(); // (name, value)
    for f in kept.iter() {
        if f.kind.as_deref() != Some("equipment") {
            continue;
        }
        let s = &text[f.start..f.end];
        if let Some((prefix, name)) = s.split_once(' ') {
            if domain::is_ship_prefix(prefix) && !names.iter().any(|(n, _)| *n == name) {
                names.push((name, s.to_string()));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    for (name, value) in &names {
        let mut added = Vec::new();
        for (at, _) in text.match_indices(name) {
            let end = at + name.len();
            if !boundary(text[..at].chars().next_back()) || !boundary(text[end..].chars().next()) {
                continue;
            }
            // `kept` is sorted and non-overlapping: the spans that overlap start at the first
            // one ending after `at` (binary search, so a long document stays linear).
            let first = kept.partition_point(|f| f.end <= at);
            let overlapping: Vec<usize> = (first..kept.len())
                .take_while(|&k| kept[k].start < end)
                .collect();
            match overlapping.as_slice() {
                [] => added.push(Found {
                    start: at,
                    end,
                    label: Label::MISC,
                    score: 0.6,
                    kind: Some("equipment".into()),
                    value: Some(value.clone()),
                    source: Source::Tagger,
                }),
                [k] if kept[*k].start == at
                    && kept[*k].end == end
                    && kept[*k].source == Source::Tagger =>
                {
                    let f = &mut kept[*k];
                    f.label = Label::MISC;
                    f.kind = Some("equipment".into());
                    f.value = Some(value.clone());
                }
                _ => {}
            }
        }
        merge_in(kept, added);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn trimmed(text: &str, label: Label) -> String {
        let toks = tokenize(text);
        let (f, e) = trim(text, &toks, 0, toks.len(), label);
        text[toks[f].start..toks[e - 1].end].to_string()
    }

    #[test]
    fn leading_prepositions_and_titles_are_not_part_of_names() {
        assert_eq!(trimmed("Near Mosul", Label::LOC), "Mosul");
        assert_eq!(
            trimmed("U.S. Secretary of State Kerry", Label::PER),
            "Kerry"
        );
        assert_eq!(
            trimmed("Defense Secretary Ash Carter", Label::PER),
            "Ash Carter"
        );
        assert_eq!(
            trimmed("Lt. Gen. Stephen J. Townsend", Label::PER),
            "Stephen J. Townsend"
        );
        for (name, label) in [
            ("North Korea", Label::LOC),
            ("West Bank", Label::LOC),
            ("John Major", Label::PER),
            ("General Motors", Label::ORG),
            ("In", Label::LOC),
        ] {
            assert_eq!(trimmed(name, label), name, "{name:?} must stay whole");
        }
    }

    fn found(text: &str, word: &str, label: Label) -> Found {
        let start = text.find(word).unwrap();
        Found {
            start,
            end: start + word.len(),
            label,
            score: 0.5,
            kind: None,
            value: None,
            source: Source::Tagger,
        }
    }

    fn settled(text: &str, mut kept: Vec<Found>) -> Vec<(String, Label)> {
        kept.sort_by_key(|f| f.start);
        settle(text, &tokenize(text), &mut kept);
        kept.iter()
            .map(|f| (text[f.start..f.end].to_string(), f.label))
            .collect()
    }

    #[test]
    fn a_surname_alone_follows_the_full_name() {
        let text = "Hassan Rouhani spoke. Later Rouhani left.";
        let got = settled(text, vec![found(text, "Hassan Rouhani", Label::PER)]);
        assert_eq!(
            got,
            [
                ("Hassan Rouhani".to_string(), Label::PER),
                ("Rouhani".to_string(), Label::PER)
            ],
            "an untagged surname of the document's PER becomes PER"
        );
        let text = "Bashar al-Assad spoke. Assad has no future. The Assad regime fell.";
        let mut kept = vec![found(text, "Bashar al-Assad", Label::PER)];
        let start = text.find("Assad has").unwrap();
        kept.push(Found {
            start,
            end: start + 5,
            ..found(text, "Bashar", Label::ORG)
        });
        let got = settled(text, kept);
        assert_eq!(
            got,
            [
                ("Bashar al-Assad".to_string(), Label::PER),
                ("Assad".to_string(), Label::PER)
            ],
            "the tagger's ORG 'Assad' becomes PER; 'the Assad regime' stays untouched"
        );
    }

    #[test]
    fn title_words_before_a_surname_are_not_part_of_a_place() {
        let text = "Secretary of State Kerry arrived. General Motors rose.";
        let kept = vec![
            found(text, "State Kerry", Label::LOC),
            found(text, "General Motors", Label::ORG),
        ];
        assert_eq!(
            settled(text, kept),
            [
                ("Kerry".to_string(), Label::PER),
                ("General Motors".to_string(), Label::ORG)
            ]
        );
    }

    #[test]
    fn a_place_is_no_surname() {
        let text = "Slavic Serbia grew. Serbia joined.";
        let kept = vec![
            found(text, "Slavic Serbia", Label::PER),
            Found {
                start: 20,
                end: 26,
                ..found(text, "Serbia", Label::LOC)
            },
        ];
        let got = settled(text, kept);
        assert_eq!(got[1], ("Serbia".to_string(), Label::LOC), "{got:?}");
    }

    #[test]
    fn a_leader_surname_alone_is_a_person() {
        let text = "Assad has no future, the minister said.";
        let got = settled(text, vec![]);
        assert_eq!(got, [("Assad".to_string(), Label::PER)]);
        let text = "The Putin Doctrine and the Putin government.";
        assert!(
            settled(text, vec![]).is_empty(),
            "a leader's name as a modifier is not a PER"
        );
    }

    #[test]
    fn a_place_after_near_is_a_place() {
        let text = "Near Ayn Isa, two strikes engaged a unit.";
        let got = settled(text, vec![found(text, "Ayn Isa", Label::PER)]);
        assert_eq!(got, [("Ayn Isa".to_string(), Label::LOC)]);
        let text = "He met Kerry near Iraqi forces.";
        let got = settled(text, vec![found(text, "Iraqi", Label::MISC)]);
        assert!(
            got.contains(&("Iraqi".to_string(), Label::MISC)),
            "a nationality after 'near' stays MISC: {got:?}"
        );
    }

    #[test]
    fn a_ship_named_alone_follows_its_full_name() {
        let text = "FS Forbin joined. Forbin is committed, and Forbin sailed.";
        let mut ship = found(text, "FS Forbin", Label::MISC);
        ship.kind = Some("equipment".into());
        ship.source = Source::Equipment;
        let second = text.find("Forbin is").unwrap();
        let kept = vec![
            ship,
            Found {
                start: second,
                end: second + 6,
                ..found(text, "Forbin", Label::ORG)
            },
        ];
        let got = settled(text, kept);
        assert_eq!(
            got,
            [
                ("FS Forbin".to_string(), Label::MISC),
                ("Forbin".to_string(), Label::MISC),
                ("Forbin".to_string(), Label::MISC)
            ],
            "the tagger's ORG and the untagged 'Forbin' become the ship"
        );
    }

    #[test]
    fn a_country_follows_the_document() {
        let text = "Syria said. In Syria, talks. Syria and Jordan met.";
        let mut kept = vec![found(text, "Syria", Label::PER)];
        let second = text[6..].find("Syria").unwrap() + 6;
        let third = text[second + 1..].find("Syria").unwrap() + second + 1;
        for s in [second, third] {
            kept.push(Found {
                start: s,
                end: s + 5,
                label: Label::LOC,
                ..found(text, "Syria", Label::LOC)
            });
        }
        let got = settled(text, kept);
        assert!(
            got.iter().all(|(_, l)| *l == Label::LOC),
            "the PER 'Syria' follows the document's two LOC: {got:?}"
        );
        let text = "Jordan scored. Jordan won.";
        let kept = vec![found(text, "Jordan", Label::PER)];
        assert_eq!(
            settled(text, kept)[0].1,
            Label::PER,
            "no LOC elsewhere: stays PER"
        );
    }
}
