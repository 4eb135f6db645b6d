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
