//! Defence names that a CoNLL-trained tagger types at random or cuts short (issue #17), by
//! pattern over the word lists of [`crate::lexicon::domain`]:
//!
//! - **armed groups** — a spelling of `armed-groups.tsv` ("Daesh", "ISIL", "Taleban",
//!   "al-Qaeda"): ORG, kind `armed-group`, value the group's canonical name. A name that is
//!   also an ordinary word or surname ("Wagner") counts only beside a group word ("Wagner
//!   fighters"); "IS" only in a line that is not in capitals (a headline's "IS" is a verb);
//! - **weapon classes** — an acronym of `weapon-classes.tsv` ("IED", "VBIEDs", "UAV"): MISC,
//!   kind `equipment`, value what it stands for;
//! - **ships** — a ship prefix and a capitalised name ("USS Mahan", "FS Charles de Gaulle",
//!   "HMS Prince of Wales"), a hull symbol and a number ("DDG 70", "CVN-77"), or a pennant
//!   letter and a number in brackets after a ship ("HMS Daring (D 32)"): MISC, kind
//!   `equipment`, value the name as written;
//! - **units** — an ordinal, capitalised words and a unit noun ("507th Air Refueling Wing",
//!   "4th Guards Tank Division"), or a task-force designator and a number ("CTF 50", "Task
//!   Force 50"): ORG, kind `unit`; a task force named after an operation keeps it ("Combined
//!   Joint Task Force – Operation Inherent Resolve");
//! - **operations** — "Operation" and capitalised words ("Operation Inherent Resolve"): MISC,
//!   kind `operation`, value the name.
//!
//! A possessive ("ISIL's", "Coalition’s") is left outside the span.

use std::sync::OnceLock;

use super::lex::{adjacent, ends_word, lex, starts_word, Tok, TokKind};

/// Punctuation that glues a match to the token beside it (hyphens and slashes: "F/A-18").
const JOINERS: &[char] = &['-', '/'];
use super::RuleMatch;
use crate::lexicon::domain;
use crate::vocab::Label;

/// Lower-case words that may join the capitalised words of a ship's name ("Charles de Gaulle",
/// "Prince of Wales") when a capitalised word follows them.
const NAME_PARTICLES: &[&str] = &["de", "du", "la", "le", "of", "the", "von", "van", "del"];

/// Every match of the module in `text`, sorted, non-overlapping.
pub fn find(text: &str) -> Vec<RuleMatch> {
    find_lexed(text, &lex(text))
}

/// [`find`] over the tokens of [`lex`].
pub fn find_lexed(text: &str, toks: &[Tok]) -> Vec<RuleMatch> {
    let starts = first_bytes();
    find_at(text, toks, |t| {
        t.text
            .as_bytes()
            .first()
            .is_some_and(|&b| starts[usize::from(b)])
    })
}

/// [`find_lexed`] asking the rules only at the tokens `may_start` accepts.
fn find_at(text: &str, toks: &[Tok], may_start: impl Fn(&Tok) -> bool) -> Vec<RuleMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(&toks[i]) {
            i += 1;
            continue;
        }
        let found = unit(toks, i)
            .or_else(|| operation(toks, i))
            .or_else(|| ship(toks, i))
            .or_else(|| weapon_class(toks, i))
            .or_else(|| armed_group(text, toks, i));
        match found {
            Some((end, m)) => {
                out.push(m);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The first bytes a match of these rules can start with: a digit (a unit's ordinal), or the
/// first byte of a task force, an operation word, a ship prefix, a hull code, a pennant letter
/// or a weapon class (each compared as written), or of an armed group's name in either case
/// (compared ignoring case). At any other token no rule can match, so it is skipped unasked.
fn first_bytes() -> &'static [bool; 256] {
    static B: OnceLock<[bool; 256]> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = [false; 256];
        let mut add = |s: &str| {
            if let Some(&c) = s.as_bytes().first() {
                b[usize::from(c)] = true;
            }
        };
        let lists = [
            domain::task_forces(),
            domain::operation_words(),
            domain::ship_prefixes(),
            domain::hull_codes(),
            domain::pennant_letters(),
        ];
        lists.iter().flat_map(|l| l.iter()).for_each(|s| add(s));
        domain::weapon_classes().iter().for_each(|(a, _)| add(a));
        for g in domain::armed_groups() {
            add(g.name);
            add(&g.name.to_ascii_uppercase());
        }
        for d in b'0'..=b'9' {
            b[usize::from(d)] = true;
        }
        b
    })
}

