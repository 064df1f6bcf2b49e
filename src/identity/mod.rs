//! Who the user is: a chain of sources tried in order, the first that yields a user wins.
//!
//! | # | source | set by |
//! |---|--------|--------|
//! | 1 | downward-API file, key `opendatahub.io/username` | platform |
//! | 2 | pod annotation `opendatahub.io/username` (`b64:` = base64 of the name) | platform |
//! | 3 | pod annotation `opendatahub.io/user` (dashboard-translated) | platform |
//! | 4 | pod label `opendatahub.io/user` (dashboard-translated) | platform |
//! | 5 | env `RHOAI_USER` | user |
//! | 6 | env `JUPYTERHUB_USER` | user |
//! | 7 | `--fallback-user` | user |
//!
//! A source answers "not here" (the chain moves on) or "broken" (the chain stops). In a cluster, a pod
//! that cannot be read is "broken": falling through to the user-controlled sources then needs
//! `--allow-unverified-identity`. When every source says "not here", the error lists each one tried.

pub mod pod;
pub mod podinfo;
pub use crate::translated;

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;

use crate::env::EnvLookup;
use crate::error::{Error, Result, shown};
use crate::files;
use crate::messages::warn;
use crate::names::{self, TagForm};

pub const USERNAME_KEY: &str = "opendatahub.io/username";
pub use podinfo::DEFAULT_PODINFO_FILE;

/// What the identity chain needs, from the settings flags (`settings.rs` makes it); `whoami` needs
/// no more than this.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentitySettings {
    pub podinfo_file: std::path::PathBuf,
    pub serviceaccount_dir: std::path::PathBuf,
    pub allow_unverified_identity: bool,
    pub api_timeout: std::time::Duration,
    pub fallback_user: Option<String>,
    /// Which names the chain accepts depends on how the tag will carry them.
    pub tag_form: TagForm,
    /// A pod without workbench keys is the project's requester (`--project-identity`).
    pub project_identity: bool,
}
pub const USER_KEY: &str = "opendatahub.io/user";
pub use pod::REQUESTER_KEY;
/// Kubernetes caps all annotations of an object at 256 KiB together.
const MAX_PODINFO_BYTES: u64 = 1024 * 1024;

/// The resolved user, where it came from, and the pod it belongs to (in a cluster).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub user: String,
    pub source: Source,
    pub platform_set: bool,
    pub namespace: Option<String>,
    pub pod: Option<String>,
}

impl Identity {
    /// How far the name can be trusted, as `whoami` and `doctor` label it.
    pub fn trust(&self) -> &'static str {
        if self.platform_set {
            "platform-set"
        } else {
            "user-controlled"
        }
    }
}

/// Where a user name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    PodinfoFile,
    AnnotationUsername,
    AnnotationUser,
    LabelUser,
    /// The project's requester: off by default (`--project-identity`), for the project's pods that
    /// are not workbenches.
    ProjectRequester,
    RhoaiUserEnv,
    JupyterhubUserEnv,
    FallbackUser,
}

impl Source {
    /// Whether the platform set this value (a user inside the pod cannot change it).
    pub fn platform_set(self) -> bool {
        matches!(
            self,
            Source::PodinfoFile
                | Source::AnnotationUsername
                | Source::AnnotationUser
                | Source::LabelUser
                | Source::ProjectRequester
        )
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::PodinfoFile => "downward-API file (opendatahub.io/username)",
            Source::AnnotationUsername => "pod annotation opendatahub.io/username",
            Source::AnnotationUser => "pod annotation opendatahub.io/user",
            Source::LabelUser => "pod label opendatahub.io/user",
            Source::RhoaiUserEnv => "env RHOAI_USER",
            Source::JupyterhubUserEnv => "env JUPYTERHUB_USER",
            Source::FallbackUser => "--fallback-user",
            Source::ProjectRequester => {
                "project requester (namespace annotation openshift.io/requester)"
            }
        })
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What the chain can know without the network: the downward-API file's value, where this pod is,
/// and the user-controlled values. Gathered once; it is also what the cache key is made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Local {
    /// The downward-API file's `opendatahub.io/username` value, still raw (`b64:` not yet decoded).
    pub(crate) podinfo_value: Option<String>,
    #[serde(skip)]
    pub(crate) podinfo_tried: String,
    /// The downward-API file is at its default path, where only the kubelet writes.
    pub(crate) podinfo_platform_set: bool,
    pub(crate) in_cluster: Option<pod::InCluster>,
    pub(crate) rhoai_user: Option<String>,
    pub(crate) jupyterhub_user: Option<String>,
    pub(crate) fallback_user: Option<String>,
    pub(crate) allow_unverified_identity: bool,
}

