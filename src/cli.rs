//! The command line: clap derive only. Every option's `///` doc is its long help; validation and the
//! second-choice environment variables live in `settings.rs`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// AWS credentials for the OpenShift AI user of this workbench.
///
/// Prints AWS `credential_process` JSON for the Target role, assumed through the IRSA Base role with the
/// session tag `user=<who you are>`. Put `credential_process = oc-role-assume` in `~/.aws/config`.
///
/// Exit codes: 0 success, 1 internal error, 2 usage or configuration, 3 identity not resolved,
/// 4 STS refused or unreachable, 5 local I/O (token file).
/// Where the downward-API volume is mounted; only this file counts as platform-set.
pub const DEFAULT_PODINFO_FILE: &str = "/etc/podinfo/annotations";
/// Where the kubelet mounts the service-account token; only this dir counts as platform-set.
pub const DEFAULT_SERVICEACCOUNT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

#[derive(Debug, Parser)]
#[command(name = "oc-role-assume", version, long_version = env!("OC_ROLE_ASSUME_LONG_VERSION"), max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show who the helper thinks you are, where that came from, and whether the platform set it.
    ///
    /// Calls no AWS API unless --verify is given.
    Whoami {
        /// Print a JSON object: user, source, platform_set, namespace, pod (and arn with --verify).
        #[arg(long)]
        json: bool,
        /// Also fetch credentials and show the Target session's ARN from GetCallerIdentity.
        #[arg(long)]
        verify: bool,
    },
    /// Run a command with the user's credentials.
    ///
    /// Env mode (default) puts AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
    /// AWS_CREDENTIAL_EXPIRATION and the region in the command's environment and becomes the command:
    /// its exit status and signals are the command's. The credentials last at most an hour.
    Exec {
        /// Serve the credentials from a loopback endpoint instead (AWS_CONTAINER_CREDENTIALS_FULL_URI)
        /// and refresh them for as long as the command runs: for notebooks and long jobs.
        #[arg(long)]
        server: bool,
        /// The command and its arguments (after --).
        #[arg(
            required = true,
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "CMD"
        )]
        command: Vec<OsString>,
    },
    /// Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config.
    ///
    /// Every other line, comment and profile is kept byte for byte; the file is replaced atomically.
    Configure {
        /// Profile to write.
        #[arg(long, default_value = "default", value_name = "NAME")]
        profile: String,
        /// AWS config file to edit [default: $AWS_CONFIG_FILE, else ~/.aws/config].
        #[arg(long, value_name = "PATH")]
        config_file: Option<PathBuf>,
        /// Print the resulting file instead of writing it.
        #[arg(long)]
        print: bool,
        /// Replace a profile that holds static keys or another credential_process.
        #[arg(long)]
        force: bool,
    },
    /// Check every step of the setup and say which one is wrong and how to fix it.
    ///
    /// Exit 0 only if no step failed. Never prints secrets.
    Doctor {
        /// Print the steps as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    #[command(hide = true)]
    Man,
    /// Manage this user's credential cache.
    #[command(subcommand)]
    Cache(CacheCommand),
    /// Renew the cache entry for these settings if it is due (started detached by a call that found
    /// it inside --refresh-ahead).
    #[command(hide = true)]
    Renew,
}

#[derive(Debug, Subcommand)]
pub enum CacheCommand {
    /// Print the cache dir.
    Path,
    /// Remove this user's cached credentials.
    Clear,
}

/// Options that decide which credentials are made; shared by every command that makes them.
#[derive(Debug, Clone, Default, PartialEq, Args)]
pub struct SettingsArgs {
    /// ARN of the Target role: the one with the resource permissions, assumed with the user's session tag.
    #[arg(global = true, long, env = "TARGET_ROLE_ARN", value_name = "ARN")]
    pub target_role_arn: Option<String>,

    /// ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN].
    #[arg(global = true, long, value_name = "ARN")]
    pub base_role_arn: Option<String>,

