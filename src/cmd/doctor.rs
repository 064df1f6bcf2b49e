//! `doctor`: every step of the setup, run in order and reported PASS / FAIL / SKIP with a one-line
//! hint, so a data scientist who sees `AccessDenied` can tell which of the admin's steps is wrong.
//! The first step names the setup found (no-patch, volume-based, IRSA webhook) and where this
//! process's SDKs get their credentials: the chain, or the `exec --server` endpoint it runs under.
//! The steps are the chain's own (`chain.rs`), one small function each, plus the checks around it
//! (cache, AWS config, shadowing). Never prints a secret: details carry ARNs, paths, claims and user
//! names, never keys or tokens.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::awsconfig;
use crate::cache::{Cache, default_dir};
use crate::chain;
use crate::cli::SettingsArgs;
use crate::endpoint::Parent;
use crate::env::EnvLookup;
use crate::error::Error;
use crate::exec;
use crate::identity::pod::DEFAULT_SERVICEACCOUNT_DIR;
use crate::identity::{Identity, Local, Source};
use crate::jwt::{self, Audience};
use crate::messages::{HINT_PROJECT_TOKEN, SHADOWING, redact_url};
use crate::network::{Network, Route};
use crate::output::{self, rfc3339};
use crate::settings::{IdentitySettings, Settings, cache_dir_arg};
use crate::sts::{self, Request, Sts, TokenSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
enum Status {
    Pass,
    /// Works, but something nearby is likely to surprise: does not fail the run.
    Warn,
    Fail,
    Skip,
}

#[derive(Debug, Serialize)]
struct Step {
    step: &'static str,
    status: Status,
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
}

fn step(
    step: &'static str,
    status: Status,
    detail: impl Into<String>,
    hint: Option<String>,
) -> Step {
    Step {
        step,
        status,
        detail: detail.into(),
        hint,
    }
}

fn pass(name: &'static str, detail: impl Into<String>) -> Step {
    step(name, Status::Pass, detail, None)
}

fn warning(name: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Step {
    step(name, Status::Warn, detail, Some(hint.into()))
}

fn skip(name: &'static str, detail: impl Into<String>) -> Step {
    step(name, Status::Skip, detail, None)
}

fn fail(name: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Step {
    step(name, Status::Fail, detail, Some(hint.into()))
}

fn failed(name: &'static str, e: &Error) -> Step {
    step(
        name,
        Status::Fail,
        e.what(),
        e.hint_text().map(str::to_owned),
    )
}

/// Run every step, print the report, return the exit code (0 only if nothing failed).
pub fn run(args: &SettingsArgs, json: bool, env: EnvLookup<'_>) -> u8 {
    let steps = steps(args, env);
    let text = if json {
        serde_json::to_string_pretty(&steps).expect("steps serialize")
    } else {
        steps.iter().map(line).collect::<Vec<_>>().join("\n")
    };
    // The verdict is the exit code; a reader that went away does not change it.
    let _ = output::print_stdout(&text);
    u8::from(steps.iter().any(|s| s.status == Status::Fail))
}

fn line(s: &Step) -> String {
    let status = match s.status {
        Status::Pass => "PASS",
        Status::Warn => "WARN",
        Status::Fail => "FAIL",
        Status::Skip => "SKIP",
    };
    let mut line = format!("{status}  {:<20} {}", s.step, s.detail);
    if let Some(hint) = &s.hint {
        line.push_str(&format!("\n      hint: {hint}"));
    }
    line
}

fn steps(args: &SettingsArgs, env: EnvLookup<'_>) -> Vec<Step> {
    let mut steps = Vec::new();
    let parent = Parent::from_env(env);
    let found = Settings::from_args(args, env);
    let (config_step, relies_on_helper) = aws_config_step(env);
    steps.push(setup_step(
        found.as_ref().ok(),
        parent.as_ref(),
        env,
        relies_on_helper,
    ));
    let settings = settings_step(found, parent.is_some(), &mut steps);
    let local = chain::local(args, env);
    steps.push(match &settings {
        Some(s) => sts_endpoint_step(s, env),
        None => skip("STS endpoint", "no settings"),
    });
    steps.push(match (&settings, &local) {
        (Some(s), Ok((_, local))) => token_step(s, local),
        _ => skip(
            "web-identity token",
            "needs settings and the local identity inputs",
        ),
    });
    steps.push(in_cluster_files_step(args));
    let identity = identity_steps(&local, &mut steps);
    match (&settings, &local, &identity) {
        (Some(settings), Ok((_, local)), Some(identity)) => {
            let network = Network::from_env(env, &settings.sts_endpoint);
            sts_steps(settings, &network, local, identity, &mut steps);
        }
        _ => {
            steps.push(skip("Base role", "needs settings and an identity"));
            steps.push(skip("Target role", "needs settings and an identity"));
        }
    }
    steps.push(cache_step(args, env));
    steps.push(config_step);
    steps.push(shadowing_step(env, relies_on_helper));
    steps.push(credentials_file_step(env));
    steps.push(exported_keys_step(env));
    steps.push(hardening_step());
    network_steps(settings.as_ref(), env, &mut steps);
    // The same line as `--version`, for bug reports.
    steps.push(pass("version", env!("OC_ROLE_ASSUME_LONG_VERSION")));
    steps
}

fn sts_endpoint_step(settings: &Settings, env: EnvLookup<'_>) -> Step {
    const STEP: &str = "STS endpoint";
    let url = match sts::endpoint_url(&settings.sts_endpoint) {
        Ok(url) => url,
        Err(e) => return failed(STEP, &e),
    };
    let target = url.as_deref().map_or_else(
        || format!("the regional default for {}", settings.region),
        redact_url,
    );
    match env("AWS_ENDPOINT_URL") {
        Some(global) if url.is_none() => warning(
            STEP,
            format!(
                "AWS_ENDPOINT_URL ({}) is ignored for STS; STS calls go to {target}",
                redact_url(&global)
            ),
            "that is usually right (it names an S3-compatible store); set AWS_ENDPOINT_URL_STS if STS is elsewhere",
        ),
        _ => pass(STEP, format!("STS calls go to {target}")),
    }
}

/// Static keys for the profile in the shared credentials file win over credential_process.
fn credentials_file_step(env: EnvLookup<'_>) -> Step {
    const STEP: &str = "credentials file";
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    match awsconfig::static_keys_in_credentials(env, &profile) {
        Some((path, keys)) => fail(
            STEP,
            format!(
                "{} holds static keys ({}) for profile {profile}",
                path.display(),
                keys.join(", ")
            ),
            "every SDK uses them before credential_process: remove them from that file",
        ),
        None => pass(STEP, format!("no static keys for profile {profile}")),
    }
}

/// Keys exported in the environment (an S3 data connection does this) beat every profile.
fn exported_keys_step(env: EnvLookup<'_>) -> Step {
    const STEP: &str = "exported keys";
    if env("AWS_ACCESS_KEY_ID").is_none() && env("AWS_SECRET_ACCESS_KEY").is_none() {
        return pass(
            STEP,
            "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY not exported",
        );
    }
    warning(
        STEP,
        "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are exported (a data connection?): SDKs in this environment use them, not the helper",
        "keep data-connection keys for the S3-compatible store they belong to; for AWS run the tool under `oc-role-assume exec`, which removes them",
    )
}

/// Whether `exec --server` can make itself non-dumpable (it holds credentials for days).
fn hardening_step() -> Step {
    const STEP: &str = "non-dumpable";
    match exec::make_non_dumpable() {
        Ok(()) => pass(
            STEP,
            "exec --server can make itself non-dumpable (no core, no ptrace by peers)",
        ),
        Err(e) => warning(
            STEP,
            format!("prctl(PR_SET_DUMPABLE) fails here: {e}"),
            "a process of the same user could read exec --server's memory: keep untrusted code out of this pod",
        ),
    }
}

/// Where the projected token of the IRSA pod identity webhook is mounted.
const IRSA_TOKEN_DIR: &str = "/var/run/secrets/eks.amazonaws.com/";
/// The image's shell profile, which gives sessions the workbench did not start what it gives its own.
const PROFILE_SCRIPT: &str = "/etc/profile.d/oc-role-assume.sh";

/// The setup this process is in and where its SDKs get credentials from.
fn setup_step(
    settings: Option<&Settings>,
    parent: Option<&Parent>,
    env: EnvLookup<'_>,
    relies_on_helper: bool,
) -> Step {
    const STEP: &str = "setup";
    let setup = match settings {
        Some(s) => match &s.token_file {
            None => "no-patch: a TokenRequest for this pod's service account".to_owned(),
            Some(file) if file.starts_with(IRSA_TOKEN_DIR) => {
                format!("IRSA webhook: its token {}", file.display())
            }
            Some(file) => format!("volume-based: the token file {}", file.display()),
        },
        None if parent.is_some() || awsconfig::shadowed(env) => "IRSA webhook".to_owned(),
        None => return skip(STEP, "unknown: no settings"),
    };
    if let Some(parent) = parent {
        return match parent.credentials() {
            Ok(c) => pass(
                STEP,
                format!(
                    "{setup}; this process runs under exec --server: its SDKs get the Target session from {} (until {})",
                    parent.describe(),
                    rfc3339(c.expiration)
                ),
            ),
            Err(e) => failed(STEP, &e),
        };
    }
    // The webhook's variables are this session's only settings: an IRSA workbench entered from
    // outside. (Exported beside our own names, the shadowing step names the trap.)
    let webhook_only = env("OC_ROLE_ASSUME_BASE_ROLE_ARN").is_none()
        && env("OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE").is_none();
    if awsconfig::shadowed(env) && relies_on_helper && webhook_only {
        let base = env("AWS_ROLE_ARN").unwrap_or_default();
        return fail(
            STEP,
            format!(
                "{setup}; this session was not started by the workbench (an `oc exec` or `oc rsh` without a login shell?) and has the webhook's AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE: botocore, the AWS CLI and the Java SDK here use the untagged Base role {base}, not the Target session"
            ),
            format!(
                "run `. {PROFILE_SCRIPT}` in this shell (a login shell, `bash -l`, runs it), or run the tool under `oc-role-assume exec --`"
            ),
        );
    }
    pass(
        STEP,
        format!("{setup}; SDKs run the helper through the AWS config"),
    )
}

fn settings_step(
    found: Result<Settings, Error>,
    under_server: bool,
    steps: &mut Vec<Step>,
) -> Option<Settings> {
    match found {
        Err(e) if under_server => {
            steps.push(skip(
                "settings",
                format!(
                    "not in this environment ({}): the exec --server endpoint is this process's source",
                    e.what()
                ),
            ));
            None
        }
        Ok(s) => {
            steps.push(pass(
                "settings",
                format!(
                    "target {}, base {}, region {}",
                    s.target_role_arn, s.base_role_arn, s.region
                ),
            ));
            Some(s)
        }
        Err(e) => {
            steps.push(failed("settings", &e));
            None
        }
    }
}

fn token_step(settings: &Settings, local: &Local) -> Step {
    const STEP: &str = "web-identity token";
    let source = match TokenSource::new(settings, local) {
        Ok(source) => source,
        Err(e) => return failed(STEP, &e),
    };
    let file = source.describe();
    let token = match chain::block_on(source.token()) {
        Ok(t) => t,
        Err(e) => return failed(STEP, &e),
    };
    let claims = match jwt::claims(token.expose()) {
        Ok(c) => c,
        Err(e) => return fail(STEP, format!("{file}: {}", e.0), HINT_PROJECT_TOKEN),
    };
    let audiences: Vec<&str> = match &claims.aud {
        Audience::None => vec![],
        Audience::One(a) => vec![a.as_str()],
        Audience::Many(list) => list.iter().map(String::as_str).collect(),
    };
    if !audiences.contains(&"sts.amazonaws.com") {
        return fail(
            STEP,
            format!(
                "audience is [{}], not sts.amazonaws.com",
                audiences.join(", ")
            ),
            "project the token with audience: sts.amazonaws.com (serviceAccountToken.audience)",
        );
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    if let Some(exp) = claims.exp.filter(|exp| *exp <= now) {
        return fail(
            STEP,
            format!("expired {} s ago", now - exp),
            "the kubelet rotates projected tokens: check the volume's expirationSeconds and that this is the projected file",
        );
    }
    let Some(sub) = claims.sub else {
        return fail(
            STEP,
            "the token has no sub claim",
            "use a Kubernetes service-account token",
        );
    };
    let left = claims.exp.map_or("no expiry".to_owned(), |exp| {
        format!("expires in {} min", (exp - now) / 60)
    });
    let detail = format!("{file}: sub {sub}, aud sts.amazonaws.com, {left}");
    if claims.iss.as_deref() == Some(IN_CLUSTER_ISSUER) {
        return warning(
            STEP,
            format!("{detail}; its issuer is the in-cluster default {IN_CLUSTER_ISSUER}"),
            "IAM cannot register that issuer: the cluster's serviceAccountIssuer must be a public HTTPS URL (oc get authentication cluster -o jsonpath='{.spec.serviceAccountIssuer}')",
        );
    }
    pass(STEP, detail)
}

/// The issuer of a cluster whose service-account tokens no outside party can verify.
const IN_CLUSTER_ISSUER: &str = "https://kubernetes.default.svc";

fn in_cluster_files_step(args: &SettingsArgs) -> Step {
    const STEP: &str = "in-cluster files";
    let default = Path::new(DEFAULT_SERVICEACCOUNT_DIR);
    let Some(dir) = [args.serviceaccount_dir.as_path(), default]
        .into_iter()
        .find(|d| d.join("token").is_file())
    else {
        return skip(STEP, "not in a cluster (no service-account token)");
    };
    let missing: Vec<&str> = ["token", "ca.crt", "namespace"]
        .into_iter()
        .filter(|f| !dir.join(f).is_file())
        .collect();
    if missing.is_empty() {
        return pass(
            STEP,
            format!("{} has token, ca.crt, namespace", dir.display()),
        );
    }
    fail(
        STEP,
        format!("{} lacks {}", dir.display(), missing.join(", ")),
        "mount the service-account token (automountServiceAccountToken: true), or set --serviceaccount-dir",
    )
}

/// The Kubernetes API step and the identity step; the identity, if one was found.
fn identity_steps(
    local: &Result<(IdentitySettings, Local), Error>,
    steps: &mut Vec<Step>,
) -> Option<Identity> {
    let (settings, local) = match local {
        Ok(found) => found,
        Err(e) => {
            steps.push(failed("identity", e));
            return None;
        }
    };
    steps.push(api_step(settings, local));
    match chain::block_on(chain::identity(settings, local)) {
        Ok(id) => {
            let note = if id.source == Source::ProjectRequester {
                ": the project's requester, not necessarily the person at the keyboard"
            } else {
                ""
            };
            steps.push(pass(
                "identity",
                format!("{} from {} ({}){note}", id.user, id.source, id.trust()),
            ));
            Some(id)
        }
        Err(e) => {
            steps.push(failed("identity", &e));
            None
        }
    }
}

fn api_step(settings: &IdentitySettings, local: &Local) -> Step {
    const STEP: &str = "Kubernetes API";
    let Some(pod) = local.in_cluster() else {
        return skip(STEP, "not in a cluster");
    };
    match chain::block_on(pod.fetch(settings.api_timeout)) {
        Ok(_) => pass(
            STEP,
            format!("get pod {}/{} allowed", pod.namespace, pod.pod),
        ),
        Err(e) => failed(STEP, &e),
    }
}

/// The Base and Target steps, each call on its own so the report names the one that failed.
fn sts_steps(
    settings: &Settings,
    network: &Network,
    local: &Local,
    identity: &Identity,
    steps: &mut Vec<Step>,
) {
    let request = match Request::new(settings, local, identity) {
        Ok(request) => request,
        Err(e) => {
            steps.push(failed("Base role", &e));
            steps.push(skip("Target role", "needs the Base role"));
            return;
        }
    };
    let result = chain::block_on(async {
        let sts = match Sts::new(settings, network).await {
            Ok(sts) => sts,
            Err(e) => return Ok((Err(e), None)),
        };
        let base = chain::base(&sts, settings, &request).await;
        let target = match &base {
            Ok(base) => Some(chain::target(&sts, settings, &request, base).await),
            Err(_) => None,
        };
        Ok((base, target))
    });
    let Ok((base, target)) = result else {
        steps.push(fail(
            "Base role",
            "cannot start the async runtime",
            "report this as a bug",
        ));
        return;
    };
    match base {
        Ok(_) => steps.push(pass(
            "Base role",
            format!(
                "assumed {} with the web-identity token",
                settings.base_role_arn
            ),
        )),
        Err(e) => {
            steps.push(failed("Base role", &e));
            steps.push(skip("Target role", "needs the Base role"));
            return;
        }
    }
    steps.push(match target {
        Some(Ok(_)) => pass(
            "Target role",
            format!(
                "assumed {} as session {} with tag {}={}",
                settings.target_role_arn, request.session_name, settings.tag_key, identity.user
            ),
        ),
        Some(Err(e)) => failed("Target role", &e),
        None => skip("Target role", "needs the Base role"),
    });
}

fn cache_step(args: &SettingsArgs, env: EnvLookup<'_>) -> Step {
    if args.no_cache {
        return skip("cache", "--no-cache");
    }
    let dir = default_dir(cache_dir_arg(args).as_deref(), env);
    match Cache::open(dir.clone()) {
        Ok(_) => pass("cache", format!("{} is yours and private", dir.display())),
        Err(why) => fail(
            "cache",
            format!("{}: {why}", dir.display()),
            "fix its owner and mode (0700), or set OC_ROLE_ASSUME_CACHE_DIR (credentials still work, uncached)",
        ),
    }
}

/// The AWS config step, and whether the active profile relies on the helper.
fn aws_config_step(env: EnvLookup<'_>) -> (Step, bool) {
    const STEP: &str = "AWS config";
    let path = match awsconfig::config_path(None, env) {
        Ok(p) => p,
        Err(e) => return (failed(STEP, &e), false),
    };
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let place = format!("profile {profile} in {}", path.display());
    let Some(value) = awsconfig::profile_value(&text, &profile, "credential_process") else {
        let step = fail(
            STEP,
            format!("{place} has no credential_process"),
            "run `oc-role-assume configure`",
        );
        return (step, false);
    };
    let Some(program) = awsconfig::helper_program(&value) else {
        let step = fail(
            STEP,
            format!("{place} runs another helper: {value}"),
            "run `oc-role-assume configure --force`",
        );
        return (step, false);
    };
    let Ok(canonical) = std::fs::canonicalize(&program) else {
        let step = fail(
            STEP,
            format!("{place} runs {program}, which does not exist"),
            "run `oc-role-assume configure`",
        );
        return (step, true);
    };
    let this = std::env::current_exe().and_then(std::fs::canonicalize).ok();
    let which = if Some(canonical) == this {
        "this binary"
    } else {
        "another copy of the helper"
    };
    (pass(STEP, format!("{place} runs {which}: {value}")), true)
}

fn shadowing_step(env: EnvLookup<'_>, relies_on_helper: bool) -> Step {
    const STEP: &str = "shadowing";
    const BOTH: &str = "AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE exported";
    if !awsconfig::shadowed(env) {
        return pass(
            STEP,
            "AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE not both exported",
        );
    }
    if relies_on_helper {
        return fail(STEP, BOTH, SHADOWING);
    }
    pass(STEP, format!("{BOTH}, but no profile relies on the helper"))
}

/// The proxy STS calls use, the roots they trust, and a TLS handshake with STS that way.
fn network_steps(settings: Option<&Settings>, env: EnvLookup<'_>, steps: &mut Vec<Step>) {
    const NAMES: [&str; 3] = ["proxy", "trust", "STS handshake"];
    let Some(settings) = settings else {
        steps.extend(NAMES.map(|name| skip(name, "no settings")));
        return;
    };
    let network = Network::from_env(env, &settings.sts_endpoint);
    let url = chain::block_on(async {
        Ok(match sts::endpoint_url(&settings.sts_endpoint)? {
            Some(url) => url,
            None => sts::default_url(&settings.region).await,
        })
    });
    let Ok(url) = url else {
        steps.extend(NAMES.map(|name| skip(name, "no usable STS endpoint")));
        return;
    };
    steps.push(proxy_step(&network, &url));
    steps.push(match network.trust_summary() {
        Ok(summary) => pass("trust", summary),
        Err(e) => failed("trust", &e),
    });
    steps.push(handshake_step(settings, &network, &url));
}

fn proxy_step(network: &Network, url: &str) -> Step {
    const STEP: &str = "proxy";
    if let Err(e) = network.check_proxy(url) {
        return failed(STEP, &e);
    }
    let shown = redact_url(url);
    match network.route(url) {
        Route::Proxy(var) => pass(
            STEP,
            format!("{} ({}) for {shown}", redact_url(&var.value), var.name),
        ),
        Route::Bypassed(no) => pass(STEP, format!("direct ({}) to {shown}", no.name)),
        Route::Direct => pass(STEP, format!("direct to {shown}")),
    }
}

/// One request to the STS endpoint through the STS calls' own client: the handshake, the proxy and
/// the roots all as a real call would use them.
fn handshake_step(settings: &Settings, network: &Network, url: &str) -> Step {
    const STEP: &str = "STS handshake";
    let Ok(transport) = network.transport(url) else {
        return skip(STEP, "needs a usable proxy and trust set-up");
    };
    let shown = redact_url(url);
    let way = match network.route(url) {
        Route::Proxy(var) => format!(" through {}", var.name),
        _ => " directly".to_owned(),
    };
    let probe = chain::block_on(async { Ok(transport.probe(url, settings.timeout).await) });
    match probe {
        Ok(Ok(status)) if url.starts_with("https") => pass(
            STEP,
            format!("TLS with {shown}{way} verified (HTTP {status})"),
        ),
        Ok(Ok(status)) => pass(
            STEP,
            format!("{shown}{way} answered (HTTP {status}; plain http, no TLS)"),
        ),
        Ok(Err(e)) => failed(
            STEP,
            &network.unreachable(Some(url), &shown, "", e.as_ref()),
        ),
        Err(e) => failed(STEP, &e),
    }
}
