//! Golden tests: every tricky tokenization case that occurs in the sample articles (seeds/),
//! checked on the article text itself, plus the cases of issue #3 that the samples lack.

use presslens::text::tokenize::{tokenize, Shape, TokenKind};

const S000: &str = include_str!("../seeds/000_756f9f6d75dc7aeb.txt");
const S001: &str = include_str!("../seeds/001_195e7e1cd5e22119.txt");
const S002: &str = include_str!("../seeds/002_d71ad1260bef3d3d.txt");
const S003: &str = include_str!("../seeds/003_5a6dc443c2c4aa80.txt");
const S004: &str = include_str!("../seeds/004_72d21a9c16ebf7ba.txt");

/// The tokens of `text` that lie inside the first occurrence of `needle`, which must begin
/// and end on token boundaries.
fn tokens_in<'t>(text: &'t str, needle: &str) -> Vec<&'t str> {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the article: fix the test"));
    let end = at + needle.len();
    let toks = tokenize(text);
    let inside: Vec<_> = toks
        .iter()
        .filter(|t| t.start >= at && t.end <= end)
        .collect();
    let straddle = toks
        .iter()
        .find(|t| (t.start < at && t.end > at) || (t.start < end && t.end > end));
    assert!(
        straddle.is_none(),
        "a token {:?} crosses the edge of {needle:?}: the tokenizer merged it with its neighbour",
        straddle.map(|t| t.text(text))
    );
    inside.iter().map(|t| t.text(text)).collect()
}

fn check(text: &str, needle: &str, want: &[&str]) {
    assert_eq!(tokens_in(text, needle), want, "tokens of {needle:?}");
}

#[test]
fn hyphenated_names_and_model_codes_stay_whole() {
    check(
        S000,
        "Serbian-Russian military",
        &["Serbian-Russian", "military"],
    );
    check(
        S000,
        "Russian-made long-range S-400 and Pantsir-S systems",
        &[
            "Russian-made",
            "long-range",
            "S-400",
            "and",
            "Pantsir-S",
            "systems",
        ],
    );
    check(
        S000,
        "Croatia, Bosnia-Herzegovina, and",
        &["Croatia", ",", "Bosnia-Herzegovina", ",", "and"],
    );
    check(
        S000,
        "A Serb pro-Russian leader",
        &["A", "Serb", "pro-Russian", "leader"],
    );
    check(
        S000,
        "the Russia-controlled parts",
        &["the", "Russia-controlled", "parts"],
    );
    check(
        S004,
        "procured MiG-29 fighter jets as well as Mi-35 helicopter gunships, T-72 tanks",
        &[
            "procured",
            "MiG-29",
            "fighter",
            "jets",
            "as",
            "well",
            "as",
            "Mi-35",
            "helicopter",
            "gunships",
            ",",
            "T-72",
            "tanks",
        ],
    );
    check(
        S004,
        "over Russian-Serbian cooperation.",
        &["over", "Russian-Serbian", "cooperation", "."],
    );
    check(
        S004,
        "uses ex-Soviet weapons",
        &["uses", "ex-Soviet", "weapons"],
    );
    check(
        S001,
        "on military-technical cooperation",
        &["on", "military-technical", "cooperation"],
    );
}

#[test]
fn the_parts_of_hyphenated_words_are_recoverable() {
    for (text, needle, parts) in [
        (S000, "Serbian-Russian", &["Serbian", "Russian"][..]),
        (S000, "pro-Russian", &["pro", "Russian"][..]),
        (S004, "MiG-29", &["MiG", "29"][..]),
    ] {
        let at = text.find(needle).unwrap();
        let tok = tokenize(text).into_iter().find(|t| t.start == at).unwrap();
        assert!(
            tok.shape.has(Shape::HAS_HYPHEN),
            "{needle} must carry HAS_HYPHEN"
        );
        let got: Vec<&str> = tok.parts(text).map(|p| p.text(text)).collect();
        assert_eq!(got, parts, "parts of {needle}");
    }
}

