//! Boilerplate detection (issue #6) on page dumps written for these tests: one test per class
//! and signal. The sample articles' golden checks are in tests/resolve_seeds.rs; the
//! measurement on text the rules never saw is `scripts/bench_boilerplate.py`.

use presslens::text::boilerplate::classify;
use presslens::vocab::BlockClass::{self, *};

/// (line text, class, kind) of every non-blank line.
fn lines(text: &str) -> Vec<(&str, BlockClass, Option<&'static str>)> {
    classify(text)
        .into_iter()
        .map(|b| (&text[b.start..b.end], b.class, b.kind))
        .collect()
}

fn check(text: &str, want: &[(BlockClass, Option<&str>)]) {
    let got = lines(text);
    let got_classes: Vec<(BlockClass, Option<&str>)> =
        got.iter().map(|(_, c, k)| (*c, *k)).collect();
    assert_eq!(
        got_classes, want,
        "line classes of {got:#?}\nFix the rules in src/3-text/boilerplate/mod.rs or the phrases in src/3-text/boilerplate/phrases.tsv"
    );
}

const STORY: &str = "The city council approved the new tram line on Tuesday after a four-hour debate, officials said.\nConstruction will start in spring and is expected to take three years, the mayor told reporters.\n";

#[test]
fn headline_repeat_byline_caption_then_body() {
    let text = format!(
        "Council approves tram line\n\nCouncil approves tram line\n\nBy Jane Roe – Lisbon\n\nWorkers inspect the old depot in Lisbon, Portugal, on Monday (Photo: John Doe)\n\n{STORY}"
    );
    check(
        &text,
        &[
            (Headline, None),
            (Headline, None),
            (Byline, None),
            (Caption, None),
            (Body, None),
            (Body, None),
        ],
    );
}

#[test]
fn numbered_trending_list_after_the_story_is_related_links() {
    let text = format!(
        "{STORY}Most Popular\n1\nMayor Resigns Over Budget Row\n2Storm Closes Harbour For Two Days\n3Why Are Trams Coming Back?\n"
    );
    let got = lines(&text);
    assert!(got[..2].iter().all(|l| l.1 == Body), "{got:#?}");
    for l in &got[2..] {
        assert_eq!((l.1, l.2), (Boilerplate, Some("related-links")), "{l:?}");
    }
}

#[test]
fn an_appeal_to_readers_runs_until_the_end() {
    let text = format!(
        "{STORY}A message from the Harbour Gazette\nDear reader,\nWe rely on you. Our reporters work without a paywall, and your support keeps it that way for everyone.\nIf you can, please support us today.\nMaybe later.\n"
    );
    let got = lines(&text);
    for l in &got[2..] {
        assert_eq!(l.1, Boilerplate, "{l:?}");
    }
    assert_eq!(got[2].2, Some("donation-appeal"));
}

#[test]
fn gallery_controls_copyright_and_prompts() {
    let text = format!(
        "Council approves tram line\nFull Screen\n3 / 12\nCopyright 2024 Harbour Gazette. All rights reserved.\n{STORY}Share this article\nWas this article helpful? Let us know.\n"
    );
    check(
        &text,
        &[
            (Headline, None),
            (Boilerplate, Some("gallery-control")),
            (Boilerplate, Some("gallery-control")),
            (Boilerplate, Some("copyright")),
            (Body, None),
            (Body, None),
            (Boilerplate, Some("share-prompt")),
            (Boilerplate, Some("feedback-prompt")),
        ],
    );
}

#[test]
fn navigation_menus_before_the_headline() {
    let text = format!(
        "Home\nWorld\nBusiness\nSport\nCouncil approves tram line after long debate\n{STORY}"
    );
    let got = lines(&text);
    assert!(got[..4].iter().all(|l| l.1 == Boilerplate), "{got:#?}");
    assert_eq!(got[4].1, Headline, "{got:#?}");
}

#[test]
fn quoted_we_and_you_do_not_make_a_paragraph_an_appeal() {
    let text = format!(
        "{STORY}“We will not give up, and you will see the trams running by 2027,” the mayor said.\n"
    );
    assert!(
        lines(&text).iter().all(|l| l.1 == Body),
        "{:#?}",
        lines(&text)
    );
}

#[test]
fn a_subheading_inside_the_story_is_kept() {
    let text = format!("{STORY}What happens next\n{STORY}");
    assert!(
        lines(&text).iter().all(|l| l.1 == Body),
        "a lone short line between paragraphs is not a list: {:#?}",
        lines(&text)
    );
}

#[test]
fn every_line_is_classified_and_blocks_never_overlap() {
    let text = "  A\n\n\tB b b\r\nC c c c c c c c c c c c c.\n";
    let b = classify(text);
    assert_eq!(b.len(), 3);
    assert!(b.windows(2).all(|w| w[0].end <= w[1].start));
    assert_eq!(&text[b[0].start..b[0].end], "A");
    assert_eq!(&text[b[1].start..b[1].end], "B b b");
}

/// Issue #12: copy with CR-only line ends (old Mac exports, some CMSs), or with Unicode line
/// and paragraph separators, has the same lines as LF copy; before, it was one block.
#[test]
fn every_line_ending_convention_gives_the_same_lines() {
    let lf = format!(
        "Council approves tram line\n\nBy Jane Roe – Lisbon\n\n{STORY}Related articles\nMayor Quits Over Budget Row\nCity Council Votes On Tram Plan\nNew Bridge Opens Downtown\n"
    );
    let want: Vec<(String, BlockClass, Option<&str>)> = lines(&lf)
        .into_iter()
        .map(|(t, c, k)| (t.to_string(), c, k))
        .collect();
    assert!(want.len() >= 8, "the LF text has its lines: {want:#?}");
    for eol in ["\r", "\r\n", "\u{2028}", "\u{2029}", "\u{85}"] {
        let text = lf.replace('\n', eol);
        let got: Vec<(String, BlockClass, Option<&str>)> = lines(&text)
            .into_iter()
            .map(|(t, c, k)| (t.to_string(), c, k))
            .collect();
        assert_eq!(
            got, want,
            "line ends {eol:?} must split lines as LF does: see tokenize::lines_inclusive"
        );
    }
}
