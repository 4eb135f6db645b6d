//! Floor 5, entities: what the mentions refer to and what is said.
//!
//! - [`resolve`]: mentions grouped into document entities, then linked across documents into
//!   clusters (one per real-world entity);
//! - [`quotes`]: direct quotations and their speakers;
//! - [`salience`]: how central an entity is to a document (tag suggestions).

pub mod quotes;
pub mod resolve;
pub mod salience;
