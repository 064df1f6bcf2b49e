//! The hit path: what almost every call is. An SDK runs the helper with no arguments, its entry is in
//! the cache and outside its refresh window, and all there is to do is read it and print it. This
//! does that before clap is set up (building the command line's definition was most of a warm call),
//! without the network set-up and without a runtime, and hands everything else to the full path.
//!
//! It reads the settings' environment variables itself, from `FIELDS`, and takes a value only where
//! the clap definition in `cli.rs` would read it the same way; a value it is not sure of (empty, not
//! UTF-8, not in the plain form), any argument, a warning, or anything short of a servable entry
//! sends the call to the full path, which decides as it always did. A test holds the two readers
//! against each other for every variable of the definition (`tests/hit_path.rs`).

use std::ffi::OsString;
use std::path::PathBuf;

use crate::cache::Slot;
use crate::cli::SettingsArgs;
use crate::env::EnvLookup;
use crate::error::Result;
use crate::identity::{Local, pod, podinfo};
use crate::messages;
use crate::names::TagForm;
use crate::output;
use crate::settings::Settings;

/// How one variable's value goes into the settings; `None` when it is not in the plain form.
type Set = fn(&mut SettingsArgs, &str) -> Option<()>;

/// Every environment variable of the settings flags (`env = …` in `cli.rs`), and how to take it.
pub const FIELDS: &[(&str, Set)] = &[
    ("TARGET_ROLE_ARN", |a, v| {
        a.target_role_arn = Some(v.to_owned());
        Some(())
    }),
    ("OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE", |a, v| {
        a.base_role_arn_template = Some(v.to_owned());
        Some(())
    }),
    ("OC_ROLE_ASSUME_DURATION", |a, v| {
        a.duration = digits(v)?;
        Some(())
    }),
    ("OC_ROLE_ASSUME_TAG_KEY", |a, v| {
        v.clone_into(&mut a.tag_key);
        Some(())
    }),
    ("OC_ROLE_ASSUME_TAG_FORM", |a, v| {
        a.tag_form = match v {
            "raw" => TagForm::Raw,
            "translated" => TagForm::Translated,
            _ => return None,
        };
        Some(())
    }),
    ("OC_ROLE_ASSUME_FALLBACK_USER", |a, v| {
        a.fallback_user = Some(v.to_owned());
        Some(())
    }),
    ("OC_ROLE_ASSUME_PODINFO_FILE", |a, v| {
        a.podinfo_file = PathBuf::from(v);
        Some(())
    }),
    ("OC_ROLE_ASSUME_SERVICEACCOUNT_DIR", |a, v| {
        a.serviceaccount_dir = PathBuf::from(v);
        Some(())
    }),
    ("OC_ROLE_ASSUME_ALLOW_UNVERIFIED_IDENTITY", |a, v| {
        a.allow_unverified_identity = boolean(v)?;
        Some(())
    }),
    ("OC_ROLE_ASSUME_PROJECT_IDENTITY", |a, v| {
        a.project_identity = boolean(v)?;
        Some(())
    }),
    ("OC_ROLE_ASSUME_API_TIMEOUT", |a, v| {
        a.api_timeout = decimal(v)?;
        Some(())
    }),
    ("OC_ROLE_ASSUME_CACHE_DIR", |a, v| {
        a.cache_dir = Some(PathBuf::from(v));
        Some(())
    }),
    ("OC_ROLE_ASSUME_NO_CACHE", |a, v| {
        a.no_cache = boolean(v)?;
        Some(())
    }),
    ("OC_ROLE_ASSUME_MIN_REMAINING", |a, v| {
        a.min_remaining = Some(digits(v)?);
        Some(())
    }),
    ("OC_ROLE_ASSUME_REFRESH_AHEAD", |a, v| {
        a.refresh_ahead = Some(digits(v)?);
        Some(())
    }),
    ("OC_ROLE_ASSUME_TIMEOUT", |a, v| {
        a.timeout = decimal(v)?;
        Some(())
    }),
];

