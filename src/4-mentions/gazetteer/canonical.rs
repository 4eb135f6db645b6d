//! How an entry's canonical name is spelt from one of its name keys (issue #14: the entry
//! table ships without the names it can derive).
//!
//! Shared, as this very file, by `build.rs` (which writes the compact entry table and checks
//! that every derived name equals `entries.tsv`'s) and by the gazetteer (which derives the
//! names when it loads). So this file uses nothing from the crate.

/// Words that may stay lower-case inside a capitalized name ("Bosnia and Herzegovina").
pub const CONNECTORS: &[&str] = &[
    "and", "of", "the", "de", "del", "la", "le", "al", "el", "d", "da", "do", "dos", "das", "van",
    "von", "der", "den", "on", "upon", "s",
];

/// Ways to spell a canonical name from a normalized key (lower-case words joined by one
/// space). The spec value of an entry (see `build.rs`) is `1 + 4 * j + way`, where `j` is the
/// index of the key among the entry's keys in byte order; 0 means the name is stored as text.
pub const WAYS: u8 = 4;

/// The canonical name of the entry's country (a nationality's canonical name is "Serbia").
pub const WAY_COUNTRY: u8 = 3;

fn capital(w: &str, out: &mut String) {
    let mut cs = w.chars();
    if let Some(c) = cs.next() {
        out.extend(c.to_uppercase());
        out.push_str(cs.as_str());
    }
}

/// Appends to `out` the name spelt from `key` the way `way` (0..3): 0 every word capitalized
/// ("New York"), 1 connectors after the first word left lower-case ("Bosnia and Herzegovina"),
/// 2 words capitalized and joined by hyphens ("Guinea-Bissau"). False, and `out` unchanged,
/// for [`WAY_COUNTRY`] and others.
pub fn spell_into(key: &str, way: u8, out: &mut String) -> bool {
    if way >= WAY_COUNTRY {
        return false;
    }
    for (i, w) in key.split(' ').enumerate() {
        if i > 0 {
            out.push(if way == 2 { '-' } else { ' ' });
        }
        if way == 1 && i > 0 && CONNECTORS.contains(&w) {
            out.push_str(w);
        } else {
            capital(w, out);
        }
    }
    true
}
