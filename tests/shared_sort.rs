//! Issue #14: every slice sort of the library (everything under `src/` that ships in the wasm
//! module: not `src/bin/`, not unit-test modules) goes through `vocab::sort`. Each call of the
//! standard library's generic sorts adds its own copy of the sorting algorithm to the module
//! (about 100 functions and 40 kB gzip before `vocab::sort`); this test keeps them from coming
//! back one call at a time.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/rust_files.rs"]
mod support_files;
use support_files::rust_files;

use std::path::Path;

/// The std slice sorts that are generic over the element and the comparator.
const STD_SORTS: [&str; 7] = [
    ".sort()",
    ".sort_by(",
    ".sort_by_key(",
    ".sort_by_cached_key(",
    ".sort_unstable()",
    ".sort_unstable_by(",
    ".sort_unstable_by_key(",
];

/// `(line number, line)` of every std slice sort in `code`, up to its unit-test module.
fn std_sorts(code: &str) -> Vec<(usize, String)> {
    code.lines()
        .enumerate()
        .take_while(|(_, l)| !l.trim_start().starts_with("mod tests"))
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| STD_SORTS.iter().any(|s| l.contains(s)))
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .collect()
}

#[test]
fn the_check_finds_a_std_sort_and_skips_tests_and_comments() {
    let code = "fn f(v: &mut Vec<u32>) {\n    v.sort_unstable();\n}\n// v.sort();\n#[cfg(test)]\nmod tests {\n    fn g(v: &mut Vec<u32>) { v.sort(); }\n}\n";
    assert_eq!(
        std_sorts(code),
        [(2, "v.sort_unstable();".to_string())],
        "std_sorts must find the sort in code and skip comments and the test module"
    );
}

#[test]
fn the_library_sorts_only_through_vocab_sort() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let bin = src.join("bin");
    let mut found = Vec::new();
    for f in files.iter().filter(|f| !f.starts_with(&bin)) {
        let code = std::fs::read_to_string(f).unwrap();
        for (n, line) in std_sorts(&code) {
            found.push(format!("{}:{n}: {line}", f.display()));
        }
    }
    assert!(
        files.len() > 20,
        "only {} Rust files found under src/",
        files.len()
    );
    assert!(
        found.is_empty(),
        "std slice sorts in the library (each adds a copy of the algorithm to the wasm module): \
         call crate::vocab::sort::{{sort, sort_by, sort_by_key, sort_by_cached_key}} instead:\n{}",
        found.join("\n")
    );
}
