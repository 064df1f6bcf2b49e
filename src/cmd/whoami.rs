//! `whoami`: who the helper thinks the user is, which source said so, and whether the platform set it;
//! with `--verify`, also the Target session's ARN as STS reports it.

use crate::chain;
use crate::cli::SettingsArgs;
use crate::env::EnvLookup;
use crate::error::Result;
use crate::identity::{Identity, Source};
use crate::names;
use crate::network::Network;
use crate::output;
use crate::settings::Settings;
use crate::sts;

pub fn run(args: &SettingsArgs, json: bool, verify: bool, env: EnvLookup<'_>) -> Result<u8> {
    // Without --verify only the identity settings matter: no role ARNs needed.
    let settings = if verify {
        Some(Settings::from_args(args, env)?)
    } else {
        None
    };
    let (identity_settings, local) = chain::local(args, env)?;
    let (identity, arn) = chain::block_on(async {
        let identity = chain::identity(&identity_settings, &local).await?;
        let arn = match &settings {
            Some(settings) => {
                let network = Network::from_env(env, &settings.sts_endpoint);
                let credentials = chain::assume(settings, &network, &local, &identity).await?;
                Some(sts::caller_arn(settings, &network, &credentials).await?)
            }
            None => None,
        };
        Ok((identity, arn))
    })?;
    let tag = names::tag_value(&identity.user, identity_settings.tag_form);
    output::print_stdout(&render(&identity, &tag, arn.as_deref(), json))?;
    Ok(0)
}

/// What `whoami` prints: aligned lines, or one JSON object.
fn render(identity: &Identity, tag: &str, arn: Option<&str>, json: bool) -> String {
    if json {
        let mut value = serde_json::to_value(identity).expect("identity serializes");
        value["tag"] = tag.into();
        if let Some(arn) = arn {
            value["arn"] = arn.into();
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
    if let Some(arn) = arn {
        text.push_str(&format!("\narn:       {arn}"));
    }
    text
}
