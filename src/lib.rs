//! oc-role-assume: per-user, session-tagged AWS credentials for OpenShift AI workbenches.
//!
//! The binary's `main` serves a cache hit (`hit`) or parses, runs and reports; `cmd` has one file per
//! subcommand, `chain` the steps every command that makes credentials walks. Modules are private to
//! the crate except the few the fuzz targets, the hit-path test and `oc-role-assume-admin` reach.
//!
//! Which module may use which (a test reads this list and the code's `use` lines and inline
//! `crate::`/`super::` paths; the graph has no cycle):
//! - `alloc`, `env`, `error`, `files`, `jwt`, `messages`, `translated` → nothing of ours
//! - `output` → error
//! - `names` → error, messages, translated
//! - `cli` → names
//! - `awsconfig` → env, error
//! - `identity` → cli, env, error, files, jwt, messages, names, output, translated
//! - `settings` → awsconfig, cli, env, error, identity, messages, names
//! - `network` → awsconfig, env, error, files, messages, settings
//! - `cache` → env, error, files, identity, messages, names, output, settings
//! - `sts` → awsconfig, error, files, identity, messages, names, network, output, settings
//! - `endpoint` → env, error, files, messages, output
//! - `exec` → endpoint, error, messages, output
//! - `chain` → cache, cli, env, error, identity, network, output, settings, sts
//! - `hit` → cache, cli, env, error, identity, messages, names, output, settings
//! - `admin` → env, error, files, names, network, output, settings
//! - `cmd` → everything above but `alloc` and `hit`

#[cfg(feature = "admin")]
pub mod admin;
pub mod alloc;
mod awsconfig;
pub mod cache;
mod chain;
pub mod cli;
mod cmd;
mod endpoint;
pub mod env;
pub mod error;
mod exec;
mod files;
pub mod hit;
pub mod identity;
pub mod jwt;
mod messages;
mod names;
mod network;
mod output;
pub mod settings;
mod sts;
pub mod translated;

pub use cmd::run;
