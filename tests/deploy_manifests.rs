//! What `packaging/` builds into the workbench image, tested without a container engine: the
//! Containerfile's AWS config layout, and the entrypoint that seeds `~/.aws/config` and starts the
//! image's own command (under `oc-role-assume exec --server` for the IRSA webhook). The AWS CLI and
//! boto3 read that layout in `tests/deploy/test_image_layout.py`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// The image: its Containerfile and entrypoint
// ---------------------------------------------------------------------------------------------

#[test]
fn the_containerfile_seeds_a_user_config_instead_of_hiding_it() {
    let text = std::fs::read_to_string(root().join("packaging/Containerfile")).unwrap();
    assert!(
        text.contains(
            "ARG BASE_IMAGE=quay.io/opendatahub/odh-workbench-jupyter-minimal-cpu-py312-ubi9:"
        ),
        "{text}"
    );
    // AWS_CONFIG_FILE would make every SDK ignore ~/.aws/config, and `aws configure` fail.
    assert!(!text.contains("ENV AWS_CONFIG_FILE"));
    assert!(text.contains("COPY packaging/aws-config /etc/oc-role-assume/aws-config"));
    assert!(text.contains("COPY packaging/entrypoint.sh /usr/local/bin/oc-role-assume-entrypoint"));
    assert!(text.contains("ENTRYPOINT [\"/usr/local/bin/oc-role-assume-entrypoint\"]"));
    assert!(text.contains("OC_ROLE_ASSUME_BASE_ROLE_ARN_TEMPLATE=${BASE_ROLE_ARN_TEMPLATE}"));
    let config = std::fs::read_to_string(root().join("packaging/aws-config")).unwrap();
    assert!(
        config
            .lines()
            .any(|l| l == "credential_process = /usr/local/bin/oc-role-assume")
    );
}

struct Entrypoint {
    dir: tempfile::TempDir,
}

struct Started {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Entrypoint {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("home")).unwrap();
        // A stand-in helper that shows how it was called.
        let helper = dir.path().join("oc-role-assume");
        std::fs::write(&helper, "#!/bin/sh\necho \"helper: $*\"\n").unwrap();
        let mut perms = std::fs::metadata(&helper).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&helper, perms).unwrap();
        Entrypoint { dir }
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    fn run(&self, env: &[(&str, &str)], args: &[&str]) -> Started {
        let mut cmd = Command::new("sh");
        cmd.arg(root().join("packaging/entrypoint.sh"))
            .args(args)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", self.home())
            .env(
                "OC_ROLE_ASSUME_ENTRYPOINT_SEED",
                root().join("packaging/aws-config"),
            )
            .env(
                "OC_ROLE_ASSUME_ENTRYPOINT_BIN",
                self.dir.path().join("oc-role-assume"),
            );
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        Started {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }
}

