//! The module graph of `src/`: every use of one top-level module by another — in `use` lines and in
//! inline `crate::…` / `super::…` paths, test modules left out — is one that `lib.rs`'s list allows,
//! and the graph has no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::harness::repo_files;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// `src/identity/pod.rs` → `identity`; `src/lib.rs` → `` (the crate root).
fn top_module(file: &Path) -> String {
    let rel = file
        .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
        .unwrap();
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    let name = first.trim_end_matches(".rs");
    if matches!(name, "lib" | "main" | "bin") {
        String::new()
    } else {
        name.to_owned()
    }
}

/// The identifiers that follow `crate::` (or, in a file below the top, `super::`): the first path
/// segment, and for `crate::{a, b}` each of the group's.
fn uses(code: &str, module: &str, below_top: bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let is_super = code[i..].starts_with("super::");
        if i > 0 && code[..i].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + 7..];
        if is_super && below_top {
            // `super::x` in identity/pod.rs is identity's own x.
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(group.split(',').map(|g| ident(g.trim())));
        } else {
            found.insert(ident(rest));
        }
    }
    found.retain(|m| !m.is_empty() && m != module);
    found
}

fn graph() -> Graph {
    let modules: BTreeSet<String> = repo_files("src")
        .iter()
        .map(|f| top_module(f))
        .filter(|m| !m.is_empty())
        .collect();
    let mut graph = Graph::new();
    for file in repo_files("src") {
        let module = top_module(&file);
        if module.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let code: String = code
            .lines()
            .map(|l| l.split("//").next().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let below_top = file.parent().unwrap().file_name().unwrap() != "src";
        let used = uses(&code, &module, below_top);
        graph
            .entry(module)
            .or_default()
            .extend(used.into_iter().filter(|m| modules.contains(m)));
    }
    graph
}

/// `lib.rs`'s list: `` //! - `a`, `b` → c, d `` (`nothing of ours`; `everything above but …`).
fn allowed() -> Graph {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let mut allowed = Graph::new();
    let mut above = BTreeSet::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("//! - ")) {
        let (names, targets) = line.split_once(" → ").expect("`a` → b, c");
        let names: Vec<String> = names
            .split(", ")
            .map(|n| n.trim_matches('`').to_owned())
            .collect();
        let targets: BTreeSet<String> = if targets == "nothing of ours" {
            BTreeSet::new()
        } else if let Some(but) = targets.strip_prefix("everything above but ") {
            let but: BTreeSet<String> = but
                .split(" and ")
                .map(|n| n.trim_matches('`').to_owned())
                .collect();
            above.difference(&but).cloned().collect()
        } else {
            targets.split(", ").map(str::to_owned).collect()
        };
        for name in names {
            above.insert(name.clone());
            allowed.insert(name, targets.clone());
        }
    }
    allowed
}

#[test]
fn every_module_uses_only_what_lib_rs_allows_and_the_graph_has_no_cycle() {
    let graph = graph();
    let allowed = allowed();
    for (module, used) in &graph {
        let may = allowed
            .get(module)
            .unwrap_or_else(|| panic!("lib.rs does not list module {module}"));
        let extra: Vec<_> = used.difference(may).collect();
        assert!(
            extra.is_empty(),
            "{module} uses {extra:?}, which lib.rs does not allow"
        );
    }
    // No cycle: repeatedly remove modules that use nothing left.
    let mut left = graph.clone();
    while let Some(leaf) = left
        .iter()
        .find(|(_, used)| used.iter().all(|u| !left.contains_key(u)))
        .map(|(m, _)| m.clone())
    {
        left.remove(&leaf);
    }
    assert!(
        left.is_empty(),
        "a cycle among {:?}",
        left.keys().collect::<Vec<_>>()
    );
}

#[test]
fn the_reader_sees_inline_paths_and_groups() {
    let code = "use crate::{a, b::c};\nfn f() { crate::d::e(); x_crate::no(); super::g(); }";
    let found = uses(code, "self", false);
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["a", "b", "d", "g"]);
}
