//! The tokenizer's reading of the lexicon: which abbreviations keep their period (the lists
//! are `src/1-lexicon/abbreviations.tsv` and `months.tsv`), and clitics.

pub use crate::lexicon::AbbrevClass;

/// Whether `w` is a month name or its abbreviation ("February", "Feb", "FEB", "Feb.").
pub fn is_month_name(w: &str) -> bool {
    let w = w.strip_suffix('.').unwrap_or(w);
    crate::lexicon::months().iter().any(|m| {
        m.name.eq_ignore_ascii_case(w) || m.abbreviations.iter().any(|a| a.eq_ignore_ascii_case(w))
    })
}

/// Looks `w` up in the abbreviations (exact case). The tokenizer asks for every word before a
/// period, so this is the lexicon's list compiled by hand into a `match` (a length-and-bytes
/// decision tree, much faster than a scan); a test checks that it holds exactly the lexicon's
/// entries.
fn lookup(w: &str) -> Option<AbbrevClass> {
    match w {
        "Adm" | "Amb" | "Brig" | "Capt" | "Cdr" | "Cmdr" | "Col" | "Cpl" | "Cpt" | "Det" | "Dr"
        | "Drs" | "Fr" | "Gen" | "Gov" | "Hon" | "Insp" | "Lt" | "Maj" | "Messrs" | "Mlle"
        | "Mme" | "Mmes" | "Mr" | "Mrs" | "Ms" | "Msgr" | "Mt" | "Pres" | "Prof" | "Pvt"
        | "Rep" | "Reps" | "Rev" | "Sen" | "Sens" | "Sgt" | "St" | "Ste" | "Supt" | "vs" | "v"
        | "Ft" => Some(AbbrevClass::Title),
        "Jan" | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
        | "Dec" => Some(AbbrevClass::Month),
        "Inc" | "Corp" | "Co" | "Jr" | "Sr" | "Esq" | "Cos" | "Ltd" | "Bros" | "Plc" | "Assn"
        | "Dept" | "Univ" | "Ave" | "Blvd" | "Rd" | "Hwy" | "approx" | "est" | "etc" | "al"
        | "cf" | "ca" | "vol" | "Vol" | "pp" | "Nos" | "Fig" | "fig" | "Ala" | "Ariz" | "Ark"
        | "Calif" | "Colo" | "Conn" | "Del" | "Fla" | "Ga" | "Ill" | "Ind" | "Kan" | "Kans"
        | "Ky" | "La" | "Md" | "Mass" | "Mich" | "Minn" | "Miss" | "Mo" | "Mont" | "Neb"
        | "Nev" | "Okla" | "Ore" | "Pa" | "Penn" | "Tenn" | "Tex" | "Va" | "Vt" | "Wash"
        | "Wis" | "Wyo" => Some(AbbrevClass::Other),
        "No" | "no" | "Art" | "art" | "Para" | "para" | "Ch" | "p" => {
            Some(AbbrevClass::BeforeNumber)
        }
        _ => None,
    }
}

/// Looks `word` (without its period) up in the lists, in the case written or in capitals
/// ("ST.", "CORP.").
pub fn abbrev_class(word: &str) -> Option<AbbrevClass> {
    if word.is_empty() || word.len() > 8 || !word.is_ascii() {
        return None;
    }
    if let Some(c) = lookup(word) {
        return Some(c);
    }
    // Capitals: "ST" -> "St", "CORP" -> "Corp".
    if word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        let mut buf = [0u8; 8];
        let n = word.len();
        buf[..n].copy_from_slice(word.as_bytes());
        buf[1..n].make_ascii_lowercase();
        let title = std::str::from_utf8(&buf[..n]).ok()?;
        return match lookup(title) {
            Some(AbbrevClass::BeforeNumber) => None,
            c => c,
        };
    }
    None
}

/// Whether `c` is used as an apostrophe in clitics ("Serbia's", "Serbia’s", "Shoygu`s").
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '`' | '\u{00B4}')
}

/// Byte length of the clitic that ends `word` ("'s", "n't", "’ll"), if it should be split off.
/// The rest must be non-empty; "n't" needs a letter before it ("do n't", "ca n't").
pub fn clitic_suffix(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    // Find the last apostrophe character and its byte position.
    let (pos, apos) = word
        .char_indices()
        .rev()
        .take(4)
        .find(|&(_, c)| is_apostrophe(c))?;
    let after = &word[pos + apos.len_utf8()..];
    let lower_eq = |s: &str, t: &str| s.eq_ignore_ascii_case(t);
    match after.len() {
        1 if ["s", "m", "d"].iter().any(|t| lower_eq(after, t)) && pos > 0 => Some(b.len() - pos),
        2 if ["re", "ve", "ll"].iter().any(|t| lower_eq(after, t)) && pos > 0 => {
            Some(b.len() - pos)
        }
        1 if lower_eq(after, "t") && pos >= 2 && (b[pos - 1] | 0x20) == b'n' => {
            // "n't": the clitic starts at the n.
            Some(b.len() - (pos - 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_match_holds_exactly_the_lexicon() {
        let listed = crate::lexicon::abbreviations();
        for (w, class) in listed {
            assert_eq!(
                lookup(w),
                Some(*class),
                "{w} is a {class:?} in src/1-lexicon: add it to `lookup` in src/3-text/tokenize/lexicon.rs"
            );
        }
        // The other way: every arm of the match is in the lexicon. The arms are read from
        // this file's source, so a word added to the match alone fails here.
        let source = include_str!("lexicon.rs");
        let body =
            &source[source.find("fn lookup").unwrap()..source.find("/// Looks `word`").unwrap()];
        let arms: Vec<&str> = body.split('"').skip(1).step_by(2).collect();
        assert_eq!(
            arms.len(),
            listed.len(),
            "the match and src/1-lexicon differ in size"
        );
        for w in arms {
            assert!(
                listed.iter().any(|(l, _)| l == w),
                "{w} is in `lookup` but not in src/1-lexicon: add it there (or drop it here)"
            );
        }
    }

    #[test]
    fn abbreviation_lookup_covers_case_variants() {
        assert_eq!(abbrev_class("Gen"), Some(AbbrevClass::Title));
        assert_eq!(abbrev_class("ST"), Some(AbbrevClass::Title));
        assert_eq!(abbrev_class("CORP"), Some(AbbrevClass::Other));
        assert_eq!(abbrev_class("Oct"), Some(AbbrevClass::Month));
        assert_eq!(abbrev_class("NO"), None, "capital NO is a word, not No.");
        assert_eq!(abbrev_class("The"), None);
    }

    #[test]
    fn clitics_are_found_with_any_apostrophe() {
        assert_eq!(clitic_suffix("Serbia's"), Some(2));
        assert_eq!(clitic_suffix("Serbia\u{2019}s"), Some(4));
        assert_eq!(clitic_suffix("don't"), Some(3));
        assert_eq!(clitic_suffix("DON'T"), Some(3));
        assert_eq!(clitic_suffix("they'll"), Some(3));
        assert_eq!(clitic_suffix("O'Brien"), None);
        assert_eq!(
            clitic_suffix("'s"),
            None,
            "a bare clitic is not split again"
        );
        assert_eq!(clitic_suffix("n't"), None, "a bare n't is not split again");
        assert_eq!(clitic_suffix("gov't"), None, "v before 't is not n't");
    }
}
