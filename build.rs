//! Build script: one environment variable for the crate, `OC_ROLE_ASSUME_LONG_VERSION`, the text that
//! `--version` prints after the name (and that `doctor` may reuse with
//! `env!("OC_ROLE_ASSUME_LONG_VERSION")`):
//!
//! `0.1.0 (commit 2dd87a1c0ffe, x86_64-unknown-linux-musl, release)`
//!
//! The commit is the first 12 hex digits of HEAD, always 12 (git's own `--short` grows with the
//! repository), so two checkouts of one commit build the same bytes. It is `unknown` when the package
//! directory has no `.git` of its own (a source tarball, even one unpacked inside another repository) or
//! git is missing or refuses; `OC_ROLE_ASSUME_COMMIT` overrides it, for packagers building from a
//! tarball of a known commit. Nothing else about the checkout (its path, dirty files, the time) goes in.
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=OC_ROLE_ASSUME_COMMIT");
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let commit = match std::env::var("OC_ROLE_ASSUME_COMMIT") {
        Ok(c) if !c.trim().is_empty() => c.trim().to_owned(),
        _ => git_commit(&dir).unwrap_or_else(|| "unknown".to_owned()),
    };
    let version = std::env::var("CARGO_PKG_VERSION").expect("set by cargo");
    let target = std::env::var("TARGET").expect("set by cargo");
    let profile = std::env::var("PROFILE").expect("set by cargo");
    println!(
        "cargo:rustc-env=OC_ROLE_ASSUME_LONG_VERSION={version} (commit {commit}, {target}, {profile})"
    );
}

/// HEAD's commit, and a rerun of this script whenever HEAD moves: `.git/HEAD` (a checkout of another
/// branch or commit) and the branch's ref, loose or packed (a new commit). Works in a `git worktree`,
/// whose `.git` is a file and whose refs live in the main repository.
fn git_commit(dir: &Path) -> Option<String> {
    if !dir.join(".git").exists() {
        return None;
    }
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
        (out.status.success() && !text.is_empty()).then_some(text)
    };
    let mut watched = vec![git(&["rev-parse", "--git-path", "HEAD"])?];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        watched.extend(git(&["rev-parse", "--git-path", "packed-refs"]));
        // A branch whose ref is only packed gets a loose ref file at its next commit: then watch the
        // nearest directory under refs/ that exists (cargo scans a watched directory for anything
        // newer), never .git itself.
        if let Some(loose) = git(&["rev-parse", "--git-path", &branch]) {
            let mut path = dir.join(loose);
            while !path.exists() && path.pop() {}
            if path.components().any(|c| c.as_os_str() == "refs") {
                watched.push(path.display().to_string());
            }
        }
    }
    for path in watched {
        // A path that does not exist would make cargo rerun this script on every build.
        let path = dir.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    let head = git(&["rev-parse", "--verify", "HEAD^{commit}"])?;
    let valid = head.len() >= 12 && head.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| head[..12].to_owned())
}
