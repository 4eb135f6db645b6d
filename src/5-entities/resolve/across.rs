//! Cross-document linking: one cluster per real-world entity over the whole batch.
//!
//! Scored candidate matching. Document entities are taken fullest first (most key words, then
//! most mentions, then input order); each joins the best-scoring existing cluster whose best
//! member score is at least [`THRESHOLD`] and against none of whose members a vetoing guard
//! ([`Guard::vetoes`]) fires, or starts a new one.
//!
//! The score of two entities ([`compare`]) is computed on folded keys ([`super::key`]):
//! - equal keys, or an acronym alias equal to the other's key: 1.0;
//! - people: the mean of the surname similarity and the first-name similarity (Jaro-Winkler on
//!   folded words); a bare surname scores 0.95 × the surname similarity;
//! - other names: the mean word-by-word similarity.
//!
//! Guards, each a reason to refuse whatever the score ([`Guard`]):
//! - **Label**: a person never matches a non-person; ORG/LOC/MISC match across labels only
//!   with equal keys (taggers confuse them on one string).
//! - **Surname**: folded surnames must have similarity ≥ 0.94 (Vulin/Vučić: 0.73 → refused).
//! - **FirstName**: two given first names must be compatible (equal after folding, an initial,
//!   or similarity ≥ 0.9): Tomislav Nikolić ≠ Dragan Nikolić.
//! - **Words**: other names need the same number of words, each pair ≥ 0.9 similar.
//! - **Digits**: words with digits must be equal (MiG-29 ≠ MiG-35).
//! - **Country**: country words must be equal (Russian Defense Ministry ≠ Serbian Defense
//!   Ministry).
//! - **SameDocument**: a cluster takes one entity per document; within a document,
//!   [`super::within`] has already decided what is the same.
//! - **Ambiguous**: a bare surname that fits two or more clusters joins none.

use super::key::{self, similarity};
use super::within::{first_names_compatible, labels_compatible};
use super::{DocEntities, DocEntity, NameMention};
use crate::vocab::Label;

/// Lowest score at which two entities are linked.
pub const THRESHOLD: f64 = 0.9;

/// Why two entities were refused, whatever their score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    Label,
    Surname,
    FirstName,
    Words,
    Digits,
    Country,
    SameDocument,
    Ambiguous,
    LowScore,
}

impl Guard {
    /// Whether this refusal against any member keeps an entity out of a cluster. Label,
    /// surname, first name, digits and country contradict; a different number of words does
    /// not ("EU" may join a cluster holding "European Union" and an entity that answers to
    /// "EU").
    pub fn vetoes(self) -> bool {
        matches!(
            self,
            Guard::Label | Guard::Surname | Guard::FirstName | Guard::Digits | Guard::Country
        )
    }
}

/// The outcome of comparing two entities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// Compatible, with this score in [0, 1] (linked when ≥ [`THRESHOLD`]).
    Score(f64),
    /// Refused by a guard.
    Refuse(Guard),
}

/// Scores `a` against `b` as the module documentation describes.
pub fn compare(a: &DocEntity, b: &DocEntity) -> Decision {
    if !labels_compatible(a.label, b.label) {
        return Decision::Refuse(Guard::Label);
    }
    // The joined keys are only built when there are aliases to compare them with.
    let answers_to = |x: &DocEntity, y: &DocEntity| {
        !x.aliases.is_empty() && x.aliases.contains(&y.key.join(" "))
    };
    if a.key == b.key || answers_to(a, b) || answers_to(b, a) {
        return Decision::Score(1.0);
    }
    if a.label == Label::PER {
        return compare_people(&a.key, &b.key);
    }
    if a.label != b.label {
        return Decision::Refuse(Guard::Label);
    }
    if a.key.len() != b.key.len() {
        return Decision::Refuse(Guard::Words);
    }
    let mut total = 0.0;
    for (x, y) in a.key.iter().zip(&b.key) {
        let digits = |w: &str| w.chars().any(|c| c.is_ascii_digit());
        if (digits(x) || digits(y)) && x != y {
            return Decision::Refuse(Guard::Digits);
        }
        let country = |w: &str| key::country_of(w).is_some();
        if (country(x) || country(y)) && x != y {
            return Decision::Refuse(Guard::Country);
        }
        let s = similarity(x, y);
        if s < 0.9 {
            return Decision::Refuse(Guard::Words);
        }
        total += s;
    }
    Decision::Score(total / a.key.len() as f64)
}

