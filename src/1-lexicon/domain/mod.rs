//! The defence and politics word lists (issue #17), as data files beside this module (one entry
//! a line, `#` comments; each file's header says where its entries come from):
//!
//! | file | what | read by |
//! |---|---|---|
//! | `equipment-families.tsv` | designer families and their code rules ("MiG", "Su", "F") | equipment rules |
//! | `equipment-named.tsv` | named systems and their spellings ("Pantsir-S1", "HIMARS") | equipment rules |
//! | `equipment-nouns.txt` | nouns that make a code equipment ("jets", "missiles") | equipment rules |
//! | `weapon-classes.tsv` | weapon-class acronyms ("IED", "UAV", "MANPADS") | military rules |
//! | `ship-prefixes.txt` | ship prefixes ("USS", "HMS", "FS", "RFS") | military rules |
//! | `hull-codes.txt`, `pennant-letters.txt` | hull symbols ("DDG", "CVN") and pennant letters | military rules |
//! | `armed-groups.tsv` | non-state armed groups and their spellings | military rules |
//! | `groups-context.txt` | words that make an ambiguous group name a group ("fighters") | military rules |
//! | `unit-nouns.txt` | head nouns of military units ("Wing", "Division") | military rules |
//! | `task-forces.txt` | task-force designators ("CTF", "Task Force") | military rules |
//! | `operation-words.txt` | words that open an operation's name ("Operation") | military rules |
//! | `leading-words.txt` | prepositions and adverbs that open a sentence before a name ("Near") | document consistency |
//! | `place-prepositions.txt` | prepositions that put a place after them ("near") | document consistency |
//! | `leaders.txt`, `name-heads.txt` | leaders' surnames written alone; words that make them modifiers | document consistency |

use std::sync::OnceLock;

use super::entries;

static FAMILIES: &str = include_str!("equipment-families.tsv");
static NAMED: &str = include_str!("equipment-named.tsv");
static NOUNS: &str = include_str!("equipment-nouns.txt");
static WEAPON_CLASSES: &str = include_str!("weapon-classes.tsv");
static SHIP_PREFIXES: &str = include_str!("ship-prefixes.txt");
static HULL_CODES: &str = include_str!("hull-codes.txt");
static PENNANT_LETTERS: &str = include_str!("pennant-letters.txt");
static ARMED_GROUPS: &str = include_str!("armed-groups.tsv");
static GROUPS_CONTEXT: &str = include_str!("groups-context.txt");
static UNIT_NOUNS: &str = include_str!("unit-nouns.txt");
static TASK_FORCES: &str = include_str!("task-forces.txt");
static OPERATION_WORDS: &str = include_str!("operation-words.txt");
static LEADERS: &str = include_str!("leaders.txt");
static NAME_HEADS: &str = include_str!("name-heads.txt");
static LEADING_WORDS: &str = include_str!("leading-words.txt");
static PLACE_PREPOSITIONS: &str = include_str!("place-prepositions.txt");