impl Local {
    /// Nothing but (maybe) a downward-API value at the default path: for in-process tests.
    #[cfg(test)]
    pub(crate) fn for_tests(podinfo_value: Option<&str>) -> Local {
        Local {
            podinfo_value: podinfo_value.map(str::to_owned),
            podinfo_tried: "downward-API file /absent (absent)".into(),
            podinfo_platform_set: true,
            in_cluster: None,
            rhoai_user: None,
            jupyterhub_user: None,
            fallback_user: None,
            allow_unverified_identity: false,
        }
    }

    /// Whether `source` was read from where only the platform writes (its default path).
    fn platform_path(&self, source: Source) -> bool {
        match source {
            Source::PodinfoFile => self.podinfo_platform_set,
            Source::AnnotationUsername
            | Source::AnnotationUser
            | Source::LabelUser
            | Source::ProjectRequester => {
                self.in_cluster.as_ref().is_some_and(|ic| ic.platform_set)
            }
            _ => false,
        }
    }

    /// Where this pod is, when in a cluster.
    pub fn in_cluster(&self) -> Option<&pod::InCluster> {
        self.in_cluster.as_ref()
    }

    pub fn gather(settings: &IdentitySettings, env: EnvLookup<'_>) -> Result<Local> {
        let path = &settings.podinfo_file;
        let (podinfo_value, podinfo_tried) = match read_podinfo(path)? {
            None => (
                None,
                format!("downward-API file {} (absent)", path.display()),
            ),
            Some(text) => match podinfo::lookup(&text, USERNAME_KEY) {
                Ok(value) => (
                    value,
                    format!("downward-API file {} (no {USERNAME_KEY})", path.display()),
                ),
                Err(why) => {
                    return Err(Error::identity(format!("downward-API file {}: {why}", path.display()))
                        .hint("the kubelet writes this file; check the downwardAPI volume, or point --podinfo-file elsewhere"));
                }
            },
        };
        Ok(Local {
            podinfo_value,
            podinfo_tried,
            podinfo_platform_set: path == Path::new(DEFAULT_PODINFO_FILE),
            in_cluster: pod::detect(&settings.serviceaccount_dir, env)?,
            rhoai_user: env("RHOAI_USER"),
            jupyterhub_user: env("JUPYTERHUB_USER"),
            fallback_user: settings.fallback_user.clone(),
            allow_unverified_identity: settings.allow_unverified_identity,
        })
    }
}

