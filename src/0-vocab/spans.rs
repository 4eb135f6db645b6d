//! Non-overlapping byte ranges, for the stages that keep the first-ranked of overlapping
//! candidates (the rules, the merge of every layer). Each check and insertion costs O(log n),
//! so a document of any length is fitted together in O(n log n).

use std::collections::BTreeMap;

/// A set of non-overlapping half-open byte ranges, each carrying a value, ordered by start.
#[derive(Debug, Clone)]
pub struct SpanMap<T> {
    /// start → (end, value); no two entries overlap.
    by_start: BTreeMap<usize, (usize, T)>,
}

impl<T> Default for SpanMap<T> {
    fn default() -> Self {
        SpanMap {
            by_start: BTreeMap::new(),
        }
    }
}

impl<T> SpanMap<T> {
    /// Whether `start..end` overlaps no range in the set. Ranges are disjoint and ordered, so
    /// the only one that can overlap is the last one starting before `end`.
    pub fn is_free(&self, start: usize, end: usize) -> bool {
        self.by_start
            .range(..end)
            .next_back()
            .is_none_or(|(_, &(e, _))| e <= start)
    }

    /// Inserts `start..end` when it overlaps nothing; otherwise hands `value` back.
    pub fn insert_if_free(&mut self, start: usize, end: usize, value: T) -> Result<(), T> {
        if !self.is_free(start, end) {
            return Err(value);
        }
        self.by_start.insert(start, (end, value));
        Ok(())
    }

    /// Whether a range in the set starts before `at` and ends after it.
    pub fn straddles(&self, at: usize) -> bool {
        self.by_start
            .range(..at)
            .next_back()
            .is_some_and(|(_, &(e, _))| e > at)
    }

    /// The ranges that start in `start..end`, in order, as (start, end, value).
    pub fn starting_in(
        &self,
        start: usize,
        end: usize,
    ) -> impl Iterator<Item = (usize, usize, &T)> {
        self.by_start
            .range(start..end)
            .map(|(&s, (e, v))| (s, *e, v))
    }

    /// Removes the range starting at `start`, returning its end and value.
    pub fn remove(&mut self, start: usize) -> Option<(usize, T)> {
        self.by_start.remove(&start)
    }

    /// The values, in order of start.
    pub fn into_values(self) -> impl Iterator<Item = T> {
        self.by_start.into_values().map(|(_, v)| v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_ranges_that_overlap_nothing_kept() {
        let mut m = SpanMap::default();
        assert!(m.insert_if_free(10, 20, 'a').is_ok());
        assert!(
            m.insert_if_free(15, 25, 'b').is_err(),
            "overlaps 10..20 on the right"
        );
        assert!(
            m.insert_if_free(5, 11, 'c').is_err(),
            "overlaps 10..20 on the left"
        );
        assert!(m.insert_if_free(12, 14, 'd').is_err(), "inside 10..20");
        assert!(m.insert_if_free(0, 30, 'e').is_err(), "contains 10..20");
        assert!(
            m.insert_if_free(20, 22, 'f').is_ok(),
            "touching is not overlapping"
        );
        assert!(m.insert_if_free(0, 10, 'g').is_ok());
        assert!(
            m.insert_if_free(5, 5, 'h').is_err(),
            "an empty range inside 0..10 is taken"
        );
        assert!(m.straddles(15) && !m.straddles(20) && !m.straddles(30));
        let got: Vec<(usize, usize, char)> =
            m.starting_in(0, 100).map(|(s, e, &v)| (s, e, v)).collect();
        assert_eq!(got[0], (0, 10, 'g'));
        assert_eq!(got.last(), Some(&(20, 22, 'f')));
    }
}
