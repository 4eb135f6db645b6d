//! Military equipment and model codes: MISC with kind "equipment" and `value` the canonical
//! spelling ("MIG 35" → "MiG-35", "Pantsir" → "Pantsir-S1").
//!
//! Three rules, most specific first:
//! 1. a known designer family and a number — `src/1-lexicon/domain/equipment-families.tsv`:
//!    "MiG-29", "MIG 35", "Mi-35", "Su-30SM", "T-72", "S-400", "F-16", "Leopard 2A6"; the
//!    canonical form is the family's spelling, a hyphen, the number and any suffix in capitals;
//!    a series name of capitalised words right after the code stays in the span ("F-16
//!    Fighting Falcon", "KC-135R Stratotanker"; not a month, a weekday or a sentence's start);
//! 2. a named system — `equipment-named.tsv`: "Pantsir-S", "Iskander", "HIMARS", "Patriot
//!    PAC-3"; names that are also ordinary words or surnames ("Patriot", "Javelin") count only
//!    beside an equipment noun;
//! 3. any other capital-letter code with a hyphen and a number ("B-52", "AK-47") when an
//!    equipment noun (`equipment-nouns.txt`) follows within three words ("B-52 bombers").

use std::sync::OnceLock;

use super::lex::{adjacent, ends_word, lex, starts_word, Tok, TokKind};

/// Punctuation that glues a match to the token beside it (the tail of "X-S-400").
const JOINERS: &[char] = &['-'];
use super::RuleMatch;
use crate::lexicon::domain;
use crate::vocab::Label;

fn noun_near(toks: &[Tok], end: usize) -> bool {
    toks[end..]
        .iter()
        .take(3)
        .any(|t| t.kind == TokKind::Word && domain::equipment_nouns().contains(&t.lower().as_str()))
}

struct Named {
    toks: Vec<(String, bool)>, // (lower-case text, glued to the previous token)
    canonical: &'static str,
    needs_noun: bool,
}

fn named() -> &'static [Named] {
    static N: OnceLock<Vec<Named>> = OnceLock::new();
    N.get_or_init(|| {
        let mut v = Vec::new();
        for system in domain::equipment_named() {
            let (canonical, needs_noun) = (system.canonical, &system.needs_noun);
            for f in &system.forms {
                let ts = lex(f);
                let toks = ts
                    .iter()
                    .enumerate()
                    .map(|(k, t)| (t.text.to_lowercase(), k > 0 && adjacent(&ts[k - 1], t)))
                    .collect();
                v.push(Named {
                    toks,
                    canonical,
                    needs_noun: *needs_noun,
                });
            }
        }
        v
    })
}

/// A code's number and suffix at `toks[j]`: ("29", "M", next index) for "29M"; the suffix is
/// glued ("30SM") or hyphenated ("-S", kept with its hyphen).
fn number_and_suffix(toks: &[Tok], j: usize, min_digits: usize) -> Option<(String, usize)> {
    let n = toks.get(j)?;
    if n.kind != TokKind::Number || !n.text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if n.text.len() < min_digits || n.text.len() > 4 {
        return None;
    }
    let mut code = n.text.to_string();
    let mut k = j + 1;
    if let Some(s) = toks.get(k) {
        if adjacent(n, s) && s.kind == TokKind::Word && s.text.len() <= 3 {
            code.push_str(&s.text.to_uppercase());
            k += 1;
            // "2A6", "30SM1": a short number glued after the letters.
            if let Some(m) = toks.get(k) {
                if adjacent(s, m) && m.kind == TokKind::Number && m.text.len() <= 2 {
                    code.push_str(m.text);
                    k += 1;
                }
            }
        } else if s.is_punct('-') && adjacent(n, s) {
            if let Some(w) = toks.get(k + 1) {
                if adjacent(s, w)
                    && w.kind == TokKind::Word
                    && w.text.len() <= 2
                    && w.text.chars().all(|c| c.is_ascii_uppercase())
                {
                    code.push('-');
                    code.push_str(w.text);
                    k += 2;
                }
            }
        }
    }
    Some((code, k))
}

