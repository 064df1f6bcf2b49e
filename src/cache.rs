//! The on-disk credential cache: one JSON file per key, so the hundreds of SDK processes a notebook
//! spawns share one set of credentials, and a warm call costs about as much as reading a file.
//!
//! - Where: `--cache-dir` / `OC_ROLE_ASSUME_CACHE_DIR`, else `$XDG_CACHE_HOME/oc-role-assume` (the XDG
//!   rule, `~/.cache` when unset), else a per-user dir under `$XDG_RUNTIME_DIR` or the temp dir. All
//!   of it read through the injected environment.
//! - Trust: the dir must be ours and not writable by group or others (created 0700); a file must be
//!   ours, a regular file, and private (0600). Anything else is ignored, never followed.
//! - Key: a hash of everything that changes the credentials, known without the network; never the
//!   web-identity token.
//! - Single flight: an exclusive `File::lock` on `<key>.lock` around check → fetch → write; readers of
//!   a fresh entry take no lock. Writes go to `<key>.tmp`, are fsynced and renamed over `<key>.json`.
//! - A corrupt, truncated, empty, foreign or wrong-version file is a miss that gets overwritten.
//! - A failed background renewal is remembered in `<key>.fail` (failures so far, and the time before
//!   which no renewal starts): the next ones back off, doubling from `RETRY_FIRST` up to `RETRY_MAX`
//!   with jitter, while the entry is served; the next good write removes it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::Read;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use serde::{Deserialize, Serialize};

use crate::env::EnvLookup;
use crate::error::{Error, Result};
use crate::files::{self, euid};
use crate::identity::{Identity, Local};
use crate::messages::{hex, warn};
use crate::output::{Credentials, ProcessJson};
use crate::settings::{Settings, StsEndpoint};

/// Bump when the entry format, the key material or its hash changes: old entries then read as
/// misses (3: the key is FNV-1a-128, no longer SHA-256's first 128 bits).
const VERSION: u32 = 3;
/// A key is this many hex digits (128 bits of the hash).
const KEY_HEX: usize = 32;
/// An entry is a couple of kilobytes; anything much larger is not ours.
const MAX_ENTRY_BYTES: u64 = 64 * 1024;
/// The pause after a first failed renewal; it doubles with each failure after that…
pub const RETRY_FIRST: Duration = Duration::from_secs(30);
/// …up to this.
pub const RETRY_MAX: Duration = Duration::from_secs(600);

/// A usable cache dir.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// The hex hash that names a cache entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key(String);

#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    key: String,
    user: String,
    source: String,
    credentials: ProcessJson,
}

/// Everything that changes which credentials STS hands out.
#[derive(Serialize)]
struct KeyMaterial<'a> {
    version: u32,
    target_role_arn: &'a str,
    base_role_arn: &'a str,
    region: &'a str,
    duration: u32,
    tag_key: &'a str,
    tags: &'a [(String, String)],
    transitive_tag_keys: &'a [String],
    source_identity: bool,
    session_name: Option<&'a str>,
    tag_form: crate::names::TagForm,
    project_identity: bool,
    /// Where STS is (the global `AWS_ENDPOINT_URL` is not: it no longer changes anything).
    sts_endpoint: &'a StsEndpoint,
    identity: &'a Local,
}

impl Key {
    pub fn new(settings: &Settings, local: &Local) -> Key {
        let material = KeyMaterial {
            version: VERSION,
            target_role_arn: &settings.target_role_arn,
            base_role_arn: &settings.base_role_arn,
            region: &settings.region,
            duration: settings.duration,
            tag_key: &settings.tag_key,
            tags: &settings.tags,
            transitive_tag_keys: &settings.transitive_tag_keys,
            source_identity: settings.source_identity,
            session_name: settings.session_name.as_deref(),
            tag_form: settings.identity.tag_form,
            project_identity: settings.identity.project_identity,
            sts_endpoint: &settings.sts_endpoint,
            identity: local,
        };
        let json = serde_json::to_vec(&material).expect("key material serializes");
        Key(hex(&fnv1a_128(&json).to_be_bytes()))
    }
}

