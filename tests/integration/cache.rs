//! The cache: one chain for many processes, a warm call that touches no network, private files, and
//! entries that heal or degrade to no cache instead of failing.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::time::{Duration, Instant};

use crate::harness::front::Fault;
use crate::harness::{
    self, TestEnv, cache_dir, chains, workbench_in_cluster, workbench_with_front,
    workbench_with_moto,
};

/// The one entry file in the cache dir.
fn entry_file(t: &TestEnv) -> std::path::PathBuf {
    let entries: Vec<_> = std::fs::read_dir(cache_dir(t))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

#[test]
fn a_warm_call_makes_no_sts_and_no_kubernetes_request() {
    let (t, moto, kube) = workbench_in_cluster();
    let first = t.run(&[]);
    first.assert_ok();
    let (sts_before, kube_before) = (moto.requests().len(), kube.requests().len());
    assert_eq!((sts_before, kube_before), (2, 1));
    for _ in 0..3 {
        let again = t.run(&[]);
        again.assert_ok();
        assert_eq!(again.stdout, first.stdout, "served from the cache");
        assert_eq!(again.stderr, "");
    }
    assert_eq!(
        moto.requests().len(),
        sts_before,
        "no STS request when warm"
    );
    assert_eq!(
        kube.requests().len(),
        kube_before,
        "no Kubernetes request when warm"
    );
}

#[test]
fn a_stampede_of_48_processes_makes_one_chain_and_48_identical_outputs() {
    let (t, moto, front) = workbench_with_front();
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::Delay(std::time::Duration::from_millis(800)),
        None,
    );
    let children: Vec<_> = (0..48)
        .map(|_| {
            let mut cmd = std::process::Command::new(harness::bin());
            cmd.env_clear()
                .envs(&t.env)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, outputs[0].stdout);
    }
    assert_eq!(chains(&moto), (1, 1));
}

