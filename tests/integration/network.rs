//! A locked-down corporate cluster: STS only through the egress proxy (with a password), its
//! certificate from a corporate CA, the Kubernetes API and the `exec --server` endpoint never
//! proxied, and every way that goes wrong named with its fix. All of it on 127.0.0.1: the proxy
//! alone knows where `sts.corp.test` is.

use std::path::PathBuf;

use crate::harness::kube::FakeKube;
use crate::harness::moto::Moto;
use crate::harness::proxy::Proxy;
use crate::harness::tls_front::TlsFront;
use crate::harness::{TestEnv, chains, venv, workbench_in_cluster, workbench_with_moto};

const STS: &str = "https://sts.corp.test";
/// The proxy password, and as it is written in a URL.
const PASSWORD: &str = "p@ss:w0rd";
const PASSWORD_IN_URL: &str = "p%40ss%3Aw0rd";

/// A workbench in a cluster whose STS is `https://sts.corp.test`: a name only the proxy resolves
/// (to a TLS front for moto whose certificate a corporate CA signed), and a proxy that wants
/// `alice`'s password. `HTTPS_PROXY` is set, `NO_PROXY` is not; no root trusts the CA yet.
struct Corp {
    t: TestEnv,
    moto: Moto,
    kube: FakeKube,
    front: TlsFront,
    proxy: Proxy,
    ca: PathBuf,
}

fn corporate_cluster() -> Corp {
    let (mut t, moto, kube) = workbench_in_cluster();
    let front = TlsFront::start(&moto.url, &["sts.corp.test"]);
    let proxy = Proxy::start();
    proxy
        .require("alice", PASSWORD)
        .map("sts.corp.test", front.port);
    t.set("AWS_ENDPOINT_URL_STS", STS);
    t.set(
        "HTTPS_PROXY",
        &proxy.url(Some(&format!("alice:{PASSWORD_IN_URL}"))),
    );
    let ca = front.write_ca(t.dir.path());
    Corp {
        t,
        moto,
        kube,
        front,
        proxy,
        ca,
    }
}

fn pod_reads(kube: &FakeKube) -> usize {
    kube.requests()
        .iter()
        .filter(|r| r.starts_with("GET /api/v1/namespaces/fraud-detection/pods/"))
        .count()
}

#[test]
fn sts_goes_through_the_authenticated_proxy_trusting_the_corporate_ca_and_the_api_goes_direct() {
    let Corp {
        mut t,
        moto,
        kube,
        front,
        proxy,
        ca,
    } = corporate_cluster();
    let ca = ca.to_str().unwrap().to_owned();
    // The corporate CA, trusted three ways botocore knows: SSL_CERT_FILE (what the platform sets),
    // AWS_CA_BUNDLE, and the profile's ca_bundle.
    let check = |t: &TestEnv, n: usize, way: &str| {
        let run = t.run(&["--no-cache"]);
        run.assert_ok();
        assert!(run.json()["AccessKeyId"].is_string(), "{way}: {run:?}");
        assert_eq!(chains(&moto), (n, n), "{way}");
        assert_eq!(pod_reads(&kube), n, "{way}: the API was asked directly");
    };
    t.set("SSL_CERT_FILE", &ca);
    check(&t, 1, "SSL_CERT_FILE");
    t.unset("SSL_CERT_FILE").set("AWS_CA_BUNDLE", &ca);
    check(&t, 2, "AWS_CA_BUNDLE");
    t.unset("AWS_CA_BUNDLE");
    t.write("aws-config", &format!("[default]\nca_bundle = {ca}\n"));
    check(&t, 3, "the profile's ca_bundle");
    // Every request the proxy saw was a tunnel to STS: none to the API server, none refused.
    let log = proxy.log();
    assert!(log.len() >= 6, "{log:?}");
    assert!(
        log.iter().all(|l| l == "CONNECT sts.corp.test:443 200"),
        "{log:?}"
    );
    assert_eq!(front.handshakes(), log.len());
}

