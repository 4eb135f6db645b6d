//! Floor 4, mentions: every layer that finds entity mentions in one document, and their merge
//! into one non-overlapping list of byte spans.
//!
//! - [`tag`]: the statistical tagger (PER, ORG, LOC, MISC), inference only;
//! - [`gazetteer`]: places, nationalities and religions from public data;
//! - [`rules`]: dates, times, money, numbers and equipment with normalized values;
//! - [`user_names`]: the reader's own name lists;
//! - [`merge`]: one list by a documented precedence;
//! - [`consistency`]: name edges and document-level label consistency, around the merge.

pub mod consistency;
pub mod gazetteer;
pub mod merge;
pub mod rules;
pub mod tag;
pub mod user_names;
