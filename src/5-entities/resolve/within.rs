//! Within-document resolution: group one document's mentions into entities.
//!
//! Mentions are taken fullest first (most key words), so that full names exist before their
//! short forms are placed, whichever comes first in the text. A mention joins an existing entity
//! when, in this order:
//! 1. its key equals the entity's key or one of its aliases, with a compatible label
//!    (the same, or ORG/LOC/MISC among themselves);
//! 2. PER: it is one word and equals the last word (the surname) of exactly one multi-word
//!    person; with several, the one mentioned last before it (else first after it);
//! 3. PER: it is a multi-word name with the same surname and a compatible first name as one
//!    person already seen ("Sergey Shoygu" after "Sergei Shoigu" in one text);
//! 4. it is one word (not a country) equal to the surname of exactly one multi-word person:
//!    taggers give surnames other labels ("Shojgu" tagged LOC beside "Sergey Shoygu");
//! 5. ORG/MISC: its key is a tail of two or more words of exactly one longer entity's key
//!    ("Defense Ministry" → "Russian Defense Ministry"); ambiguous tails stay apart;
//! 6. it is an acronym equal to the initials of exactly one multi-word entity ("EU" → "European
//!    Union"); the entity then also answers to the acronym.
//!
//! An ORG mention right after a possessive place or organisation ("Serbia’s" + "Defense
//! Ministry", also when the tokenizer split off the clitic) or right after a country adjective
//! tagged on its own ("Russian" + "Defense Ministry") is keyed as one name, "Serbia Defense
//! Ministry", so it is not confused with the Russian one.

use super::key::{self, similarity};
use super::{resolvable, DocEntities, DocEntity, NameMention};
use crate::vocab::Label;

/// Same-family labels: a person only with a person; organisations, places and other names
/// among themselves (taggers confuse them on the same string).
pub fn labels_compatible(a: Label, b: Label) -> bool {
    (a == Label::PER) == (b == Label::PER)
}

/// Whether two folded first names may belong to one person: equal, one is an initial of the
/// other, or close after folding (Aleksandar/Alexander: Jaro-Winkler ≥ 0.9).
pub fn first_names_compatible(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la == 1 || lb == 1 {
        return a.chars().next() == b.chars().next();
    }
    similarity(a, b) >= 0.9
}

/// Groups `mentions` (in text order) into entities; `text` is the document text.
pub fn resolve(text: &str, mentions: &[NameMention]) -> DocEntities {
    let n = mentions.len();
    // Only these mentions are resolved; the others get no name or key.
    let taken = |m: &NameMention| resolvable(m.label) && !m.boilerplate;
    // The name each mention is keyed by: its own text, or possessive owner + it.
    let names: Vec<String> = (0..n)
        .map(|i| {
            let m = &mentions[i];
            if !taken(m) {
                return String::new();
            }
            if let (Some(kind), Some(value)) = (m.kind, m.value) {
                if super::CANONICAL_KINDS.contains(&kind) {
                    return value.to_string();
                }
            }
            if i > 0 && m.label == Label::ORG {
                let p = &mentions[i - 1];
                let gap = text.get(p.end..m.start).unwrap_or("x");
                let clitic = ["'s", "’s", "`s"].iter().any(|c| gap.trim() == *c);
                let possessive = key::strip_possessive(p.surface) != p.surface
                    && gap.chars().all(char::is_whitespace);
                let adjective = gap.chars().all(char::is_whitespace)
                    && !gap.is_empty()
                    && key::country_of(&p.surface.to_lowercase()).is_some();
                if ((possessive || clitic) && matches!(p.label, Label::LOC | Label::ORG))
                    || (adjective && matches!(p.label, Label::MISC | Label::LOC))
                {
                    return format!(
                        "{}{} {}",
                        p.surface,
                        if clitic { gap.trim() } else { "" },
                        m.surface
                    );
                }
            }
            display_name(m.surface, m.label)
        })
        .collect();
    let keys: Vec<Vec<String>> = (0..n)
        .map(|i| match taken(&mentions[i]) {
            true => key::key(&names[i], mentions[i].label),
            false => Vec::new(),
        })
        .collect();

    let mut order: Vec<usize> = (0..n)
        .filter(|&i| taken(&mentions[i]) && !keys[i].is_empty())
        .collect();
    // Fullest first; acronyms last so that their expansions exist; ties in text order.
    crate::vocab::sort::sort_by_cached_key(&mut order, |&i| {
        (
            key::is_acronym(mentions[i].surface),
            std::cmp::Reverse(keys[i].len()),
            i,
        )
    });

    let mut entities: Vec<DocEntity> = Vec::new();
    let mut index = Index::default();
    let mut entity_of = vec![None; n];
    for i in order {
        let m = &mentions[i];
        let k = &keys[i];
        let joined = k.join(" ");
        let found = find_entity(&entities, &index, mentions, i, k, &joined);
        match found {
            Some(e) => {
                entity_of[i] = Some(e);
                entities[e].mentions.push(i);
                if key::is_acronym(m.surface) && !entities[e].aliases.contains(&joined) {
                    index.add(&mut index_key(&joined), e);
                    entities[e].aliases.push(joined);
                }
            }
            None => {
                entity_of[i] = Some(entities.len());
                // An acronym-only entity answers to the acronym; an expansion answers to its
                // acronym only when the acronym appears too (added above).
                let mut aliases = Vec::new();
                if key::is_acronym(m.surface) {
                    aliases.push(joined.clone());
                }
                let e = DocEntity {
                    label: m.label,
                    mentions: vec![i],
                    name: names[i].clone(),
                    key: k.clone(),
                    aliases,
                };
                index.insert(&e, entities.len());
                entities.push(e);
            }
        }
    }
    // Entities in order of first mention; mentions in text order.
    for e in &mut entities {
        crate::vocab::sort::sort(&mut e.mentions);
    }
    let mut idx: Vec<usize> = (0..entities.len()).collect();
    crate::vocab::sort::sort_by_key(&mut idx, |&e| entities[e].mentions[0]);
    let mut renumber = vec![0; entities.len()];
    for (new, &old) in idx.iter().enumerate() {
        renumber[old] = new;
    }
    let entities: Vec<DocEntity> = idx.iter().map(|&e| entities[e].clone()).collect();
    for slot in entity_of.iter_mut() {
        *slot = slot.map(|e| renumber[e]);
    }
    DocEntities {
        entities,
        entity_of,
    }
}

