//! Typed errors for every module boundary, their exit codes, and the hint that tells the user what to
//! do. Only `main` prints them: `oc-role-assume: error: <what>` then `hint: <fix>`.
//!
//! Exit codes (documented in the README and `--help`):
//! 0 success · 1 internal · 2 usage or configuration · 3 identity · 4 STS refused or unreachable ·
//! 5 local I/O (token file, cache) · 126 / 127 `exec`: command not executable / not found.

use std::fmt;

/// What went wrong, in a form `main` can print and turn into an exit code.
#[derive(Debug)]
pub struct Error {
    kind: Kind,
    what: String,
    hint: Option<String>,
}

/// The class of failure; it decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Internal,
    Config,
    Identity,
    Sts,
    Io,
    /// `exec`: the command does not exist (exit 127, as in shells).
    CommandNotFound,
    /// `exec`: the command exists but cannot be run (exit 126).
    CommandNotExecutable,
}

impl Error {
    pub fn new(kind: Kind, what: impl Into<String>) -> Self {
        Error {
            kind,
            what: one_line(&what.into()),
            hint: None,
        }
    }

    pub fn config(what: impl Into<String>) -> Self {
        Self::new(Kind::Config, what)
    }

    pub fn identity(what: impl Into<String>) -> Self {
        Self::new(Kind::Identity, what)
    }

    pub fn sts(what: impl Into<String>) -> Self {
        Self::new(Kind::Sts, what)
    }

    pub fn io(what: impl Into<String>) -> Self {
        Self::new(Kind::Io, what)
    }

    pub fn internal(what: impl Into<String>) -> Self {
        Self::new(Kind::Internal, what)
    }

    /// Attach the one-line fix shown after the error.
    #[must_use]
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(one_line(&hint.into()));
        self
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn what(&self) -> &str {
        &self.what
    }

    pub fn hint_text(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    pub fn exit_code(&self) -> u8 {
        match self.kind {
            Kind::Internal => 1,
            Kind::Config => 2,
            Kind::Identity => 3,
            Kind::Sts => 4,
            Kind::Io => 5,
            Kind::CommandNotExecutable => 126,
            Kind::CommandNotFound => 127,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "oc-role-assume: error: {}", self.what)?;
        if let Some(hint) = &self.hint {
            write!(f, "\nhint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Collapse whitespace runs (newlines included) so every message stays on one line.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Show a user-supplied value in a message: quoted, escaped, and cut to a readable length.
pub fn shown(value: &str) -> String {
    const MAX: usize = 80;
    let mut out: String = value.chars().take(MAX).collect();
    if value.chars().count() > MAX {
        out.push('…');
    }
    format!("{out:?}")
}

/// The innermost cause of a chain of errors, e.g. `Connection refused (os error 111)`.
pub fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

pub type Result<T> = std::result::Result<T, Error>;
