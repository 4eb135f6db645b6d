//! Entity resolution — which mentions name the same real-world entity.
//!
//! Two steps, matching the pipeline's split between per-document and batch work:
//! - [`within`] (per document, in `analyze_document`): groups a document's mentions into
//!   document entities: short and partial forms to the full name ("Shoigu" → "Sergei Shoigu"),
//!   acronyms to their expansion when both appear ("EU" ↔ "European Union"), possessive and
//!   title forms ("Vulin’s", "President Aleksandar Vučić").
//! - [`across`] (per batch, in `assemble`): links document entities into clusters, one per
//!   real-world entity, by scored candidate matching on folded keys ([`key`]) with explicit
//!   guards (surname, first name, label, digits, ambiguity).
//!
//! Only PER, ORG, LOC and MISC mentions take part; mentions inside boilerplate do not (they
//! keep no entity and no cluster).

pub mod across;
pub mod key;
pub mod within;

use crate::vocab::Label;

/// Whether mentions with this label are resolved into entities.
pub fn resolvable(label: Label) -> bool {
    matches!(label, Label::PER | Label::ORG | Label::LOC | Label::MISC)
}

/// One mention as resolution sees it: a view of an entity of the document text (nothing
/// owned, so a batch keeps no second copy of its entities).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NameMention<'a> {
    /// Byte offset of the mention in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Entity type from the tagger.
    pub label: Label,
    /// The mention text as it appears.
    pub surface: &'a str,
    /// Whether the mention lies inside boilerplate.
    pub boilerplate: bool,
    /// Finer type from the layer that found it ("nationality", "equipment", …), if any.
    pub kind: Option<&'a str>,
    /// The layer's normalized value, if any (for an armed group its canonical name: "ISIL" →
    /// "Islamic State").
    pub value: Option<&'a str>,
}

/// Kinds whose `value` is the canonical name of the entity itself, so that every spelling is
/// keyed by it ("ISIL", "Daesh", "ISIS" → "Islamic State"): one entity, named canonically.
pub const CANONICAL_KINDS: &[&str] = &["armed-group"];

/// A real-world entity within one document: the mentions that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntity {
    /// Entity type (of the fullest mention).
    pub label: Label,
    /// Indices of its mentions in the document's mention list, in text order.
    pub mentions: Vec<usize>,
    /// The fullest name seen, without possessive or leading titles ("Sergei Shoigu").
    pub name: String,
    /// The matching key of `name` (see [`key::key`]).
    pub key: Vec<String>,
    /// Further exact keys this entity answers to: acronyms with their expansion ("eu"), the
    /// joined key of the expansion for acronym-only entities.
    pub aliases: Vec<String>,
}

/// The result of [`within::resolve`] for one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocEntities {
    /// The document's entities, in order of first mention.
    pub entities: Vec<DocEntity>,
    /// For each mention (same order as the input), its entity, or None (boilerplate, or a
    /// label that is not resolved).
    pub entity_of: Vec<Option<usize>>,
}
