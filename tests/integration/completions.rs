//! Shell completions and the man page: the committed files are what the binary generates.

use crate::harness::TestEnv;

#[test]
fn committed_completions_match_what_the_binary_generates() {
    let t = TestEnv::bare();
    for (shell, file) in [
        ("bash", "oc-role-assume.bash"),
        ("zsh", "_oc-role-assume"),
        ("fish", "oc-role-assume.fish"),
        ("powershell", "_oc-role-assume.ps1"),
        ("elvish", "oc-role-assume.elv"),
    ] {
        let run = t.run(&["completions", shell]);
        run.assert_ok();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("completions")
            .join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            run.stdout == committed,
            "completions/{file} is stale: run packaging/completions.sh"
        );
    }
    let man = t.run(&["man"]);
    man.assert_ok();
    assert!(man.stdout.starts_with(".ie \\n(.g .ds Aq"), "roff");
    assert!(man.stdout.contains("oc\\-role\\-assume") && man.stdout.contains("whoami"));
}
