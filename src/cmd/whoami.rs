//! `whoami`: who the helper thinks the user is, which source said so, and whether the platform set it;
//! with `--verify`, also the Target session's ARN and account as STS reports them. Inside an
//! `exec --server` child, `--verify` checks the credentials that child's SDKs get: the endpoint's.

use crate::chain;
use crate::cli::SettingsArgs;
use crate::endpoint::Parent;
use crate::env::EnvLookup;
use crate::error::Result;
use crate::identity::{Identity, Source};
use crate::names;
use crate::network::Network;
use crate::output;
use crate::settings::Settings;
use crate::sts::{self, Caller};

pub fn run(args: &SettingsArgs, json: bool, verify: bool, env: EnvLookup<'_>) -> Result<u8> {
    let parent = if verify { Parent::from_env(env) } else { None };
    // Without --verify only the identity settings matter: no role ARNs needed.
    let settings = match (verify, &parent) {
        (false, _) => None,
        (true, None) => Some(Settings::from_args(args, env)?),
        (true, Some(_)) => Some(endpoint_settings(args, env)?),
    };
    let (identity_settings, local) = chain::local(args, env)?;
    let (identity, caller) = chain::block_on(async {
        let identity = chain::identity(&identity_settings, &local).await?;
        let caller = match &settings {
            Some(settings) => {
                let network = Network::from_env(env, &settings.sts_endpoint);
                let credentials = match &parent {
                    Some(parent) => parent.credentials()?,
                    None => chain::assume(settings, &network, &local, &identity).await?,
                };
                Some(sts::caller_arn(settings, &network, &credentials).await?)
            }
            None => None,
        };
        Ok((identity, caller))
    })?;
    let tag = names::tag_value(&identity.user, identity_settings.tag_form);
    let via = parent.as_ref().map(Parent::describe);
    output::print_stdout(&render(
        &identity,
        &tag,
        caller.as_ref(),
        via.as_deref(),
        json,
    ))?;
    Ok(0)
}

/// The settings for the GetCallerIdentity call alone (region, STS endpoint, timeout) in an
/// `exec --server` child, whose credentials come from the endpoint: the role ARNs are not needed
/// there, and the child may not have them (the server may have had them as flags).
fn endpoint_settings(args: &SettingsArgs, env: EnvLookup<'_>) -> Result<Settings> {
    const UNUSED: &str = "arn:aws:iam::000000000000:role/unused-by-whoami-verify";
    Settings::from_args(args, env).or_else(|_| {
        let mut args = args.clone();
        args.target_role_arn
            .get_or_insert_with(|| UNUSED.to_owned());
        args.base_role_arn.get_or_insert_with(|| UNUSED.to_owned());
        Settings::from_args(&args, env)
    })
}

/// What `whoami` prints: aligned lines, or one JSON object.
fn render(
    identity: &Identity,
    tag: &str,
    caller: Option<&Caller>,
    via: Option<&str>,
    json: bool,
) -> String {
    if json {
        let mut value = serde_json::to_value(identity).expect("identity serializes");
        value["tag"] = tag.into();
        if let Some(caller) = caller {
            value["arn"] = caller.arn.as_str().into();
            value["account"] = caller.account.as_str().into();
        }
        if let Some(via) = via {
            value["credentials_from"] = via.into();
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
    if let Some(via) = via {
        text.push_str(&format!("\nvia:       {via}"));
    }
    text
}
