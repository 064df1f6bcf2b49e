//! Robustness round three: the wrapper as PID 1, output that cannot be written, static keys beside the
//! profile, `configure` reading and writing the AWS config as botocore does (and under concurrency,
//! symlinks and foreign owners), `cache clear` in a shared dir, and a wrapper that is SIGKILLed.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{TestEnv, bin, venv, workbench_with_moto};

#[test]
fn as_pid_1_the_wrapper_reaps_orphans_and_returns_its_childs_status() {
    let (t, _moto) = workbench_with_moto();
    // Five orphans, re-parented to PID 1 (the wrapper) when their parents exit. Each exits after
    // 0.2 s; wait (up to 10 s) until none of them is left in /proc, not even as a zombie, and print
    // how many there were and how many are left.
    let script = "pids=$(for i in 1 2 3 4 5; do sh -c 'sleep 0.2 & echo $!'; done); \
                  end=$(($(date +%s) + 10)); \
                  while :; do left=0; for p in $pids; do [ -e /proc/$p ] && left=$((left + 1)); done; \
                  [ $left = 0 ] || [ $(date +%s) -ge $end ] && break; sleep 0.05; done; \
                  echo $(echo $pids | wc -w) $left; exit 7";
    let run = t.run_under(
        &["unshare", "--pid", "--fork", "--mount-proc"],
        &["exec", "--server", "--", "sh", "-c", script],
    );
    assert_eq!(run.code, Some(7), "{run:?}");
    assert_eq!(
        run.stdout.trim(),
        "5 0",
        "orphans made, orphans left: {run:?}"
    );
}

/// Run the helper with `args` under `sh`, with its stderr closed and its stdout a pipe whose read end
/// was closed before it started (every write is EPIPE); returns the exit code (None: a signal).
fn with_dead_output(t: &TestEnv, args: &[&str]) -> Option<i32> {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    // SAFETY: pipe2 fills two new descriptors we then own.
    assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
    // SAFETY: both descriptors are ours and open; each is owned exactly once.
    let (read, write) = unsafe {
        (
            std::os::fd::OwnedFd::from_raw_fd(fds[0]),
            std::os::fd::OwnedFd::from_raw_fd(fds[1]),
        )
    };
    drop(read);
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("exec \"$0\" \"$@\" 2>&-")
        .arg(bin())
        .args(args)
        .env_clear()
        .envs(&t.env)
        .current_dir(t.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::from(write))
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child.wait().unwrap().code()
}

#[test]
fn no_write_can_kill_a_run() {
    let (mut t, _moto) = workbench_with_moto();
    // A warning on the way (an unusable cache dir) with stderr closed: still the JSON, exit 0.
    std::fs::create_dir_all(t.path("shared")).unwrap();
    std::fs::set_permissions(t.path("shared"), std::fs::Permissions::from_mode(0o777)).unwrap();
    t.set(
        "OC_ROLE_ASSUME_CACHE_DIR",
        t.path("shared").to_str().unwrap(),
    );
    let out = Command::new("sh")
        .args(["-c", "exec \"$0\" 2>&-"])
        .arg(bin())
        .env_clear()
        .envs(&t.env)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("{\"Version\":1,"));
    // Every command, its stdout a broken pipe and its stderr closed: a normal exit, no abort.
    for args in [
        &[][..],
        &["whoami"],
        &["whoami", "--json"],
        &["doctor"],
        &["doctor", "--json"],
        &["cache", "path"],
        &["completions", "bash"],
        &["man"],
        &["configure", "--print"],
        &["--version"],
        &["--help"],
        &["no-such-command"],
    ] {
        let code = with_dead_output(&t, args);
        // The same exit code as with a working stdout and stderr: a dead pipe changes nothing.
        let normal = t.run(args).code;
        assert_eq!(code, normal, "{args:?}");
        assert!(
            code.is_some_and(|c| c != 101 && c != 134),
            "{args:?} ended with {code:?}"
        );
    }
}

