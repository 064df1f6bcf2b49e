//! Secrets: the token and the Base and Target credentials never reach stderr, other output, or any
//! file but the cache entry, on every command and error path.

use crate::harness::front::{Fault, Front};
use crate::harness::moto::Moto;
use crate::harness::{self, TestEnv, cache_dir, files_under};

#[test]
fn secrets_and_tokens_never_reach_stderr_logs_or_other_files() {
    let moto = Moto::start();
    let front = Front::start(&moto.url);
    let mut t = TestEnv::workbench();
    t.endpoint(&front.url);
    let claims = r#"{"sub":"system:serviceaccount:ns:sa","aud":["sts.amazonaws.com"],"canary":"TOKENCANARY0123456789"}"#;
    let token = harness::jwt(claims);
    t.write("token", &token);
    let answer = |op: &str, key: &str, secret: &str, session: &str| Fault::Respond {
        status: 200,
        body: format!(
            "<{op}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{op}Result><Credentials>\
             <AccessKeyId>{key}</AccessKeyId><SecretAccessKey>{secret}</SecretAccessKey>\
             <SessionToken>{session}</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>\
             </Credentials></{op}Result></{op}Response>"
        ),
    };
    let base = answer(
        "AssumeRoleWithWebIdentity",
        "ASIABASECANARY0001",
        "BASESECRETCANARY",
        "BASESESSIONCANARY",
    );
    let target = answer(
        "AssumeRole",
        "ASIATARGETCANARY01",
        "TARGETSECRETCANARY",
        "TARGETSESSIONCANARY",
    );
    front.inject("AssumeRoleWithWebIdentity", base, None);
    front.inject("AssumeRole", target, None);

    // Each run with the exit code that shows it got as far as the secrets: a command that stopped
    // before any existed would pass as "no leak".
    let expected: Vec<(&[&str], i32)> = vec![
        (&[], 0),
        (&[], 0),
        (&["whoami", "--json"], 0),
        (&["whoami", "--verify"], 0),
        // Every step runs; the AWS config step fails (no credential_process before `configure`).
        (&["doctor"], 1),
        (&["doctor", "--json"], 1),
        (&["exec", "--", "true"], 0),
        (&["exec", "--server", "--", "true"], 0),
        // Fails after the credentials were minted: the command does not exist.
        (&["--no-cache", "exec", "--", "/nonexistent/command"], 127),
        (
            &[
                "--no-cache",
                "exec",
                "--server",
                "--",
                "/nonexistent/command",
            ],
            127,
        ),
        (&["configure"], 0),
    ];
    let mut runs = Vec::new();
    for (args, code) in &expected {
        let before = front.count("AssumeRole");
        let run = t.run(args);
        assert_eq!(run.code, Some(*code), "{args:?}: {run:?}");
        if args.first() == Some(&"--no-cache") {
            assert_eq!(front.count("AssumeRole"), before + 1, "{args:?} minted");
        }
        runs.push(run);
    }
    // Error paths with the secrets in flight.
    front.clear();
    front.inject(
        "AssumeRoleWithWebIdentity",
        answer(
            "AssumeRoleWithWebIdentity",
            "ASIABASECANARY0001",
            "BASESECRETCANARY",
            "BASESESSIONCANARY",
        ),
        None,
    );
    front.inject(
        "AssumeRole",
        Fault::error(403, "AccessDenied", "denied"),
        None,
    );
    // The Base credentials are in flight when the Target call is refused.
    for args in [&["--no-cache"][..], &["--no-cache", "--timeout", "0.5"]] {
        let before = front.count("AssumeRole");
        let run = t.run(args);
        assert_eq!(run.code, Some(4), "{args:?}: {run:?}");
        assert_eq!(
            front.count("AssumeRole"),
            before + 1,
            "{args:?} signed with the Base keys"
        );
        runs.push(run);
    }
    front.inject(
        "AssumeRoleWithWebIdentity",
        Fault::error(400, "InvalidIdentityToken", "bad"),
        None,
    );
    let before = front.count("AssumeRoleWithWebIdentity");
    let run = t.run(&["--no-cache"]);
    assert_eq!(run.code, Some(4), "{run:?}");
    assert_eq!(
        front.count("AssumeRoleWithWebIdentity"),
        before + 1,
        "the token was sent"
    );
    runs.push(run);
    assert_eq!(
        runs[0].json()["SecretAccessKey"],
        "TARGETSECRETCANARY",
        "the canaries are in play"
    );

    let canaries = [
        "TOKENCANARY",
        "BASESECRETCANARY",
        "BASESESSIONCANARY",
        "TARGETSECRETCANARY",
        "TARGETSESSIONCANARY",
    ];
    let payload = token.split('.').nth(1).unwrap().to_owned();
    for run in &runs {
        run.assert_no_panic();
        for canary in canaries.iter().copied().chain([payload.as_str()]) {
            assert!(!run.stderr.contains(canary), "{canary} on stderr: {run:?}");
        }
    }
    for (i, run) in runs.iter().enumerate().skip(2) {
        // Only the credential output itself (runs 0 and 1) and exec's child may carry target secrets.
        for canary in [
            "BASESECRETCANARY",
            "BASESESSIONCANARY",
            "TARGETSECRETCANARY",
            "TARGETSESSIONCANARY",
            "TOKENCANARY",
        ] {
            assert!(
                !run.stdout.contains(canary),
                "run {i}: {canary} on stdout: {run:?}"
            );
        }
    }
    // Files: the cache entry holds the target credentials and nothing else does; nothing holds the
    // token or the Base credentials.
    let mut files = Vec::new();
    files_under(t.dir.path(), &mut files);
    for path in files.iter().filter(|p| !p.ends_with("token")) {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        for canary in [
            "TOKENCANARY",
            "BASESECRETCANARY",
            "BASESESSIONCANARY",
            payload.as_str(),
        ] {
            assert!(!text.contains(canary), "{canary} in {}", path.display());
        }
        let is_entry =
            path.extension().is_some_and(|e| e == "json") && path.starts_with(cache_dir(&t));
        if !is_entry {
            assert!(
                !text.contains("TARGETSECRETCANARY"),
                "target secret in {}",
                path.display()
            );
        }
    }
}