/// FNV-1a with 128 bits: a fixed, documented function (stable across Rust and crate versions), a
/// few instructions a byte, and no CPU feature probe. The key names an entry in the user's own cache
/// dir; what goes in is the user's own settings, serialized unambiguously (JSON), so it needs no
/// resistance to chosen collisions, only 128 bits against accidental ones. SHA-256 in software cost
/// a warm call a third of its instructions, and with SHA-NI the CPUID probe traps on a VM.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes
        .iter()
        .fold(OFFSET, |h, b| (h ^ u128::from(*b)).wrapping_mul(PRIME))
}

/// The dir the cache lives in, whether or not it exists yet.
pub fn default_dir(configured: Option<&Path>, env: EnvLookup<'_>) -> PathBuf {
    if let Some(dir) = configured {
        return dir.to_owned();
    }
    let xdg = env("XDG_CACHE_HOME").map(PathBuf::from);
    if let Some(cache) = xdg.filter(|d| d.is_absolute()) {
        return per_uid(cache.join("oc-role-assume"));
    }
    if let Some(home) = env("HOME").map(PathBuf::from).filter(|h| h.is_absolute()) {
        return per_uid(home.join(".cache/oc-role-assume"));
    }
    match env("XDG_RUNTIME_DIR") {
        Some(runtime) => PathBuf::from(runtime).join("oc-role-assume"),
        None => std::env::temp_dir().join(format!("oc-role-assume-{}", euid())),
    }
}

/// `dir`, or `dir-<uid>` when `dir` is another UID's: one home volume used by two UIDs (OpenShift
/// runs a workbench as uid 1001 or as a random UID in group 0) gives each its own private cache.
fn per_uid(dir: PathBuf) -> PathBuf {
    match fs::symlink_metadata(&dir) {
        Ok(meta) if meta.uid() != euid() => {
            let mut name = dir.into_os_string();
            name.push(format!("-{}", euid()));
            PathBuf::from(name)
        }
        _ => dir,
    }
}