fn compare_people(a: &[String], b: &[String]) -> Decision {
    let (Some(sa), Some(sb)) = (a.last(), b.last()) else {
        return Decision::Refuse(Guard::Words);
    };
    let surname = similarity(sa, sb);
    if surname < 0.94 {
        return Decision::Refuse(Guard::Surname);
    }
    if a.len() >= 2 && b.len() >= 2 {
        if !first_names_compatible(&a[0], &b[0]) {
            return Decision::Refuse(Guard::FirstName);
        }
        let first = if a[0].chars().count() == 1 || b[0].chars().count() == 1 {
            0.95
        } else {
            similarity(&a[0], &b[0])
        };
        return Decision::Score((surname + first) / 2.0);
    }
    Decision::Score(0.95 * surname)
}

/// One cross-document cluster before conversion to the public result.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterDraft {
    /// Majority label of its mentions.
    pub label: Label,
    /// Canonical name: the member name with the most words, then the most non-ASCII letters
    /// (the original spelling rather than a stripped one), then the most mentions, then the
    /// earliest.
    pub name: String,
    /// Its document entities as (document index, entity index).
    pub members: Vec<(usize, usize)>,
    /// Distinct surface forms of its mentions, in order of first appearance.
    pub forms: Vec<String>,
    /// (document index, mentions) for each document it is mentioned in, in document order:
    /// sparse, so that the batch step stays linear in the number of documents.
    pub documents: Vec<(usize, u32)>,
}

/// The clusters of a batch, and for each document and entity its cluster.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linked {
    /// Clusters sorted by total mentions (descending), then first appearance.
    pub clusters: Vec<ClusterDraft>,
    /// `cluster_of[doc][entity]`: the entity's cluster.
    pub cluster_of: Vec<Vec<usize>>,
}

/// What linking reads of one document: its entities, and its mentions one at a time (so
/// that a batch need not hold a list of every mention while it is linked).
pub trait LinkDocument {
    /// The document's entities ([`super::within::resolve`]).
    fn entities(&self) -> &DocEntities;
    /// Its mention `i` (an index that its entities' `mentions` hold).
    fn mention(&self, i: usize) -> NameMention<'_>;
}

impl LinkDocument for (&[NameMention<'_>], &DocEntities) {
    fn entities(&self) -> &DocEntities {
        self.1
    }
    fn mention(&self, i: usize) -> NameMention<'_> {
        self.0[i]
    }
}

/// Links the entities of all documents. `docs[d]` gives document `d`'s mentions and entities.
pub fn link<D: LinkDocument>(docs: &[D]) -> Linked {
    let mut order: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| (0..doc.entities().entities.len()).map(move |e| (d, e)))
        .collect();
    let ent = |&(d, e): &(usize, usize)| &docs[d].entities().entities[e];
    crate::vocab::sort::sort_by_cached_key(&mut order, |p| {
        let e = ent(p);
        (
            key::is_acronym(&e.name),
            std::cmp::Reverse(e.key.len()),
            std::cmp::Reverse(e.mentions.len()),
            *p,
        )
    });

    let mut groups: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut group_of: Vec<Vec<usize>> = docs
        .iter()
        .map(|doc| vec![usize::MAX; doc.entities().entities.len()])
        .collect();
    // Blocking: clusters are found through the keys their members were filed under.
    let mut blocks: std::collections::HashMap<String, Vec<usize>> = Default::default();
    let mut reps: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut docs_of: Vec<std::collections::HashSet<usize>> = Vec::new();
    for p in order {
        let e = ent(&p);
        let mut fits: Vec<(f64, usize)> = Vec::new();
        let keys = block_keys(e);
        let mut candidates: Vec<usize> = keys
            .iter()
            .flat_map(|k| blocks.get(k).into_iter().flatten().copied())
            .collect();
        crate::vocab::sort::sort(&mut candidates);
        candidates.dedup();
        'groups: for g in candidates {
            if docs_of[g].contains(&p.0) {
                continue; // SameDocument
            }
            let mut best = 0.0f64;
            // Members with the same label, key and aliases compare alike: one of each.
            for m in &reps[g] {
                match compare(e, ent(m)) {
                    Decision::Refuse(g) if g.vetoes() => continue 'groups,
                    Decision::Refuse(_) => {}
                    Decision::Score(s) => best = best.max(s),
                }
            }
            if best >= THRESHOLD {
                fits.push((best, g));
            }
        }
        let bare_surname = e.label == Label::PER && e.key.len() == 1;
        let chosen = match fits.len() {
            0 => None,
            n if n >= 2 && bare_surname => None, // Ambiguous
            _ => fits
                .iter()
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .map(|f| f.1),
        };
        let g = chosen.unwrap_or_else(|| {
            groups.push(Vec::new());
            reps.push(Vec::new());
            docs_of.push(std::collections::HashSet::new());
            groups.len() - 1
        });
        groups[g].push(p);
        docs_of[g].insert(p.0);
        let alike = |m: &(usize, usize)| {
            let r = ent(m);
            r.label == e.label && r.key == e.key && r.aliases == e.aliases
        };
        if !reps[g].iter().any(alike) {
            reps[g].push(p);
        }
        group_of[p.0][p.1] = g;
        file_under(&mut blocks, keys, g);
    }

    let drafts: Vec<ClusterDraft> = groups.iter().map(|members| draft(docs, members)).collect();
    // Order: most mentions first, then first appearance.
    let first = |members: &[(usize, usize)]| {
        members
            .iter()
            .map(|&(d, e)| (d, docs[d].entities().entities[e].mentions[0]))
            .min()
            .unwrap_or((usize::MAX, 0))
    };
    let mut idx: Vec<usize> = (0..drafts.len()).collect();
    crate::vocab::sort::sort_by_key(&mut idx, |&g| {
        let total: u32 = drafts[g].documents.iter().map(|&(_, n)| n).sum();
        (std::cmp::Reverse(total), first(&groups[g]))
    });
    let mut renumber = vec![0; idx.len()];
    for (new, &old) in idx.iter().enumerate() {
        renumber[old] = new;
    }
    Linked {
        clusters: idx.iter().map(|&g| drafts[g].clone()).collect(),
        cluster_of: group_of
            .into_iter()
            .map(|v| v.into_iter().map(|g| renumber[g]).collect())
            .collect(),
    }
}

