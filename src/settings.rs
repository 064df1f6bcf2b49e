//! Turns flags and environment into validated `Settings` before anything touches the network.
//!
//! Reads (as fallbacks behind the flags clap already resolved): `OC_ROLE_ASSUME_BASE_ROLE_ARN`,
//! `AWS_ROLE_ARN`, `OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE`, `AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_REGION`,
//! `AWS_DEFAULT_REGION`. The environment is passed in, so tests never depend on the real one.

use std::path::PathBuf;
use std::time::Duration;

use crate::awsconfig;
use crate::cli::SettingsArgs;
use crate::env::EnvLookup;
use crate::error::{Error, Result, shown};
use crate::identity::pod;
use crate::messages::{redact_url, warn};
use crate::names;

pub const DEFAULT_REGION: &str = "us-east-1";
pub const MIN_DURATION: u32 = 900;
/// Role chaining caps a session at one hour, whatever the role's own maximum.
pub const MAX_DURATION: u32 = 3600;

/// Everything that decides which credentials are made, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub target_role_arn: String,
    pub base_role_arn: String,
    /// The projected token; `None`: a TokenRequest for this pod's service account.
    pub token_file: Option<PathBuf>,
    pub region: String,
    pub duration: u32,
    pub tag_key: String,
    /// Extra session tags, in the order given.
    pub tags: Vec<(String, String)>,
    pub transitive_tag_keys: Vec<String>,
    pub source_identity: bool,
    pub session_name: Option<String>,
    pub timeout: Duration,
    pub identity: IdentitySettings,
    pub cache_dir: Option<PathBuf>,
    pub no_cache: bool,
    pub min_remaining: Duration,
    pub refresh_ahead: Duration,
    pub sts_endpoint: StsEndpoint,
}

/// Where the STS calls go, as far as the environment decides it; the config file's `services` block
/// is read only on the cold path (`sts::endpoint_url`). The global `AWS_ENDPOINT_URL` and a profile's
/// global `endpoint_url` are never used for STS: they usually point at an S3-compatible store, and
/// the web-identity token must not go there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StsEndpoint {
    /// `AWS_ENDPOINT_URL_STS`, checked.
    pub env_url: Option<String>,
    /// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`: neither the variable nor the config file.
    pub ignore_configured: bool,
    /// The AWS config file and the profile whose `services` block may name an STS endpoint.
    pub config_file: Option<PathBuf>,
    pub profile: String,
}

pub use crate::identity::IdentitySettings;

impl IdentitySettings {
    pub fn from_args(args: &SettingsArgs) -> Result<IdentitySettings> {
        Ok(IdentitySettings {
            podinfo_file: args.podinfo_file.clone(),
            serviceaccount_dir: args.serviceaccount_dir.clone(),
            allow_unverified_identity: args.allow_unverified_identity,
            api_timeout: seconds(args.api_timeout, "--api-timeout")?,
            fallback_user: args.fallback_user.clone().filter(|u| !u.is_empty()),
            tag_form: args.tag_form,
            project_identity: args.project_identity,
        })
    }
}

/// The cache dir given by flag or environment, if any.
pub fn cache_dir_arg(args: &SettingsArgs) -> Option<PathBuf> {
    args.cache_dir.clone().filter(|d| !d.as_os_str().is_empty())
}

