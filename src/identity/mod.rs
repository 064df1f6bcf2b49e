//! Who the user is: a chain of sources tried in order, the first that yields a user wins.
//!
//! A source answers "not here" (`Ok(None)`: the chain moves on) or "broken" (`Err`: the chain stops,
//! so a platform source that fails never falls through to a user-controlled one). When every source
//! says "not here", the error lists each one tried.

use std::fmt;

use crate::config::{EnvLookup, Settings};
use crate::error::{Error, Result};
use crate::names;

/// The resolved user and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub user: String,
    pub source: Source,
}

/// Where a user name came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    RhoaiUserEnv,
    JupyterhubUserEnv,
    FallbackUser,
}

impl Source {
    /// Whether the platform set this value (a user inside the pod cannot change it).
    pub fn platform_set(self) -> bool {
        match self {
            Source::RhoaiUserEnv | Source::JupyterhubUserEnv | Source::FallbackUser => false,
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::RhoaiUserEnv => "env RHOAI_USER",
            Source::JupyterhubUserEnv => "env JUPYTERHUB_USER",
            Source::FallbackUser => "--fallback-user",
        })
    }
}

/// Walk the chain.
pub fn resolve(settings: &Settings, env: EnvLookup<'_>) -> Result<Identity> {
    let sources: [(Source, Option<String>); 3] = [
        (Source::RhoaiUserEnv, env("RHOAI_USER")),
        (Source::JupyterhubUserEnv, env("JUPYTERHUB_USER")),
        (Source::FallbackUser, settings.fallback_user.clone()),
    ];
    let mut tried = Vec::with_capacity(sources.len());
    for (source, found) in sources {
        match found {
            Some(user) => return accept(user, source),
            None => tried.push(source.to_string()),
        }
    }
    Err(Error::identity(format!(
        "no user identity found (tried {})",
        tried.join(", ")
    ))
    .hint("run inside an OpenShift AI workbench, or set RHOAI_USER, or pass --fallback-user NAME"))
}

fn accept(user: String, source: Source) -> Result<Identity> {
    names::check_user(&user).map_err(|why| {
        Error::identity(format!("{source}: {why}"))
            .hint("the user name becomes a session tag: fix the value at its source")
    })?;
    Ok(Identity { user, source })
}
