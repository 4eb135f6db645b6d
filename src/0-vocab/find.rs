//! Substring tests for short needles in short text (a line, a token).
//!
//! `str::contains(&str)` sets up a Two-Way searcher at every call; on tokens and page lines,
//! tested against dozens of phrases, that set-up cost more than the search (5 % of the wasm
//! module's time, issue #14). Looking for the needle's first byte and comparing from there is
//! O(haystack × needle) at worst, which for needles of a few bytes is a small constant per byte.

/// Whether `needle` occurs in `haystack` (as `haystack.contains(needle)`).
pub fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    if n.len() > h.len() {
        return false;
    }
    let last_start = h.len() - n.len();
    h[..=last_start]
        .iter()
        .enumerate()
        .any(|(i, &b)| b == first && h[i..].starts_with(n))
}

#[cfg(test)]
mod tests {
    use super::contains;

    #[test]
    fn agrees_with_str_contains() {
        let hays = [
            "",
            "a",
            "http://x",
            "(AP Photo/Evan",
            "ééé://",
            "aaab",
            "://",
            "ab",
        ];
        let needles = ["", "a", "://", "ap photo", "aab", "b", "é://", "abc", "(ap"];
        for h in hays {
            for n in needles {
                assert_eq!(
                    contains(h, n),
                    h.contains(n),
                    "contains({h:?}, {n:?}) must equal str::contains"
                );
            }
        }
    }
}
