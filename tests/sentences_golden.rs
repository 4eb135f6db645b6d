//! Sentence boundaries for the "golden rules" classes of sentence segmentation (issue #16):
//! inline lists, an abbreviation that ends a sentence, references that are not ends,
//! ellipses and quotations inside sentences. Every example is written for this file.

#[path = "support/sentence_texts.rs"]
mod sentence_texts;
use sentence_texts::sentences;

/// Runs every case of a class and fails with all the cases that split differently.
fn class(name: &str, cases: &[(&str, &[&str])]) {
    let mut wrong = Vec::new();
    for (text, want) in cases {
        let got = sentences(text);
        if got != *want {
            wrong.push(format!("  {text:?}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{name}: {} of {} cases split wrongly (help: see the rules in src/3-text/sentences/mod.rs):\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn inline_numbered_and_lettered_lists() {
    class(
        "inline lists",
        &[
            (
                "The council named three goals: 1.) cut the deficit 2.) hire teachers 3.) fix the roads",
                &[
                    "The council named three goals:",
                    "1.) cut the deficit",
                    "2.) hire teachers",
                    "3.) fix the roads",
                ],
            ),
            (
                "1) Ports reopen on Monday 2) Flights resume a week later",
                &["1) Ports reopen on Monday", "2) Flights resume a week later"],
            ),
            (
                "a. The mayor resigns b. The council elects a deputy c. Voters decide in May",
                &[
                    "a. The mayor resigns",
                    "b. The council elects a deputy",
                    "c. Voters decide in May",
                ],
            ),
            (
                "• Schools stay closed • Markets open at noon • Buses run every hour",
                &[
                    "• Schools stay closed",
                    "• Markets open at noon",
                    "• Buses run every hour",
                ],
            ),
            (
                "• 4. Wages rise • 5. Prices fall",
                &["• 4. Wages rise", "• 5. Prices fall"],
            ),
            (
                "The bill passed 52 to 48. Senators then left.",
                &["The bill passed 52 to 48.", "Senators then left."],
            ),
        ],
    );
}

#[test]
fn an_abbreviation_can_end_a_sentence() {
    class(
        "abbreviation ending a sentence",
        &[
            (
                "The envoy flew back to the U.S. How the talks end is unclear.",
                &[
                    "The envoy flew back to the U.S.",
                    "How the talks end is unclear.",
                ],
            ),
            (
                "Polls close at 8 p.m. Mr. Petrović will speak after that.",
                &[
                    "Polls close at 8 p.m.",
                    "Mr. Petrović will speak after that.",
                ],
            ),
            (
                "The meeting ended at 11 a.m. Officials gave no details.",
                &["The meeting ended at 11 a.m.", "Officials gave no details."],
            ),
            (
                "Shares were sold to Vance Holdings Inc. Analysts called it a bargain.",
                &[
                    "Shares were sold to Vance Holdings Inc.",
                    "Analysts called it a bargain.",
                ],
            ),
            (
                "He met lawyers from Baker, Ross & Co. at noon on Friday.",
                &["He met lawyers from Baker, Ross & Co. at noon on Friday."],
            ),
            (
                "The shelling began at 4 a.m. Moscow time, officials said.",
                &["The shelling began at 4 a.m. Moscow time, officials said."],
            ),
            (
                "U.S. troops left at 9 a.m. Tuesday, a spokesman said.",
                &["U.S. troops left at 9 a.m. Tuesday, a spokesman said."],
            ),
            (
                "Gen. Mladić was at the U.N. office in The Hague.",
                &["Gen. Mladić was at the U.N. office in The Hague."],
            ),
        ],
    );
}

#[test]
fn references_are_not_ends() {
    class(
        "references",
        &[
            (
                "The ruling is quoted on p. 55 of the report.",
                &["The ruling is quoted on p. 55 of the report."],
            ),
            (
                "See pp. 12-14 for the budget tables.",
                &["See pp. 12-14 for the budget tables."],
            ),
            (
                "The decree, No. 1026.253.553, was signed on Friday. It takes effect at once.",
                &[
                    "The decree, No. 1026.253.553, was signed on Friday.",
                    "It takes effect at once.",
                ],
            ),
            (
                "Article 5 of the treaty (vol. 3, art. 12) applies.",
                &["Article 5 of the treaty (vol. 3, art. 12) applies."],
            ),
            (
                "Turnout was 61.5 percent, up from 58.2 percent.",
                &["Turnout was 61.5 percent, up from 58.2 percent."],
            ),
            (
                "Visit www.example.gov.rs for details. Offices open at nine.",
                &[
                    "Visit www.example.gov.rs for details.",
                    "Offices open at nine.",
                ],
            ),
        ],
    );
}

#[test]
fn ellipses_in_their_common_forms() {
    class(
        "ellipses",
        &[
            (
                "The minister paused... and then said nothing.",
                &["The minister paused... and then said nothing."],
            ),
            (
                "The talks went nowhere.... Negotiators left Geneva.",
                &["The talks went nowhere....", "Negotiators left Geneva."],
            ),
            (
                "The law was, in his words, . . . a disgrace to the house.",
                &["The law was, in his words, . . . a disgrace to the house."],
            ),
            (
                "The statement ended with a warning . . . . The army stayed in its barracks.",
                &[
                    "The statement ended with a warning . . . .",
                    "The army stayed in its barracks.",
                ],
            ),
            ("We waited … and waited.", &["We waited … and waited."]),
            (
                "Then the power failed… The city went dark.",
                &["Then the power failed…", "The city went dark."],
            ),
        ],
    );
}

#[test]
fn quotations_inside_sentences() {
    class(
        "quotations",
        &[
            (
                "“Are you sure?” the judge asked.",
                &["“Are you sure?” the judge asked."],
            ),
            (
                "She turned to the crowd, “This is a great day.” Then she left the stage.",
                &[
                    "She turned to the crowd, “This is a great day.”",
                    "Then she left the stage.",
                ],
            ),
            (
                "The sign read “Stop! Border ahead” in three languages.",
                &["The sign read “Stop! Border ahead” in three languages."],
            ),
            (
                "He shouted “Enough!” and walked out.",
                &["He shouted “Enough!” and walked out."],
            ),
            (
                "“We will not leave,” Vulin said. “Never.”",
                &["“We will not leave,” Vulin said.", "“Never.”"],
            ),
            (
                "The paper called it “a deal (as they say) too far.” Markets shrugged.",
                &[
                    "The paper called it “a deal (as they say) too far.”",
                    "Markets shrugged.",
                ],
            ),
        ],
    );
}