#[test]
fn static_keys_in_the_shared_credentials_file_are_named_by_configure_and_failed_by_doctor() {
    let mut t = TestEnv::workbench();
    // doctor's STS steps stay on this machine (port 9: nothing listens).
    t.endpoint("http://127.0.0.1:9");
    t.write(
        "aws-credentials",
        "[default]\naws_access_key_id = AKIAEXAMPLESTATIC\naws_secret_access_key = wJalrXUtnFEMIsecret\n",
    );
    let run = t.run(&["configure"]);
    run.assert_ok();
    let file = t.path("aws-credentials");
    assert_eq!(
        run.stderr,
        format!(
            "oc-role-assume: warning: {} holds static keys (aws_access_key_id, aws_secret_access_key) for profile default: every SDK uses them before credential_process; remove them there\n",
            file.display()
        )
    );
    let doctor = t.run(&["doctor"]);
    assert_eq!(doctor.code, Some(1));
    assert!(
        doctor.stdout.contains(&format!(
            "FAIL  credentials file     {} holds static keys (aws_access_key_id, aws_secret_access_key) for profile default",
            file.display()
        )),
        "{}",
        doctor.stdout
    );
    assert!(
        !doctor.stdout.contains("AKIAEXAMPLESTATIC")
            && !doctor.stdout.contains("wJalrXUtnFEMIsecret")
    );
}