#[test]
fn possessives_and_clitics_split_with_any_apostrophe() {
    check(
        S000,
        "Serbia’s Defense Ministry",
        &["Serbia", "’s", "Defense", "Ministry"],
    );
    check(
        S000,
        "Russia doesn’t recognize",
        &["Russia", "does", "n’t", "recognize"],
    );
    check(S000, "NATO’s 29th", &["NATO", "’s", "29th"]);
    check(S000, "What's Stopping", &["What", "'s", "Stopping"]);
    check(S000, "Where's The", &["Where", "'s", "The"]);
    check(S000, "Editors' Picks", &["Editors", "'", "Picks"]);
    check(
        S003,
        "Russia's Prosecutor General's Office",
        &["Russia", "'s", "Prosecutor", "General", "'s", "Office"],
    );
    check(S003, "It's quick", &["It", "'s", "quick"]);
    check(S003, "you're defending", &["you", "'re", "defending"]);
    check(
        S003,
        "Defense Ministry office’s head",
        &["Defense", "Ministry", "office", "’s", "head"],
    );
    // Scraped text with a backtick as apostrophe.
    check(S001, "Shoygu`s visit", &["Shoygu", "`s", "visit"]);
    check(S001, "Vučić`s cabinet", &["Vučić", "`s", "cabinet"]);
    let at = S001.find("`s visit").unwrap();
    let tok = tokenize(S001).into_iter().find(|t| t.start == at).unwrap();
    assert_eq!(tok.kind(S001), TokenKind::Clitic, "`s is a clitic");
}

#[test]
fn quotes_dashes_and_brackets_are_tokens_of_their_own() {
    check(
        S000,
        "an “upward trend” and",
        &["an", "“", "upward", "trend", "”", "and"],
    );
    check(
        S000,
        "stability and neutrality.”",
        &["stability", "and", "neutrality", ".", "”"],
    );
    check(
        S000,
        "End 'Ridiculous' Ukraine",
        &["End", "'", "Ridiculous", "'", "Ukraine"],
    );
    check(
        S000,
        "Putin ‘Destroying’ Russia",
        &["Putin", "‘", "Destroying", "’", "Russia"],
    );
    check(
        S000,
        "an \"undesirable organization\" by",
        &["an", "\"", "undesirable", "organization", "\"", "by"],
    );
    check(
        S001,
        "Miloš Mitrović – Belgrade",
        &["Miloš", "Mitrović", "–", "Belgrade"],
    );
    check(S002, "BELGRADE – Serbia", &["BELGRADE", "–", "Serbia"]);
    check(
        S002,
        "(AP Photo/Darko Vojinovic)",
        &["(", "AP", "Photo", "/", "Darko", "Vojinovic", ")"],
    );
    check(
        S002,
        "“Americans will go crazy,” read",
        &["“", "Americans", "will", "go", "crazy", ",", "”", "read"],
    );
    check(S000, "RFE/RL has", &["RFE", "/", "RL", "has"]);
}

#[test]
fn abbreviations_keep_their_period_and_sentence_periods_stand_alone() {
    check(
        S002,
        "Thursday, Oct. 15, 2020. The",
        &["Thursday", ",", "Oct.", "15", ",", "2020", ".", "The"],
    );
    check(S004, "dated Oct. 15 and", &["dated", "Oct.", "15", "and"]);
    check(S004, "On Oct. 10, in", &["On", "Oct.", "10", ",", "in"]);
    check(S000, "on February 17.\n", &["on", "February", "17", "."]);
    check(
        S000,
        "independence in 2008.",
        &["independence", "in", "2008", "."],
    );
    check(
        S003,
        "\"foreign agent.\"",
        &["\"", "foreign", "agent", ".", "\""],
    );
}