    /// Base role ARN with `{namespace}` filled from this pod's service-account token, used when no
    /// --base-role-arn is set: one Base role per project, no per-workbench setting.
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE",
        value_name = "ARN"
    )]
    pub base_role_arn_template: Option<String>,

    /// Projected service-account token file for AssumeRoleWithWebIdentity
    /// [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a
    /// token for this pod's own service account is requested from the Kubernetes API (TokenRequest).
    #[arg(global = true, long, value_name = "PATH")]
    pub web_identity_token_file: Option<PathBuf>,

    /// AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1].
    #[arg(global = true, long, value_name = "REGION")]
    pub region: Option<String>,

    /// Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour).
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_DURATION",
        value_name = "SECONDS",
        default_value_t = 3600
    )]
    pub duration: u32,

    /// Key of the session tag that carries the user name.
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_TAG_KEY",
        value_name = "KEY",
        default_value = "user"
    )]
    pub tag_key: String,

    /// How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are
    /// refused) or `translated` (the dashboard's Kubernetes-safe form, which STS always accepts).
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_TAG_FORM",
        value_enum,
        value_name = "FORM",
        default_value = "raw"
    )]
    pub tag_form: crate::names::TagForm,

    /// Extra session tag on the Target role session (repeatable).
    #[arg(global = true, long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    /// Make a session tag transitive, so it survives further role chaining (repeatable).
    #[arg(global = true, long = "transitive-tag-key", value_name = "KEY")]
    pub transitive_tag_keys: Vec<String>,

    /// Also set SourceIdentity to the user's session name; the Target role's trust policy must allow
    /// sts:SetSourceIdentity.
    #[arg(global = true, long)]
    pub source_identity: bool,

    /// RoleSessionName to use instead of the one derived from the user name.
    #[arg(global = true, long, value_name = "NAME")]
    pub session_name: Option<String>,

    /// User name to use when no other identity source yields one.
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_FALLBACK_USER",
        value_name = "NAME"
    )]
    pub fallback_user: Option<String>,

    /// Downward-API annotations file to read the user from first.
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_PODINFO_FILE",
        value_name = "PATH",
        default_value = DEFAULT_PODINFO_FILE
    )]
    pub podinfo_file: PathBuf,

    /// Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API.
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_SERVICEACCOUNT_DIR",
        value_name = "DIR",
        default_value = DEFAULT_SERVICEACCOUNT_DIR
    )]
    pub serviceaccount_dir: PathBuf,

    /// When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and
    /// --fallback-user (which the user controls) instead of stopping.
    #[arg(global = true, long, env = "OC_ROLE_ASSUME_ALLOW_UNVERIFIED_IDENTITY")]
    pub allow_unverified_identity: bool,

    /// For the project's pods that are not workbenches (Ray, training jobs, pipeline steps): when this
    /// pod carries no workbench identity, act as the project's requester (the namespace's
    /// openshift.io/requester annotation, set by OpenShift's project request). Needs get on this
    /// namespace (packaging/kubernetes/project-identity.yaml).
    #[arg(global = true, long, env = "OC_ROLE_ASSUME_PROJECT_IDENTITY")]
    pub project_identity: bool,

    /// Upper bound in seconds on reading this pod from the Kubernetes API.
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_API_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 2.0
    )]
    pub api_timeout: f64,

    /// Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume].
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_CACHE_DIR",
        value_name = "DIR"
    )]
    pub cache_dir: Option<PathBuf>,

    /// Neither read nor write the credential cache.
    #[arg(global = true, long, env = "OC_ROLE_ASSUME_NO_CACHE")]
    pub no_cache: bool,

    /// Serve cached credentials only while more than this many seconds remain (botocore asks again
    /// from 15 minutes before expiry, so less would make it call the helper on every request). Must
    /// be less than --duration. [default: 1200, or half of --duration when that is less]
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_MIN_REMAINING",
        value_name = "SECONDS"
    )]
    pub min_remaining: Option<u64>,

    /// Renew a cached entry in the background once it has less than this many seconds left (while it
    /// is still served): no SDK call waits for STS after the first. At most --min-remaining: off.
    /// [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500
    /// for --duration 3600 and --min-remaining 1200]
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_REFRESH_AHEAD",
        value_name = "SECONDS"
    )]
    pub refresh_ahead: Option<u64>,

    /// Upper bound in seconds on fetching new credentials (identity lookup and both STS calls).
    #[arg(
        global = true,
        long,
        env = "OC_ROLE_ASSUME_TIMEOUT",
        value_name = "SECONDS",
        default_value_t = 5.0
    )]
    pub timeout: f64,
}

/// The settings options given on the command line (not from the environment or defaults), as words, for
/// `configure` to bake into `credential_process`.
pub fn given_settings_flags(matches: &clap::ArgMatches) -> Vec<String> {
    let command = SettingsArgs::augment_args(clap::Command::new("settings"));
    let mut words = Vec::new();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if matches.value_source(id) != Some(clap::parser::ValueSource::CommandLine) {
            continue;
        }
        let Some(long) = arg.get_long() else { continue };
        if arg.get_action().takes_values() {
            for value in matches.get_raw(id).into_iter().flatten() {
                words.push(format!("--{long}"));
                words.push(value.to_string_lossy().into_owned());
            }
        } else {
            words.push(format!("--{long}"));
        }
    }
    words
}
