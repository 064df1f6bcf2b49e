//! Integration tests: the built binary against moto, the AWS CLI, boto3, a fake Kubernetes API and
//! the harness's fault front. One test binary, one module per behaviour area; each test names the
//! behaviour it pins and asserts what the outside world sees.

// Test bodies read top to bottom; the 60-line rule (clippy.toml) is for src/.
#![allow(clippy::too_many_lines)]

mod harness;

mod beds;
mod cache;
mod chain;
mod completions;
mod configure;
mod consumers;
mod consumers_matrix;
mod container;
mod deploy;
mod docs;
mod doctor;
mod exec;
mod faults;
mod iam;
mod identity;
mod modules;
mod names;
mod network;
mod no_patch;
mod packaging;
mod pod;
mod python;
mod robustness;
mod secrets;
mod security;
mod settings;
mod sync;
mod token;
