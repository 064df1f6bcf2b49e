//! The two STS calls: `AssumeRoleWithWebIdentity` (unsigned, with the token read fresh from disk) for the
//! Base role, then `AssumeRole` signed by the Base credentials, with the session tags, for the Target.
//!
//! Neither client resolves credentials on its own: the first has none, the second only the Base
//! credentials. Otherwise aws-config would find the profile's `credential_process` and run us again.
//! Retries, region and the default endpoint come from the SDK's own machinery. Only STS-specific
//! settings can move the endpoint (`AWS_ENDPOINT_URL_STS`, the config file's `services` block with
//! `sts = endpoint_url = …`): the global `AWS_ENDPOINT_URL` / `endpoint_url` usually name an
//! S3-compatible store, and the web-identity token must never be sent there. The HTTP client, its
//! proxy and its trust roots come from `network`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use aws_config::BehaviorVersion;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_sts::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_sts::config::{
    ConfigBag, Credentials as SdkCredentials, Intercept, Region, RuntimeComponents,
    SharedCredentialsProvider,
};
use aws_sdk_sts::error::{BoxError, ProvideErrorMetadata, SdkError};
use aws_sdk_sts::types::Tag;

use crate::awsconfig;
use crate::error::{Error, Result, root_cause};
use crate::files;
use crate::identity::pod::InCluster;
use crate::identity::{Identity, Local};
use crate::messages::{HINT_NOT_STS, HINT_PROJECT_TOKEN, HINT_STS_UNREACHABLE, redact_url};
use crate::names;
use crate::network::{FinalRefusals, Network};
use crate::output::{Credentials, Secret, account_of_arn};
use crate::settings::{Settings, StsEndpoint, check_sts_url};

/// An AWS config file is a few kilobytes.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// STS refuses web-identity tokens longer than this.
const MAX_TOKEN_BYTES: u64 = 20_000;
/// The Base session only lives long enough to make the AssumeRole call.
const BASE_DURATION: i32 = 900;

/// Everything the chain sends, derived from settings and identity; no secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub session_name: String,
    pub source_identity: Option<String>,
    pub tags: Vec<(String, String)>,
    pub token: TokenSource,
}

/// Where the web-identity token comes from; it is read (or requested) anew for every attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// The projected token file.
    File(PathBuf),
    /// A TokenRequest for this pod's own service account, bounded by the API timeout.
    Request(InCluster, Duration),
}

impl TokenSource {
    /// The configured file, else a TokenRequest when in a cluster.
    pub fn new(settings: &Settings, local: &Local) -> Result<TokenSource> {
        if let Some(file) = &settings.token_file {
            return Ok(TokenSource::File(file.clone()));
        }
        match local.in_cluster() {
            Some(pod) => Ok(TokenSource::Request(
                pod.clone(),
                settings.identity.api_timeout,
            )),
            None => Err(Error::config(
                "no web-identity token file, and not in a cluster to request one",
            )
            .hint(
                "pass --web-identity-token-file or set OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE \
                 (AWS_WEB_IDENTITY_TOKEN_FILE also works) to the projected token's path",
            )),
        }
    }

    pub async fn token(&self) -> Result<Secret> {
        match self {
            TokenSource::File(path) => read_token(path),
            TokenSource::Request(pod, timeout) => pod.request_token(*timeout).await,
        }
    }

    /// Where the token comes from, for messages.
    pub fn describe(&self) -> String {
        match self {
            TokenSource::File(path) => path.display().to_string(),
            TokenSource::Request(pod, _) => format!(
                "a TokenRequest for service account {}/{}",
                pod.namespace,
                pod.serviceaccount.as_deref().unwrap_or("?")
            ),
        }
    }
}

impl Request {
    pub fn new(settings: &Settings, local: &Local, identity: &Identity) -> Result<Request> {
        let derived = names::session_name(&identity.user);
        let value = names::tag_value(&identity.user, settings.identity.tag_form);
        let mut tags = vec![(settings.tag_key.clone(), value)];
        tags.extend(settings.tags.iter().cloned());
        Ok(Request {
            session_name: settings
                .session_name
                .clone()
                .unwrap_or_else(|| derived.clone()),
            source_identity: settings.source_identity.then_some(derived),
            tags,
            token: TokenSource::new(settings, local)?,
        })
    }
}

/// No answer within `--timeout`.
pub fn timed_out(settings: &Settings) -> Error {
    Error::sts(format!(
        "STS did not answer within {:.1}s",
        settings.timeout.as_secs_f64()
    ))
    .hint(HINT_STS_UNREACHABLE)
}