/// The word without a possessive ending: ("ISIL", bytes of "'s") for "ISIL's".
fn stem<'t>(t: &Tok<'t>) -> (&'t str, usize) {
    for p in ["'s", "\u{2019}s"] {
        if let Some(s) = t.text.strip_suffix(p) {
            if !s.is_empty() {
                return (s, p.len());
            }
        }
    }
    (t.text, 0)
}

fn title_case(t: &Tok) -> bool {
    t.kind == TokKind::Word && t.capitalized() && t.text.chars().skip(1).any(char::is_lowercase)
}

fn rule(toks: &[Tok], i: usize, end: usize, label: Label, kind: &str, value: String) -> RuleMatch {
    let last = &toks[end - 1];
    let cut = if last.kind == TokKind::Word {
        stem(last).1
    } else {
        0
    };
    RuleMatch {
        start: toks[i].start,
        end: last.end - cut,
        label,
        kind: Some(kind.to_string()),
        value: Some(value),
    }
}

/// The text of `toks[i..end]` as written, without a final possessive.
fn written(toks: &[Tok], i: usize, end: usize) -> String {
    let mut s = String::new();
    for k in i..end {
        if k > i && !adjacent(&toks[k - 1], &toks[k]) {
            s.push(' ');
        }
        s.push_str(if k + 1 == end {
            stem(&toks[k]).0
        } else {
            toks[k].text
        });
    }
    s
}

/// Whether `toks[i..]` spells the words of `phrase` (lexed), the last one possibly possessive;
/// returns the end index.
fn spells(toks: &[Tok], i: usize, phrase: &[Tok], case_sensitive: bool) -> Option<usize> {
    if toks.len() < i + phrase.len() || phrase.is_empty() {
        return None;
    }
    // Cheap rejection first (called for every word against every listed phrase): equal words
    // start with the same byte, ignoring ASCII case when the comparison does.
    let (a, b) = (toks[i].text.as_bytes(), phrase[0].text.as_bytes());
    let same_first = match (a.first(), b.first()) {
        (Some(x), Some(y)) if case_sensitive => x == y,
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => false,
    };
    if !same_first {
        return None;
    }
    for (k, p) in phrase.iter().enumerate() {
        let t = &toks[i + k];
        let text = if k + 1 == phrase.len() {
            stem(t).0
        } else {
            t.text
        };
        let same = if case_sensitive {
            text == p.text
        } else {
            text.eq_ignore_ascii_case(p.text)
        };
        if !same || k > 0 && adjacent(&toks[i + k - 1], t) != adjacent(&phrase[k - 1], p) {
            return None;
        }
    }
    Some(i + phrase.len())
}

fn lexed(list: &'static [&'static str]) -> Vec<Vec<Tok<'static>>> {
    list.iter().map(|s| lex(s)).collect()
}

// ------------------------------------------------------------------ units and task forces

fn ordinal(toks: &[Tok], i: usize) -> Option<usize> {
    let n = toks.get(i)?;
    let s = toks.get(i + 1)?;
    let ok = n.kind == TokKind::Number
        && n.text.bytes().all(|b| b.is_ascii_digit())
        && adjacent(n, s)
        && matches!(s.lower().as_str(), "st" | "nd" | "rd" | "th");
    ok.then_some(i + 2)
}

