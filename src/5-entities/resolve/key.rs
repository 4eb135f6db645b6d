//! Matching keys: what two spellings of one name have in common.
//!
//! A name's key is a list of folded words. Folding a word, in this order:
//! 1. Unicode NFD, then drop combining marks (`Vučić` → `Vucic`), and spell out the few Latin
//!    letters that do not decompose (`đ` → `dj`, `ł` → `l`, `ø` → `o`, `ß` → `ss`, …).
//! 2. Lower-case; drop apostrophes and dots inside the word (`U.S.` → `us`).
//! 3. British → American spelling from a short table (`defence` → `defense`, `-isation` →
//!    `-ization`, `armour` → `armor`), so that Defence Ministry = Defense Ministry.
//! 4. A transliteration skeleton for alphabetic words: `x`→`ks`, `ph`→`f`, `kh`→`h`, `sh`→`s`,
//!    `zh`→`z`, `ch`→`c`, `w`→`v`, `y`→`i`, `j`→`i`, then doubled letters collapse. It maps the
//!    usual English, German and Serbo-Croatian spellings of one Slavic name to one string:
//!    Shoigu/Shoygu/Shojgu/Šojgu → `soigu`, Sergei/Sergey → `sergei`, Vučić/Vucic/Vucich → `vucic`.
//!    It also maps some different names together (`Jan`/`Ian`); the guards in
//!    [`super::across`] (first names, labels, ambiguity) are what keep different people apart.
//!
//! Organisation, place and other names additionally map a country adjective to the country
//! (`Russian` → `russia`), so that "Russian Defense Ministry" and "Russia's defence ministry"
//! share the key `russia defense ministry`. Words are split at spaces and hyphens, so `MiG-35`
//! and `MIG 35` share `mig 35`.

use crate::vocab::Label;

/// Lower-case words dropped from organisation and place keys.
const FILLERS: &[&str] = &["the"];

/// Whether `word` (any case, dot optional) is a role title.
pub fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    if w.chars().any(char::is_uppercase) {
        crate::lexicon::is_title_word(&w.to_lowercase())
    } else {
        crate::lexicon::is_title_word(w)
    }
}

/// The country a lower-case adjective or name refers to, if it is one.
pub fn country_of(word_lower: &str) -> Option<&'static str> {
    crate::lexicon::country_named(word_lower)
}

/// Removes a final possessive (`'s`, `’s`, `` `s ``, or a bare apostrophe after `s`).
pub fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "’s", "`s", "'S", "’S"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            return rest;
        }
    }
    if (s.ends_with("s'") || s.ends_with("s’")) && s.chars().count() > 2 {
        let cut = s.len() - s.chars().last().map_or(0, char::len_utf8);
        return &s[..cut];
    }
    s
}

/// Splits a surface form into its words: at whitespace and hyphens, without surrounding
/// punctuation, the possessive removed from the last word.
pub fn words(surface: &str) -> Vec<&str> {
    let surface = strip_possessive(surface.trim());
    surface
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '–'))
        .map(|w| {
            strip_possessive(
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\''),
            )
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words of a person's name without leading titles and nationalities
/// ("Serbian Defense Minister Aleksandar Vulin" → ["Aleksandar", "Vulin"]). Keeps the last word
/// even if it looks like a title.
pub fn person_words<'a>(ws: &[&'a str]) -> Vec<&'a str> {
    let mut i = 0;
    while i + 1 < ws.len() && (is_title(ws[i]) || country_of(&ws[i].to_lowercase()).is_some()) {
        i += 1;
    }
    ws[i..].to_vec()
}

/// Folds one word as the module documentation describes (steps 1–4).
pub fn fold_word(word: &str) -> String {
    let mut plain = String::with_capacity(word.len());
    let mut add = |c: char| match c {
        'đ' | 'Đ' => plain.push_str("dj"),
        'ł' | 'Ł' => plain.push('l'),
        'ø' | 'Ø' => plain.push('o'),
        'æ' | 'Æ' => plain.push_str("ae"),
        'œ' | 'Œ' => plain.push_str("oe"),
        'ß' => plain.push_str("ss"),
        'ı' => plain.push('i'),
        'þ' | 'Þ' => plain.push_str("th"),
        '\'' | '’' | '`' | '.' => {}
        c => plain.extend(c.to_lowercase()),
    };
    for c in word.chars() {
        match crate::lexicon::fold(c) {
            Some(folded) => folded.chars().for_each(&mut add),
            None => add(c),
        }
    }
    let mut w = spelling(&plain);
    if w.chars().all(|c| c.is_ascii_alphabetic()) {
        w = skeleton(&w);
    }
    w
}