/// Who STS says these credentials are (`GetCallerIdentity`), for `whoami --verify`.
pub struct Caller {
    pub arn: String,
    pub account: String,
}

/// The ARN and account STS reports for these credentials (`GetCallerIdentity`).
pub async fn caller_arn(
    settings: &Settings,
    network: &Network,
    credentials: &Credentials,
) -> Result<Caller> {
    let sts = Sts::new(settings, network).await?;
    let client = aws_sdk_sts::Client::from_conf(
        sts.builder()
            .credentials_provider(provider(credentials, "oc-role-assume-target"))
            .build(),
    );
    let call = client.get_caller_identity().send();
    let out = tokio::time::timeout(settings.timeout, call)
        .await
        .map_err(|_| timed_out(settings))?
        .map_err(|e| {
            Error::sts(format!(
                "STS GetCallerIdentity refused: {}: {}",
                e.code().unwrap_or("UnknownError"),
                e.message().unwrap_or("no message")
            ))
            .hint("the credentials were issued but STS does not accept them: check the endpoint and region")
        })?;
    Ok(Caller {
        arn: out.arn().unwrap_or_default().to_owned(),
        account: out.account().unwrap_or_default().to_owned(),
    })
}

fn provider(c: &Credentials, name: &'static str) -> SharedCredentialsProvider {
    SharedCredentialsProvider::new(SdkCredentials::new(
        &c.access_key_id,
        c.secret_access_key.expose(),
        Some(c.session_token.expose().to_owned()),
        Some(c.expiration),
        name,
    ))
}

/// The two calls, each on its own: `chain` runs them in a row, `doctor` reports each as a step.
pub struct Sts {
    sdk_config: aws_config::SdkConfig,
    /// The STS-specific endpoint, if one is set; else the SDK's default for the region.
    endpoint_url: Option<String>,
    endpoint: LastEndpoint,
    network: Network,
}

impl Sts {
    /// The clients' shared config, with the proxy and trust roots checked (a bad one is an error
    /// here, before any call).
    pub async fn new(settings: &Settings, network: &Network) -> Result<Sts> {
        let endpoint_url = endpoint_url(&settings.sts_endpoint)?;
        // Only the scheme picks the proxy variable, and the SDK's default endpoints are https.
        let transport = network.transport(endpoint_url.as_deref().unwrap_or("https://"))?;
        Ok(Sts {
            sdk_config: sdk_config(settings, transport.shared()).await,
            endpoint_url,
            endpoint: LastEndpoint::default(),
            network: network.clone(),
        })
    }

    /// A client config from the shared SDK config, with the endpoint decided here and nowhere
    /// else: `set_endpoint_url` overrides whatever the SDK found in the environment or the profile.
    fn builder(&self) -> aws_sdk_sts::config::Builder {
        let mut builder = aws_sdk_sts::config::Builder::from(&self.sdk_config);
        builder.set_endpoint_url(self.endpoint_url.clone());
        builder
            .interceptor(self.endpoint.clone())
            .retry_classifier(FinalRefusals)
    }

    fn context<'a>(&'a self, settings: &'a Settings) -> ErrorContext<'a> {
        ErrorContext {
            settings,
            endpoint: &self.endpoint,
            network: &self.network,
        }
    }

    /// `AssumeRoleWithWebIdentity` for the Base role, unsigned, with the token read now; retried once
    /// with the token read again when STS says it is invalid (the kubelet may have just rotated it).
    pub async fn base(&self, settings: &Settings, request: &Request) -> Result<Credentials> {
        let client = aws_sdk_sts::Client::from_conf(self.builder().build());
        let ctx = self.context(settings);
        match assume_base(&client, settings, request).await {
            Err(e) if retry_with_fresh_token(&e) => assume_base(&client, settings, request).await,
            other => other,
        }
        .map_err(|e| match e {
            BaseError::Token(e) => e,
            BaseError::Sts(e) => web_identity_error(&e, &ctx),
        })
    }