impl Settings {
    pub fn from_args(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<Settings> {
        let target_role_arn = required(
            args.target_role_arn.clone(),
            "--target-role-arn",
            "no Target role ARN",
            "pass --target-role-arn or set TARGET_ROLE_ARN",
        )?;
        validate_role_arn(&target_role_arn, "--target-role-arn")?;
        let base_role_arn = base_role_arn(args, env)?;
        let region = region(args, env)?;
        check_duration(args.duration)?;
        names::validate_tag_key(&args.tag_key, "--tag-key")?;
        let tags = extra_tags(args)?;
        check_transitive_keys(args, &tags)?;
        if let Some(name) = &args.session_name {
            names::validate_session_name(name)?;
        }
        let margin = min_remaining(args);
        Ok(Settings {
            target_role_arn,
            base_role_arn,
            token_file: token_file(args, env),
            region,
            duration: args.duration,
            tag_key: args.tag_key.clone(),
            tags,
            transitive_tag_keys: args.transitive_tag_keys.clone(),
            source_identity: args.source_identity,
            session_name: args.session_name.clone(),
            timeout: seconds(args.timeout, "--timeout")?,
            identity: IdentitySettings::from_args(args)?,
            cache_dir: cache_dir_arg(args),
            no_cache: args.no_cache,
            min_remaining: Duration::from_secs(margin),
            refresh_ahead: Duration::from_secs(refresh_ahead(args, margin)),
            sts_endpoint: sts_endpoint(env)?,
        })
    }
}

/// The margin the cache keeps before expiry when none is given, if the session allows it.
pub const DEFAULT_MIN_REMAINING: u64 = 1200;
/// The longest refresh-ahead window a default gives, beyond the margin.
const MAX_DEFAULT_LEAD: u64 = 300;

/// `--min-remaining`, else 1200 s or half the session when that is less: the default margin never
/// swallows the session (a 900-s session with a 1200-s margin would make every call a full chain).
/// A margin given that is not less than the session is honoured (it forces a fresh chain) with a
/// warning naming both settings.
fn min_remaining(args: &SettingsArgs) -> u64 {
    let duration = u64::from(args.duration);
    match args.min_remaining {
        None => DEFAULT_MIN_REMAINING.min(duration / 2),
        Some(given) => {
            if given >= duration {
                warn(format_args!(
                    "--min-remaining {given} is not less than --duration {duration}: no cached entry is served, so every call makes both STS calls; lower OC_ROLE_ASSUME_MIN_REMAINING or unset it (the default is at most half the session)"
                ));
            }
            given
        }
    }
}

/// `--refresh-ahead`, else the margin plus a quarter of the time an entry is served, at most 300 s:
/// an entry is renewed once, late in the time it is served (each renewal starts a new lifetime, so an
/// early one costs more chains: the defaults make at most 1.8 an hour), yet before any caller would
/// find it stale and wait.
fn refresh_ahead(args: &SettingsArgs, margin: u64) -> u64 {
    let servable = u64::from(args.duration).saturating_sub(margin);
    args.refresh_ahead
        .unwrap_or(margin + MAX_DEFAULT_LEAD.min(servable / 4))
}

fn sts_endpoint(env: EnvLookup<'_>) -> Result<StsEndpoint> {
    let ignore_configured = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let env_url = env("AWS_ENDPOINT_URL_STS").filter(|_| !ignore_configured);
    if let Some(url) = &env_url {
        check_sts_url(url, "AWS_ENDPOINT_URL_STS")?;
    }
    Ok(StsEndpoint {
        env_url,
        ignore_configured,
        config_file: awsconfig::config_path(None, env).ok(),
        profile: env("AWS_PROFILE").unwrap_or_else(|| "default".to_owned()),
    })
}

/// An STS endpoint must be `https://`, or plain `http://` to this machine only: the web-identity
/// token in the request is good at real STS for hours.
pub fn check_sts_url(url: &str, origin: &str) -> Result<()> {
    let shown_url = redact_url(url);
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    let bad = |why: &str| {
        Error::config(format!(
            "STS endpoint {} from {origin} {why}",
            shown(&shown_url)
        ))
    };
    if host.is_empty() || url.chars().any(char::is_control) {
        return Err(bad("is not a URL").hint("write it as https://host[:port]"));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if is_loopback(host) => Ok(()),
        "http" => Err(bad("is plain http to another machine").hint(
            "use https:// (the web-identity token would cross the network in clear); plain http is accepted for 127.0.0.1, ::1 and localhost only",
        )),
        _ => Err(bad("is not an http(s) URL").hint("write it as https://host[:port]")),
    }
}

fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Check every value given (by flag or environment) with the rules a credentials run applies,
/// without requiring the ones a run would still need: `configure` bakes the flags into the AWS
/// config, and nothing it writes may fail later or break the file.
pub fn check_given(args: &SettingsArgs) -> Result<()> {
    if let Some(arn) = &args.target_role_arn {
        validate_role_arn(arn, "--target-role-arn")?;
    }
    if let Some(arn) = &args.base_role_arn {
        validate_role_arn(arn, "--base-role-arn")?;
    }
    if let Some(region) = &args.region {
        validate_region(region)?;
    }
    check_duration(args.duration)?;
    names::validate_tag_key(&args.tag_key, "--tag-key")?;
    check_transitive_keys(args, &extra_tags(args)?)?;
    if let Some(name) = &args.session_name {
        names::validate_session_name(name)?;
    }
    if let Some(user) = &args.fallback_user {
        names::check_user(user).map_err(|why| {
            Error::config(format!("--fallback-user: {why}"))
                .hint("give a name of letters, digits, spaces and _.:/=+-@, at most 256 characters")
        })?;
    }
    seconds(args.timeout, "--timeout")?;
    IdentitySettings::from_args(args).map(drop)
}

/// `--base-role-arn`, else `OC_ROLE_ASSUME_BASE_ROLE_ARN`, else the IRSA webhook's `AWS_ROLE_ARN`,
/// else `--base-role-arn-template` with `{namespace}` filled from this pod's service-account token
/// (one Base role per project, with no per-workbench setting).
fn base_role_arn(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<String> {
    let explicit = args
        .base_role_arn
        .clone()
        .or_else(|| env("OC_ROLE_ASSUME_BASE_ROLE_ARN"))
        .or_else(|| env("AWS_ROLE_ARN"))
        .filter(|a| !a.is_empty());
    if let Some(arn) = explicit {
        validate_role_arn(&arn, "--base-role-arn")?;
        return Ok(arn);
    }
    let Some(template) = args
        .base_role_arn_template
        .as_deref()
        .filter(|t| !t.is_empty())
    else {
        return Err(Error::config("no Base role ARN (--base-role-arn)").hint(
            "pass --base-role-arn or set OC_ROLE_ASSUME_BASE_ROLE_ARN (AWS_ROLE_ARN also works), or OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE with {namespace}",
        ));
    };
    if !template.contains("{namespace}") {
        return Err(Error::config(format!(
            "--base-role-arn-template {} has no {{namespace}}",
            shown(template)
        ))
        .hint("write it as arn:aws:iam::<account>:role/<path>/{namespace}"));
    }
    let namespace = pod::this_namespace(&args.serviceaccount_dir)?.ok_or_else(|| {
        Error::config("--base-role-arn-template needs this pod's namespace, and there is no service-account token")
            .hint("run in a cluster with the service-account token mounted, or pass --base-role-arn")
    })?;
    let arn = template.replace("{namespace}", &namespace);
    validate_role_arn(&arn, "--base-role-arn-template")?;
    Ok(arn)
}

/// `--web-identity-token-file`, else `OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE`, else
/// `AWS_WEB_IDENTITY_TOKEN_FILE`; `None` means "request one from the Kubernetes API".
fn token_file(args: &SettingsArgs, env: EnvLookup<'_>) -> Option<PathBuf> {
    args.web_identity_token_file
        .clone()
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| env("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE").map(PathBuf::from))
        .or_else(|| env("AWS_WEB_IDENTITY_TOKEN_FILE").map(PathBuf::from))
}

/// `--region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else us-east-1.
fn region(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<String> {
    let region = args
        .region
        .clone()
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .unwrap_or_else(|| DEFAULT_REGION.to_owned());
    validate_region(&region)?;
    Ok(region)
}

fn check_duration(duration: u32) -> Result<()> {
    if (MIN_DURATION..=MAX_DURATION).contains(&duration) {
        return Ok(());
    }
    Err(Error::config(format!("--duration {duration} is out of range")).hint(format!(
        "use {MIN_DURATION} to {MAX_DURATION} seconds: STS caps a chained role session at one hour"
    )))
}

/// The `--tag KEY=VALUE` options, validated, in order; no key twice (STS compares keys without case).
fn extra_tags(args: &SettingsArgs) -> Result<Vec<(String, String)>> {
    let mut tags: Vec<(String, String)> = Vec::with_capacity(args.tags.len());
    for tag in &args.tags {
        let Some((key, value)) = tag.split_once('=') else {
            return Err(Error::config(format!("--tag {} has no '='", shown(tag)))
                .hint("write extra tags as --tag KEY=VALUE"));
        };
        names::validate_tag_key(key, "--tag")?;
        names::validate_tag_value(value, "--tag")?;
        let taken = key.eq_ignore_ascii_case(&args.tag_key)
            || tags.iter().any(|(k, _)| k.eq_ignore_ascii_case(key));
        if taken {
            return Err(
                Error::config(format!("session tag {} is given twice", shown(key)))
                    .hint("tag keys are case-insensitive in STS: give each key once"),
            );
        }
        tags.push((key.to_owned(), value.to_owned()));
    }
    if tags.len() + 1 > names::MAX_SESSION_TAGS {
        return Err(Error::config(format!(
            "{} session tags given, STS takes at most {}",
            tags.len() + 1,
            names::MAX_SESSION_TAGS
        ))
        .hint("drop some --tag options"));
    }
    Ok(tags)
}

/// Every `--transitive-tag-key` must name the user tag or one of the extra tags.
fn check_transitive_keys(args: &SettingsArgs, tags: &[(String, String)]) -> Result<()> {
    for key in &args.transitive_tag_keys {
        names::validate_tag_key(key, "--transitive-tag-key")?;
        let known = key.eq_ignore_ascii_case(&args.tag_key)
            || tags.iter().any(|(k, _)| k.eq_ignore_ascii_case(key));
        if !known {
            return Err(Error::config(format!(
                "--transitive-tag-key {} names no session tag",
                shown(key)
            ))
            .hint("a transitive key must be the --tag-key or the key of a --tag"));
        }
    }
    Ok(())
}

fn seconds(value: f64, flag: &str) -> Result<Duration> {
    if value.is_finite() && value > 0.0 && value <= 3600.0 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(Error::config(format!("{flag} {value} is out of range"))
            .hint("give the time in seconds, more than 0 and at most 3600"))
    }
}

fn required(value: Option<String>, flag: &str, what: &str, hint: &str) -> Result<String> {
    match value {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(Error::config(format!("{what} ({flag})")).hint(hint)),
    }
}

/// `arn:<partition>:iam::<12-digit account>:role/[<path>/]<name>`, as IAM defines a role ARN.
pub fn validate_role_arn(arn: &str, flag: &str) -> Result<()> {
    let bad = |why: &str| {
        Error::config(format!(
            "{flag} {} is not an IAM role ARN: {why}",
            shown(arn)
        ))
        .hint("use the role's ARN as IAM shows it, e.g. arn:aws:iam::123456789012:role/MyRole")
    };
    if arn.len() > 2048 {
        return Err(bad("longer than 2048 characters"));
    }
    if arn.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains whitespace or control characters"));
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, resource] = parts[..] else {
        return Err(bad("it needs six ':'-separated fields"));
    };
    if prefix != "arn" {
        return Err(bad("it must start with arn:"));
    }
    let partition_ok = partition == "aws"
        || partition.strip_prefix("aws-").is_some_and(|rest| {
            rest.split('-')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        });
    if !partition_ok {
        return Err(bad("unknown partition"));
    }
    if service != "iam" {
        return Err(bad("the service must be iam"));
    }
    if !region.is_empty() {
        return Err(bad("IAM ARNs have an empty region field"));
    }
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("the account must be 12 digits"));
    }
    let Some(path_and_name) = resource.strip_prefix("role/") else {
        return Err(bad("the resource must be role/NAME"));
    };
    let name = path_and_name.rsplit('/').next().unwrap_or_default();
    let name_ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    let path_ok = path_and_name
        .split('/')
        .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_graphic() && c != '/'));
    if !name_ok || !path_ok {
        return Err(bad("the role name allows 1-64 of A-Z a-z 0-9 +=,.@_-"));
    }
    Ok(())
}

