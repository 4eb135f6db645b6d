//! The vocabulary every floor shares: entity labels and line classes. It imports nothing
//! from the crate; every other module may import it.

use serde::{Deserialize, Serialize};

pub mod find;
pub mod sort;
pub mod spans;

/// Entity types: the four CoNLL-2003 types from the tagger, then the rule-based ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum Label {
    PER,
    ORG,
    LOC,
    MISC,
    DATE,
    TIME,
    MONEY,
    PERCENT,
    QUANTITY,
    CARDINAL,
    ORDINAL,
}

impl Label {
    /// Every label, in the order of the enum.
    pub const ALL: [Label; 11] = [
        Label::PER,
        Label::ORG,
        Label::LOC,
        Label::MISC,
        Label::DATE,
        Label::TIME,
        Label::MONEY,
        Label::PERCENT,
        Label::QUANTITY,
        Label::CARDINAL,
        Label::ORDINAL,
    ];

    /// The label written `name` ("PER"), as in results and CoNLL files.
    pub fn from_name(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == name)
    }

    /// The label as written in results and CoNLL files.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::PER => "PER",
            Label::ORG => "ORG",
            Label::LOC => "LOC",
            Label::MISC => "MISC",
            Label::DATE => "DATE",
            Label::TIME => "TIME",
            Label::MONEY => "MONEY",
            Label::PERCENT => "PERCENT",
            Label::QUANTITY => "QUANTITY",
            Label::CARDINAL => "CARDINAL",
            Label::ORDINAL => "ORDINAL",
        }
    }
}

/// What a line of the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum BlockClass {
    /// The article's title (and repeats of it).
    Headline,
    /// Author or date line ("By …", "Reporting by …").
    Byline,
    /// A photo caption or credit.
    Caption,
    /// Article text.
    Body,
    /// Web furniture; its kind is in `DocumentResult.boilerplate`.
    Boilerplate,
}

/// A hash map for short word keys (look-ups by the word): FNV-1a instead of std's SipHash,
/// which costs more than the rest of a look-up of a word of a few bytes. Not for keys that a
/// reader controls in bulk (no protection against collisions made on purpose) nor for maps
/// that are iterated (their order is not std's).
pub type WordMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// A set of words; see [`WordMap`].
pub type WordSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fnv>>;

/// 64-bit FNV-1a.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