/// The name a mention gives, without possessive and, for people, without leading titles.
pub fn display_name(surface: &str, label: Label) -> String {
    let s = key::strip_possessive(surface.trim());
    if label != Label::PER {
        return s.to_string();
    }
    let ws: Vec<&str> = s.split_whitespace().collect();
    let kept = key::person_words(&ws);
    match kept.first() {
        Some(first) => {
            let at = s.find(first).unwrap_or(0);
            s[at..].to_string()
        }
        None => s.to_string(),
    }
}

/// Most entities one look-up compares with (see [`Index::get`]).
const MAX_CANDIDATES: usize = 64;

/// Where to look for candidate entities, so that a document with thousands of mentions costs
/// thousands of look-ups, not millions of comparisons. Keys: `x:` joined key or alias, `l:` last
/// key word, `p:` first three letters of a person's surname (people whose folded surnames
/// differ in their first three letters are never compared), `i:` initials.
#[derive(Default)]
struct Index {
    map: std::collections::HashMap<String, Vec<usize>>,
}

fn index_key(joined: &str) -> String {
    format!("x:{joined}")
}

/// The blocking prefix of a folded surname.
pub fn surname_block(surname: &str) -> String {
    format!("p:{}", surname.chars().take(3).collect::<String>())
}

impl Index {
    fn add(&mut self, key: &mut String, e: usize) {
        let list = self.map.entry(std::mem::take(key)).or_default();
        if list.last() != Some(&e) {
            list.push(e);
        }
    }

    fn insert(&mut self, e: &DocEntity, at: usize) {
        self.add(&mut index_key(&e.key.join(" ")), at);
        for a in &e.aliases {
            self.add(&mut index_key(a), at);
        }
        if let Some(last) = e.key.last() {
            self.add(&mut format!("l:{last}"), at);
            if e.label == Label::PER && e.key.len() >= 2 {
                self.add(&mut surname_block(last), at);
            }
        }
        if e.label != Label::PER {
            if let Some(ini) = key::initials(&e.name) {
                self.add(&mut format!("i:{ini}"), at);
            }
        }
    }

    /// The entities under `key`, at most the [`MAX_CANDIDATES`] most recent: a bucket that
    /// large (thousands of different names sharing a last word or three letters of a surname:
    /// a list, not prose) is compared with its newest entries only, so that the cost per
    /// mention stays bounded and a document's resolution stays linear in its length.
    fn get(&self, key: &str) -> &[usize] {
        let all = self.map.get(key).map_or(&[][..], Vec::as_slice);
        &all[all.len().saturating_sub(MAX_CANDIDATES)..]
    }
}