#[test]
fn the_kubernetes_api_is_never_proxied_whatever_the_environment_says() {
    let (mut t, _moto, kube) = workbench_in_cluster();
    let proxy = Proxy::start();
    for var in ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "ALL_PROXY"] {
        t.set(var, &proxy.url(None));
    }
    // Nor is its trust the environment's: a bundle of nothing in SSL_CERT_FILE does not matter.
    let nothing = t.write("empty.pem", "");
    t.set("SSL_CERT_FILE", nothing.to_str().unwrap());
    let run = t.run(&["whoami", "--json"]);
    run.assert_ok();
    assert_eq!(
        run.json()["source"],
        "pod annotation opendatahub.io/username",
        "{run:?}"
    );
    assert_eq!(pod_reads(&kube), 1);
    assert_eq!(proxy.log(), Vec::<String>::new());
}

#[test]
fn a_certificate_no_root_trusts_fails_after_one_handshake_and_names_the_bundle_settings() {
    let Corp {
        t,
        moto: _moto,
        kube: _kube,
        front,
        proxy,
        ..
    } = corporate_cluster();
    t.run(&["--no-cache"]).assert_error(
        4,
        "oc-role-assume: error: cannot trust STS at https://sts.corp.test for AssumeRoleWithWebIdentity: \
         invalid peer certificate: UnknownIssuer\n\
         hint: if a corporate CA signed it (a TLS-inspecting proxy, a private endpoint), trust that CA: \
         point SSL_CERT_FILE or AWS_CA_BUNDLE at a PEM bundle that holds it \
         (on OpenShift AI the cluster's trusted bundle is mounted at /etc/pki/tls/custom-certs/ca-bundle.crt)\n",
    );
    assert_eq!(front.handshakes(), 1, "no retry");
    assert_eq!(proxy.log(), ["CONNECT sts.corp.test:443 200"]);
}

#[test]
fn a_proxy_that_refuses_the_password_is_an_sts_error_that_never_shows_it() {
    let Corp {
        mut t,
        moto,
        kube: _kube,
        front: _front,
        proxy,
        ca,
    } = corporate_cluster();
    t.set("AWS_CA_BUNDLE", ca.to_str().unwrap());
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    t.set("HTTPS_PROXY", &proxy.url(Some("alice:wrong%21secret")));
    let run = t.run(&["--no-cache"]);
    run.assert_error(
        4,
        &format!(
            "oc-role-assume: error: the proxy {proxy_url} (HTTPS_PROXY) refused the credentials for STS \
             (407 Proxy Authentication Required)\n\
             hint: put the proxy's user and password in HTTPS_PROXY as http://user:password@host:port \
             (percent-encode @, : and % in them)\n"
        ),
    );
    assert!(!run.stderr.contains("wrong"));
    assert_eq!(proxy.log(), ["CONNECT sts.corp.test:443 407"], "no retry");

    t.set("HTTPS_PROXY", &proxy_url);
    t.run(&["--no-cache"]).assert_error(
        4,
        &format!(
            "oc-role-assume: error: the proxy {proxy_url} (HTTPS_PROXY) wants credentials for STS, and none are set \
             (407 Proxy Authentication Required)\n\
             hint: put the proxy's user and password in HTTPS_PROXY as http://user:password@host:port \
             (percent-encode @, : and % in them)\n"
        ),
    );

    // Plain http to this machine goes through HTTP_PROXY, and its 407 is the answer itself.
    t.set("AWS_ENDPOINT_URL_STS", &moto.url)
        .set("HTTP_PROXY", &proxy_url);
    let run = t.run(&["--no-cache"]);
    assert!(
        run.stderr.starts_with(&format!(
            "oc-role-assume: error: the proxy {proxy_url} (HTTP_PROXY) wants credentials for STS"
        )),
        "{run:?}"
    );
    t.set(
        "HTTP_PROXY",
        &proxy.url(Some(&format!("alice:{PASSWORD_IN_URL}"))),
    );
    t.run(&["--no-cache"]).assert_ok();
    assert!(
        proxy
            .log()
            .iter()
            .any(|l| l.starts_with(&format!("POST {}/ 200", moto.url))),
        "{:?}",
        proxy.log()
    );
}