#[test]
fn the_entrypoint_seeds_the_aws_config_once_and_never_overwrites_it() {
    use std::os::unix::fs::PermissionsExt;
    let e = Entrypoint::new();
    let started = e.run(&[], &["echo", "started"]);
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    assert_eq!(started.stdout, "started\n");
    assert_eq!(started.stderr, "");
    let config = e.home().join(".aws/config");
    let seed = std::fs::read_to_string(root().join("packaging/aws-config")).unwrap();
    assert_eq!(std::fs::read_to_string(&config).unwrap(), seed);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&config), 0o600);
    assert_eq!(mode(&e.home().join(".aws")), 0o700);
    // The user's edits survive every later start.
    let edited = format!("{seed}\n[profile mine]\nregion = eu-west-1\n");
    std::fs::write(&config, &edited).unwrap();
    assert_eq!(e.run(&[], &["true"]).code, Some(0));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited);
    // So does a config of their own that does not run the helper.
    std::fs::write(&config, "[default]\nregion = eu-west-1\n").unwrap();
    e.run(&[], &["true"]);
    assert_eq!(
        std::fs::read_to_string(&config).unwrap(),
        "[default]\nregion = eu-west-1\n"
    );
    // AWS_CONFIG_FILE moves where the seed goes; nothing else is written.
    let elsewhere = e.dir.path().join("elsewhere/config");
    std::fs::remove_file(&config).unwrap();
    let started = e.run(
        &[("AWS_CONFIG_FILE", elsewhere.to_str().unwrap())],
        &["true"],
    );
    assert_eq!(started.code, Some(0));
    assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), seed);
    assert!(!config.exists());
    // An unwritable home warns and still starts the workbench.
    std::fs::remove_dir_all(e.home().join(".aws")).unwrap();
    let mut perms = std::fs::metadata(e.home()).unwrap().permissions();
    perms.set_mode(0o500);
    std::fs::set_permissions(e.home(), perms).unwrap();
    let started = e.run(&[], &["echo", "started"]);
    let mut perms = std::fs::metadata(e.home()).unwrap().permissions();
    perms.set_mode(0o700);
    std::fs::set_permissions(e.home(), perms).unwrap();
    assert_eq!(started.code, Some(0));
    assert_eq!(started.stdout, "started\n");
    // (root writes anyway; everyone else gets the warning)
    if !config.exists() {
        assert!(
            started.stderr.contains("could not write"),
            "{}",
            started.stderr
        );
        assert!(std::fs::read_dir(e.home()).unwrap().next().is_none());
    }
}

#[test]
fn the_entrypoint_starts_the_images_own_command_under_the_server_only_for_irsa() {
    let e = Entrypoint::new();
    // No args: the command recorded at build time, split on blanks.
    let started = e.run(
        &[("OC_ROLE_ASSUME_ENTRYPOINT_COMMAND", "echo jupyter  lab")],
        &[],
    );
    assert_eq!(started.stdout, "jupyter lab\n", "{}", started.stderr);
    // Args from the pod win, quoting intact.
    let started = e.run(
        &[("OC_ROLE_ASSUME_ENTRYPOINT_COMMAND", "echo jupyter")],
        &["echo", "a  b", "*"],
    );
    assert_eq!(started.stdout, "a  b *\n");
    // No command at all: a clear error.
    let started = e.run(&[], &[]);
    assert_eq!(started.code, Some(64));
    assert!(
        started.stderr.contains("WORKBENCH_COMMAND"),
        "{}",
        started.stderr
    );
    // The IRSA webhook's names: the whole workbench runs under exec --server.
    let irsa = [
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/Base"),
        (
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
        ),
        (
            "OC_ROLE_ASSUME_ENTRYPOINT_COMMAND",
            "start-notebook.sh --flag",
        ),
    ];
    let started = e.run(&irsa, &[]);
    assert_eq!(
        started.stdout,
        "helper: exec --server -- start-notebook.sh --flag\n"
    );
    let started = e.run(&irsa, &["/opt/app-root/bin/run-code-server.sh"]);
    assert_eq!(
        started.stdout,
        "helper: exec --server -- /opt/app-root/bin/run-code-server.sh\n"
    );
    // Only one of the two is no IRSA.
    let started = e.run(&irsa[..1], &["echo", "plain"]);
    assert_eq!(started.stdout, "plain\n");
    // The override, both ways.
    let mut never = irsa.to_vec();
    never.push(("OC_ROLE_ASSUME_ENTRYPOINT_SERVER", "never"));
    assert_eq!(e.run(&never, &["echo", "plain"]).stdout, "plain\n");
    let started = e.run(
        &[("OC_ROLE_ASSUME_ENTRYPOINT_SERVER", "always")],
        &["echo", "x"],
    );
    assert_eq!(started.stdout, "helper: exec --server -- echo x\n");
    let started = e.run(
        &[("OC_ROLE_ASSUME_ENTRYPOINT_SERVER", "yes")],
        &["echo", "x"],
    );
    assert_eq!(started.code, Some(64));
}