fn unit(toks: &[Tok], i: usize) -> Option<(usize, RuleMatch)> {
    static NOUNS: OnceLock<Vec<Vec<Tok<'static>>>> = OnceLock::new();
    let nouns = NOUNS.get_or_init(|| lexed(domain::unit_nouns()));
    if !starts_word(toks, i, JOINERS) {
        return None;
    }
    if let Some(j) = ordinal(toks, i) {
        // Capitalised words (at most six) and a unit noun as the last of them.
        let mut best = None;
        let mut k = j;
        while k < toks.len()
            && k < j + 6
            && title_case(&toks[k])
            && !adjacent(&toks[k - 1], &toks[k])
        {
            for n in nouns {
                if let Some(e) = spells(toks, k, n, true) {
                    if ends_word(toks, e, JOINERS) {
                        best = Some(e);
                    }
                }
            }
            k += 1;
        }
        let end = best?;
        let v = written(toks, i, end);
        return Some((end, rule(toks, i, end, Label::ORG, "unit", v)));
    }
    task_force(toks, i)
}

fn task_force(toks: &[Tok], i: usize) -> Option<(usize, RuleMatch)> {
    static FORCES: OnceLock<Vec<Vec<Tok<'static>>>> = OnceLock::new();
    let forces = FORCES.get_or_init(|| lexed(domain::task_forces()));
    let mut best: Option<usize> = None;
    for f in forces {
        if let Some(e) = spells(toks, i, f, true) {
            best = best.max(Some(e));
        }
    }
    let j = best?;
    // "CTF 50", "CTF-150", "Task Force 50".
    let (k, numbered) = match (toks.get(j), toks.get(j + 1)) {
        (Some(n), _) if n.kind == TokKind::Number && !adjacent(&toks[j - 1], n) => (j + 1, true),
        (Some(h), Some(n))
            if h.is_punct('-')
                && adjacent(&toks[j - 1], h)
                && adjacent(h, n)
                && n.kind == TokKind::Number =>
        {
            (j + 2, true)
        }
        _ => (j, false),
    };
    if numbered {
        let n = &toks[k - 1];
        if n.text.bytes().all(|b| b.is_ascii_digit())
            && n.text.len() <= 4
            && ends_word(toks, k, JOINERS)
        {
            let v = written(toks, i, k);
            return Some((k, rule(toks, i, k, Label::ORG, "unit", v)));
        }
        return None;
    }
    // "Combined Joint Task Force – Operation Inherent Resolve": a task force named after an
    // operation (only multi-word designators: "Task Force").
    let dash = toks.get(j)?;
    if toks[i].text.len() > 4
        && (dash.is_punct('-') || dash.is_punct('\u{2013}') || dash.is_punct('\u{2014}'))
    {
        if let Some((end, _)) = operation(toks, j + 1) {
            let v = written(toks, i, end);
            return Some((end, rule(toks, i, end, Label::ORG, "unit", v)));
        }
    }
    None
}

// ------------------------------------------------------------------ operations

fn operation(toks: &[Tok], i: usize) -> Option<(usize, RuleMatch)> {
    let t = toks.get(i)?;
    if t.kind != TokKind::Word
        || !domain::is_operation_word(t.text)
        || !starts_word(toks, i, JOINERS)
    {
        return None;
    }
    let mut end = i + 1;
    while end < toks.len()
        && end < i + 5
        && title_case(&toks[end])
        && !adjacent(&toks[end - 1], &toks[end])
    {
        let w = toks[end].lower();
        if crate::lexicon::month_by_name(&w).is_some()
            || crate::lexicon::weekdays().contains(&w.as_str())
        {
            break;
        }
        end += 1;
        if stem(&toks[end - 1]).1 > 0 {
            break; // "Operation Inherent Resolve's"
        }
    }
    if end == i + 1 || !ends_word(toks, end, JOINERS) {
        return None;
    }
    let v = written(toks, i, end);
    Some((end, rule(toks, i, end, Label::MISC, "operation", v)))
}