impl Cache {
    /// Open (creating if needed) a trusted cache dir; `Err` says why it cannot be used.
    pub fn open(dir: PathBuf) -> std::result::Result<Cache, String> {
        let meta = match fs::symlink_metadata(&dir) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Parents (~/.cache) follow the home's group convention; the cache itself is private.
                let parents = if files::group_shared(&dir) {
                    0o770
                } else {
                    0o700
                };
                files::create_dirs(&dir, parents, 0o700)
                    .map_err(|e| format!("cannot create it: {e}"))?;
                fs::symlink_metadata(&dir).map_err(|e| format!("cannot inspect it: {e}"))?
            }
            Err(e) => return Err(format!("cannot inspect it: {e}")),
        };
        if !meta.is_dir() {
            return Err("it is not a directory (symlinks are not followed)".into());
        }
        if meta.uid() != euid() {
            return Err(format!(
                "it is owned by uid {}, not by you (uid {})",
                meta.uid(),
                euid()
            ));
        }
        if meta.mode() & 0o022 != 0 {
            return Err(format!(
                "it is writable by group or others (mode {:o})",
                meta.mode() & 0o777
            ));
        }
        Ok(Cache { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &Key, ext: &str) -> PathBuf {
        self.dir.join(format!("{}.{ext}", key.0))
    }

    /// The cached credentials for `key` if they have more than `min_remaining` left.
    pub fn fresh(&self, key: &Key, min_remaining: Duration) -> Option<Credentials> {
        self.fresh_with_left(key, min_remaining).map(|(c, _)| c)
    }

    /// `fresh`, and how long the credentials have left.
    fn fresh_with_left(
        &self,
        key: &Key,
        min_remaining: Duration,
    ) -> Option<(Credentials, Duration)> {
        let text = read_private(&self.path(key, "json"))?;
        let credentials = parse_entry(&text, key)?;
        let left = credentials
            .expiration
            .duration_since(SystemTime::now())
            .ok()?;
        (left > min_remaining).then_some((credentials, left))
    }

    /// Take the per-key lock, waiting at most `wait` (a holder may be stopped: Ctrl-Z, a debugger);
    /// `None` when it is still held then. Released when the returned file is dropped.
    pub fn lock(&self, key: &Key, wait: Duration) -> std::io::Result<Option<File>> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(self.path(key, "lock"))?;
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(2);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(file)),
                Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(pause.min(deadline - Instant::now()));
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    /// Write the entry atomically. Call with the lock held: `<key>.tmp` is the lock holder's alone.
    pub fn store(
        &self,
        key: &Key,
        identity: &Identity,
        credentials: &Credentials,
    ) -> std::io::Result<()> {
        let entry = Entry {
            version: VERSION,
            key: key.0.clone(),
            user: identity.user.clone(),
            source: identity.source.to_string(),
            credentials: ProcessJson::from(credentials),
        };
        let bytes = serde_json::to_vec(&entry).expect("entry serializes");
        files::write_atomically(
            &self.path(key, "json"),
            &self.path(key, "tmp"),
            &bytes,
            files::Owner::private(),
        )?;
        // Renewals work again: no more backing off.
        match fs::remove_file(self.path(key, "fail")) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Remove every entry, lock, temp and failure file — regular files named as the cache names
    /// them (`<32 hex digits>.json|.lock|.tmp|.fail`) and nothing else; returns how many went.
    pub fn clear(&self) -> std::io::Result<usize> {
        let mut removed = 0;
        for dirent in fs::read_dir(&self.dir)? {
            let dirent = dirent?;
            let ours = dirent.file_name().to_str().is_some_and(is_cache_file_name)
                && dirent.file_type()?.is_file();
            if ours {
                fs::remove_file(dirent.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// `<key>.json`, `.lock`, `.tmp` or `.fail`, where a key is 32 lower-case hex digits.
fn is_cache_file_name(name: &str) -> bool {
    let Some((key, ext)) = name.split_once('.') else {
        return false;
    };
    key.len() == KEY_HEX
        && key.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        && matches!(ext, "json" | "lock" | "tmp" | "fail")
}

/// The credentials of an entry's text, if it is a well-formed entry of this version for `key`.
pub fn parse_entry(text: &str, key: &Key) -> Option<Credentials> {
    let entry: Entry = serde_json::from_str(text).ok()?;
    if entry.version != VERSION || entry.key != key.0 {
        return None;
    }
    Credentials::try_from(entry.credentials).ok()
}

impl Key {
    /// A key from its hex text (for tests and fuzzing).
    pub fn from_hex(hex: &str) -> Key {
        Key(hex.to_owned())
    }
}

/// A file's text if it is a private regular file of ours and small; never follows a symlink or
/// blocks on a FIFO.
fn read_private(path: &Path) -> Option<String> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    let trusted = meta.is_file()
        && meta.uid() == euid()
        && meta.permissions().mode() & 0o077 == 0
        && meta.len() <= MAX_ENTRY_BYTES;
    if !trusted {
        return None;
    }
    // Sized from the metadata so a warm call reads the entry in one system call.
    let mut text = String::with_capacity(usize::try_from(meta.len()).ok()? + 1);
    file.take(MAX_ENTRY_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// Where one set of credentials lives: a usable cache and its key, or nothing (`--no-cache`, or an
/// unusable dir, already warned about). Prepared once; usable from any thread.
#[derive(Debug, Clone)]
pub struct Slot {
    entry: Option<(Cache, Key)>,
    /// How long to wait for another process's lock on the entry (`--timeout`).
    lock_wait: Duration,
    /// An entry with less than this left is served, but a renewal is due (`--refresh-ahead`).
    refresh_ahead: Duration,
}

/// Credentials as `get_or_mint` found them.
#[derive(Debug)]
pub struct Served {
    pub credentials: Credentials,
    /// Served from an entry inside the refresh-ahead window: renew it off the caller's path.
    pub renewal_due: bool,
}

impl Served {
    fn now(credentials: Credentials) -> Served {
        Served {
            credentials,
            renewal_due: false,
        }
    }
}

impl Slot {
    pub fn new(settings: &Settings, local: &Local, env: EnvLookup<'_>) -> Slot {
        let entry = if settings.no_cache {
            None
        } else {
            let dir = default_dir(settings.cache_dir.as_deref(), env);
            match Cache::open(dir.clone()) {
                Ok(cache) => Some((cache, Key::new(settings, local))),
                Err(why) => {
                    warn_no_cache(&dir, &why);
                    None
                }
            }
        };
        Slot {
            entry,
            lock_wait: settings.timeout,
            refresh_ahead: settings.refresh_ahead,
        }
    }

    /// Credentials from the cache while more than `min_remaining` is left, else from `mint` (the
    /// chain: identity and STS), stored for the next caller. `mint` runs at most once, under the
    /// entry's lock, so processes that start together share one chain.
    pub fn get_or_mint(
        &self,
        min_remaining: Duration,
        mint: impl FnOnce() -> Result<(Identity, Credentials)>,
    ) -> Result<Served> {
        let Some((cache, key)) = &self.entry else {
            return mint().map(|(_, c)| Served::now(c));
        };
        if let Some((credentials, left)) = cache.fresh_with_left(key, min_remaining) {
            // Due, unless the last renewal failed a moment ago, or one holds the entry's lock now.
            let renewal_due = left <= self.refresh_ahead
                && !cache.backing_off(key)
                && matches!(cache.lock(key, Duration::ZERO), Ok(Some(_)));
            return Ok(Served {
                credentials,
                renewal_due,
            });
        }
        self.mint_locked(cache, key, min_remaining, mint)
            .map(Served::now)
    }

    /// The entry's credentials when a caller can have them with nothing else to do: more than
    /// `min_remaining` left and outside the refresh-ahead window (`hit.rs`).
    pub fn hit(&self, min_remaining: Duration) -> Option<Credentials> {
        let (cache, key) = self.entry.as_ref()?;
        let (credentials, left) = cache.fresh_with_left(key, min_remaining)?;
        (left > self.refresh_ahead).then_some(credentials)
    }

    /// The stale path: under the entry's lock, check again, else mint and store.
    fn mint_locked(
        &self,
        cache: &Cache,
        key: &Key,
        min_remaining: Duration,
        mint: impl FnOnce() -> Result<(Identity, Credentials)>,
    ) -> Result<Credentials> {
        let _lock = match cache.lock(key, self.lock_wait) {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                warn(format_args!(
                    "another process has held this cache entry's lock for {:.1}s (stopped?); fetching credentials without the cache",
                    self.lock_wait.as_secs_f64()
                ));
                return mint().map(|(_, c)| c);
            }
            Err(e) => {
                warn_no_cache(&cache.dir, &format!("cannot lock an entry: {e}"));
                return mint().map(|(_, c)| c);
            }
        };
        // Whoever held the lock before us may have just written what we need.
        if let Some(credentials) = cache.fresh(key, min_remaining) {
            return Ok(credentials);
        }
        let (identity, credentials) = mint()?;
        if let Err(e) = cache.store(key, &identity, &credentials) {
            warn_no_cache(&cache.dir, &format!("cannot write an entry: {e}"));
        }
        Ok(credentials)
    }

    /// The background renewal: unless another renewal holds the entry's lock (then nothing to do),
    /// mint and store when the entry is still inside the refresh-ahead window (someone may have
    /// renewed it meanwhile). A failed mint leaves the entry as it was.
    pub fn renew(&self, mint: impl FnOnce() -> Result<(Identity, Credentials)>) -> Result<()> {
        let Some((cache, key)) = &self.entry else {
            return Ok(());
        };
        let Ok(Some(_lock)) = cache.lock(key, Duration::ZERO) else {
            return Ok(());
        };
        if cache.fresh(key, self.refresh_ahead).is_some() || cache.backing_off(key) {
            return Ok(());
        }
        let (identity, credentials) = mint().inspect_err(|_| cache.record_failure(key))?;
        cache
            .store(key, &identity, &credentials)
            .map_err(|e| Error::io(format!("cannot write the renewed entry: {e}")))
    }
}

/// What `<key>.fail` says: how many renewals failed in a row, and until when the next one waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Failures {
    count: u32,
    until: u64,
}

impl Failures {
    fn parse(text: &str) -> Option<Failures> {
        let (count, until) = text.trim().split_once(' ')?;
        Some(Failures {
            count: count.parse().ok()?,
            until: until.parse().ok()?,
        })
    }

    /// One more failure at `now` (seconds since the epoch); `jitter` in 0..=1 picks the pause
    /// between three quarters and all of the doubled one, so callers that failed together spread out.
    fn after(previous: Option<Failures>, now: u64, jitter: f64) -> Failures {
        let count = previous.map_or(0, |f| f.count).saturating_add(1);
        let doubled = RETRY_FIRST
            .as_secs()
            .saturating_mul(1 << (count - 1).min(16));
        let pause =
            doubled.min(RETRY_MAX.as_secs()) as f64 * (0.75 + 0.25 * jitter.clamp(0.0, 1.0));
        Failures {
            count,
            until: now + pause as u64,
        }
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl Cache {
    /// Whether the last renewal failed and its pause has not run out.
    fn backing_off(&self, key: &Key) -> bool {
        read_private(&self.path(key, "fail"))
            .and_then(|text| Failures::parse(&text))
            .is_some_and(|f| unix_now() < f.until)
    }

    /// Remember a failed renewal (best effort: without the file the next caller simply tries).
    fn record_failure(&self, key: &Key) {
        let path = self.path(key, "fail");
        let previous = read_private(&path).and_then(|text| Failures::parse(&text));
        let jitter = f64::from(
            SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
                % 1000,
        ) / 999.0;
        let next = Failures::after(previous, unix_now(), jitter);
        let _ = files::write_atomically(
            &path,
            &self.path(key, "tmp"),
            format!("{} {}\n", next.count, next.until).as_bytes(),
            files::Owner::private(),
        );
    }
}

fn warn_no_cache(dir: &Path, why: &str) {
    warn(format_args!(
        "not caching credentials: cache dir {}: {why}; fix it or set OC_ROLE_ASSUME_CACHE_DIR",
        dir.display()
    ));
}

/// `cache clear` needs the dir to be usable.
pub fn open_for_command(configured: Option<&Path>, env: EnvLookup<'_>) -> Result<Cache> {
    let dir = default_dir(configured, env);
    Cache::open(dir.clone()).map_err(|why| {
        Error::io(format!("cache dir {}: {why}", dir.display()))
            .hint("fix its owner and mode (0700), or set OC_ROLE_ASSUME_CACHE_DIR to another dir")
    })
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::identity::Source;
    use crate::output::Secret;
    use crate::settings::{IdentitySettings, MAX_DURATION};

    fn settings(dir: &Path) -> Settings {
        Settings {
            target_role_arn: "arn:aws:iam::123456789012:role/Target".into(),
            base_role_arn: "arn:aws:iam::123456789012:role/Base".into(),
            token_file: Some("/token".into()),
            region: "us-east-1".into(),
            duration: MAX_DURATION,
            tag_key: "user".into(),
            tags: vec![],
            transitive_tag_keys: vec![],
            source_identity: false,
            session_name: None,
            timeout: Duration::from_secs(5),
            identity: IdentitySettings {
                podinfo_file: "/etc/podinfo/annotations".into(),
                serviceaccount_dir: "/sa".into(),
                allow_unverified_identity: false,
                api_timeout: Duration::from_secs(2),
                fallback_user: None,
                tag_form: crate::names::TagForm::Raw,
                project_identity: false,
            },
            cache_dir: Some(dir.to_owned()),
            no_cache: false,
            min_remaining: Duration::from_secs(1200),
            refresh_ahead: Duration::from_secs(2400),
            sts_endpoint: crate::settings::StsEndpoint {
                env_url: None,
                ignore_configured: false,
                config_file: Some("/home/u/.aws/config".into()),
                profile: "default".into(),
            },
        }
    }

    fn local(user: &str) -> Local {
        Local::for_tests(Some(user))
    }

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn minted(user: &str, lifetime: Duration) -> (Identity, Credentials) {
        let identity = Identity {
            user: user.into(),
            source: Source::PodinfoFile,
            platform_set: true,
            namespace: None,
            pod: None,
        };
        let credentials = Credentials {
            access_key_id: format!("ASIA{:016}", lifetime.as_secs()),
            secret_access_key: Secret::new("secret"),
            session_token: Secret::new("token"),
            // Whole seconds, as the credential_process format carries them.
            expiration: SystemTime::UNIX_EPOCH
                + Duration::from_secs(
                    SystemTime::now()
                        .duration_since(SystemTime::UNIX_EPOCH)
                        .unwrap()
                        .as_secs(),
                )
                + lifetime,
            account_id: None,
        };
        (identity, credentials)
    }

    #[test]
    fn the_key_changes_with_every_input_that_changes_the_credentials() {
        let dir = Path::new("/cache");
        let base = Key::new(&settings(dir), &local("alice"));
        assert_eq!(base, Key::new(&settings(dir), &local("alice")));
        type Change = Box<dyn Fn(&mut Settings)>;
        let variants: Vec<Change> = vec![
            Box::new(|s| s.target_role_arn.push('2')),
            Box::new(|s| s.base_role_arn.push('2')),
            Box::new(|s| s.region = "eu-west-1".into()),
            Box::new(|s| s.duration = 900),
            Box::new(|s| s.tag_key = "who".into()),
            Box::new(|s| s.tags = vec![("team".into(), "ml".into())]),
            Box::new(|s| s.transitive_tag_keys = vec!["user".into()]),
            Box::new(|s| s.source_identity = true),
            Box::new(|s| s.session_name = Some("fixed".into())),
            Box::new(|s| s.sts_endpoint.env_url = Some("https://sts.corp".into())),
            Box::new(|s| s.sts_endpoint.profile = "other".into()),
            Box::new(|s| s.sts_endpoint.config_file = Some("/other/config".into())),
            Box::new(|s| s.sts_endpoint.ignore_configured = true),
            Box::new(|s| s.identity.tag_form = crate::names::TagForm::Translated),
            Box::new(|s| s.identity.project_identity = true),
        ];
        for (i, change) in variants.iter().enumerate() {
            let mut s = settings(dir);
            change(&mut s);
            assert_ne!(Key::new(&s, &local("alice")), base, "variant {i}");
        }
        assert_ne!(Key::new(&settings(dir), &local("bob")), base);
        // Settings that do not change the credentials do not change the key.
        let mut s = settings(dir);
        s.timeout = Duration::from_secs(1);
        s.min_remaining = Duration::from_secs(1);
        assert_eq!(Key::new(&s, &local("alice")), base);
    }

    #[test]
    fn get_or_mint_mints_once_then_serves_until_the_entry_runs_low() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let s = settings(&cache_dir);
        let slot = Slot::new(&s, &local("alice"), &no_env);
        let mints = Cell::new(0);
        let mint = |lifetime| {
            mints.set(mints.get() + 1);
            Ok(minted("alice", lifetime))
        };
        let hour = Duration::from_secs(3600);
        let first = slot.get_or_mint(s.min_remaining, || mint(hour)).unwrap();
        let second = slot.get_or_mint(s.min_remaining, || mint(hour)).unwrap();
        let (first, second) = (first.credentials, second.credentials);
        assert_eq!((mints.get(), &first), (1, &second));
        // Asking for more than is left makes the entry stale: one new mint.
        let third = slot
            .get_or_mint(Duration::from_secs(3600), || mint(hour * 2))
            .unwrap()
            .credentials;
        assert_eq!(mints.get(), 2);
        assert_ne!(third, first);
        let mode = fs::metadata(&cache_dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        // A failed mint leaves the entry as it was.
        let e = slot.get_or_mint(Duration::from_secs(7200), || Err(Error::sts("down")));
        assert!(e.is_err());
        let again = slot.get_or_mint(s.min_remaining, || mint(hour)).unwrap();
        assert!(
            !again.renewal_due,
            "2 h left is outside the 40 min refresh-ahead window"
        );
        let again = again.credentials;
        assert_eq!((mints.get(), again), (2, third));
    }

    #[test]
    fn an_entry_inside_the_refresh_window_is_served_and_renewed_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = settings(&dir.path().join("cache"));
        s.refresh_ahead = Duration::from_secs(3000);
        let slot = Slot::new(&s, &local("alice"), &no_env);
        let mints = Cell::new(0);
        let mint = |lifetime| {
            mints.set(mints.get() + 1);
            Ok(minted("alice", lifetime))
        };
        let fifty_minutes = Duration::from_secs(3000);
        slot.get_or_mint(s.min_remaining, || mint(fifty_minutes))
            .unwrap();
        let served = slot
            .get_or_mint(s.min_remaining, || mint(fifty_minutes))
            .unwrap();
        assert!(served.renewal_due);
        slot.renew(|| mint(Duration::from_secs(3600))).unwrap();
        slot.renew(|| mint(Duration::from_secs(3600))).unwrap();
        assert_eq!(
            mints.get(),
            2,
            "one mint, one renewal: the second found it done"
        );
        let renewed = slot
            .get_or_mint(s.min_remaining, || mint(fifty_minutes))
            .unwrap();
        assert!(!renewed.renewal_due);
        assert_ne!(renewed.credentials, served.credentials);
        // A failed renewal leaves the entry as it was.
        let mut soon = s.clone();
        soon.refresh_ahead = Duration::from_secs(7200);
        let eager = Slot::new(&soon, &local("alice"), &no_env);
        assert!(eager.renew(|| Err(Error::sts("down"))).is_err());
        let kept = slot
            .get_or_mint(s.min_remaining, || mint(fifty_minutes))
            .unwrap();
        assert_eq!(kept.credentials, renewed.credentials);
    }

    #[test]
    fn the_key_hash_is_fnv1a_128() {
        assert_eq!(fnv1a_128(b""), 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
        assert_eq!(
            fnv1a_128(b"foobar"),
            0x343e_1662_793c_64bf_6f0d_3597_ba44_6f18
        );
    }

    #[test]
    fn failed_renewals_back_off_doubling_with_jitter_up_to_the_cap() {
        let first = Failures::after(None, 1000, 1.0);
        assert_eq!(
            first,
            Failures {
                count: 1,
                until: 1030
            }
        );
        assert_eq!(Failures::after(None, 1000, 0.0).until, 1022);
        let second = Failures::after(Some(first), 2000, 1.0);
        assert_eq!(
            second,
            Failures {
                count: 2,
                until: 2060
            }
        );
        let mut f = second;
        for _ in 0..40 {
            f = Failures::after(Some(f), 0, 1.0);
        }
        assert_eq!((f.count, f.until), (42, RETRY_MAX.as_secs()));
        assert_eq!(
            Failures::parse("3 1234\n"),
            Some(Failures {
                count: 3,
                until: 1234
            })
        );
        assert_eq!(Failures::parse("garbage"), None);
    }

    #[test]
    fn a_failed_renewal_is_not_retried_until_its_pause_runs_out() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = settings(&dir.path().join("cache"));
        s.refresh_ahead = Duration::from_secs(3000);
        let slot = Slot::new(&s, &local("alice"), &no_env);
        let fifty_minutes = Duration::from_secs(3000);
        slot.get_or_mint(s.min_remaining, || Ok(minted("alice", fifty_minutes)))
            .unwrap();
        let due = || {
            slot.get_or_mint(s.min_remaining, || unreachable!())
                .unwrap()
                .renewal_due
        };
        assert!(due());
        let tries = Cell::new(0);
        let failing = || {
            tries.set(tries.get() + 1);
            Err(Error::sts("Throttling"))
        };
        assert!(slot.renew(failing).is_err());
        // Served from the entry, no renewal due, and a renewal started anyway does nothing.
        for _ in 0..30 {
            assert!(!due());
            slot.renew(failing).unwrap();
        }
        assert_eq!(tries.get(), 1);
        // When the pause is over, the next renewal runs; its success clears the record.
        let (cache, key) = slot.entry.as_ref().unwrap();
        let fail = cache.path(key, "fail");
        assert!(Failures::parse(&fs::read_to_string(&fail).unwrap()).is_some());
        fs::write(&fail, "1 0\n").unwrap();
        assert!(due());
        slot.renew(|| Ok(minted("alice", Duration::from_secs(3600))))
            .unwrap();
        assert!(!fail.exists());
    }

    #[test]
    fn corrupt_and_foreign_entries_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("c")).unwrap();
        let key = Key::from_hex("00ff");
        let (identity, credentials) = minted("alice", Duration::from_secs(3600));
        cache.store(&key, &identity, &credentials).unwrap();
        let long = Duration::from_secs(60);
        assert_eq!(cache.fresh(&key, long), Some(credentials));
        let path = cache.path(&key, "json");
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, &text[..text.len() / 2]).unwrap();
        assert_eq!(cache.fresh(&key, long), None, "truncated");
        fs::write(&path, text.replace("00ff", "00fe")).unwrap();
        assert_eq!(cache.fresh(&key, long), None, "another key's entry");
        fs::write(&path, &text).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(cache.fresh(&key, long), None, "readable by others");
        assert!(parse_entry("{}", &key).is_none());
    }

    #[test]
    fn clear_removes_only_the_caches_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path().join("c")).unwrap();
        let key = "0123456789abcdef0123456789abcdef";
        let ours = [
            format!("{key}.json"),
            format!("{key}.lock"),
            format!("{key}.tmp"),
            format!("{key}.fail"),
        ];
        let theirs = [
            "package.json",
            "notes.lock",
            "x.tmp",
            "0123456789ABCDEF0123456789ABCDEF.json",
        ];
        for name in ours.iter().map(String::as_str).chain(theirs) {
            fs::write(cache.dir().join(name), "x").unwrap();
        }
        fs::create_dir(cache.dir().join(format!("{}.json", "f".repeat(32)))).unwrap();
        assert_eq!(cache.clear().unwrap(), 4);
        let mut left: Vec<String> = fs::read_dir(cache.dir())
            .unwrap()
            .map(|d| d.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left.len(), theirs.len() + 1, "{left:?}");
    }
}
