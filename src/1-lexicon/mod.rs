//! Floor 1, the lexicon: the hand-written word lists, each written once, as data files beside
//! this module (one entry per line, `#` comments), read by every floor above that needs them.
//!
//! | file | what | read by |
//! |---|---|---|
//! | `speech-verbs.txt` | verbs that attribute speech | sentences, quotes |
//! | `months.tsv` | month names and abbreviations | tokenizer, date rules, line classes |
//! | `weekdays.txt` | weekday names | date rules, sentences, quotes |
//! | `tense.tsv` | words that make a date after them future or past | date rules |
//! | `published-labels.txt` | words that open a line giving the publication date | publication date |
//! | `titles.txt` | role words before names | resolution, quotes |
//! | `abbreviations.tsv` | abbreviations that keep their period | tokenizer, sentences |
//! | `countries.tsv` | country names and their adjectives | resolution, quotes |
//! | `spellings.tsv` | British spellings and their American form | resolution |
//!
//! The boilerplate phrases (`3-text/boilerplate/phrases.tsv`) stay beside the one stage that
//! reads them. A broken list is a build bug: it panics with the file's name.

use std::sync::OnceLock;

static SPEECH_VERBS: &str = include_str!("speech-verbs.txt");
static MONTHS: &str = include_str!("months.tsv");
static WEEKDAYS: &str = include_str!("weekdays.txt");
static TENSE: &str = include_str!("tense.tsv");
static PUBLISHED_LABELS: &str = include_str!("published-labels.txt");
static TITLES: &str = include_str!("titles.txt");
static ABBREVIATIONS: &str = include_str!("abbreviations.tsv");
static COUNTRIES: &str = include_str!("countries.tsv");
static SPELLINGS: &str = include_str!("spellings.tsv");

/// The entries of a list file: its lines without comments and blank lines.
fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(|l| l.trim_end_matches(['\r', ' ']))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

fn list(cell: &'static OnceLock<Vec<&'static str>>, file: &'static str) -> &'static [&'static str] {
    cell.get_or_init(|| entries(file).collect())
}

/// Verbs that attribute speech, lower-case ("said", "told", "tweeted").
pub fn speech_verbs() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, SPEECH_VERBS)
}

/// Whether `word` (as written) is a speech verb of [`speech_verbs`].
pub fn is_speech_verb(word: &str) -> bool {
    speech_verbs().contains(&word)
}

/// Weekday names, Monday first, lower-case.
pub fn weekdays() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, WEEKDAYS)
}

/// Which way in time a tense word points (`tense.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// "will", "due", "next": a date after it is still to come.
    Future,
    /// "said", "was", "ago": a date after it has passed.
    Past,
}

/// The tense a lower-case word sets for the dates after it ("will" → future, "said" → past).
pub fn tense_of(lower: &str) -> Option<Tense> {
    static L: OnceLock<Vec<(&'static str, Tense)>> = OnceLock::new();
    L.get_or_init(|| {
        entries(TENSE)
            .map(|line| match line.split_once('\t') {
                Some((w, "future")) => (w, Tense::Future),
                Some((w, "past")) => (w, Tense::Past),
                _ => panic!("src/1-lexicon/tense.tsv: expected word<TAB>future|past: {line:?}"),
            })
            .collect()
    })
    .iter()
    .find(|(w, _)| *w == lower)
    .map(|&(_, t)| t)
}

/// Words that open a line giving the publication date ("published", "posted"), lower-case,
/// most telling first (`published-labels.txt`).
pub fn published_labels() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, PUBLISHED_LABELS)
}

/// Role words that stand before names ("president", "minister", "gen"), lower-case.
pub fn titles() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, TITLES)
}

/// Country names with their adjectives, lower-case: ("serbia", ["serbian", "serb"]).
pub fn countries() -> &'static [(&'static str, Vec<&'static str>)] {
    static L: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    L.get_or_init(|| {
        entries(COUNTRIES)
            .map(|line| {
                let (name, adjectives) = line.split_once('\t').unwrap_or_else(|| {
                    panic!("src/1-lexicon/countries.tsv: expected name<TAB>adjectives: {line:?}")
                });
                (
                    name,
                    adjectives.split(',').filter(|a| !a.is_empty()).collect(),
                )
            })
            .collect()
    })
}

/// British spellings and their American form, lower-case: ("defence", "defense").
pub fn spellings() -> &'static [(&'static str, &'static str)] {
    static L: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    L.get_or_init(|| {
        entries(SPELLINGS)
            .map(|line| {
                line.split_once('\t').unwrap_or_else(|| {
                    panic!("src/1-lexicon/spellings.tsv: expected british<TAB>american: {line:?}")
                })
            })
            .collect()
    })
}

