//! oc-role-assume: per-user, session-tagged AWS credentials for OpenShift AI workbenches.
//!
//! The binary's `main` only parses, runs and reports; `cmd` has one file per subcommand, `chain` the
//! steps every command that makes credentials walks. Modules are private to the crate except the few
//! the fuzz targets reach.

#[cfg(feature = "admin")]
pub mod admin;
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
pub mod identity;
pub mod jwt;
mod messages;
mod names;
mod network;
mod output;
pub mod settings;
mod sts;

pub use cmd::run;