/// The settings flags as clap gives them for a command line with no arguments: its defaults, then
/// each variable of `FIELDS` that is set. `None` when one is set in a form this does not take.
pub fn settings_from_env(raw: &dyn Fn(&str) -> Option<OsString>) -> Option<SettingsArgs> {
    let mut args = SettingsArgs {
        duration: 3600,
        tag_key: "user".to_owned(),
        tag_form: TagForm::Raw,
        podinfo_file: PathBuf::from(podinfo::DEFAULT_PODINFO_FILE),
        serviceaccount_dir: PathBuf::from(pod::DEFAULT_SERVICEACCOUNT_DIR),
        api_timeout: 2.0,
        timeout: 5.0,
        ..SettingsArgs::default()
    };
    for (name, set) in FIELDS {
        if let Some(value) = raw(name) {
            // An empty value, or one that is not UTF-8: clap's own rules decide.
            let value = value.to_str().filter(|v| !v.is_empty())?;
            set(&mut args, value)?;
        }
    }
    Some(args)
}

/// The process environment read once, sorted by name: a hit looks up some forty variables, and
/// `getenv` would scan the whole environment for each.
struct Snapshot(Vec<(OsString, OsString)>);

impl Snapshot {
    fn take() -> Snapshot {
        let mut vars: Vec<(OsString, OsString)> = std::env::vars_os().collect();
        vars.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Snapshot(vars)
    }

    /// A name set twice (getenv takes the first; a sorted copy cannot tell which that was).
    fn has_duplicates(&self) -> bool {
        self.0.windows(2).any(|w| w[0].0 == w[1].0)
    }

    fn raw(&self, name: &str) -> Option<OsString> {
        let i = self
            .0
            .binary_search_by(|(n, _)| n.as_os_str().cmp(name.as_ref()))
            .ok()?;
        Some(self.0[i].1.clone())
    }

    /// As `env::process_env`: UTF-8 and not empty, else unset.
    fn get(&self, name: &str) -> Option<String> {
        self.raw(name)?.into_string().ok().filter(|v| !v.is_empty())
    }
}

/// Serve the call from the cache if it is a hit; `None` hands it to the full path.
pub fn serve() -> Option<Result<u8>> {
    if std::env::args_os().nth(1).is_some() {
        return None;
    }
    let snapshot = Snapshot::take();
    if snapshot.has_duplicates() {
        return None;
    }
    let env: EnvLookup<'_> = &|name| snapshot.get(name);
    // Inside an `exec --server` child the endpoint answers: the full path knows how.
    if env("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some() {
        return None;
    }
    let args = settings_from_env(&|name| snapshot.raw(name))?;
    let (credentials, warned) = messages::quietly(|| {
        let settings = Settings::from_args(&args, env).ok()?;
        let local = Local::gather(&settings.identity, env).ok()?;
        Slot::new(&settings, &local, env).hit(settings.min_remaining)
    });
    // A warning belongs to the full path, which says it once.
    if warned {
        return None;
    }
    let credentials = credentials?;
    Some(output::print_stdout(&credentials.to_process_json()).map(|()| 0))
}

/// A whole number in plain decimal digits, as clap's integer parsers read it.
fn digits<T: std::str::FromStr>(v: &str) -> Option<T> {
    (v.len() <= 19 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()
}

/// `123` or `1.5`, as clap's `f64` parser reads it.
fn decimal(v: &str) -> Option<f64> {
    let (whole, fraction) = v.split_once('.').unwrap_or((v, "0"));
    let plain = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    (plain(whole) && plain(fraction))
        .then(|| v.parse().ok())
        .flatten()
}

/// `true` or `false`, the two values clap's flag variables take without question.
fn boolean(v: &str) -> Option<bool> {
    match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}