/// Where a code's series name ends: the capitalised words right after the code ("F-16
/// Fighting Falcon", "KC-135R Stratotanker"), at most two, none a month or a weekday; `end`
/// when there are none. A plural or possessive series word is kept ("Fighting Falcons").
fn series_end(toks: &[Tok], end: usize) -> usize {
    let mut k = end;
    while k < toks.len() && k < end + 2 {
        let w = &toks[k];
        let title = w.kind == TokKind::Word
            && w.capitalized()
            && w.text.chars().skip(1).any(char::is_lowercase)
            && !adjacent(&toks[k - 1], w);
        let lower = w.lower();
        if !title
            || crate::lexicon::month_by_name(&lower).is_some()
            || crate::lexicon::weekdays().contains(&lower.as_str())
            || crate::mentions::gazetteer::get().lookup(w.text).is_some()
            || !ends_word(toks, k + 1, JOINERS)
        {
            break;
        }
        k += 1;
    }
    k
}

/// Every equipment mention of a document, sorted, non-overlapping.
pub fn find(text: &str) -> Vec<RuleMatch> {
    find_lexed(&lex(text))
}

/// [`find`] over the tokens of [`lex`], when the caller has them already.
pub fn find_lexed(toks: &[Tok]) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match at(toks, i) {
            Some((end, canonical)) => {
                out.push(RuleMatch {
                    start: toks[i].start,
                    end: toks[end - 1].end,
                    label: Label::MISC,
                    kind: Some("equipment".into()),
                    value: Some(canonical),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The equipment mention starting at `toks[i]`, if any: (end index, canonical name).
fn at(toks: &[Tok], i: usize) -> Option<(usize, String)> {
    let t = &toks[i];
    if t.kind != TokKind::Word
        || !starts_word(toks, i, JOINERS)
        || !t.text.starts_with(|c: char| c.is_uppercase())
    {
        return None;
    }
    // 2. Named systems (longest form first).
    let mut best: Option<(usize, &Named)> = None;
    let first = t.text.to_lowercase();
    for n in named() {
        let len = n.toks.len();
        let matches = toks.len() >= i + len
            && n.toks.first().is_some_and(|(w, _)| *w == first)
            && n.toks.iter().enumerate().skip(1).all(|(k, (w, glued))| {
                let tk = &toks[i + k];
                tk.text.to_lowercase() == *w && adjacent(&toks[i + k - 1], tk) == *glued
            });
        if matches && ends_word(toks, i + len, JOINERS) && best.is_none_or(|(e, _)| i + len > e) {
            best = Some((i + len, n));
        }
    }
    // 1. Families.
    for f in domain::equipment_families() {
        let (prefix, spaced, min_digits) = (&f.prefix, &f.spaced, &f.min_digits);
        let single = prefix.len() == 1;
        let same = if single {
            t.text == *prefix
        } else {
            t.text.eq_ignore_ascii_case(prefix)
        };
        if !same {
            continue;
        }
        let (j, glued) = match toks.get(i + 1) {
            Some(h) if h.is_punct('-') && adjacent(t, h) => (i + 2, true),
            Some(n) if *spaced && !adjacent(t, n) && n.kind == TokKind::Number => (i + 1, false),
            _ => continue,
        };
        if glued && !toks.get(j).is_some_and(|n| adjacent(&toks[j - 1], n)) {
            continue;
        }
        if let Some((code, end)) = number_and_suffix(toks, j, *min_digits) {
            if ends_word(toks, end, JOINERS) && best.is_none_or(|(e, _)| end >= e) {
                return Some((series_end(toks, end), format!("{prefix}-{code}")));
            }
        }
    }
    if let Some((end, n)) = best {
        if !n.needs_noun || noun_near(toks, end) {
            return Some((end, n.canonical.to_string()));
        }
    }
    // 3. Any capital code with a hyphen and a number, beside an equipment noun.
    let letters = t.text.chars().count();
    if (1..=4).contains(&letters) && t.text.chars().all(|c| c.is_ascii_uppercase()) {
        let h = toks.get(i + 1)?;
        let n = toks.get(i + 2)?;
        if h.is_punct('-') && adjacent(t, h) && adjacent(h, n) {
            let (code, end) = number_and_suffix(toks, i + 2, 2)?;
            if ends_word(toks, end, JOINERS) && noun_near(toks, end) {
                return Some((end, format!("{}-{code}", t.text)));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        find(text)
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.value.unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Every equipment form in the sample articles (seeds/*.txt) and its one canonical name.
    #[test]
    fn every_form_in_the_samples_maps_to_one_canonical_name() {
        let cases = [
            (
                "the Russian-made long-range S-400 and Pantsir-S systems were deployed",
                vec![("S-400", "S-400"), ("Pantsir-S", "Pantsir-S1")],
            ),
            (
                "an S-400 battalion and a Pantsir-S battery had appeared",
                vec![("S-400", "S-400"), ("Pantsir-S", "Pantsir-S1")],
            ),
            (
                "purchase of the Russian planes MIG 35, which",
                vec![("MIG 35", "MiG-35")],
            ),
            (
                "Russian-made MiG-29 fighter jets are parked",
                vec![("MiG-29", "MiG-29")],
            ),
            (
                "procured MiG-29 fighter jets as well as Mi-35 helicopter gunships, T-72 tanks",
                vec![("MiG-29", "MiG-29"), ("Mi-35", "Mi-35"), ("T-72", "T-72")],
            ),
            (
                "including the Pantsir anti-aircraft system.",
                vec![("Pantsir", "Pantsir-S1")],
            ),
        ];
        for (text, want) in cases {
            let want: Vec<(String, String)> = want
                .into_iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(
                found(text),
                want,
                "{text:?}: help: add the form to src/1-lexicon/domain/equipment-families.tsv or equipment-named.tsv"
            );
        }
    }

    #[test]
    fn spellings_of_one_model_share_a_canonical_name() {
        for (form, canonical) in [
            ("MiG-35", "MiG-35"),
            ("MIG 35", "MiG-35"),
            ("Mig-35", "MiG-35"),
            ("MiG 35", "MiG-35"),
            ("Su-35", "Su-35"),
            ("SU-35", "Su-35"),
            ("Su 35", "Su-35"),
            ("Su-30SM", "Su-30SM"),
            ("F-16", "F-16"),
            ("Pantsir-S1", "Pantsir-S1"),
            ("Pantsir S1", "Pantsir-S1"),
            ("Iskander-M", "Iskander-M"),
        ] {
            let text = format!("They bought {form} fighters.");
            let got = found(&text);
            assert_eq!(got.len(), 1, "{text:?}: one match expected, got {got:?}");
            assert_eq!(got[0].1, canonical, "{text:?}");
        }
    }

    #[test]
    fn designations_keep_their_series_names() {
        for (text, span, canonical) in [
            (
                "Air Force F-16 Fighting Falcons conducted",
                "F-16 Fighting Falcons",
                "F-16",
            ),
            (
                "a KC-135R Stratotanker refueled",
                "KC-135R Stratotanker",
                "KC-135R",
            ),
            ("two Su-35 jets", "Su-35", "Su-35"),
            ("the Bayraktar TB2 drone", "Bayraktar TB2", "Bayraktar TB2"),
            ("Leopard 2A6 tanks arrived", "Leopard 2A6", "Leopard-2A6"),
            ("a Patriot PAC-3 battery", "Patriot PAC-3", "Patriot PAC-3"),
            ("HIMARS launchers", "HIMARS", "HIMARS"),
            ("sold the F-16 Israel wanted", "F-16", "F-16"),
            ("F-16 Monday flights", "F-16", "F-16"),
        ] {
            assert_eq!(
                found(text),
                vec![(span.to_string(), canonical.to_string())],
                "{text:?}: help: see series_end and src/1-lexicon/domain/equipment-*.tsv"
            );
        }
    }

    #[test]
    fn codes_that_are_not_equipment() {
        for text in [
            "the G-20 summit and COVID-19",
            "a Patriot Act vote",
            "Route 66 and I-95",
            "Shoigu met F. Smith",
            "pro-S-400 talk",
            "Queen Elizabeth I",
        ] {
            assert_eq!(found(text), vec![], "{text:?}");
        }
        assert_eq!(
            found("B-52 bombers flew"),
            vec![("B-52".to_string(), "B-52".to_string())]
        );
        assert_eq!(
            found("new Patriot missiles"),
            vec![("Patriot".to_string(), "Patriot".to_string())]
        );
    }
}