    /// `AssumeRole` for the Target role, signed with `base` and nothing else, with the session tags.
    pub async fn target(
        &self,
        settings: &Settings,
        request: &Request,
        base: &Credentials,
    ) -> Result<Credentials> {
        let client = aws_sdk_sts::Client::from_conf(
            self.builder()
                .credentials_provider(provider(base, "oc-role-assume-base"))
                .build(),
        );
        let ctx = self.context(settings);
        let mut call = client
            .assume_role()
            .role_arn(&settings.target_role_arn)
            .role_session_name(&request.session_name)
            .duration_seconds(i32::try_from(settings.duration).unwrap_or(3600))
            .set_transitive_tag_keys(
                (!settings.transitive_tag_keys.is_empty())
                    .then(|| settings.transitive_tag_keys.clone()),
            )
            .set_source_identity(request.source_identity.clone());
        for (key, value) in &request.tags {
            let tag = Tag::builder()
                .key(key)
                .value(value)
                .build()
                .map_err(|e| Error::internal(format!("cannot build session tag: {e}")))?;
            call = call.tags(tag);
        }
        let out = call.send().await.map_err(|e| assume_role_error(&e, &ctx))?;
        let mut target = credentials(out.credentials(), "AssumeRole")?;
        target.account_id = out
            .assumed_role_user()
            .and_then(|user| account_of_arn(user.arn()));
        Ok(target)
    }
}

/// The STS-specific endpoint: `AWS_ENDPOINT_URL_STS` (already checked), else the profile's
/// `services` block in the AWS config file; `None` leaves the SDK's regional default.
pub fn endpoint_url(endpoint: &StsEndpoint) -> Result<Option<String>> {
    if endpoint.ignore_configured {
        return Ok(None);
    }
    if let Some(url) = &endpoint.env_url {
        return Ok(Some(url.clone()));
    }
    let Some(path) = &endpoint.config_file else {
        return Ok(None);
    };
    let Some(text) = files::read_small(path, MAX_CONFIG_BYTES) else {
        return Ok(None);
    };
    let url = awsconfig::sts_endpoint(&text, &endpoint.profile);
    if let Some(url) = &url {
        check_sts_url(
            url,
            &format!(
                "the sts block of profile {} in {}",
                endpoint.profile,
                path.display()
            ),
        )?;
    }
    Ok(url)
}

/// Where the SDK sends STS calls for `region` when no endpoint is configured (the regional one).
pub async fn default_url(region: &str) -> String {
    use aws_sdk_sts::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
    let fallback = format!("https://sts.{region}.amazonaws.com");
    let Ok(params) = Params::builder()
        .region(region)
        .use_fips(false)
        .use_dual_stack(false)
        .use_global_endpoint(false)
        .build()
    else {
        return fallback;
    };
    match DefaultResolver::new().resolve_endpoint(&params).await {
        Ok(endpoint) => endpoint.url().to_owned(),
        Err(_) => fallback,
    }
}

/// The SDK config shared by both clients: our region, no credentials, our HTTP client (`network`),
/// short retries (a credential process has about five seconds in all).
async fn sdk_config(
    settings: &Settings,
    http_client: aws_sdk_sts::config::SharedHttpClient,
) -> aws_config::SdkConfig {
    let attempt = settings.timeout.min(Duration::from_secs(3));
    aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(settings.region.clone()))
        .no_credentials()
        .http_client(http_client)
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(200))
                .with_max_backoff(Duration::from_secs(1)),
        )
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(attempt)
                .operation_attempt_timeout(attempt)
                .build(),
        )
        .load()
        .await
}

type WebIdentityError =
    SdkError<aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityError>;

enum BaseError {
    Token(Error),
    Sts(Box<WebIdentityError>),
}

async fn assume_base(
    client: &aws_sdk_sts::Client,
    settings: &Settings,
    request: &Request,
) -> std::result::Result<Credentials, BaseError> {
    let token = request.token.token().await.map_err(BaseError::Token)?;
    let out = client
        .assume_role_with_web_identity()
        .role_arn(&settings.base_role_arn)
        .role_session_name(&request.session_name)
        .web_identity_token(token.expose())
        .duration_seconds(BASE_DURATION)
        .send()
        .await
        .map_err(|e| BaseError::Sts(Box::new(e)))?;
    credentials(out.credentials(), "AssumeRoleWithWebIdentity").map_err(BaseError::Token)
}

/// STS says the token was bad, expired or its issuer unreachable: the kubelet may have just rotated
/// the file, so read it again and retry once.
fn retry_with_fresh_token(e: &BaseError) -> bool {
    matches!(e, BaseError::Sts(e) if matches!(
        e.code(),
        Some("InvalidIdentityToken" | "ExpiredTokenException" | "IDPCommunicationError")
    ))
}