/// Files group `g` under each of `keys`, once per key. (Only the last group was compared
/// before issue #14: two groups under one key in turn, document after document, grew the list
/// with the batch, and every later entity under that key gathered and sorted all of it, so
/// linking grew faster than the batch: 14 % of the CLI's time on 20 MB, serial.)
fn file_under(
    blocks: &mut std::collections::HashMap<String, Vec<usize>>,
    keys: Vec<String>,
    g: usize,
) {
    for k in keys {
        let list = blocks.entry(k).or_default();
        if !list.contains(&g) {
            list.push(g);
        }
    }
}

/// The blocking keys of an entity: its joined key and aliases (`x:`), and the first three
/// letters of a person's surname (`p:`) or of another name's first word (`w:`). Entities that
/// share none are never compared: folded names that differ in their first three letters are
/// not linked (Jaro-Winkler weighs the start of a word most, so such pairs score low anyway).
fn block_keys(e: &DocEntity) -> Vec<String> {
    let mut keys = vec![format!("x:{}", e.key.join(" "))];
    keys.extend(e.aliases.iter().map(|a| format!("x:{a}")));
    let word = if e.label == Label::PER {
        e.key.last()
    } else {
        e.key.first()
    };
    if let Some(w) = word {
        let prefix: String = w.chars().take(3).collect();
        let tag = if e.label == Label::PER { "p" } else { "w" };
        keys.push(format!("{tag}:{prefix}"));
    }
    keys
}

/// Sorts (document, count) pairs by document and adds up the counts of one document.
fn merge_by_document(mut documents: Vec<(usize, u32)>) -> Vec<(usize, u32)> {
    crate::vocab::sort::sort_by_key(&mut documents, |&(d, _)| d);
    let mut out: Vec<(usize, u32)> = Vec::with_capacity(documents.len());
    for (d, n) in documents {
        match out.last_mut() {
            Some(last) if last.0 == d => last.1 += n,
            _ => out.push((d, n)),
        }
    }
    out
}