// ------------------------------------------------------------------ ships

fn ship(toks: &[Tok], i: usize) -> Option<(usize, RuleMatch)> {
    let t = &toks[i];
    if t.kind != TokKind::Word || !starts_word(toks, i, JOINERS) {
        return None;
    }
    if domain::is_ship_prefix(t.text) {
        let mut end = i + 1;
        while end < toks.len() && !adjacent(&toks[end - 1], &toks[end]) {
            let w = &toks[end];
            if title_case(w) {
                end += 1;
                if stem(w).1 > 0 {
                    break;
                }
            } else if w.kind == TokKind::Word
                && NAME_PARTICLES.contains(&w.text)
                && end > i + 1
                && toks
                    .get(end + 1)
                    .is_some_and(|n| title_case(n) && !adjacent(w, n))
            {
                end += 1;
            } else {
                break;
            }
        }
        if end > i + 1 && ends_word(toks, end, JOINERS) {
            let v = written(toks, i, end);
            return Some((end, rule(toks, i, end, Label::MISC, "equipment", v)));
        }
        return None;
    }
    // A hull symbol and a number; a pennant letter only in brackets after a named ship.
    let pennant = domain::is_pennant_letter(t.text)
        && i >= 2
        && toks[i - 1].is_punct('(')
        && title_case(&toks[i - 2]);
    if !(domain::is_hull_code(t.text) || pennant) {
        return None;
    }
    let j = match toks.get(i + 1) {
        Some(h) if h.is_punct('-') && adjacent(t, h) => i + 2,
        Some(n) if !adjacent(t, n) => i + 1,
        _ => return None,
    };
    let n = toks.get(j)?;
    let ok = n.kind == TokKind::Number
        && n.text.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&n.text.len())
        && (j == i + 1 || adjacent(&toks[j - 1], n))
        && ends_word(toks, j + 1, JOINERS)
        && (!pennant || toks.get(j + 1).is_some_and(|c| c.is_punct(')')));
    if !ok {
        return None;
    }
    let v = written(toks, i, j + 1);
    Some((j + 1, rule(toks, i, j + 1, Label::MISC, "equipment", v)))
}

// ------------------------------------------------------------------ weapon classes

fn weapon_class(toks: &[Tok], i: usize) -> Option<(usize, RuleMatch)> {
    let t = &toks[i];
    if t.kind != TokKind::Word || !starts_word(toks, i, JOINERS) || !ends_word(toks, i + 1, JOINERS)
    {
        return None;
    }
    let (word, _) = stem(t);
    let singular = word.strip_suffix('s').unwrap_or(word);
    let (_, meaning) = domain::weapon_classes()
        .iter()
        .find(|(a, _)| *a == word || *a == singular)?;
    Some((
        i + 1,
        rule(
            toks,
            i,
            i + 1,
            Label::MISC,
            "equipment",
            meaning.to_string(),
        ),
    ))
}

// ------------------------------------------------------------------ armed groups

struct Group {
    toks: Vec<Tok<'static>>,
    entry: domain::ArmedGroup,
}

fn groups() -> &'static [Group] {
    static G: OnceLock<Vec<Group>> = OnceLock::new();
    G.get_or_init(|| {
        domain::armed_groups()
            .iter()
            .map(|g| Group {
                toks: lex(g.name),
                entry: *g,
            })
            .collect()
    })
}

