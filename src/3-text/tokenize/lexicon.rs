//! Word lists of the news rules: abbreviations that keep their period, and clitics.
//!
//! Written by hand from English news style (AP/Reuters abbreviations, U.S. state
//! abbreviations, titles, months). Every abbreviation that carries its own period in the
//! CoNLL-2003 train split is here; dev and test were not consulted.

// The lists, as written; `lookup` below holds the same words as a `match` (a test checks
// that the two agree).

/// Titles and name prefixes: a period after them never ends a sentence.
#[cfg(test)]
const TITLES: &[&str] = &[
    "Adm", "Amb", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Cpt", "Det", "Dr", "Drs", "Fr",
    "Gen", "Gov", "Hon", "Insp", "Lt", "Maj", "Messrs", "Mlle", "Mme", "Mmes", "Mr", "Mrs", "Ms",
    "Msgr", "Mt", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Ste",
    "Supt", "vs", "v", "Ft",
];

/// Month abbreviations.
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Other abbreviations that keep their period but may end a sentence: company suffixes,
/// U.S. states in AP style, and common short forms.
#[cfg(test)]
const OTHERS: &[&str] = &[
    "Inc", "Corp", "Co", "Jr", "Sr", "Esq", "Cos", "Ltd", "Bros", "Plc", "Assn", "Dept", "Univ",
    "Ave", "Blvd", "Rd", "Hwy", "approx", "est", "etc", "al", "cf", "ca", "vol", "Vol", "pp",
    "Nos", "Fig", "fig", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill",
    "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb",
    "Nev", "Okla", "Ore", "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
];

/// Abbreviations whose period is kept only before a number ("No. 2", "Art. 5").
#[cfg(test)]
const BEFORE_NUMBER: &[&str] = &["No", "no", "Art", "art", "Para", "para", "Ch", "p"];

/// Whether `w` is a month name or its abbreviation ("February", "Feb", "FEB").
pub fn is_month_name(w: &str) -> bool {
    const NAMES: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let w = w.strip_suffix('.').unwrap_or(w);
    NAMES
        .iter()
        .chain(MONTHS)
        .any(|m| m.eq_ignore_ascii_case(w))
}

/// How a word followed by a period behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// A title or name prefix ("Gen.", "Mr."): never ends a sentence.
    Title,
    /// A month ("Oct."): does not end a sentence before a number.
    Month,
    /// Another abbreviation ("Inc.", "Calif."): may end a sentence.
    Other,
    /// Only an abbreviation before a number ("No. 2").
    BeforeNumber,
}

/// Looks `w` up in the lists (exact case). A `match` compiles to a length-and-bytes decision
/// tree, much faster than scanning the lists.
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
    fn the_match_holds_exactly_the_lists() {
        for (list, class) in [
            (TITLES, AbbrevClass::Title),
            (MONTHS, AbbrevClass::Month),
            (OTHERS, AbbrevClass::Other),
            (BEFORE_NUMBER, AbbrevClass::BeforeNumber),
        ] {
            for w in list {
                assert_eq!(lookup(w), Some(class), "{w} must be looked up as {class:?}");
            }
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