/// British → American spelling of a lower-case word.
fn spelling(w: &str) -> String {
    if let Some((_, us)) = crate::lexicon::spellings().iter().find(|(uk, _)| *uk == w) {
        return (*us).to_string();
    }
    for (uk, us) in [("isation", "ization"), ("isations", "izations")] {
        if let Some(stem) = w.strip_suffix(uk) {
            if stem.len() >= 3 {
                return format!("{stem}{us}");
            }
        }
    }
    // armour, labour, honour, favour, colour, harbour, behaviour: "-our" after a consonant or
    // "i" in a word of 6+ letters (leaves "four", "tour", "your", "hour", "flour").
    if let Some(stem) = w.strip_suffix("our") {
        let before = stem.chars().last();
        if w.len() >= 6 && before.is_some_and(|c| !"aeou".contains(c)) {
            return format!("{stem}or");
        }
    }
    w.to_string()
}

/// The transliteration skeleton of a lower-case ASCII word.
fn skeleton(w: &str) -> String {
    let mut s = w.to_string();
    for (from, to) in [
        ("x", "ks"),
        ("ph", "f"),
        ("kh", "h"),
        ("sh", "s"),
        ("zh", "z"),
        ("ch", "c"),
        ("w", "v"),
        ("y", "i"),
        ("j", "i"),
    ] {
        // (vocab's substring test: std's sets up a Two-Way searcher at each call.)
        if crate::vocab::find::contains(&s, from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The key of a name with the given label: folded words, titles removed from people's names,
/// country adjectives mapped to the country and "the" dropped from other names.
pub fn key(surface: &str, label: Label) -> Vec<String> {
    let ws = words(surface);
    if label == Label::PER {
        return person_words(&ws).iter().map(|w| fold_word(w)).collect();
    }
    ws.iter()
        .filter(|w| !FILLERS.contains(&w.to_lowercase().as_str()) || ws.len() == 1)
        .map(|w| {
            let lower = w.to_lowercase();
            match country_of(&lower) {
                Some(country) if ws.len() > 1 => country.to_string(),
                _ => fold_word(w),
            }
        })
        .collect()
}

/// The initials of a multi-word name's capitalised words ("European Union" → "EU", "North
/// Atlantic Treaty Organization" → "NATO"), or None for one-word names.
pub fn initials(surface: &str) -> Option<String> {
    let ws = words(surface);
    if ws.len() < 2 {
        return None;
    }
    let out: String = ws
        .iter()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    (out.chars().count() >= 2).then_some(out)
}

/// Whether a surface form looks like an acronym: 2–6 letters, all upper-case (dots allowed).
pub fn is_acronym(surface: &str) -> bool {
    let mut letters = 0;
    for c in surface.chars().filter(|c| *c != '.') {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    (2..=6).contains(&letters)
}

/// Jaro-Winkler similarity of two folded words, in [0, 1].
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        1.0
    } else {
        strsim::jaro_winkler(a, b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_and_transliterations_fold_together() {
        for (a, b) in [
            ("Vučić", "Vucic"),
            ("Vučić", "Vucich"),
            ("Shoigu", "Shoygu"),
            ("Shoigu", "Shojgu"),
            ("Šojgu", "Shoigu"),
            ("Sergei", "Sergey"),
            ("Rodić", "Rodic"),
            ("Lajčák", "Lajcak"),
            ("Đoković", "Djokovic"),
            ("Defence", "defense"),
        ] {
            assert_eq!(
                fold_word(a),
                fold_word(b),
                "{a} and {b} must fold to one key"
            );
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        for (a, b) in [("Vulin", "Vučić"), ("Rodić", "Vulin"), ("Nikolić", "Rodić")] {
            assert_ne!(fold_word(a), fold_word(b), "{a} and {b} must stay apart");
        }
    }

    #[test]
    fn keys_of_organisations_and_equipment() {
        assert_eq!(
            key("Russian Defense Ministry", Label::ORG),
            key("Russia's defence ministry", Label::ORG),
            "country adjective = country, defence = defense, possessive dropped"
        );
        assert_eq!(key("MIG 35", Label::MISC), key("MiG-35", Label::MISC));
        assert_ne!(key("MiG-29", Label::MISC), key("MiG-35", Label::MISC));
        assert_eq!(
            key("Serbian Defense Minister Aleksandar Vulin", Label::PER),
            vec!["aleksandar", "vulin"],
            "titles and nationality before a person's name are not part of the name"
        );
        assert_eq!(key("Shoygu`s", Label::PER), vec!["soigu"]);
    }

    #[test]
    fn acronyms_and_initials() {
        assert_eq!(initials("European Union").as_deref(), Some("EU"));
        assert!(is_acronym("EU") && is_acronym("N.A.T.O.") && !is_acronym("Serbia"));
    }
}
