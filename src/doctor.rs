//! `doctor`: every step of the setup, run in order and reported PASS / FAIL / SKIP with a one-line
//! hint, so a data scientist who sees `AccessDenied` can tell which of the admin's steps is wrong.
//! Never prints a secret: details carry ARNs, paths, claims and user names, never keys or tokens.

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::cache::{Cache, default_dir};
use crate::cli::ChainArgs;
use crate::config::{EnvLookup, IdentitySettings, Settings};
use crate::configure;
use crate::error::Error;
use crate::identity::{self, Local};
use crate::jwt::{self, Audience};
use crate::sts::{self, Request, Sts};

/// The trap that breaks most setups, in one line.
pub const SHADOWING: &str = "AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are exported, so botocore, the AWS CLI and the \
     Java SDK take the untagged Base role before the profile's credential_process and never run the helper; \
     inject OC_ROLE_ASSUME_BASE_ROLE_ARN / OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE instead, or run the workbench \
     under `oc-role-assume exec --server`";

/// Whether the variables of the shadowing trap are both exported.
pub fn shadowed(env: EnvLookup<'_>) -> bool {
    env("AWS_ROLE_ARN").is_some() && env("AWS_WEB_IDENTITY_TOKEN_FILE").is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    Skip,
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub step: &'static str,
    pub status: Status,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

fn pass(step: &'static str, detail: impl Into<String>) -> Step {
    Step {
        step,
        status: Status::Pass,
        detail: detail.into(),
        hint: None,
    }
}

fn skip(step: &'static str, detail: impl Into<String>) -> Step {
    Step {
        step,
        status: Status::Skip,
        detail: detail.into(),
        hint: None,
    }
}

fn fail(step: &'static str, detail: impl Into<String>, hint: impl Into<String>) -> Step {
    Step {
        step,
        status: Status::Fail,
        detail: detail.into(),
        hint: Some(hint.into()),
    }
}

fn failed(step: &'static str, e: &Error) -> Step {
    Step {
        step,
        status: Status::Fail,
        detail: e.what().to_owned(),
        hint: e.hint_text().map(str::to_owned),
    }
}

/// Run every step, print the report, return the exit code (0 only if nothing failed).
pub fn run(args: &ChainArgs, env: EnvLookup<'_>, json: bool) -> u8 {
    let steps = steps(args, env);
    let text = if json {
        serde_json::to_string_pretty(&steps).expect("steps serialize")
    } else {
        steps
            .iter()
            .map(|s| {
                let status = match s.status {
                    Status::Pass => "PASS",
                    Status::Fail => "FAIL",
                    Status::Skip => "SKIP",
                };
                let mut line = format!("{status}  {:<20} {}", s.step, s.detail);
                if let Some(hint) = &s.hint {
                    line.push_str(&format!("\n      hint: {hint}"));
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    println!("{text}");
    u8::from(steps.iter().any(|s| s.status == Status::Fail))
}

fn steps(args: &ChainArgs, env: EnvLookup<'_>) -> Vec<Step> {
    let mut steps = Vec::new();
    let settings = match Settings::from_args(args, env) {
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
    };
    steps.push(match &settings {
        Some(s) => token_step(s),
        None => skip("web-identity token", "no settings"),
    });

    // Identity: the in-cluster files, the API, and the chain's answer.
    let local =
        IdentitySettings::from_args(args).and_then(|i| Local::gather(&i, env).map(|l| (i, l)));
    let in_cluster = env("KUBERNETES_SERVICE_HOST").is_some();
    steps.push(if in_cluster {
        let dir = &args.serviceaccount_dir;
        let missing: Vec<&str> = ["token", "ca.crt", "namespace"].into_iter().filter(|f| !dir.join(f).is_file()).collect();
        if missing.is_empty() {
            pass("in-cluster files", format!("{} has token, ca.crt, namespace", dir.display()))
        } else {
            fail(
                "in-cluster files",
                format!("{} lacks {}", dir.display(), missing.join(", ")),
                "mount the service-account token (automountServiceAccountToken: true), or set --serviceaccount-dir",
            )
        }
    } else {
        skip("in-cluster files", "not in a cluster (KUBERNETES_SERVICE_HOST unset)")
    });

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let Ok(runtime) = runtime else {
        steps.push(fail(
            "runtime",
            "cannot start the async runtime",
            "report this as a bug",
        ));
        return steps;
    };
    let identity = match &local {
        Err(e) => {
            steps.push(failed("identity", e));
            None
        }
        Ok((identity_settings, local)) => {
            steps.push(match local.in_cluster() {
                None => skip("Kubernetes API", "not in a cluster"),
                Some(pod) => match runtime.block_on(pod.fetch(identity_settings.api_timeout)) {
                    Ok(_) => pass(
                        "Kubernetes API",
                        format!("get pod {}/{} allowed", pod.namespace, pod.pod),
                    ),
                    Err(e) => failed("Kubernetes API", &e),
                },
            });
            match runtime.block_on(identity::resolve(identity_settings, local)) {
                Ok(id) => {
                    let trust = if id.platform_set {
                        "platform-set"
                    } else {
                        "user-controlled"
                    };
                    steps.push(pass(
                        "identity",
                        format!("{} from {} ({trust})", id.user, id.source),
                    ));
                    Some(id)
                }
                Err(e) => {
                    steps.push(failed("identity", &e));
                    None
                }
            }
        }
    };

    // STS: each call on its own.
    match (&settings, &identity) {
        (Some(settings), Some(identity)) => {
            let request = Request::new(settings, identity);
            runtime.block_on(async {
                let sts = Sts::new(settings).await;
                let limit = settings.timeout;
                match tokio::time::timeout(limit, sts.base(settings, &request)).await {
                    Ok(Ok(base)) => {
                        steps.push(pass(
                            "Base role",
                            format!(
                                "assumed {} with the web-identity token",
                                settings.base_role_arn
                            ),
                        ));
                        match tokio::time::timeout(limit, sts.target(settings, &request, &base))
                            .await
                        {
                            Ok(Ok(_)) => steps.push(pass(
                                "Target role",
                                format!(
                                    "assumed {} as session {} with tag {}={}",
                                    settings.target_role_arn,
                                    request.session_name,
                                    settings.tag_key,
                                    identity.user
                                ),
                            )),
                            Ok(Err(e)) => steps.push(failed("Target role", &e)),
                            Err(_) => steps.push(timed_out("Target role")),
                        }
                    }
                    Ok(Err(e)) => {
                        steps.push(failed("Base role", &e));
                        steps.push(skip("Target role", "needs the Base role"));
                    }
                    Err(_) => {
                        steps.push(timed_out("Base role"));
                        steps.push(skip("Target role", "needs the Base role"));
                    }
                }
            });
        }
        _ => {
            steps.push(skip("Base role", "needs settings and an identity"));
            steps.push(skip("Target role", "needs settings and an identity"));
        }
    }

    steps.push(cache_step(args, env));
    let (config_step, relies_on_helper) = aws_config_step(env);
    steps.push(config_step);
    steps.push(
        if shadowed(env) {
            if relies_on_helper {
                fail("shadowing", "AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE exported", SHADOWING)
            } else {
                pass("shadowing", "AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE exported, but no profile relies on the helper")
            }
        } else {
            pass("shadowing", "AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE not both exported")
        },
    );
    steps
}

fn timed_out(step: &'static str) -> Step {
    fail(
        step,
        "STS did not answer in time",
        "check that the pod can reach the STS endpoint (egress, proxy), or raise --timeout",
    )
}

fn token_step(settings: &Settings) -> Step {
    const STEP: &str = "web-identity token";
    let token = match sts::read_token(&settings.token_file) {
        Ok(t) => t,
        Err(e) => return failed(STEP, &e),
    };
    let claims = match jwt::claims(token.expose()) {
        Ok(c) => c,
        Err(e) => {
            return fail(
                STEP,
                format!("{}: {}", settings.token_file.display(), e.0),
                "point --web-identity-token-file at the projected service-account token",
            );
        }
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
    if let Some(exp) = claims.exp
        && exp <= now
    {
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
    pass(
        STEP,
        format!(
            "{}: sub {sub}, aud sts.amazonaws.com, {left}",
            settings.token_file.display()
        ),
    )
}

fn cache_step(args: &ChainArgs, env: EnvLookup<'_>) -> Step {
    if args.no_cache {
        return skip("cache", "--no-cache");
    }
    let dir = default_dir(crate::config::cache_dir_arg(args).as_deref(), env);
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
    let path = match configure::config_path(None, env) {
        Ok(p) => p,
        Err(e) => return (failed(STEP, &e), false),
    };
    let profile = env("AWS_PROFILE").unwrap_or_else(|| "default".to_owned());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let Some(value) = configure::profile_value(&text, &profile, "credential_process") else {
        return (
            fail(
                STEP,
                format!(
                    "profile {profile} in {} has no credential_process",
                    path.display()
                ),
                "run `oc-role-assume configure`",
            ),
            false,
        );
    };
    let program = value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(['\'', '"'])
        .to_owned();
    if !program.ends_with("oc-role-assume") {
        return (
            fail(
                STEP,
                format!(
                    "profile {profile} in {} runs another helper: {value}",
                    path.display()
                ),
                "run `oc-role-assume configure --force`",
            ),
            false,
        );
    }
    let canonical = std::fs::canonicalize(&program).ok();
    if canonical.is_none() {
        return (
            fail(
                STEP,
                format!(
                    "profile {profile} in {} runs {program}, which does not exist",
                    path.display()
                ),
                "run `oc-role-assume configure`",
            ),
            true,
        );
    }
    let this = std::env::current_exe().and_then(std::fs::canonicalize).ok();
    let which = if canonical == this {
        "this binary"
    } else {
        "another copy of the helper"
    };
    (
        pass(
            STEP,
            format!(
                "profile {profile} in {} runs {which}: {value}",
                path.display()
            ),
        ),
        true,
    )
}
