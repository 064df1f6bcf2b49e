//! The credential chain, one step a function: settings → local inputs → identity → Base → Target.
//! Every command that makes credentials walks these steps: the default command and `exec` through
//! the cache (`Prepared::credentials`), `whoami --verify` and `doctor` step by step.

use std::future::Future;

use crate::cache::{Served, Slot};
use crate::cli::SettingsArgs;
use crate::env::EnvLookup;
use crate::error::{Error, Result};
use crate::identity::{self, Identity, Local};
use crate::network::Network;
use crate::output::Credentials;
use crate::settings::{IdentitySettings, Settings};
use crate::sts::{self, Request, Sts};

/// Settings, the local identity inputs, the network's, and the cache slot they select: everything
/// known before the network. A warm call goes no further than this and one file read.
pub struct Prepared {
    pub settings: Settings,
    pub local: Local,
    pub slot: Slot,
    pub network: Network,
}

/// Steps 1 and 2: validate the settings and gather the local inputs.
pub fn prepare(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<Prepared> {
    let settings = Settings::from_args(args, env)?;
    let local = Local::gather(&settings.identity, env)?;
    let slot = Slot::new(&settings, &local, env);
    let network = Network::from_env(env, &settings.sts_endpoint);
    Ok(Prepared {
        settings,
        local,
        slot,
        network,
    })
}

impl Prepared {
    /// Credentials from the cache, or from the whole chain when the entry is stale.
    pub fn credentials(&self) -> Result<Credentials> {
        self.served().map(|s| s.credentials)
    }

    /// `credentials`, and whether the entry they came from is due for a background renewal.
    pub fn served(&self) -> Result<Served> {
        self.slot.get_or_mint(self.settings.min_remaining, || {
            mint(&self.settings, &self.network, &self.local)
        })
    }

    /// Renew the entry if it is due and no other renewal is running.
    pub fn renew(&self) -> Result<()> {
        self.slot
            .renew(|| mint(&self.settings, &self.network, &self.local))
    }
}

/// The identity settings and local inputs alone: all `whoami` needs without `--verify`.
pub fn local(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<(IdentitySettings, Local)> {
    let settings = IdentitySettings::from_args(args)?;
    let local = Local::gather(&settings, env)?;
    Ok((settings, local))
}

/// Step 3: who the user is (the pod lookup is the only network call).
pub async fn identity(settings: &IdentitySettings, local: &Local) -> Result<Identity> {
    identity::resolve(settings, local).await
}

/// Steps 4 and 5 in a row, bounded together by `--timeout`.
pub async fn assume(
    settings: &Settings,
    network: &Network,
    local: &Local,
    identity: &Identity,
) -> Result<Credentials> {
    let request = Request::new(settings, local, identity)?;
    let both = async {
        let sts = Sts::new(settings, network).await?;
        let base = sts.base(settings, &request).await?;
        sts.target(settings, &request, &base).await
    };
    bounded(settings, both).await
}

/// The cold path: steps 3 to 5.
pub fn mint(
    settings: &Settings,
    network: &Network,
    local: &Local,
) -> Result<(Identity, Credentials)> {
    block_on(async {
        let identity = identity(&settings.identity, local).await?;
        let credentials = assume(settings, network, local, &identity).await?;
        Ok((identity, credentials))
    })
}

/// Run async work on a current-thread runtime: enough for one request at a time, and cheap to start.
pub fn block_on<T>(work: impl Future<Output = Result<T>>) -> Result<T> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("cannot start the async runtime: {e}")))?
        .block_on(work)
}

/// Step 4 alone, bounded by `--timeout` (for `doctor`).
pub async fn base(sts: &Sts, settings: &Settings, request: &Request) -> Result<Credentials> {
    bounded(settings, sts.base(settings, request)).await
}

/// Step 5 alone, bounded by `--timeout` (for `doctor`).
pub async fn target(
    sts: &Sts,
    settings: &Settings,
    request: &Request,
    base: &Credentials,
) -> Result<Credentials> {
    bounded(settings, sts.target(settings, request, base)).await
}

async fn bounded<T>(settings: &Settings, work: impl Future<Output = Result<T>>) -> Result<T> {
    tokio::time::timeout(settings.timeout, work)
        .await
        .unwrap_or_else(|_| Err(sts::timed_out(settings)))
}