fn list(cell: &'static OnceLock<Vec<&'static str>>, file: &'static str) -> &'static [&'static str] {
    cell.get_or_init(|| entries(file).collect())
}

/// A word list as a set, for the lists asked about every word of a document.
fn set(
    cell: &'static OnceLock<crate::vocab::WordSet<&'static str>>,
    file: &'static str,
) -> &'static crate::vocab::WordSet<&'static str> {
    cell.get_or_init(|| entries(file).collect())
}

fn columns(name: &str, n: usize, line: &'static str) -> Vec<&'static str> {
    let cols: Vec<&'static str> = line.split('\t').collect();
    assert!(
        cols.len() >= n,
        "src/1-lexicon/domain/{name}: expected {n} tab-separated columns: {line:?}"
    );
    cols
}

/// A designer family: "MiG-29", "MIG 35" (`spaced`), "T-72" (`min_digits` 2).
#[derive(Debug, Clone, Copy)]
pub struct Family {
    /// The family as canonically written ("MiG").
    pub prefix: &'static str,
    /// Whether a space may stand for the hyphen ("MIG 35").
    pub spaced: bool,
    /// Least number of digits of the number.
    pub min_digits: usize,
}

/// Designer families (`equipment-families.tsv`).
pub fn equipment_families() -> &'static [Family] {
    static L: OnceLock<Vec<Family>> = OnceLock::new();
    L.get_or_init(|| {
        entries(FAMILIES)
            .map(|line| {
                let c = columns("equipment-families.tsv", 3, line);
                Family {
                    prefix: c[0],
                    spaced: c[1] == "spaced",
                    min_digits: c[2].parse().unwrap_or_else(|_| {
                        panic!("src/1-lexicon/domain/equipment-families.tsv: digits: {line:?}")
                    }),
                }
            })
            .collect()
    })
}

/// A named system: its canonical name, whether it needs an equipment noun, its forms.
#[derive(Debug, Clone)]
pub struct NamedSystem {
    pub canonical: &'static str,
    pub needs_noun: bool,
    pub forms: Vec<&'static str>,
}

/// Named systems (`equipment-named.tsv`).
pub fn equipment_named() -> &'static [NamedSystem] {
    static L: OnceLock<Vec<NamedSystem>> = OnceLock::new();
    L.get_or_init(|| {
        entries(NAMED)
            .map(|line| {
                let c = columns("equipment-named.tsv", 3, line);
                NamedSystem {
                    canonical: c[0],
                    needs_noun: c[1] == "noun",
                    forms: c[2].split('|').filter(|f| !f.is_empty()).collect(),
                }
            })
            .collect()
    })
}

/// Nouns that make a code equipment, lower-case (`equipment-nouns.txt`).
pub fn equipment_nouns() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, NOUNS)
}

/// Weapon-class acronyms and what they stand for (`weapon-classes.tsv`).
pub fn weapon_classes() -> &'static [(&'static str, &'static str)] {
    static L: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    L.get_or_init(|| {
        entries(WEAPON_CLASSES)
            .map(|line| {
                let c = columns("weapon-classes.tsv", 2, line);
                (c[0], c[1])
            })
            .collect()
    })
}

/// Ship prefixes, as written (`ship-prefixes.txt`).
pub fn ship_prefixes() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, SHIP_PREFIXES)
}

/// Whether `word` (as written) is a ship prefix (the list of [`ship_prefixes`], as a set).
pub fn is_ship_prefix(word: &str) -> bool {
    static S: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&S, SHIP_PREFIXES).contains(word)
}

/// Hull classification symbols, as written (`hull-codes.txt`).
pub fn hull_codes() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, HULL_CODES)
}

/// Whether `word` (as written) is a hull classification symbol (the list of [`hull_codes`], as a set).
pub fn is_hull_code(word: &str) -> bool {
    static S: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&S, HULL_CODES).contains(word)
}

/// Single pennant letters (`pennant-letters.txt`).
pub fn pennant_letters() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, PENNANT_LETTERS)
}

/// Whether `word` (as written) is a pennant letter (the list of [`pennant_letters`], as a set).
pub fn is_pennant_letter(word: &str) -> bool {
    static S: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&S, PENNANT_LETTERS).contains(word)
}

/// One spelling of an armed group.
#[derive(Debug, Clone, Copy)]
pub struct ArmedGroup {
    /// The spelling as written.
    pub name: &'static str,
    /// The group's canonical name (the `value`).
    pub canonical: &'static str,
    /// Counts only beside a word of [`groups_context`].
    pub needs_context: bool,
    /// An acronym that is also an English word: not in all-capital lines.
    pub caps_only: bool,
}

/// Armed groups' spellings (`armed-groups.tsv`).
pub fn armed_groups() -> &'static [ArmedGroup] {
    static L: OnceLock<Vec<ArmedGroup>> = OnceLock::new();
    L.get_or_init(|| {
        entries(ARMED_GROUPS)
            .map(|line| {
                let c = columns("armed-groups.tsv", 2, line);
                let flags = c.get(2).copied().unwrap_or("");
                ArmedGroup {
                    name: c[0],
                    canonical: c[1],
                    needs_context: flags.split(',').any(|f| f == "ctx"),
                    caps_only: flags.split(',').any(|f| f == "caps"),
                }
            })
            .collect()
    })
}