fn draft<D: LinkDocument>(docs: &[D], members: &[(usize, usize)]) -> ClusterDraft {
    // (document, mentions) per member, in member order; sorted and summed by document below.
    let mut documents: Vec<(usize, u32)> = Vec::with_capacity(members.len());
    let mut forms: Vec<(usize, usize, &str)> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = Default::default();
    let mut labels: Vec<(Label, u32)> = Vec::new();
    for &(d, e) in members {
        let doc = &docs[d];
        let mentions = &doc.entities().entities[e].mentions;
        documents.push((d, mentions.len() as u32));
        for &i in mentions {
            let m = doc.mention(i);
            if seen.insert(m.surface) {
                forms.push((d, m.start, m.surface));
            }
            match labels.iter_mut().find(|(l, _)| *l == m.label) {
                Some(slot) => slot.1 += 1,
                None => labels.push((m.label, 1)),
            }
        }
    }
    crate::vocab::sort::sort(&mut forms);
    let non_ascii = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
    let mut name_uses: std::collections::HashMap<&str, usize> = Default::default();
    for &(d, e) in members {
        *name_uses
            .entry(docs[d].entities().entities[e].name.as_str())
            .or_default() += 1;
    }
    let uses = |name: &str| name_uses.get(name).copied().unwrap_or(0);
    let best = members
        .iter()
        .map(|&(d, e)| (&docs[d].entities().entities[e], d))
        .max_by(|(a, da), (b, db)| {
            a.key
                .len()
                .cmp(&b.key.len())
                .then(non_ascii(&a.name).cmp(&non_ascii(&b.name)))
                .then(uses(&a.name).cmp(&uses(&b.name)))
                .then((db, b.mentions[0]).cmp(&(da, a.mentions[0])))
        })
        .map(|(e, _)| e);
    let (name, fallback) = best.map_or((String::new(), Label::MISC), |e| (e.name.clone(), e.label));
    crate::vocab::sort::sort_by(&mut labels, |a, b| {
        b.1.cmp(&a.1)
            .then((a.0 != fallback).cmp(&(b.0 != fallback)))
    });
    ClusterDraft {
        label: labels.first().map_or(fallback, |l| l.0),
        name,
        members: members.to_vec(),
        forms: forms.into_iter().map(|f| f.2.to_string()).collect(),
        documents: merge_by_document(documents),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_lists_each_group_once_however_often_it_comes_back() {
        // Two groups filed under one key in turn, as entities of many documents are.
        let mut blocks = std::collections::HashMap::new();
        for _ in 0..100 {
            for g in [0, 1] {
                file_under(&mut blocks, vec!["w:uni".to_string(), format!("x:{g}")], g);
            }
        }
        assert_eq!(
            blocks["w:uni"],
            vec![0, 1],
            "a block must hold each group once, or linking grows faster than the batch"
        );
        assert_eq!(blocks["x:1"], vec![1]);
    }

    fn ent(name: &str, label: Label) -> DocEntity {
        DocEntity {
            label,
            mentions: vec![0],
            name: name.into(),
            key: key::key(name, label),
            aliases: Vec::new(),
        }
    }

    fn linked(a: &str, b: &str, label: Label) -> Decision {
        compare(&ent(a, label), &ent(b, label))
    }

    #[test]
    fn merges() {
        for (a, b, label) in [
            ("Sergei Shoigu", "Sergey Shoygu", Label::PER),
            ("Sergei Shoigu", "Shojgu", Label::PER),
            ("Aleksandar Vučić", "Aleksandar Vucic", Label::PER),
            ("Aleksandar Vučić", "Alexander Vucic", Label::PER),
            (
                "Russian Defense Ministry",
                "Russia’s defence ministry",
                Label::ORG,
            ),
            ("MIG 35", "MiG-35", Label::MISC),
        ] {
            match linked(a, b, label) {
                Decision::Score(s) if s >= THRESHOLD => {}
                other => panic!("{a} / {b} must link (score ≥ {THRESHOLD}); got {other:?}"),
            }
        }
    }

    #[test]
    fn non_merges_name_their_guard() {
        for (a, b, label, guard) in [
            (
                "Aleksandar Vulin",
                "Aleksandar Vučić",
                Label::PER,
                Guard::Surname,
            ),
            (
                "Nebojša Rodić",
                "Aleksandar Vulin",
                Label::PER,
                Guard::Surname,
            ),
            (
                "Tomislav Nikolić",
                "Dragan Nikolić",
                Label::PER,
                Guard::FirstName,
            ),
            ("MiG-29", "MiG-35", Label::MISC, Guard::Digits),
            (
                "Russian Defense Ministry",
                "Serbian Defense Ministry",
                Label::ORG,
                Guard::Country,
            ),
        ] {
            assert_eq!(
                linked(a, b, label),
                Decision::Refuse(guard),
                "{a} / {b} must be refused by the {guard:?} guard"
            );
        }
        assert_eq!(
            compare(
                &ent("Serbia", Label::LOC),
                &ent("Sergei Shoigu", Label::PER)
            ),
            Decision::Refuse(Guard::Label)
        );
    }
}