/// Walk the chain. Only the pod lookup touches the network.
pub async fn resolve(settings: &IdentitySettings, local: &Local) -> Result<Identity> {
    let mut tried: Vec<String> = Vec::new();
    let in_cluster = &local.in_cluster;
    let (namespace, pod_name) = match in_cluster {
        Some(ic) => (Some(ic.namespace.clone()), Some(ic.pod.clone())),
        None => (None, None),
    };
    let found = |user: String, source: Source| -> Result<Identity> {
        accept(user, source, settings.tag_form).map(|user| Identity {
            user,
            source,
            platform_set: source.platform_set() && local.platform_path(source),
            namespace: namespace.clone(),
            pod: pod_name.clone(),
        })
    };

    // 1. The downward-API file: platform-set, and no API call needed.
    match &local.podinfo_value {
        Some(value) => {
            return found(
                username_value(value, Source::PodinfoFile)?,
                Source::PodinfoFile,
            );
        }
        None => tried.push(local.podinfo_tried.clone()),
    }

    // 2-4. This pod, from the Kubernetes API.
    match in_cluster {
        None => tried.push("pod (not in a cluster)".into()),
        Some(ic) => match from_pod(ic, settings, local).await? {
            Ok((user, source)) => return found(user, source),
            // A pod that is not a workbench: with the project source on, the project's requester
            // answers, or nothing does (never the user-controlled sources).
            Err(_) if settings.project_identity => {
                return found(
                    project_requester(ic, settings).await?,
                    Source::ProjectRequester,
                );
            }
            Err(why) => tried.push(why),
        },
    }

    // 5-7. What the user controls.
    for (source, value) in [
        (Source::RhoaiUserEnv, &local.rhoai_user),
        (Source::JupyterhubUserEnv, &local.jupyterhub_user),
        (Source::FallbackUser, &local.fallback_user),
    ] {
        match value {
            Some(user) => return found(user.clone(), source),
            None => tried.push(source.to_string()),
        }
    }
    Err(Error::identity(format!(
        "no user identity found (tried {})",
        tried.join(", ")
    ))
    .hint("run inside an OpenShift AI workbench, or set RHOAI_USER, or pass --fallback-user NAME"))
}

/// The `openshift.io/requester` annotation of this pod's namespace: OpenShift sets it when a
/// project request (the dashboard's "create project") makes the namespace, and project members
/// cannot change it. Missing means the namespace was not made that way: fail closed.
async fn project_requester(ic: &pod::InCluster, settings: &IdentitySettings) -> Result<String> {
    match ic.requester(settings.api_timeout).await? {
        Some(user) => Ok(user),
        None => Err(Error::identity(format!(
            "this pod carries no workbench identity and namespace {} has no {REQUESTER_KEY} annotation",
            ic.namespace
        ))
        .hint("the project source needs a project made by a project request (the dashboard's \"Create project\"); otherwise run this work from a workbench")),
    }
}

/// Sources 2-4: the user from this pod's metadata, or (inner `Err`) why the chain goes on.
async fn from_pod(
    ic: &pod::InCluster,
    settings: &IdentitySettings,
    local: &Local,
) -> Result<std::result::Result<(String, Source), String>> {
    let meta = match ic.fetch(settings.api_timeout).await {
        Ok(meta) => meta,
        Err(e) if local.allow_unverified_identity => {
            warn(format_args!(
                "{}; going on to user-controlled sources (--allow-unverified-identity)",
                e.what()
            ));
            return Ok(Err(format!("pod {}/{} (unreadable)", ic.namespace, ic.pod)));
        }
        Err(e) => return Err(e),
    };
    if let Some(v) = meta.annotations.get(USERNAME_KEY) {
        let source = Source::AnnotationUsername;
        return Ok(Ok((username_value(v, source)?, source)));
    }
    if let Some(v) = meta.annotations.get(USER_KEY) {
        let source = Source::AnnotationUser;
        return Ok(Ok((translated_value(v, source)?, source)));
    }
    if let Some(v) = meta.labels.get(USER_KEY) {
        let source = Source::LabelUser;
        return Ok(Ok((translated_value(v, source)?, source)));
    }
    Ok(Err(format!(
        "pod {}/{} (no {USERNAME_KEY} or {USER_KEY})",
        ic.namespace, ic.pod
    )))
}

