//! The tree is the pipeline (issue #13): each module of `src/` imports only from its own floor
//! or the floors below it. The floors are the numbered folders of `src/` (`0-vocab` …
//! `7-output`), in data-flow order; `src/wasm.rs` sits above them all. This test reads every
//! code line (comments and doc comments are skipped) for `crate::NAME` paths.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/rust_files.rs"]
mod support_files;
use support_files::rust_files;

use std::collections::BTreeMap;
use std::path::Path;

/// The floors: module name → (number, folder), read from the folder names themselves.
fn floors(src: &Path) -> BTreeMap<String, (usize, String)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some((n, module)) = name.split_once('-') {
            if let Ok(n) = n.parse::<usize>() {
                out.insert(module.to_string(), (n, name.clone()));
            }
        }
    }
    out
}

/// The module a crate-root re-export comes from: `pub use pipeline::Analyzer;` → "pipeline".
fn reexported_from(lib: &str, name: &str) -> Option<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub use "))
        .find(|l| {
            l.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == name)
        })
        .map(|l| l.split("::").next().unwrap().to_string())
}

#[test]
fn no_module_imports_from_a_floor_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let floors = floors(&src);
    assert!(
        floors.len() >= 8,
        "src/ should hold the numbered floor folders 0-vocab … 7-output; found {floors:?}"
    );
    let top = floors.values().map(|f| f.0).max().unwrap() + 1;
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for (module, (_, folder)) in &floors {
        assert!(
            lib.contains(&format!("#[path = \"{folder}/mod.rs\"]\npub mod {module};")),
            "src/lib.rs must declare floor {folder} as `pub mod {module}` with its #[path]"
        );
    }
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let own = match first.as_ref() {
            "lib.rs" | "bin" => continue, // the crate root maps the floors; the CLI is outside
            "wasm.rs" => top,
            folder => match floors.values().find(|(_, f)| f == folder) {
                Some(&(n, _)) => n,
                None => panic!(
                    "{}: outside every floor; put it in a numbered folder",
                    rel.display()
                ),
            },
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let code = code.split("//").next().unwrap();
            for (at, _) in code.match_indices("crate::") {
                let name: String = code[at + 7..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                // A re-export of the crate root (crate::Analyzer) counts as its floor.
                let name = reexported_from(&lib, &name).unwrap_or(name);
                let target = match floors.get(&name) {
                    Some(&(t, _)) => t,
                    None if name == "wasm" => top,
                    None => continue,
                };
                if target > own {
                    violations.push(format!(
                        "{}:{}: floor {own} imports `crate::{name}` from floor {target}: {}",
                        rel.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "data flows one way: move the shared item down to a lower floor (0-vocab for shared \
         types, 1-lexicon for word lists) or pass it in from above:\n{}",
        violations.join("\n")
    );
}