#[test]
fn numbers_of_the_samples() {
    check(S000, "in the 1990s,", &["in", "the", "1990s", ","]);
    check(S000, "NATO’s 29th and", &["NATO", "’s", "29th", "and"]);
    check(S003, "just $2. It", &["just", "$", "2", ".", "It"]);
    check(S002, "1 / 2", &["1", "/", "2"]);
    check(S001, "planes MIG 35,", &["planes", "MIG", "35", ","]);
    check(S001, "in 14 years.", &["in", "14", "years", "."]);
    // Scraped list numbers glued to the headline stay one UAX #29 word.
    check(S000, "2Moscow's War", &["2Moscow", "'s", "War"]);
}

#[test]
fn unicode_letters_keep_their_marks() {
    check(S001, "Nebojša Rodić", &["Nebojša", "Rodić"]);
    check(
        S001,
        "the Topčider military",
        &["the", "Topčider", "military"],
    );
    // Decomposed: c + COMBINING CARON.
    let t = "Vuc\u{30C}ic\u{301} met Шойгу in Ελλάδα";
    let toks: Vec<&str> = tokenize(t).iter().map(|x| x.text(t)).collect();
    assert_eq!(
        toks,
        ["Vuc\u{30C}ic\u{301}", "met", "Шойгу", "in", "Ελλάδα"]
    );
}

/// Cases of issue #3 that the samples do not contain.
#[test]
fn issue_cases_beyond_the_samples() {
    let cases: &[(&str, &[&str])] = &[
        ("F-16s and COVID-19", &["F-16s", "and", "COVID-19"]),
        (
            "Gen. Lt. Mr. Dr. St. Inc. Corp.",
            &["Gen.", "Lt.", "Mr.", "Dr.", "St.", "Inc.", "Corp."],
        ),
        (
            "the U.S. and U.N. and E.U. at 10 a.m. with J.R.R. Tolkien",
            &[
                "the", "U.S.", "and", "U.N.", "and", "E.U.", "at", "10", "a.m.", "with", "J.R.R.",
                "Tolkien",
            ],
        ),
        (
            "don't can't won't",
            &["do", "n't", "ca", "n't", "wo", "n't"],
        ),
        (
            "O'Brien's chargé d'affaires",
            &["O'Brien", "'s", "chargé", "d'affaires"],
        ),
        (
            "1,000.5 3.5% $1.2bn 20-30 10:30",
            &["1,000.5", "3.5", "%", "$", "1.2bn", "20-30", "10:30"],
        ),
        (
            "war—and peace... or…",
            &["war", "—", "and", "peace", "...", "or", "…"],
        ),
        (
            "see https://www.rferl.org/a/x.html. Or mail desk@rferl.org, @RFERL #Serbia",
            &[
                "see",
                "https://www.rferl.org/a/x.html",
                ".",
                "Or",
                "mail",
                "desk@rferl.org",
                ",",
                "@RFERL",
                "#Serbia",
            ],
        ),
        (
            "U.S.-led 1996–97 Russian–Serbian",
            &["U.S.-led", "1996–97", "Russian–Serbian"],
        ),
        ("a\u{00A0}b\u{200B}c\r\nd\te", &["a", "b", "c", "d", "e"]),
        ("No. 2 but no.", &["No.", "2", "but", "no", "."]),
    ];
    for (text, want) in cases {
        let got: Vec<&str> = tokenize(text).iter().map(|t| t.text(text)).collect();
        assert_eq!(&got, want, "tokens of {text:?}");
    }
}

#[test]
fn token_kinds() {
    let text = "Gen. Shoigu said:\n1. “Yes” — U.S. 's 12,000 www.x.org @a #b a@b.co ...";
    let kinds: Vec<TokenKind> = tokenize(text).iter().map(|t| t.kind(text)).collect();
    use TokenKind::*;
    assert_eq!(
        kinds,
        [
            Abbreviation,
            Word,
            Word,
            Punct,
            ListMarker,
            Quote,
            Word,
            Quote,
            Dash,
            Abbreviation,
            Clitic,
            Number,
            Url,
            Handle,
            Hashtag,
            Email,
            Ellipsis,
        ]
    );
}