/// What botocore makes of `config` for `profile`: its scoped config as JSON.
fn botocore_view(t: &TestEnv, config: &std::path::Path, profile: &str) -> serde_json::Value {
    let code = format!(
        "import botocore.session, json, shlex\n\
         s = botocore.session.Session(profile={profile:?})\n\
         c = s.get_scoped_config()\n\
         c['argv'] = shlex.split(c.get('credential_process', ''))\n\
         print(json.dumps(c))\n"
    );
    let out = Command::new(venv().join("bin/python"))
        .args(["-c", &code])
        .env_clear()
        .env("AWS_CONFIG_FILE", config)
        .env("HOME", t.dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "botocore: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn configure_output_round_trips_through_botocore_for_every_shape_botocore_reads() {
    let t = TestEnv::workbench();
    // The helper at a path with a space, as an image might install it.
    let spaced = t.path("my tools/oc-role-assume");
    std::fs::create_dir_all(spaced.parent().unwrap()).unwrap();
    // Copied by `cp`, not in this process: a writable descriptor of ours would be inherited by every
    // child another test thread forks meanwhile, and exec'ing the copy would then fail (ETXTBSY).
    assert!(
        Command::new("cp")
            .arg(bin())
            .arg(&spaced)
            .status()
            .unwrap()
            .success()
    );
    let spaced_str = spaced.to_str().unwrap().to_owned();
    // (profile, file before, keys botocore must still see afterwards)
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case] = &[
        (
            "default",
            "[default] ; main\nregion = eu-west-1\n",
            &[("region", "eu-west-1")],
        ),
        (
            "default",
            "[default]\r\nregion = eu-west-1\r\n",
            &[("region", "eu-west-1")],
        ),
        (
            "data",
            "[profile \"data\"]\nregion: eu-west-1\n",
            &[("region", "eu-west-1")],
        ),
        (
            "data",
            "[profile data]\ns3 =\n  addressing_style = path\nregion = eu-west-1\n",
            &[("region", "eu-west-1")],
        ),
        (
            "default",
            "[profile default]\nregion = eu-west-1\n",
            &[("region", "eu-west-1")],
        ),
        (
            "default",
            "# top\n[default]\noutput = json\n[profile other]\nregion = x\n",
            &[("output", "json")],
        ),
        ("default", "", &[]),
    ];
    for (i, (profile, before, kept)) in cases.iter().enumerate() {
        let config = t.write(&format!("cfg-{i}"), before);
        for _ in 0..2 {
            // Twice: the second run must recognise its own line (path with a space included).
            let out = Command::new(&spaced)
                .args([
                    "configure",
                    "--profile",
                    profile,
                    "--config-file",
                    config.to_str().unwrap(),
                ])
                .env_clear()
                .envs(&t.env)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "case {i}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let view = botocore_view(&t, &config, profile);
        assert_eq!(view["argv"][0], spaced_str, "case {i}: {view}");
        for (key, value) in *kept {
            assert_eq!(view[key], *value, "case {i}: {view}");
        }
    }
    // A `:`-form credential_process of another tool is seen: no second line without --force.
    let other = t.write(
        "cfg-other",
        "[default]\ncredential_process: /usr/bin/aws-vault export x\n",
    );
    let run = t.run(&["configure", "--config-file", other.to_str().unwrap()]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert_eq!(
        botocore_view(&t, &other, "default")["credential_process"],
        "/usr/bin/aws-vault export x"
    );
}

#[test]
fn concurrent_configure_runs_all_land() {
    let t = TestEnv::workbench();
    let children: Vec<_> = (0..8)
        .map(|i| {
            Command::new(bin())
                .args(["configure", "--profile", &format!("p{i}")])
                .env_clear()
                .envs(&t.env)
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(t.path("aws-config")).unwrap();
    for i in 0..8 {
        assert!(
            text.contains(&format!("[profile p{i}]\n")),
            "p{i} lost:\n{text}"
        );
    }
}

#[test]
fn a_symlinked_config_is_edited_at_its_target_keeping_owner_and_mode() {
    let mut t = TestEnv::workbench();
    let target = t.write(
        "dotfiles/aws-config",
        "[profile keep]\nregion = eu-west-1\n",
    );
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::os::unix::fs::chown(&target, Some(1001), Some(1001)).unwrap();
    let link = t.path("aws/config");
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    t.set("AWS_CONFIG_FILE", link.to_str().unwrap());
    t.run(&["configure"]).assert_ok();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    let meta = std::fs::metadata(&target).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid(), meta.mode() & 0o777),
        (1001, 1001, 0o600)
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with("[profile keep]\nregion = eu-west-1\n\n[default]\ncredential_process = "),
        "{text}"
    );
}

#[test]
fn cache_clear_removes_only_the_caches_own_files() {
    let mut t = TestEnv::workbench();
    let (_, moto) = workbench_with_moto();
    t.endpoint(&moto.url);
    let project = t.path("project");
    std::fs::create_dir_all(project.join("m.json")).unwrap();
    std::fs::set_permissions(&project, std::fs::Permissions::from_mode(0o700)).unwrap();
    t.write("project/package.json", "{}");
    t.set("OC_ROLE_ASSUME_CACHE_DIR", project.to_str().unwrap());
    t.run(&[]).assert_ok();
    let run = t.run(&["cache", "clear"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        format!("removed 2 files from {}\n", project.display())
    );
    let mut left: Vec<String> = std::fs::read_dir(&project)
        .unwrap()
        .map(|d| d.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["m.json", "package.json"]);
}

#[test]
fn a_sigkilled_wrapper_takes_its_child_with_it() {
    let (t, _moto) = workbench_with_moto();
    let mut wrapper = t.spawn(&[
        "exec",
        "--server",
        "--",
        "sh",
        "-c",
        "echo $$; exec sleep 60",
    ]);
    let pid = crate::harness::first_line(&mut wrapper);
    let status = format!("/proc/{}/status", pid.trim());
    assert!(
        std::fs::read_to_string(&status).is_ok(),
        "child alive first"
    );
    wrapper.kill().unwrap();
    let _ = wrapper.wait();
    let gone = || std::fs::read_to_string(&status).map_or(true, |s| s.contains("State:\tZ"));
    crate::harness::wait_until(
        "the child went with the wrapper",
        Duration::from_secs(5),
        gone,
    );
}