/// Read the projected token, fresh on every call. Never put its text in an error.
pub fn read_token(path: &Path) -> Result<Secret> {
    let shown = path.display();
    let io_error = |e: std::io::Error| {
        let (what, hint) = match e.kind() {
            std::io::ErrorKind::NotFound => (
                format!("web-identity token file {shown} does not exist"),
                "mount the projected service-account token (audience sts.amazonaws.com) there, or point --web-identity-token-file at it",
            ),
            std::io::ErrorKind::PermissionDenied => (
                format!("web-identity token file {shown} is not readable: permission denied"),
                "make the projected token volume readable by the pod's user (defaultMode 0644 or fsGroup)",
            ),
            _ => (
                format!("cannot read web-identity token file {shown}: {e}"),
                "check the projected token volume mount",
            ),
        };
        Error::io(what).hint(hint)
    };
    let bytes = files::read_regular(path, MAX_TOKEN_BYTES).map_err(|e| {
        if e.kind() == std::io::ErrorKind::InvalidInput {
            Error::io(format!(
                "web-identity token file {shown} is not a regular file"
            ))
            .hint("point --web-identity-token-file at the projected token file itself")
        } else {
            io_error(e)
        }
    })?;
    if bytes.len() as u64 > MAX_TOKEN_BYTES {
        return Err(Error::io(format!(
            "web-identity token file {shown} is larger than the {MAX_TOKEN_BYTES} bytes STS accepts"
        ))
        .hint(HINT_PROJECT_TOKEN));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(Error::io(format!(
            "web-identity token file {shown} does not hold a token (binary content)"
        ))
        .hint(HINT_PROJECT_TOKEN));
    };
    let token = text.trim();
    if token.is_empty() {
        return Err(Error::io(format!("web-identity token file {shown} is empty"))
            .hint("wait for the kubelet to write the projected token, or check the volume's serviceAccountToken source"));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::io(format!(
            "web-identity token file {shown} does not hold a token (binary or multi-line content)"
        ))
        .hint(HINT_PROJECT_TOKEN));
    }
    Ok(Secret::new(token))
}

/// The credentials of an STS answer, refused unless complete and still valid: a truncated or
/// mangled answer must never be passed on as credentials.
fn credentials(
    c: Option<&aws_sdk_sts::types::Credentials>,
    operation: &str,
) -> Result<Credentials> {
    let incomplete = |what: &str| {
        Error::sts(format!(
            "STS {operation} answered with incomplete credentials ({what})"
        ))
        .hint(HINT_NOT_STS)
    };
    let c = c.ok_or_else(|| incomplete("none"))?;
    let expiration =
        SystemTime::try_from(*c.expiration()).map_err(|_| incomplete("unusable expiration"))?;
    if expiration <= SystemTime::now() {
        return Err(incomplete("already expired"));
    }
    if c.access_key_id().len() < 16
        || c.secret_access_key().is_empty()
        || c.session_token().is_empty()
    {
        return Err(incomplete("missing key, secret or session token"));
    }
    Ok(Credentials {
        access_key_id: c.access_key_id().to_owned(),
        secret_access_key: Secret::new(c.secret_access_key()),
        session_token: Secret::new(c.session_token()),
        expiration,
        account_id: None,
    })
}

/// What an error message may name besides the error itself.
struct ErrorContext<'a> {
    settings: &'a Settings,
    endpoint: &'a LastEndpoint,
    network: &'a Network,
}

/// Remembers where the SDK's endpoint resolution sent the last request, so errors can name it.
#[derive(Debug, Clone, Default)]
struct LastEndpoint(Arc<Mutex<Option<String>>>);

impl LastEndpoint {
    fn url(&self) -> Option<String> {
        self.0.lock().ok().and_then(|u| u.clone())
    }

    fn shown(&self) -> String {
        self.0
            .lock()
            .ok()
            .and_then(|u| u.as_deref().map(redact_url))
            .unwrap_or_else(|| "the STS endpoint".to_owned())
    }
}

impl Intercept for LastEndpoint {
    fn name(&self) -> &'static str {
        "LastEndpoint"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> std::result::Result<(), BoxError> {
        let uri = context.request().uri().trim_end_matches('/').to_owned();
        if let Ok(mut last) = self.0.lock() {
            *last = Some(uri);
        }
        Ok(())
    }
}