/// Words that make an ambiguous group name a group, lower-case (`groups-context.txt`).
pub fn groups_context() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, GROUPS_CONTEXT)
}

/// Head nouns of military units, as written, one or more words (`unit-nouns.txt`).
pub fn unit_nouns() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, UNIT_NOUNS)
}

/// Task-force designators, one or more words (`task-forces.txt`).
pub fn task_forces() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, TASK_FORCES)
}

/// Words that open an operation's name (`operation-words.txt`).
pub fn operation_words() -> &'static [&'static str] {
    static L: OnceLock<Vec<&'static str>> = OnceLock::new();
    list(&L, OPERATION_WORDS)
}

/// Whether `word` (as written) is a word that opens an operation's name (the list of [`operation_words`], as a set).
pub fn is_operation_word(word: &str) -> bool {
    static S: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&S, OPERATION_WORDS).contains(word)
}

/// Whether `word` (as written) is a well-known leader's surname (`leaders.txt`).
pub fn is_leader_surname(word: &str) -> bool {
    static L: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&L, LEADERS).contains(word)
}

/// Whether a lower-case word after a surname makes it a modifier ("regime": `name-heads.txt`).
pub fn is_name_head(word_lower: &str) -> bool {
    static L: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&L, NAME_HEADS).contains(word_lower)
}

/// Whether a lower-case word opens a sentence before a name without being part of it
/// (`leading-words.txt`: "near", "in", "outside").
pub fn is_leading_word(word_lower: &str) -> bool {
    static L: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&L, LEADING_WORDS).contains(word_lower)
}

/// Whether a lower-case word is a preposition that puts a place after it
/// (`place-prepositions.txt`: "near", "outside").
pub fn is_place_preposition(word_lower: &str) -> bool {
    static L: OnceLock<crate::vocab::WordSet<&'static str>> = OnceLock::new();
    set(&L, PLACE_PREPOSITIONS).contains(word_lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sets_hold_their_lists() {
        let all = |file: &'static str| -> Vec<&'static str> { entries(file).collect() };
        type Is = fn(&str) -> bool;
        let pairs: [(Vec<&'static str>, Is); 8] = [
            (all(SHIP_PREFIXES), is_ship_prefix),
            (all(HULL_CODES), is_hull_code),
            (all(PENNANT_LETTERS), is_pennant_letter),
            (all(OPERATION_WORDS), is_operation_word),
            (all(LEADERS), is_leader_surname),
            (all(NAME_HEADS), is_name_head),
            (all(LEADING_WORDS), is_leading_word),
            (all(PLACE_PREPOSITIONS), is_place_preposition),
        ];
        for (words, is) in pairs {
            assert!(!words.is_empty(), "a domain list is empty");
            for w in &words {
                assert!(is(w), "{w:?} is in its list but not in its set: see set()");
            }
            assert!(
                !is("zzz-not-listed"),
                "a set holds a word its list does not"
            );
        }
    }

    #[test]
    fn every_list_parses_and_is_not_empty() {
        assert!(equipment_families().len() > 20);
        assert!(equipment_named().iter().all(|n| !n.forms.is_empty()));
        for (name, n) in [
            ("equipment-nouns.txt", equipment_nouns().len()),
            ("weapon-classes.tsv", weapon_classes().len()),
            ("ship-prefixes.txt", ship_prefixes().len()),
            ("hull-codes.txt", hull_codes().len()),
            ("pennant-letters.txt", pennant_letters().len()),
            ("armed-groups.tsv", armed_groups().len()),
            ("groups-context.txt", groups_context().len()),
            ("unit-nouns.txt", unit_nouns().len()),
            ("task-forces.txt", task_forces().len()),
            ("operation-words.txt", operation_words().len()),
        ] {
            assert!(n > 0, "src/1-lexicon/domain/{name} has no entries");
        }
        assert!(is_leader_surname("Assad") && is_name_head("regime"));
    }
}