/// [`spells`] for a name of a list: exact, with a curly apostrophe for a straight one
/// ("Da’esh"), or in capitals when the listed name has small letters ("DAESH", "TALIBAN").
fn spells_name(toks: &[Tok], i: usize, name: &[Tok]) -> Option<usize> {
    let end = i + name.len();
    if name.is_empty() || toks.len() < end {
        return None;
    }
    // Cheap rejection first (every capitalized word is tried against every listed name): the
    // first letters must agree ignoring case, in every form, the exact one included.
    // (Their first bytes: equal ignoring ASCII case whenever the first letters are.)
    let first = |s: &str| s.as_bytes().first().map(u8::to_ascii_uppercase);
    if first(toks[i].text) != first(name[0].text) {
        return None;
    }
    if let Some(end) = spells(toks, i, name, true) {
        return Some(end);
    }
    // Equal ignoring a curly apostrophe for a straight one, without allocating.
    let same = |a: &str, b: &str| {
        let fold = |c: char| if c == '\u{2019}' { '\'' } else { c };
        a.chars().map(fold).eq(b.chars())
    };
    // In capitals, for a listed name with small letters ("DAESH" for "Daesh").
    let caps = |a: &str, b: &str| {
        a.chars().any(char::is_alphabetic)
            && !a.chars().any(char::is_lowercase)
            && a.chars().eq(b.chars().map(|c| c.to_ascii_uppercase()))
    };
    let has_lower = name.iter().any(|t| t.text.chars().any(char::is_lowercase));
    for (k, n) in name.iter().enumerate() {
        let t = &toks[i + k];
        let text = if k + 1 == name.len() {
            stem(t).0
        } else {
            t.text
        };
        if !(same(text, n.text) || has_lower && caps(text, n.text))
            || k > 0 && adjacent(&toks[i + k - 1], t) != adjacent(&name[k - 1], n)
        {
            return None;
        }
    }
    Some(end)
}

