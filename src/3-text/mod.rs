//! Floor 3, text: what the words are, where sentences end, and what each line of the page
//! is. Reads only the text; knows nothing of entities.
//!
//! - [`tokenize`]: tokens with byte offsets, shapes and kinds (news rules on UAX #29);
//! - [`sentences`]: sentence boundaries over the tokens (rules, then a learned classifier);
//! - [`boilerplate`]: each non-blank line classed as headline, byline, caption, body or
//!   boilerplate (related links, donation appeals, …).

pub mod boilerplate;
pub mod sentences;
pub mod tokenize;