#[test]
fn an_unusable_ca_bundle_is_a_configuration_error_naming_its_setting() {
    let Corp {
        mut t,
        moto: _moto,
        kube: _kube,
        front: _front,
        proxy,
        ..
    } = corporate_cluster();
    let missing = t.path("nowhere/ca.pem");
    let not_pem = t.write("not-a-bundle.pem", "see https://wiki.corp.test/ca\n");
    let hint = "(on OpenShift AI the cluster's trusted bundle is mounted at /etc/pki/tls/custom-certs/ca-bundle.crt), or unset it\n";
    t.set("AWS_CA_BUNDLE", missing.to_str().unwrap());
    t.run(&["--no-cache"]).assert_error(
        2,
        &format!(
            "oc-role-assume: error: AWS_CA_BUNDLE names {}, which does not exist\n\
             hint: point AWS_CA_BUNDLE at a PEM file of the CA certificates to trust {hint}",
            missing.display()
        ),
    );
    t.set("AWS_CA_BUNDLE", not_pem.to_str().unwrap());
    t.run(&["--no-cache"]).assert_error(
        2,
        &format!(
            "oc-role-assume: error: AWS_CA_BUNDLE {} holds no PEM CA certificate\n\
             hint: point AWS_CA_BUNDLE at a PEM file of the CA certificates to trust {hint}",
            not_pem.display()
        ),
    );
    t.unset("AWS_CA_BUNDLE");
    t.write(
        "aws-config",
        "[default]\nca_bundle = /etc/pki/tls/custom-certs/missing.crt\n",
    );
    let config = t.path("aws-config");
    let origin = format!("ca_bundle of profile default in {}", config.display());
    t.run(&["--no-cache"]).assert_error(
        2,
        &format!(
            "oc-role-assume: error: {origin} names /etc/pki/tls/custom-certs/missing.crt, which does not exist\n\
             hint: point {origin} at a PEM file of the CA certificates to trust {hint}"
        ),
    );
    t.unset("AWS_CONFIG_FILE")
        .set("SSL_CERT_FILE", not_pem.to_str().unwrap());
    let run = t.run(&["--no-cache"]);
    run.assert_one_error(2);
    assert!(
        run.stderr.starts_with(&format!(
            "oc-role-assume: error: SSL_CERT_FILE {} holds no PEM CA certificate\n",
            not_pem.display()
        )),
        "{run:?}"
    );
    assert_eq!(proxy.log(), Vec::<String>::new(), "checked before any call");
}