#[test]
fn a_900_second_session_makes_one_chain_for_twenty_calls() {
    let (mut t, moto) = workbench_with_moto();
    // The default margin is at most half the session: 450 s of a 900-s session is served.
    t.set("OC_ROLE_ASSUME_DURATION", "900");
    for _ in 0..20 {
        let run = t.run(&[]);
        run.assert_ok();
        assert_eq!(run.stderr, "");
    }
    assert_eq!(chains(&moto), (1, 1));
    // A margin given that leaves nothing servable is honoured, with a warning naming both settings.
    t.set("OC_ROLE_ASSUME_MIN_REMAINING", "1200");
    let run = t.run(&[]);
    run.assert_ok();
    assert_eq!(
        run.stderr,
        "oc-role-assume: warning: --min-remaining 1200 is not less than --duration 900: no cached entry is served, \
         so every call makes both STS calls; lower OC_ROLE_ASSUME_MIN_REMAINING or unset it (the default is at most half the session)\n"
    );
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn min_remaining_decides_when_an_entry_is_too_old_to_serve() {
    let (t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    t.run(&["--min-remaining", "3000"]).assert_ok();
    assert_eq!(chains(&moto), (1, 1), "about 3600 s left: served");
    t.run(&["--min-remaining", "3600"]).assert_ok();
    assert_eq!(chains(&moto), (2, 2), "less than 3600 s left: refreshed");
}

#[test]
fn another_user_role_or_tag_set_gets_its_own_entry() {
    let (mut t, moto) = workbench_with_moto();
    let alice = t.run(&[]).assert_ok().stdout.clone();
    t.set("RHOAI_USER", "bob");
    let bob = t.run(&[]).assert_ok().stdout.clone();
    assert_ne!(alice, bob);
    t.run(&["--tag", "team=fraud"]).assert_ok();
    t.run(&["--target-role-arn", "arn:aws:iam::123456789012:role/Other"])
        .assert_ok();
    assert_eq!(chains(&moto), (4, 4));
    t.set("RHOAI_USER", "alice@example.com");
    assert_eq!(
        t.run(&[]).assert_ok().stdout,
        alice,
        "alice's entry is still hers"
    );
    assert_eq!(chains(&moto), (4, 4));
}

#[test]
fn the_token_is_not_part_of_the_key_and_never_written_to_the_cache() {
    let (t, moto) = workbench_with_moto();
    let token = std::fs::read_to_string(t.path("token")).unwrap();
    let first = t.run(&[]).assert_ok().stdout.clone();
    t.write(
        "token",
        &harness::jwt(r#"{"sub":"system:serviceaccount:ns:rotated"}"#),
    );
    assert_eq!(t.run(&[]).assert_ok().stdout, first);
    assert_eq!(chains(&moto), (1, 1));
    let entry = std::fs::read_to_string(entry_file(&t)).unwrap();
    assert!(!entry.contains(&token) && !entry.contains(token.split('.').nth(1).unwrap()));
}

#[test]
fn corrupt_truncated_empty_and_wrong_version_entries_heal() {
    let (t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let path = entry_file(&t);
    let good = std::fs::read_to_string(&path).unwrap();
    let damaged = [
        String::new(),
        good[..good.len() / 2].to_owned(),
        "{not json".to_owned(),
        good.replacen("\"version\":3", "\"version\":99", 1),
    ];
    for (n, bad) in damaged.iter().enumerate() {
        std::fs::write(&path, bad).unwrap();
        let run = t.run(&[]);
        run.assert_ok();
        assert_eq!(run.stderr, "");
        assert_eq!(chains(&moto), (n + 2, n + 2), "damaged entry {n} is a miss");
        let healed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(healed["version"], 3);
    }
}

#[test]
fn the_cache_dir_is_0700_and_its_files_0600() {
    let (t, _moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache_dir(&t)), 0o700);
    for dirent in std::fs::read_dir(cache_dir(&t)).unwrap() {
        let path = dirent.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn a_group_writable_or_foreign_cache_dir_is_refused_with_a_warning_and_credentials_still_work() {
    let (t, moto) = workbench_with_moto();
    let dir = cache_dir(&t);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o775)).unwrap();
    let run = t.run(&[]);
    run.assert_ok();
    assert_eq!(
        run.stderr,
        format!(
            "oc-role-assume: warning: not caching credentials: cache dir {}: it is writable by group or others \
             (mode 775); fix it or set OC_ROLE_ASSUME_CACHE_DIR\n",
            dir.display()
        )
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().next().is_none(),
        "nothing written to an untrusted dir"
    );

    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    let me = std::fs::metadata(t.dir.path()).unwrap().uid();
    std::os::unix::fs::chown(&dir, Some(me + 4242), None).unwrap();
    // Named (a default dir of another UID's makes way for a per-UID one instead:
    // a_second_uid_on_the_same_home_gets_its_own_private_cache).
    let run = t
        .clone_with("OC_ROLE_ASSUME_CACHE_DIR", dir.to_str().unwrap())
        .run(&[]);
    run.assert_ok();
    assert!(
        run.stderr
            .contains(&format!("it is owned by uid {}, not by you", me + 4242)),
        "{run:?}"
    );
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn an_unusable_cache_dir_degrades_to_no_cache() {
    let (mut t, moto) = workbench_with_moto();
    let file = t.write("not-a-dir", "x");
    t.set(
        "OC_ROLE_ASSUME_CACHE_DIR",
        file.join("cache").to_str().unwrap(),
    );
    for _ in 0..2 {
        let run = t.run(&[]);
        run.assert_ok();
        assert!(
            run.stderr
                .starts_with("oc-role-assume: warning: not caching credentials: cache dir "),
            "{run:?}"
        );
        assert_eq!(run.stderr.lines().count(), 1);
    }
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn a_process_killed_mid_write_leaves_the_old_entry_whole_and_the_next_call_heals() {
    let (mut t, moto) = workbench_with_moto();
    t.run(&[]).assert_ok();
    let path = entry_file(&t);
    let before = std::fs::read(&path).unwrap();
    // Force a refresh and pause it halfway through writing the new entry (debug-build hook).
    t.set("OC_ROLE_ASSUME_TEST_WRITE_PAUSE_MS", "30000");
    let mut cmd = std::process::Command::new(harness::bin());
    cmd.env_clear()
        .envs(&t.env)
        .args(["--min-remaining", "3600"]);
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let tmp = path.with_extension("tmp");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::fs::metadata(&tmp).map_or(0, |m| m.len()) == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the write never started"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the entry is untouched by the torn write"
    );
    t.unset("OC_ROLE_ASSUME_TEST_WRITE_PAUSE_MS");
    t.run(&["--min-remaining", "3600"]).assert_ok();
    assert_eq!(chains(&moto), (3, 3));
    assert!(!tmp.exists(), "the torn temp file was replaced and renamed");
    let entry: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(entry["version"], 3);
}

#[test]
fn cache_path_and_clear() {
    let (mut t, moto) = workbench_with_moto();
    let path = t.run(&["cache", "path"]);
    path.assert_ok();
    assert_eq!(path.stdout, format!("{}\n", cache_dir(&t).display()));
    t.run(&[]).assert_ok();
    let clear = t.run(&["cache", "clear"]);
    clear.assert_ok();
    assert_eq!(
        clear.stdout,
        format!("removed 2 files from {}\n", cache_dir(&t).display())
    );
    t.run(&[]).assert_ok();
    assert_eq!(chains(&moto), (2, 2), "cleared: the next call fetches");
    let xdg = t.path("xdg-cache");
    t.set("XDG_CACHE_HOME", xdg.to_str().unwrap());
    assert_eq!(
        t.run(&["cache", "path"]).stdout,
        format!("{}\n", xdg.join("oc-role-assume").display())
    );
}

#[test]
fn no_cache_neither_reads_nor_writes() {
    let (t, moto) = workbench_with_moto();
    t.run(&["--no-cache"]).assert_ok();
    t.run(&["--no-cache"]).assert_ok();
    assert_eq!(chains(&moto), (2, 2));
    assert!(!cache_dir(&t).exists());
}

#[test]
fn without_home_the_cache_goes_under_the_runtime_dir_or_a_per_user_temp_dir() {
    let mut t = TestEnv::bare();
    t.unset("HOME").set("XDG_RUNTIME_DIR", "/run/user/4242");
    let path = |t: &TestEnv| t.run(&["cache", "path"]).assert_ok().stdout.clone();
    assert_eq!(path(&t), "/run/user/4242/oc-role-assume\n");
    t.unset("XDG_RUNTIME_DIR");
    let uid = std::fs::metadata("/proc/self").unwrap().uid();
    assert_eq!(path(&t), format!("/tmp/oc-role-assume-{uid}\n"));
}

#[test]
fn a_call_in_the_refresh_window_returns_at_once_and_one_renewal_follows_off_its_path() {
    let (t, moto, front) = harness::workbench_with_front();
    let first = t.run(&[]).assert_ok().json();
    assert_eq!(chains(&moto), (1, 1));
    // STS now takes 2 s to answer; the entry (an hour left) is inside a 3600 s refresh window.
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::Delay(Duration::from_secs(2)),
        None,
    );
    let start = Instant::now();
    let callers: Vec<_> = (0..5)
        .map(|_| {
            t.command_for(&["--refresh-ahead", "3600"])
                .stdout(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for caller in callers {
        let out = caller.wait_with_output().unwrap();
        assert!(out.status.success());
        let served: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            served["AccessKeyId"], first["AccessKeyId"],
            "served the cached entry"
        );
    }
    let took = start.elapsed();
    assert!(
        took < Duration::from_millis(1500),
        "callers waited {took:?} for STS"
    );
    // The renewal runs detached: wait for the one new chain on the wire.
    let deadline = Instant::now() + Duration::from_secs(15);
    while chains(&moto) != (2, 2) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        chains(&moto),
        (2, 2),
        "exactly one renewal for five callers"
    );
    // Outside the window (the default 2400 s), the next call prints the renewed credentials.
    let next = t.run(&[]).assert_ok().json();
    assert_ne!(next["AccessKeyId"], first["AccessKeyId"]);
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(chains(&moto), (2, 2));
}

#[test]
fn a_renewal_that_keeps_failing_backs_off_and_the_entry_is_served_meanwhile() {
    let (t, moto, front) = harness::workbench_with_front();
    let first = t.run(&[]).assert_ok().json();
    assert_eq!(chains(&moto), (1, 1));
    // STS throttles every request from now on; the entry (an hour left) is inside the window.
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(400, "Throttling", "Rate exceeded"),
        None,
    );
    for _ in 0..30 {
        let served = t.run(&["--refresh-ahead", "3600"]).assert_ok().json();
        assert_eq!(served["AccessKeyId"], first["AccessKeyId"]);
        // Each call may start a detached renewal: let it reach STS before the next call.
        std::thread::sleep(Duration::from_millis(100));
    }
    let deadline = Instant::now() + Duration::from_secs(5);
    while front.count("AssumeRoleWithWebIdentity") < 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    // One renewal (the SDK's own retries of it included), then the pause the cache remembers.
    let attempts = front.count("AssumeRoleWithWebIdentity") - 1;
    eprintln!("30 calls in a failing refresh window: {attempts} web-identity requests");
    assert!(
        (1..=3).contains(&attempts),
        "30 calls in a failing window made {attempts} web-identity requests"
    );
    let fail = std::fs::read_dir(cache_dir(&t))
        .unwrap()
        .map(|d| d.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "fail"))
        .expect("the failure is remembered in the cache dir");
    assert_eq!(
        std::fs::metadata(&fail).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

fn set_mode(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn the_cache_in_a_group_shared_home_leaves_cache_to_the_group_and_keeps_itself_private() {
    let (t, _moto) = workbench_with_moto();
    let home = t.path("");
    set_mode(&home, 0o770);
    t.run(&[]).assert_ok();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().mode() & 0o777;
    assert_eq!(
        mode(&home.join(".cache")),
        0o770,
        "~/.cache follows the workbench home, for every UID in group 0"
    );
    let dir = cache_dir(&t);
    assert_eq!(mode(&dir), 0o700);
    let entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!entries.is_empty());
    for entry in entries {
        assert_eq!(mode(&entry), 0o600, "{}", entry.display());
    }
}

/// OpenShift runs a workbench as uid 1001 or as a random UID in group 0, on the same home volume.
#[test]
fn a_second_uid_on_the_same_home_gets_its_own_private_cache() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to give the first cache to another UID");
        return;
    }
    let (t, moto) = workbench_with_moto();
    let home = t.path("");
    set_mode(&home, 0o770);
    std::fs::create_dir_all(home.join(".cache/oc-role-assume")).unwrap();
    set_mode(&home.join(".cache"), 0o770);
    set_mode(&home.join(".cache/oc-role-assume"), 0o700);
    std::os::unix::fs::chown(home.join(".cache/oc-role-assume"), Some(1001), Some(0)).unwrap();
    let run = t.run(&[]);
    run.assert_ok();
    assert_eq!(
        run.stderr, "",
        "no warning: this UID has a cache of its own"
    );
    t.run(&[]).assert_ok();
    assert_eq!(
        chains(&moto),
        (1, 1),
        "the second call is served from that cache"
    );
    let own = home.join(".cache/oc-role-assume-0");
    let meta = std::fs::metadata(&own).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o777), (0, 0o700));
    let doctor = t.run(&["doctor"]);
    assert!(
        doctor.stdout.lines().any(|l| l.starts_with("PASS  cache ")
            && l.contains(".cache/oc-role-assume-0 is yours and private")),
        "{}",
        doctor.stdout
    );
}