fn web_identity_error(e: &WebIdentityError, ctx: &ErrorContext<'_>) -> Error {
    let role = &ctx.settings.base_role_arn;
    let hint = match e.code() {
        Some("AccessDenied") => {
            "the Base role's trust policy must trust the cluster's OIDC provider for sts:AssumeRoleWithWebIdentity, with aud sts.amazonaws.com and the token's sub (system:serviceaccount:<namespace>:<serviceaccount>)"
        }
        Some("InvalidIdentityToken") => {
            "register the cluster's OIDC issuer as an IAM identity provider with audience sts.amazonaws.com, and mount a token with that audience"
        }
        Some("ExpiredTokenException") => {
            "the projected token has expired: the kubelet rotates it; check the volume's expirationSeconds and that the file is the projected token"
        }
        Some("IDPCommunicationError" | "IDPRejectedClaim") => {
            "STS could not validate the token with the cluster's OIDC issuer: check that the issuer URL is public and registered in IAM"
        }
        _ => {
            return common_error(e, "AssumeRoleWithWebIdentity", role, ctx);
        }
    };
    service_error(e, "AssumeRoleWithWebIdentity", role).hint(hint)
}

fn assume_role_error(
    e: &SdkError<aws_sdk_sts::operation::assume_role::AssumeRoleError>,
    ctx: &ErrorContext<'_>,
) -> Error {
    let role = &ctx.settings.target_role_arn;
    let hint = match e.code() {
        Some("AccessDenied") => {
            "the Base role needs sts:AssumeRole and sts:TagSession on the Target role, and the Target role's trust policy must name the Base role and allow sts:TagSession (and sts:SetSourceIdentity with --source-identity)"
        }
        Some("PackedPolicyTooLarge") => {
            "the session tags are too large: use fewer or shorter --tag values"
        }
        Some("ValidationError") if e.message().is_some_and(|m| m.contains("DurationSeconds")) => {
            "lower --duration, or raise the Target role's maximum session duration (role chaining allows at most 3600 s)"
        }
        _ => return common_error(e, "AssumeRole", role, ctx),
    };
    service_error(e, "AssumeRole", role).hint(hint)
}

/// Errors whose cause and fix are the same for both calls.
fn common_error<E: ProvideErrorMetadata + std::error::Error + 'static>(
    e: &SdkError<E>,
    operation: &str,
    role: &str,
    ctx: &ErrorContext<'_>,
) -> Error {
    if e.raw_response().is_some_and(|r| r.status().as_u16() == 407)
        && let Some(refused) = ctx
            .endpoint
            .url()
            .and_then(|u| ctx.network.proxy_refused(&u))
    {
        return refused;
    }
    match e {
        SdkError::ServiceError(_) if e.code().is_some() => {
            let hint = match e.code() {
                Some("RegionDisabledException") => format!(
                    "STS is not activated in {}: activate the region in IAM account settings, or pass --region",
                    ctx.settings.region
                ),
                Some("Throttling" | "ThrottlingException" | "RequestLimitExceeded") => {
                    "STS is throttling this account and retries ran out: wait a moment and try again".to_owned()
                }
                Some("ExpiredTokenException") => {
                    "the Base session expired before AssumeRole: check the machine's clock".to_owned()
                }
                _ if e.raw_response().is_some_and(|r| r.status().is_server_error()) => {
                    "STS failed on its side and retries ran out: try again shortly".to_owned()
                }
                _ => "see the AWS error above; `oc-role-assume --help` lists the settings".to_owned(),
            };
            service_error(e, operation, role).hint(hint)
        }
        SdkError::TimeoutError(_) => Error::sts(format!(
            "STS at {} did not answer {operation} in time",
            ctx.endpoint.shown()
        ))
        .hint(HINT_STS_UNREACHABLE),
        SdkError::DispatchFailure(_) => ctx.network.unreachable(
            ctx.endpoint.url().as_deref(),
            &ctx.endpoint.shown(),
            &format!(" for {operation}"),
            e,
        ),
        _ => Error::sts(format!(
            "STS at {} sent an unreadable answer to {operation} (HTTP {}): {}",
            ctx.endpoint.shown(),
            e.raw_response().map_or(0, |r| r.status().as_u16()),
            root_cause(e)
        ))
        .hint(HINT_NOT_STS),
    }
}

fn service_error<E: ProvideErrorMetadata>(e: &SdkError<E>, operation: &str, role: &str) -> Error {
    Error::sts(format!(
        "STS {operation} for {role} refused: {}: {}",
        e.code().unwrap_or("UnknownError"),
        e.message().unwrap_or("no message")
    ))
}