fn find_entity(
    entities: &[DocEntity],
    index: &Index,
    mentions: &[NameMention],
    i: usize,
    k: &[String],
    joined: &str,
) -> Option<usize> {
    let m = &mentions[i];
    // 1. Exact key or alias.
    if let Some(&e) = index
        .get(&index_key(joined))
        .iter()
        .find(|&&e| labels_compatible(entities[e].label, m.label))
    {
        return Some(e);
    }
    let entries = |key: String| index.get(&key).iter().map(|&j| (j, &entities[j]));
    if m.label == Label::PER {
        let surname = k.last()?;
        let candidates: Vec<usize> = entries(surname_block(surname))
            .filter(|(_, e)| e.label == Label::PER && e.key.len() >= 2)
            .filter(|(_, e)| e.key.last().is_some_and(|s| similarity(s, surname) >= 0.94))
            .filter(|(_, e)| k.len() < 2 || first_names_compatible(&e.key[0], &k[0]))
            .map(|(j, _)| j)
            .collect();
        return match candidates.len() {
            0 => None,
            1 => Some(candidates[0]),
            // 2. Several people share the surname: the one mentioned last before this mention,
            // else the first one after it.
            _ if k.len() == 1 => nearest(&candidates, entities, mentions, i),
            _ => None,
        };
    }
    // 6. Acronym of exactly one multi-word entity.
    if key::is_acronym(m.surface) {
        let acr: String = m.surface.chars().filter(|c| *c != '.').collect();
        let hits: Vec<usize> = entries(format!("i:{acr}"))
            .filter(|(_, e)| e.label != Label::PER)
            .filter(|(_, e)| key::initials(&e.name).as_deref() == Some(acr.as_str()))
            .map(|(j, _)| j)
            .collect();
        if hits.len() == 1 {
            return Some(hits[0]);
        }
        return None;
    }
    // 4. A one-word name equal to the surname of exactly one person: the tagger gave a
    //    person's surname another label ("Shojgu" as LOC next to "Sergey Shoygu").
    if k.len() == 1 && key::country_of(&k[0]).is_none() {
        let people: Vec<usize> = entries(format!("l:{}", k[0]))
            .filter(|(_, e)| e.label == Label::PER && e.key.len() >= 2)
            .filter(|(_, e)| e.key.last() == k.last())
            .map(|(j, _)| j)
            .collect();
        if let [e] = people.as_slice() {
            return Some(*e);
        }
    }
    // 5. Organisations: a tail of two or more words of exactly one longer name ("Defense
    //    Ministry" → "Russian Defense Ministry"). One-word tails ("Serbia" in
    //    "Russian-Serbian") are left alone.
    if k.len() < 2 || !matches!(m.label, Label::ORG | Label::MISC) {
        return None;
    }
    let hits: Vec<usize> = entries(format!("l:{}", k[k.len() - 1]))
        .filter(|(_, e)| labels_compatible(e.label, m.label) && e.key.len() > k.len())
        .filter(|(_, e)| e.key[e.key.len() - k.len()..] == *k)
        .map(|(j, _)| j)
        .collect();
    match hits.as_slice() {
        [e] => Some(*e),
        _ => None,
    }
}