/// The file's text, or `None` when there is no regular file (never open a FIFO or a directory).
fn read_podinfo(path: &Path) -> Result<Option<String>> {
    let bytes = match files::read_regular(path, MAX_PODINFO_BYTES) {
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::InvalidInput
            ) =>
        {
            return Ok(None);
        }
        other => other,
    }
    .map_err(|e| {
        Error::identity(format!(
            "cannot read downward-API file {}: {e}",
            path.display()
        ))
        .hint("check the downwardAPI volume mount, or point --podinfo-file elsewhere")
    })?;
    Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
}

/// `opendatahub.io/username` holds the name, or `b64:` and the standard base64 of it.
fn username_value(value: &str, source: Source) -> Result<String> {
    let Some(encoded) = value.strip_prefix("b64:") else {
        return Ok(value.to_owned());
    };
    STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            Error::identity(format!("{source}: {} is not base64 of a UTF-8 name", shown(value)))
                .hint("the dashboard writes this value; have the platform admin check the workbench's annotations")
        })
}

fn translated_value(value: &str, source: Source) -> Result<String> {
    translated::decode(value).map_err(|why| {
        Error::identity(format!("{source}: {} is not a translated user name: {why}", shown(value)))
            .hint("the dashboard writes this value; have the platform admin check the workbench's metadata")
    })
}

/// A name the chosen tag form can carry: any non-empty name when translated, else one STS takes as
/// is.
fn accept(user: String, source: Source, form: TagForm) -> Result<String> {
    let checked = match form {
        TagForm::Raw => names::check_user(&user),
        TagForm::Translated if user.is_empty() => Err("the user name is empty".into()),
        TagForm::Translated => Ok(()),
    };
    checked.map_err(|why| {
        Error::identity(format!("{source}: {why}")).hint(
            "the user name becomes a session tag: fix the value at its source, or have the admin set \
             --tag-form translated (OC_ROLE_ASSUME_TAG_FORM), which carries every name",
        )
    })?;
    Ok(user)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn settings() -> IdentitySettings {
        IdentitySettings {
            podinfo_file: "/absent".into(),
            serviceaccount_dir: "/absent".into(),
            allow_unverified_identity: false,
            api_timeout: Duration::from_secs(1),
            fallback_user: None,
            tag_form: TagForm::Raw,
            project_identity: false,
        }
    }

    fn local() -> Local {
        Local::for_tests(None)
    }

    fn resolved(local: &Local) -> Result<Identity> {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(resolve(&settings(), local))
    }

    #[test]
    fn the_first_source_that_answers_wins_and_is_labelled() {
        let mut l = local();
        l.fallback_user = Some("fallback".into());
        l.jupyterhub_user = Some("hub".into());
        l.rhoai_user = Some("rhoai".into());
        let id = resolved(&l).unwrap();
        assert_eq!(
            (id.user.as_str(), id.source, id.trust()),
            ("rhoai", Source::RhoaiUserEnv, "user-controlled")
        );
        l.podinfo_value = Some("b64:YWxpY2VAZXhhbXBsZS5jb20=".into());
        let id = resolved(&l).unwrap();
        assert_eq!(
            (id.user.as_str(), id.source, id.trust()),
            ("alice@example.com", Source::PodinfoFile, "platform-set")
        );
        l.podinfo_value = None;
        l.rhoai_user = None;
        assert_eq!(resolved(&l).unwrap().source, Source::JupyterhubUserEnv);
        l.jupyterhub_user = None;
        assert_eq!(resolved(&l).unwrap().source, Source::FallbackUser);
    }

    #[test]
    fn no_source_lists_every_one_tried_and_a_bad_name_is_refused() {
        let e = resolved(&local()).unwrap_err();
        assert_eq!(
            e.what(),
            "no user identity found (tried downward-API file /absent (absent), pod (not in a cluster), \
             env RHOAI_USER, env JUPYTERHUB_USER, --fallback-user)"
        );
        let mut l = local();
        l.rhoai_user = Some("o'brien".into());
        assert!(
            resolved(&l)
                .unwrap_err()
                .what()
                .starts_with("env RHOAI_USER: the user name")
        );
    }
}