#[test]
fn an_unreachable_sts_hints_at_the_proxy_variables_or_at_the_proxy_in_use() {
    // No proxy variable, and the name resolves nowhere (no network at all: nothing leaves).
    let mut t = TestEnv::workbench();
    t.set("AWS_ENDPOINT_URL_STS", STS);
    let run = t.run_under(&["unshare", "--net"], &["--no-cache", "--timeout", "3"]);
    let (error, hint) = run.assert_one_error(4);
    assert!(
        error.starts_with(
            "oc-role-assume: error: cannot reach STS at https://sts.corp.test for AssumeRoleWithWebIdentity: "
        ),
        "{run:?}"
    );
    assert_eq!(
        hint,
        "no proxy variable is set: if the cluster's egress goes through a proxy, set HTTPS_PROXY and NO_PROXY \
         (an admin can inject them into every workbench with the notebook controller's INJECT_CLUSTER_PROXY_ENV); \
         AWS_ENDPOINT_URL_STS overrides the endpoint (AWS_ENDPOINT_URL is not used for STS)"
    );

    // A proxy that is not there: the error and the hint name it, without its password.
    let refusing = crate::harness::RefusingPort::new();
    let closed = refusing.port;
    t.set(
        "HTTPS_PROXY",
        &format!("http://alice:{PASSWORD_IN_URL}@127.0.0.1:{closed}"),
    );
    t.run(&["--no-cache"]).assert_error(
        4,
        &format!(
            "oc-role-assume: error: cannot reach STS at https://sts.corp.test through the proxy \
             http://127.0.0.1:{closed} (HTTPS_PROXY) for AssumeRoleWithWebIdentity: Connection refused (os error 111)\n\
             hint: check that HTTPS_PROXY names the cluster's egress proxy and that the pod can reach it\n"
        ),
    );

    // A proxy that cannot reach the host: it will not open the tunnel.
    let proxy = Proxy::start();
    t.set("https_proxy", &proxy.url(None));
    t.run(&["--no-cache"]).assert_error(
        4,
        &format!(
            "oc-role-assume: error: the proxy http://127.0.0.1:{} (https_proxy) would not open a tunnel \
             to STS at https://sts.corp.test for AssumeRoleWithWebIdentity\n\
             hint: the proxy must allow CONNECT to the STS host; if the pod reaches STS directly, add the host to NO_PROXY\n",
            proxy.port
        ),
    );

    // NO_PROXY sends STS direct, past the proxy, to an endpoint that refuses: the hint says so.
    t.set(
        "AWS_ENDPOINT_URL_STS",
        &format!("https://127.0.0.1:{closed}"),
    );
    t.set("NO_PROXY", "localhost, 127.0.0.0/8");
    let before = proxy.log().len();
    let run = t.run(&["--no-cache"]);
    let (_, hint) = run.assert_one_error(4);
    assert_eq!(
        hint,
        format!(
            "NO_PROXY matches the STS host, so STS calls skip the proxy http://127.0.0.1:{} (https_proxy): \
             take the host out of NO_PROXY if the pod cannot reach STS directly",
            proxy.port
        )
    );
    assert_eq!(proxy.log().len(), before, "the proxy was skipped");
}

/// `doctor --json` as (step, status, detail, hint) for the network steps.
fn network_steps(t: &TestEnv) -> Vec<(String, String, String, String)> {
    let run = t.run(&["doctor", "--json"]);
    let steps: Vec<serde_json::Value> =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    steps
        .iter()
        .filter(|s| ["proxy", "trust", "STS handshake"].contains(&s["step"].as_str().unwrap()))
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap_or_default().to_owned();
            (text("step"), text("status"), text("detail"), text("hint"))
        })
        .collect()
}

#[test]
fn doctor_shows_the_proxy_and_the_roots_and_shakes_hands_with_sts_that_way() {
    let Corp {
        mut t,
        moto: _moto,
        kube: _kube,
        front,
        proxy,
        ca,
    } = corporate_cluster();
    t.set("AWS_CA_BUNDLE", ca.to_str().unwrap());
    let proxy_url = format!("http://127.0.0.1:{}", proxy.port);
    let steps = network_steps(&t);
    assert_eq!(
        steps[..2],
        [
            (
                "proxy".into(),
                "PASS".into(),
                format!("{proxy_url} (HTTPS_PROXY) for https://sts.corp.test"),
                String::new()
            ),
            (
                "trust".into(),
                "PASS".into(),
                format!(
                    "the system store + AWS_CA_BUNDLE {} (1 certificate)",
                    ca.display()
                ),
                String::new()
            ),
        ]
    );
    let (_, status, detail, _) = &steps[2];
    assert_eq!(status, "PASS", "{steps:?}");
    assert!(
        detail.starts_with("TLS with https://sts.corp.test through HTTPS_PROXY verified (HTTP "),
        "{detail}"
    );
    let handshakes = front.handshakes();
    assert!(handshakes >= 3, "Base, Target, and the handshake step");

    // Without the CA: the handshake step fails the way the STS calls would, after one handshake.
    t.unset("AWS_CA_BUNDLE");
    let steps = network_steps(&t);
    assert_eq!(steps[2].1, "FAIL", "{steps:?}");
    assert_eq!(
        steps[2].2,
        "cannot trust STS at https://sts.corp.test: invalid peer certificate: UnknownIssuer"
    );
    assert!(steps[2].3.contains("AWS_CA_BUNDLE"), "{steps:?}");
    assert_eq!(
        front.handshakes(),
        handshakes + 2,
        "Base role and the handshake step, once each"
    );

    // NO_PROXY covering the host: direct.
    t.set("NO_PROXY", ".corp.test");
    assert_eq!(
        network_steps(&t)[0].2,
        "direct (NO_PROXY) to https://sts.corp.test"
    );
}

