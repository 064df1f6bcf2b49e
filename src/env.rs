//! The environment, injected: every module reads variables through an `EnvLookup`, so tests pass a
//! map and never depend on the real environment.

/// A way to read one environment variable; `process_env` in the binary, a map in tests.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, with empty values treated as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}
