//! The hit path (`src/hit.rs`) reads the settings' environment variables without clap; the full
//! path reads them with clap. This holds the two against each other: every variable of the clap
//! definition is in the hit path's table (and no other), and for every value in `VALUES` — plain
//! ones, empty, odd forms — the hit path either gives exactly the settings clap gives, or declines
//! (and the call goes to clap). Its own test binary: it sets the process environment, which nothing
//! else in it reads.

use std::collections::BTreeSet;

use clap::{Args, FromArgMatches};
use oc_role_assume::cli::SettingsArgs;
use oc_role_assume::hit::{FIELDS, settings_from_env};

/// What clap gives for a command line with no arguments in the current environment (`None`: an
/// error, which the hit path must then decline too).
fn by_clap() -> Option<SettingsArgs> {
    let command = SettingsArgs::augment_args(clap::Command::new("oc-role-assume"));
    let matches = command.try_get_matches_from(["oc-role-assume"]).ok()?;
    SettingsArgs::from_arg_matches(&matches).ok()
}

fn by_hit_path() -> Option<SettingsArgs> {
    settings_from_env(&|name| std::env::var_os(name))
}

const VALUES: &[&str] = &[
    "",
    "0",
    "1",
    "900",
    "3600",
    "+5",
    "-1",
    " 5",
    "5 ",
    "1e3",
    "99999999999999999999",
    "1.5",
    ".5",
    "5.",
    "2.0",
    "true",
    "false",
    "TRUE",
    "yes",
    "no",
    "on",
    "off",
    "raw",
    "translated",
    "Raw",
    "user",
    "arn:aws:iam::123456789012:role/T",
    "/etc/podinfo/annotations",
    "a b",
    "ünïcode",
];

#[test]
fn the_hit_path_reads_each_variable_as_clap_does_or_declines() {
    let command = SettingsArgs::augment_args(clap::Command::new("oc-role-assume"));
    let clap_vars: BTreeSet<String> = command
        .get_arguments()
        .filter_map(|a| a.get_env())
        .map(|e| e.to_string_lossy().into_owned())
        .collect();
    let hit_vars: BTreeSet<String> = FIELDS.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(
        hit_vars, clap_vars,
        "the hit path's table is the clap definition's variables"
    );
    for name in &clap_vars {
        // SAFETY: this test binary has one test; nothing else reads the environment meanwhile.
        unsafe { std::env::remove_var(name) };
    }
    assert_eq!(by_hit_path(), by_clap(), "no variable set: clap's defaults");
    assert!(by_hit_path().is_some());
    let mut taken = 0;
    for name in &clap_vars {
        for value in VALUES {
            // SAFETY: as above.
            unsafe { std::env::set_var(name, value) };
            if let Some(hit) = by_hit_path() {
                assert_eq!(Some(hit), by_clap(), "{name}={value:?}");
                taken += 1;
            }
        }
        // SAFETY: as above.
        unsafe { std::env::remove_var(name) };
    }
    // The plain values of every variable are taken (so the hit path is the path for them).
    assert!(taken >= clap_vars.len() * 2, "only {taken} values taken");
}