#[test]
fn doctor_says_when_sts_is_unreachable_directly_and_the_pod_has_no_proxy_variables() {
    let mut t = TestEnv::workbench();
    t.set("AWS_ENDPOINT_URL_STS", STS);
    let run = t.run_under(
        &["unshare", "--net"],
        &["doctor", "--json", "--timeout", "3"],
    );
    let steps: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let find = |name: &str| steps.iter().find(|s| s["step"] == name).unwrap().clone();
    assert_eq!(find("proxy")["detail"], "direct to https://sts.corp.test");
    assert_eq!(find("trust")["detail"], "the system store");
    let handshake = find("STS handshake");
    assert_eq!(handshake["status"], "FAIL");
    assert!(
        handshake["hint"]
            .as_str()
            .unwrap()
            .starts_with("no proxy variable is set: if the cluster's egress goes through a proxy, set HTTPS_PROXY and NO_PROXY (an admin can inject them into every workbench with the notebook controller's INJECT_CLUSTER_PROXY_ENV)"),
        "{handshake}"
    );
}

#[test]
fn exec_server_keeps_the_endpoint_and_its_token_off_the_proxy() {
    let (mut t, moto) = workbench_with_moto();
    let proxy = Proxy::start();
    t.set("HTTP_PROXY", &proxy.url(None));
    // A client that honours HTTP_PROXY for the endpoint (Python's urllib does; boto3's container
    // provider does not): without NO_PROXY it sends the bearer token to the proxy.
    let fetch = "import json, os, urllib.request\n\
                 req = urllib.request.Request(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], headers={'Authorization': os.environ['AWS_CONTAINER_AUTHORIZATION_TOKEN']})\n\
                 c = json.load(urllib.request.urlopen(req, timeout=10))\n\
                 print(os.environ['AWS_CONTAINER_CREDENTIALS_FULL_URI'], c['AccessKeyId'], os.environ.get('NO_PROXY', '-'), os.environ.get('no_proxy', '-'))\n";
    let python = venv().join("bin/python");
    let run = t.run_with_venv(&[
        "exec",
        "--server",
        "--",
        python.to_str().unwrap(),
        "-c",
        fetch,
    ]);
    run.assert_ok();
    let words: Vec<&str> = run.stdout.split_whitespace().collect();
    let [endpoint, key, no_proxy, lower] = words[..] else {
        panic!("{run:?}")
    };
    assert!(key.starts_with("ASIA"), "{run:?}");
    let authority = endpoint
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap();
    let log = proxy.log();
    assert!(
        !log.iter().any(|l| l.contains(authority)),
        "the endpoint went through the proxy: {log:?}"
    );
    assert_eq!(
        (no_proxy, lower),
        ("127.0.0.1,localhost", "127.0.0.1,localhost")
    );
    // The helper's own STS calls (plain http to moto) did go through it, as HTTP_PROXY says.
    let moto_authority = moto.url.trim_start_matches("http://");
    assert!(
        log.iter()
            .any(|l| l.starts_with(&format!("POST http://{moto_authority}/"))),
        "{log:?}"
    );
    assert_eq!(chains(&moto), (1, 1));

    // The same client, outside exec and without NO_PROXY, does use the proxy for loopback URLs.
    let control = format!(
        "import urllib.request\ntry: urllib.request.urlopen('http://{authority}/control', timeout=10)\nexcept Exception: pass\n"
    );
    t.python(&control);
    assert!(
        proxy
            .log()
            .iter()
            .any(|l| l == &format!("GET http://{authority}/control 200")),
        "{:?}",
        proxy.log()
    );
}
