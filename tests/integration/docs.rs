//! The front door and the guides: every relative link in README.md and docs/ resolves (file and
//! heading), the README stays within its budget, and docs/configuration.md's reference is the one
//! the clap definition renders (`REGENERATE_DOCS=1 cargo test docs::` rewrites it) and names every
//! environment variable the binary reads.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use oc_role_assume::cli::Cli;

use crate::harness::repo_files;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, other punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The anchors of a Markdown file's headings (outside code blocks).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut fenced = false;
    let mut found = BTreeSet::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.insert(slug(line.trim_start_matches('#')));
        }
    }
    found
}

/// `(target, line)` of every `](target)` link outside code blocks.
fn links(text: &str) -> Vec<(String, usize)> {
    let mut fenced = false;
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            if let Some(end) = rest.find(')') {
                found.push((rest[..end].to_owned(), n + 1));
                rest = &rest[end..];
            }
        }
    }
    found
}

fn markdown_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    files.extend(
        repo_files("docs")
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    files
}

#[test]
fn every_relative_link_and_anchor_resolves() {
    let mut broken = Vec::new();
    for file in markdown_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        for (target, line) in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let resolved = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            if !resolved.exists() {
                broken.push(format!(
                    "{}:{line}: {target} (no such file)",
                    file.display()
                ));
                continue;
            }
            if !anchor.is_empty() {
                let text = std::fs::read_to_string(&resolved).unwrap_or_default();
                if !anchors(&text).contains(anchor) {
                    broken.push(format!(
                        "{}:{line}: {target} (no such heading)",
                        file.display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_is_a_front_door() {
    let lines = std::fs::read_to_string(root().join("README.md"))
        .unwrap()
        .lines()
        .count();
    assert!(
        lines <= 320,
        "README.md has {lines} lines; the depth goes in docs/"
    );
}

/// The reference, rendered from the clap definition: the settings flags once, then each
/// subcommand's own.
fn reference() -> String {
    let command = Cli::command();
    let mut out = String::from("### Settings (every command that makes credentials)\n\n");
    let render = |out: &mut String, args: Vec<&clap::Arg>| {
        for arg in args {
            let Some(long) = arg.get_long() else { continue };
            let value = arg
                .get_value_names()
                .filter(|_| arg.get_action().takes_values())
                .map(|v| format!(" <{}>", v[0]))
                .unwrap_or_default();
            let env = arg
                .get_env()
                .map(|e| format!(" (`{}`)", e.to_string_lossy()))
                .unwrap_or_default();
            let help = arg
                .get_long_help()
                .or(arg.get_help())
                .map(|h| h.to_string().replace('\n', " "))
                .unwrap_or_default();
            out.push_str(&format!("- `--{long}{value}`{env}: {help}\n"));
        }
        out.push('\n');
    };
    render(
        &mut out,
        command
            .get_arguments()
            .filter(|a| a.is_global_set())
            .collect(),
    );
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let own: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_global_set() && a.get_long().is_some())
            .collect();
        let nested: Vec<&clap::Command> = sub.get_subcommands().collect();
        if own.is_empty() && nested.is_empty() {
            continue;
        }
        out.push_str(&format!("### `oc-role-assume {}`\n\n", sub.get_name()));
        if !nested.is_empty() {
            for n in nested {
                let about = n.get_about().map(ToString::to_string).unwrap_or_default();
                out.push_str(&format!(
                    "- `{} {}`: {about}\n",
                    sub.get_name(),
                    n.get_name()
                ));
            }
            out.push('\n');
        }
        render(&mut out, own);
    }
    out
}

const BEGIN: &str =
    "<!-- BEGIN generated by `REGENERATE_DOCS=1 cargo test docs::` from the clap definition -->\n";
const END: &str = "<!-- END generated -->\n";

#[test]
fn the_configuration_reference_is_the_clap_definition_and_names_every_variable() {
    let path = root().join("docs/configuration.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (head, rest) = text.split_once(BEGIN).expect("the BEGIN marker");
    let (_, tail) = rest.split_once(END).expect("the END marker");
    let fresh = format!("{head}{BEGIN}{}{END}{tail}", reference());
    if std::env::var_os("REGENERATE_DOCS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    assert!(
        fresh == text,
        "docs/configuration.md's reference is stale: run REGENERATE_DOCS=1 cargo test docs::"
    );
    // Every variable the code reads by name: env("NAME") and the quoted names it lists.
    let mut missing = Vec::new();
    for file in repo_files("src") {
        let code = std::fs::read_to_string(&file).unwrap();
        let code = code.split("#[cfg(test)]").next().unwrap();
        for (i, _) in code.match_indices("env(\"") {
            let name: String = code[i + 5..].chars().take_while(|c| *c != '"').collect();
            if name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                && !text.contains(&format!("`{name}`"))
                && !name.contains("TEST")
            {
                missing.push(name);
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "docs/configuration.md does not name {missing:?}"
    );
}
