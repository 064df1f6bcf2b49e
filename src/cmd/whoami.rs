//! `whoami`: who the helper thinks the user is, which source said so, and whether the platform set it;
//! with `--verify`, also the Target session's ARN and account as STS reports them.

use crate::chain;
use crate::cli::SettingsArgs;
use crate::env::EnvLookup;
use crate::error::Result;
use crate::identity::{Identity, Source};
use crate::names;
use crate::network::Network;
use crate::output;
use crate::settings::Settings;
use crate::sts::{self, Caller};

pub fn run(args: &SettingsArgs, json: bool, verify: bool, env: EnvLookup<'_>) -> Result<u8> {
    // Without --verify only the identity settings matter: no role ARNs needed.
    let settings = if verify {
        Some(Settings::from_args(args, env)?)
    } else {
        None
    };
    let (identity_settings, local) = chain::local(args, env)?;
    let (identity, caller) = chain::block_on(async {
        let identity = chain::identity(&identity_settings, &local).await?;
        let caller = match &settings {
            Some(settings) => {
                let network = Network::from_env(env, &settings.sts_endpoint);
                let credentials = chain::assume(settings, &network, &local, &identity).await?;
                Some(sts::caller_arn(settings, &network, &credentials).await?)
            }
            None => None,
        };
        Ok((identity, caller))
    })?;
    let tag = names::tag_value(&identity.user, identity_settings.tag_form);
    output::print_stdout(&render(&identity, &tag, caller.as_ref(), json))?;
    Ok(0)
}

/// What `whoami` prints: aligned lines, or one JSON object.
fn render(identity: &Identity, tag: &str, caller: Option<&Caller>, json: bool) -> String {
    if json {
        let mut value = serde_json::to_value(identity).expect("identity serializes");
        value["tag"] = tag.into();
        if let Some(caller) = caller {
            value["arn"] = caller.arn.as_str().into();
            value["account"] = caller.account.as_str().into();
        }
        return value.to_string();
    }
    let mut text = format!(
        "user:      {}\ntag:       {tag}\nsource:    {} ({})\nnamespace: {}\npod:       {}",
        identity.user,
        identity.source,
        identity.trust(),
        identity.namespace.as_deref().unwrap_or("-"),
        identity.pod.as_deref().unwrap_or("-"),
    );
    if identity.source == Source::ProjectRequester {
        text.push_str(
            "\nnote:      the project's requester, not necessarily the person at the keyboard",
        );
    }
    if let Some(caller) = caller {
        text.push_str(&format!(
            "\narn:       {}\naccount:   {}",
            caller.arn, caller.account
        ));
    }
    text
}