pub fn validate_region(region: &str) -> Result<()> {
    let ok = !region.is_empty()
        && region.len() <= 64
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(
            Error::config(format!("region {} is not an AWS region", shown(region)))
                .hint("pass --region or set AWS_REGION to a region name such as us-east-1"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TARGET: &str = "arn:aws:iam::123456789012:role/Target";
    const BASE_OURS: &str = "arn:aws:iam::123456789012:role/BaseOurs";
    const BASE_IRSA: &str = "arn:aws:iam::123456789012:role/BaseIrsa";

    fn args() -> SettingsArgs {
        SettingsArgs {
            target_role_arn: Some(TARGET.into()),
            duration: 3600,
            tag_key: "user".into(),
            api_timeout: 2.0,
            timeout: 5.0,
            min_remaining: None,
            ..SettingsArgs::default()
        }
    }

    fn settings(args: &SettingsArgs, vars: &[(&str, &str)]) -> Result<Settings> {
        let env = |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        };
        Settings::from_args(args, &env)
    }

    #[test]
    fn flags_beat_our_variables_which_beat_the_irsa_names() {
        let all = [
            ("OC_ROLE_ASSUME_BASE_ROLE_ARN", BASE_OURS),
            ("AWS_ROLE_ARN", BASE_IRSA),
            ("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE", "/ours"),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/irsa"),
            ("AWS_REGION", "eu-west-1"),
            ("AWS_DEFAULT_REGION", "eu-central-1"),
        ];
        let s = settings(&args(), &all).unwrap();
        assert_eq!(
            (
                s.base_role_arn.as_str(),
                s.token_file.as_deref().and_then(|p| p.to_str()),
                s.region.as_str()
            ),
            (BASE_OURS, Some("/ours"), "eu-west-1")
        );
        let s = settings(&args(), &all[1..]).unwrap();
        assert_eq!(s.base_role_arn, BASE_IRSA);
        let s = settings(&args(), &[all[1], all[3], all[5]]).unwrap();
        assert_eq!(
            (
                s.token_file.as_deref().and_then(|p| p.to_str()),
                s.region.as_str()
            ),
            (Some("/irsa"), "eu-central-1")
        );
        let mut flags = args();
        flags.base_role_arn = Some(TARGET.into());
        flags.web_identity_token_file = Some("/flag".into());
        flags.region = Some("ap-south-1".into());
        let s = settings(&flags, &all).unwrap();
        assert_eq!(
            (
                s.base_role_arn.as_str(),
                s.token_file.as_deref().and_then(|p| p.to_str()),
                s.region.as_str()
            ),
            (TARGET, Some("/flag"), "ap-south-1")
        );
        let s = settings(&args(), &[all[1], all[3]]).unwrap();
        assert_eq!(s.region, DEFAULT_REGION);
    }

    #[test]
    fn the_margin_never_swallows_the_session_and_renewals_come_late() {
        let with = |duration: u32, margin: Option<u64>, given: Option<u64>| {
            let args = SettingsArgs {
                duration,
                min_remaining: margin,
                refresh_ahead: given,
                ..args()
            };
            let margin = min_remaining(&args);
            (margin, refresh_ahead(&args, margin))
        };
        assert_eq!(with(3600, None, None), (1200, 1500));
        assert_eq!(with(900, None, None), (450, 562), "half a 900-s session");
        assert_eq!(with(1800, None, None), (900, 1125));
        assert_eq!(with(900, Some(895), None), (895, 896));
        assert_eq!(with(3600, None, Some(3000)), (1200, 3000));
        assert_eq!(with(900, Some(1200), None), (1200, 1200), "honoured: off");
    }

    #[test]
    fn each_missing_setting_names_its_flag() {
        let no_target = SettingsArgs {
            target_role_arn: None,
            ..args()
        };
        let vars = [
            ("AWS_ROLE_ARN", BASE_IRSA),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"),
        ];
        let what = |r: Result<Settings>| r.unwrap_err().what().to_owned();
        assert_eq!(
            what(settings(&no_target, &vars)),
            "no Target role ARN (--target-role-arn)"
        );
        assert_eq!(
            what(settings(&args(), &vars[1..])),
            "no Base role ARN (--base-role-arn)"
        );
        let no_file = settings(&args(), &vars[..1]).unwrap();
        assert_eq!(no_file.token_file, None, "then a TokenRequest");
    }

    #[test]
    fn extra_tags_are_checked_against_each_other_and_the_user_tag() {
        let vars = [
            ("AWS_ROLE_ARN", BASE_IRSA),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"),
        ];
        let with = |tags: &[&str], transitive: &[&str]| {
            let a = SettingsArgs {
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                transitive_tag_keys: transitive.iter().map(|t| (*t).to_owned()).collect(),
                ..args()
            };
            settings(&a, &vars)
        };
        let s = with(&["team=ml", "cost=42"], &["user", "team"]).unwrap();
        assert_eq!(
            s.tags,
            [("team".into(), "ml".into()), ("cost".into(), "42".into())]
        );
        assert!(
            with(&["USER=x"], &[]).is_err(),
            "the user tag's key, case-folded"
        );
        assert!(with(&["a=1", "A=2"], &[]).is_err());
        assert!(with(&["noequals"], &[]).is_err());
        assert!(
            with(&["a=1"], &["b"]).is_err(),
            "transitive key that is no tag"
        );
    }

    #[test]
    fn role_arns_accepted_and_refused() {
        for ok in [
            "arn:aws:iam::123456789012:role/Target",
            "arn:aws:iam::123456789012:role/team/data/Target_1+=,.@-",
            "arn:aws-us-gov:iam::123456789012:role/x",
            "arn:aws-iso-b:iam::123456789012:role/x",
        ] {
            assert!(validate_role_arn(ok, "--x").is_ok(), "{ok}");
        }
        for bad in [
            "",
            "arn:aws:iam::123456789012:user/bob",
            "arn:aws:s3::123456789012:role/x",
            "arn:azure:iam::123456789012:role/x",
            "arn:aws:iam:us-east-1:123456789012:role/x",
            "arn:aws:iam::12345678901:role/x",
            "arn:aws:iam::123456789012:role/",
            "arn:aws:iam::123456789012:role/x y",
            " arn:aws:iam::123456789012:role/x",
            "arn:aws:iam::123456789012:role/x\n",
            "arn:aws:iam::123456789012:role//x",
            "arn:aws-:iam::123456789012:role/x",
            "arn:awsx:iam::123456789012:role/x",
        ] {
            assert!(validate_role_arn(bad, "--x").is_err(), "{bad:?}");
        }
        let long = format!("arn:aws:iam::123456789012:role/{}", "a".repeat(10_000));
        assert!(validate_role_arn(&long, "--x").is_err());
    }
}