fn nearest(
    candidates: &[usize],
    entities: &[DocEntity],
    mentions: &[NameMention],
    i: usize,
) -> Option<usize> {
    let at = mentions[i].start;
    let mut before: Option<(usize, usize)> = None;
    let mut after: Option<(usize, usize)> = None;
    for &e in candidates {
        // An entity's mentions are in text order: its last one before `at` and its first one
        // from `at` on are found by binary search, not by a scan.
        let ms = &entities[e].mentions;
        let k = ms.partition_point(|&j| mentions[j].start < at);
        if let Some(&j) = k.checked_sub(1).map(|k| &ms[k]) {
            let start = mentions[j].start;
            if before.is_none_or(|(s, _)| start > s) {
                before = Some((start, e));
            }
        }
        if let Some(&j) = ms.get(k) {
            let start = mentions[j].start;
            if after.is_none_or(|(s, _)| start < s) {
                after = Some((start, e));
            }
        }
    }
    before.or(after).map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mentions of `names` (surface, label) at every occurrence in `text`.
    pub fn mentions_of<'a>(text: &str, names: &[(&'a str, Label)]) -> Vec<NameMention<'a>> {
        let mut out: Vec<NameMention<'a>> = Vec::new();
        for (name, label) in names {
            for (at, _) in text.match_indices(name) {
                let end = at + name.len();
                let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                if !word_edge(text[..at].chars().last()) || !word_edge(text[end..].chars().next()) {
                    continue;
                }
                if out.iter().any(|m| m.start < end && at < m.end) {
                    continue;
                }
                out.push(NameMention {
                    start: at,
                    end,
                    label: *label,
                    surface: name,
                    boilerplate: false,
                    kind: None,
                    value: None,
                });
            }
        }
        out.sort_by_key(|m| m.start);
        out
    }

    fn group_of(r: &DocEntities, ms: &[NameMention], surface: &str) -> usize {
        let i = ms.iter().position(|m| m.surface == surface).unwrap();
        r.entity_of[i].unwrap()
    }

    #[test]
    fn surname_joins_full_name_before_or_after() {
        let text =
            "Shoigu arrived. Defense Minister Sergei Shoigu met Aleksandar Vulin. Vulin said so.";
        let ms = mentions_of(
            text,
            &[
                ("Sergei Shoigu", Label::PER),
                ("Aleksandar Vulin", Label::PER),
                ("Shoigu", Label::PER),
                ("Vulin", Label::PER),
            ],
        );
        let r = resolve(text, &ms);
        assert_eq!(r.entities.len(), 2, "two people: {:?}", r.entities);
        assert_eq!(
            group_of(&r, &ms, "Shoigu"),
            group_of(&r, &ms, "Sergei Shoigu")
        );
        assert_eq!(
            group_of(&r, &ms, "Vulin"),
            group_of(&r, &ms, "Aleksandar Vulin")
        );
        assert_eq!(r.entities[0].name, "Sergei Shoigu");
    }

    #[test]
    fn acronym_joins_its_expansion_when_both_appear() {
        let text = "The European Union said the EU would wait.";
        let ms = mentions_of(text, &[("European Union", Label::ORG), ("EU", Label::ORG)]);
        let r = resolve(text, &ms);
        assert_eq!(r.entities.len(), 1, "{:?}", r.entities);
        assert!(r.entities[0].aliases.contains(&"eu".to_string()));
    }

    #[test]
    fn possessive_and_title_forms_join() {
        let text = "President Aleksandar Vučić spoke. Vučić’s cabinet agreed.";
        let ms = mentions_of(
            text,
            &[
                ("President Aleksandar Vučić", Label::PER),
                ("Vučić’s", Label::PER),
            ],
        );
        let r = resolve(text, &ms);
        assert_eq!(r.entities.len(), 1, "{:?}", r.entities);
        assert_eq!(r.entities[0].name, "Aleksandar Vučić");
    }

    #[test]
    fn different_people_with_one_surname_stay_apart_and_bare_surname_takes_the_nearest() {
        let text = "Tomislav Nikolić met Dragan Nikolić. Later Nikolić left.";
        let ms = mentions_of(
            text,
            &[
                ("Tomislav Nikolić", Label::PER),
                ("Dragan Nikolić", Label::PER),
                ("Nikolić", Label::PER),
            ],
        );
        let r = resolve(text, &ms);
        assert_eq!(r.entities.len(), 2, "{:?}", r.entities);
        assert_eq!(
            group_of(&r, &ms, "Nikolić"),
            group_of(&r, &ms, "Dragan Nikolić")
        );
    }

    #[test]
    fn ambiguous_organisation_tail_stays_apart() {
        let text = "Serbia’s Defense Ministry and the Russian Defense Ministry. The Defense Ministry said.";
        let ms = mentions_of(
            text,
            &[
                ("Serbia’s", Label::LOC),
                ("Russian Defense Ministry", Label::ORG),
                ("Defense Ministry", Label::ORG),
            ],
        );
        let r = resolve(text, &ms);
        let ministries: Vec<&DocEntity> = r
            .entities
            .iter()
            .filter(|e| e.label == Label::ORG)
            .collect();
        assert_eq!(
            ministries
                .iter()
                .map(|e| e.key.join(" "))
                .collect::<Vec<_>>(),
            [
                "Serbia Defense Ministry",
                "Russia Defense Ministry",
                "Defense Ministry"
            ]
            .map(|n| key::key(n, Label::ORG).join(" ")),
            "Serbia’s + Defense Ministry is keyed as one name; the bare tail is ambiguous"
        );
    }
}