/// Whether the line around byte `at` has more capital than small letters (a headline).
fn in_capitals_line(text: &str, at: usize) -> bool {
    let from = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let to = text[at..].find('\n').map_or(text.len(), |p| at + p);
    let (mut up, mut low) = (0, 0);
    for c in text[from..to].chars() {
        if c.is_uppercase() {
            up += 1;
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    up >= low
}

fn group_word_near(toks: &[Tok], i: usize, end: usize) -> bool {
    let ctx = domain::groups_context();
    let is_ctx = |t: &Tok| t.kind == TokKind::Word && ctx.contains(&t.lower().as_str());
    toks[end..].iter().take(2).any(is_ctx) || toks[i.saturating_sub(2)..i].iter().any(is_ctx)
}

fn armed_group(text: &str, toks: &[Tok], i: usize) -> Option<(usize, RuleMatch)> {
    let t = &toks[i];
    if t.kind != TokKind::Word
        || !t.capitalized() && !t.text.starts_with("al")
        || !starts_word(toks, i, JOINERS)
    {
        return None;
    }
    let mut best: Option<(usize, &Group)> = None;
    for g in groups() {
        if let Some(end) = spells_name(toks, i, &g.toks) {
            if ends_word(toks, end, JOINERS) && best.is_none_or(|(e, _)| end > e) {
                best = Some((end, g));
            }
        }
    }
    let (end, g) = best?;
    if g.entry.needs_context && !group_word_near(toks, i, end) {
        return None;
    }
    if g.entry.caps_only && in_capitals_line(text, t.start) {
        return None;
    }
    Some((
        end,
        rule(
            toks,
            i,
            end,
            Label::ORG,
            "armed-group",
            g.entry.canonical.to_string(),
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_token_that_can_start_a_match_is_skipped() {
        for text in super::super::test_phrases(include_str!("military.rs")) {
            for variant in [text.clone(), text.to_lowercase(), text.to_uppercase()] {
                let toks = lex(&variant);
                assert_eq!(
                    find_lexed(&variant, &toks),
                    find_at(&variant, &toks, |_| true),
                    "a rule matches at a token first_bytes skips (build it from every list \
                     the rules read): {variant:?}"
                );
            }
        }
    }

    fn found(text: &str) -> Vec<(String, Label, String)> {
        find(text)
            .into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    m.label,
                    m.kind.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn one(text: &str, span: &str, label: Label, kind: &str) {
        let got = found(text);
        assert!(
            got.iter().any(|(s, l, k)| s == span && *l == label && k == kind),
            "{text:?}: expected {span:?} {label:?} {kind}, got {got:?} (help: see src/4-mentions/rules/military.rs and src/1-lexicon/domain/)"
        );
    }

    #[test]
    fn armed_groups_are_organisations_whatever_the_sentence() {
        for (text, span) in [
            ("Coalition forces struck Daesh near Raqqa.", "Daesh"),
            ("ISIL fighters fled.", "ISIL"),
            ("an attack claimed by ISIS on Monday", "ISIS"),
            ("The Taleban said on Monday", "Taleban"),
            ("leaders of al-Qaeda met", "al-Qaeda"),
            ("Hezbollah fired rockets", "Hezbollah"),
            ("Wagner fighters were seen in Mali.", "Wagner"),
            ("the Houthis attacked a ship", "Houthis"),
            ("the Wagner Group", "Wagner Group"),
            ("Territory held by IS shrank.", "IS"),
            ("ISIL's last stronghold", "ISIL"),
            ("Da\u{2019}esh fighters", "Da\u{2019}esh"),
            ("DAESH LOSES GROUND", "DAESH"),
        ] {
            one(text, span, Label::ORG, "armed-group");
        }
        for text in [
            "THE PLAN IS TO WIN",
            "Wagner's operas were played.",
            "ISIL-held villages",
        ] {
            assert!(
                !found(text).iter().any(|(_, _, k)| k == "armed-group"),
                "{text:?}: no armed group expected, got {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn ships_and_hull_numbers_are_equipment() {
        one(
            "The destroyer USS Mahan fired.",
            "USS Mahan",
            Label::MISC,
            "equipment",
        );
        one(
            "aboard HMS Ocean, the",
            "HMS Ocean",
            Label::MISC,
            "equipment",
        );
        one(
            "the carrier FS Charles de Gaulle sailed",
            "FS Charles de Gaulle",
            Label::MISC,
            "equipment",
        );
        one("RFS Moskva sank.", "RFS Moskva", Label::MISC, "equipment");
        one(
            "the guided-missile destroyer DDG 70 and",
            "DDG 70",
            Label::MISC,
            "equipment",
        );
        one("HMS Daring (D 32) joined", "D 32", Label::MISC, "equipment");
        one(
            "HMS Daring (D 32) joined",
            "HMS Daring",
            Label::MISC,
            "equipment",
        );
        assert!(
            found("in (D 32) of the law").is_empty(),
            "a pennant letter alone is no ship"
        );
        assert!(found("the FS reported").is_empty());
    }

    #[test]
    fn weapon_class_acronyms_are_equipment_not_organisations() {
        for (text, span) in [
            ("a VBIED exploded", "VBIED"),
            ("two IEDs were found", "IEDs"),
            ("a UAV was shot down", "UAV"),
            ("MANPADS were delivered", "MANPADS"),
        ] {
            one(text, span, Label::MISC, "equipment");
        }
    }

    #[test]
    fn units_and_task_forces_keep_their_numbers() {
        one(
            "the 507th Air Refueling Wing flew",
            "507th Air Refueling Wing",
            Label::ORG,
            "unit",
        );
        one(
            "the 4th Guards Tank Division moved",
            "4th Guards Tank Division",
            Label::ORG,
            "unit",
        );
        one("commander of CTF 50 said", "CTF 50", Label::ORG, "unit");
        one("Task Force 51 landed", "Task Force 51", Label::ORG, "unit");
        one(
            "Combined Joint Task Force \u{2013} Operation Inherent Resolve said",
            "Combined Joint Task Force \u{2013} Operation Inherent Resolve",
            Label::ORG,
            "unit",
        );
        assert!(found("on the 4th Floor of the building").is_empty());
        assert!(found("the 20th Century Fox film").is_empty());
    }

    #[test]
    fn operations_are_misc() {
        one(
            "part of Operation Inherent Resolve.",
            "Operation Inherent Resolve",
            Label::MISC,
            "operation",
        );
        assert!(found("Operation of the plant stopped.").is_empty());
    }
}