/// A month: its name and the abbreviations news copy writes with a period.
#[derive(Debug)]
pub struct Month {
    /// Lower-case name ("september").
    pub name: &'static str,
    /// Lower-case abbreviations ("sep", "sept"); none for May.
    pub abbreviations: Vec<&'static str>,
}

/// The twelve months, January first.
pub fn months() -> &'static [Month] {
    static L: OnceLock<Vec<Month>> = OnceLock::new();
    L.get_or_init(|| {
        let months: Vec<Month> = entries(MONTHS)
            .enumerate()
            .map(|(k, line)| {
                let f: Vec<&'static str> = line.split('\t').collect();
                assert!(
                    f.len() == 3 && f[0].parse() == Ok(k + 1),
                    "src/1-lexicon/months.tsv: expected number<TAB>name<TAB>abbreviations, month {} in order: {line:?}",
                    k + 1
                );
                Month {
                    name: f[1],
                    abbreviations: f[2].split(',').filter(|a| !a.is_empty()).collect(),
                }
            })
            .collect();
        assert_eq!(months.len(), 12, "src/1-lexicon/months.tsv: twelve months");
        months
    })
}

/// The month (1-12) a lower-case full name names.
pub fn month_by_name(lower: &str) -> Option<u32> {
    months()
        .iter()
        .position(|m| m.name == lower)
        .map(|k| k as u32 + 1)
}

/// The month (1-12) a lower-case abbreviation names ("oct", "sept").
pub fn month_by_abbreviation(lower: &str) -> Option<u32> {
    months()
        .iter()
        .position(|m| m.abbreviations.contains(&lower))
        .map(|k| k as u32 + 1)
}

/// How the period after an abbreviation behaves (`abbreviations.tsv`, and month abbreviations).
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

/// Every abbreviation that keeps its period, as written (exact case), with its class: the
/// entries of `abbreviations.tsv`, then the capitalised month abbreviations ("Oct", "Sept").
pub fn abbreviations() -> &'static [(String, AbbrevClass)] {
    static L: OnceLock<Vec<(String, AbbrevClass)>> = OnceLock::new();
    L.get_or_init(|| {
        let mut out: Vec<(String, AbbrevClass)> = entries(ABBREVIATIONS)
            .map(|line| {
                let (word, class) = line.split_once('\t').unwrap_or((line, ""));
                let class = match class {
                    "title" => AbbrevClass::Title,
                    "other" => AbbrevClass::Other,
                    "before-number" => AbbrevClass::BeforeNumber,
                    _ => panic!(
                        "src/1-lexicon/abbreviations.tsv: expected word<TAB>title|other|before-number: {line:?}"
                    ),
                };
                (word.to_string(), class)
            })
            .collect();
        for m in months() {
            for a in &m.abbreviations {
                let mut chars = a.chars();
                let capitalised: String = chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default();
                out.push((capitalised, AbbrevClass::Month));
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_reads_and_holds_no_duplicates() {
        for (name, l) in [
            ("speech-verbs.txt", speech_verbs()),
            ("weekdays.txt", weekdays()),
            ("titles.txt", titles()),
        ] {
            let mut sorted = l.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(
                sorted.len(),
                l.len(),
                "src/1-lexicon/{name} repeats an entry"
            );
            assert!(
                l.iter().all(|w| *w == w.to_lowercase() && !w.contains(' ')),
                "src/1-lexicon/{name}: one lower-case word per line"
            );
        }
        assert_eq!(weekdays().len(), 7);
        assert_eq!(month_by_name("may"), Some(5));
        assert_eq!(month_by_abbreviation("sept"), Some(9));
        assert_eq!(
            month_by_abbreviation("may"),
            None,
            "May has no abbreviation"
        );
        let abbr = abbreviations();
        let mut words: Vec<&str> = abbr.iter().map(|(w, _)| w.as_str()).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), abbr.len(), "an abbreviation is listed once");
        assert!(abbr.contains(&("Sept".to_string(), AbbrevClass::Month)));
        assert!(abbr.contains(&("Gen".to_string(), AbbrevClass::Title)));
        assert!(countries().contains(&("serbia", vec!["serbian", "serb"])));
        assert!(spellings().contains(&("defence", "defense")));
        let tense: Vec<&str> = entries(TENSE).collect();
        let mut words: Vec<&str> = tense
            .iter()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(
            words.len(),
            tense.len(),
            "src/1-lexicon/tense.tsv repeats a word"
        );
        assert_eq!(tense_of("will"), Some(Tense::Future));
        assert_eq!(tense_of("said"), Some(Tense::Past));
        assert_eq!(tense_of("Said"), None, "the lookup is lower-case");
    }
}
