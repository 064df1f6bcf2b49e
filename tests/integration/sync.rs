//! `oc-role-assume-admin sync`: each data-science project's Base role, label and grant kept in step
//! with the cluster, against moto's IAM (roles, paths, tags, inline policies, boundaries) and the
//! fake cluster API (namespaces by label selector, `openshift.io/requester`, the `Authentication`
//! object, server-side apply answered 403 where RBAC forbids it). IAM's state is read back with
//! boto3, not with the sync itself; a refused IAM call comes from the fault front before moto.

use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::harness::cluster::{FakeCluster, project_namespace};
use crate::harness::front::{Fault, Front};
use crate::harness::moto::Moto;
use crate::harness::{Run, TestEnv, venv};

const ACCOUNT: &str = "123456789012";
const BOUNDARY: &str = "oc-role-assume-base-boundary";

fn admin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_oc-role-assume-admin"))
}

/// An admin's shell: the kubeconfig `oc login` wrote, IAM credentials in the environment, IAM at
/// `iam_url`, and the sync's settings.
struct Admin {
    t: TestEnv,
    cluster: FakeCluster,
    moto: Moto,
}

impl Admin {
    fn new() -> Admin {
        let moto = Moto::start();
        let url = moto.url.clone();
        Admin::with_iam_at(moto, &url)
    }

    fn with_iam_at(moto: Moto, url: &str) -> Admin {
        let cluster = FakeCluster::start();
        let mut t = TestEnv::bare();
        let kubeconfig = cluster.kubeconfig(t.dir.path());
        t.set("KUBECONFIG", kubeconfig.to_str().unwrap())
            .set("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE")
            .set(
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            )
            .set("AWS_REGION", "us-east-1")
            .set("AWS_DEFAULT_REGION", "us-east-1")
            .set("AWS_ENDPOINT_URL", url)
            .set("OC_ROLE_ASSUME_SYNC_ACCOUNT_ID", ACCOUNT)
            .set(
                "OC_ROLE_ASSUME_SYNC_TARGET_ROLE_NAME",
                "DataScienceTargetRole",
            )
            .set("OC_ROLE_ASSUME_SYNC_PERMISSIONS_BOUNDARY", BOUNDARY);
        Admin { t, cluster, moto }
    }

    fn project(&self, name: &str, owner: &str) {
        self.cluster
            .put_namespace(project_namespace(name, Some(owner)));
    }

    fn sync(&self, args: &[&str]) -> Run {
        let mut all = vec!["sync"];
        all.extend_from_slice(args);
        self.t.run_program(admin(), &all)
    }

    /// `sync ARGS --json`, with its exit code checked.
    fn sync_json(&self, args: &[&str], code: i32) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let run = self.sync(&all);
        assert_eq!(run.code, Some(code), "{run:#?}");
        assert_eq!(run.stderr, "", "{run:#?}");
        run.json()
    }

    /// What boto3 reads from moto about a role: its path, `user` tag, trust, inline policy and
    /// boundary (`null` when it does not exist).
    fn role(&self, name: &str) -> Value {
        let code = format!(
            r#"
import boto3, json
iam = boto3.client("iam")
try:
    r = iam.get_role(RoleName={name:?})["Role"]
except iam.exceptions.NoSuchEntityException:
    print("null"); raise SystemExit
tags = {{t["Key"]: t["Value"] for t in r.get("Tags", [])}}
try:
    policy = iam.get_role_policy(RoleName={name:?}, PolicyName="chain-to-target")["PolicyDocument"]
except iam.exceptions.NoSuchEntityException:
    policy = None
print(json.dumps({{"path": r["Path"], "user": tags.get("user"), "trust": r["AssumeRolePolicyDocument"],
                  "policy": policy, "boundary": r.get("PermissionsBoundary", {{}}).get("PermissionsBoundaryArn")}}))
"#
        );
        let run = self.t.python(&code);
        run.assert_ok();
        run.json()
    }

    /// boto3 against moto: create a role under the Base path by hand (a stale or foreign one).
    fn boto3(&self, code: &str) {
        let code = format!("import boto3, json\niam = boto3.client('iam')\n{code}");
        self.t.python(&code).assert_ok();
    }
}

fn entry<'a>(report: &'a Value, list: &str, name: &str) -> &'a Value {
    report[list]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} not in {list}: {report:#}"))
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// rbac.yaml with `<NAMESPACE>` filled, as Python's YAML reader sees it.
fn rbac_yaml(ns: &str) -> Vec<Value> {
    let code = format!(
        "import json, yaml, pathlib\ntext = pathlib.Path({:?}).read_text().replace('<NAMESPACE>', {ns:?})\nprint(json.dumps(list(yaml.safe_load_all(text))))",
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("packaging/kubernetes/rbac.yaml")
            .display()
    );
    let out = std::process::Command::new(venv().join("bin/python"))
        .args(["-c", &code])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_new_project_is_planned_then_created_then_the_plan_is_clean() {
    let a = Admin::new();
    a.project("fraud-detection", "Alice.Smith@example.com");

    let plan = a.sync_json(&[], 3);
    let p = entry(&plan, "projects", "fraud-detection");
    assert_eq!(p["status"], "missing");
    assert_eq!(keys(&p["changes"]), ["create-role", "label", "grant"]);
    assert_eq!(
        p["role_arn"],
        "arn:aws:iam::123456789012:role/oc-role-assume/fraud-detection"
    );
    assert_eq!(plan["oidc_provider"], "oidc.example.test/cluster-1");
    assert_eq!(
        a.role("fraud-detection"),
        Value::Null,
        "plan changed nothing"
    );

    let applied = a.sync_json(&["apply"], 0);
    assert_eq!(
        entry(&applied, "projects", "fraud-detection")["status"],
        "applied"
    );

    let role = a.role("fraud-detection");
    assert_eq!(role["path"], "/oc-role-assume/");
    assert_eq!(role["user"], "Alice.Smith@example.com");
    assert_eq!(
        role["boundary"],
        format!("arn:aws:iam::{ACCOUNT}:policy/{BOUNDARY}")
    );
    let statement = &role["trust"]["Statement"][0];
    assert_eq!(
        statement["Principal"]["Federated"],
        "arn:aws:iam::123456789012:oidc-provider/oidc.example.test/cluster-1"
    );
    assert_eq!(
        statement["Condition"]["StringLike"]["oidc.example.test/cluster-1:sub"],
        "system:serviceaccount:fraud-detection:*"
    );
    assert_eq!(
        role["policy"]["Statement"][0]["Resource"],
        "arn:aws:iam::123456789012:role/DataScienceTargetRole"
    );

    // The label, then the grant: exactly rbac.yaml's Role and RoleBinding.
    let ns = a.cluster.namespace("fraud-detection").unwrap();
    assert_eq!(
        ns["metadata"]["labels"]["oc-role-assume/token-policy"],
        "enforce"
    );
    let requests = a.cluster.requests();
    let label_at = requests
        .iter()
        .position(|r| r.starts_with("PATCH /api/v1/namespaces/fraud-detection"))
        .unwrap();
    let grant_at = requests
        .iter()
        .position(|r| r.contains("/roles/oc-role-assume"))
        .unwrap();
    assert!(label_at < grant_at, "{requests:#?}");
    let want = rbac_yaml("fraud-detection");
    let role_obj = a
        .cluster
        .rbac("Role", "fraud-detection", "oc-role-assume")
        .unwrap();
    let binding = a
        .cluster
        .rbac("RoleBinding", "fraud-detection", "oc-role-assume")
        .unwrap();
    assert_eq!(role_obj["rules"], want[0]["rules"]);
    assert_eq!(binding["roleRef"], want[1]["roleRef"]);
    assert_eq!(binding["subjects"], want[1]["subjects"]);
    assert_eq!(
        role_obj["metadata"]["labels"],
        want[0]["metadata"]["labels"]
    );

    let clean = a.sync_json(&["check"], 0);
    assert_eq!(clean["in_sync"], true, "{clean:#}");
    let table = a.sync(&["plan"]);
    assert_eq!(table.code, Some(0), "{table:#?}");
    assert!(
        table
            .stdout
            .lines()
            .any(|l| l.starts_with("fraud-detection  Alice.Smith@example.com  in-sync")),
        "{}",
        table.stdout
    );
    assert_eq!(table.stdout.lines().last(), Some("1 project, 1 in-sync"));
}

#[test]
fn an_owner_change_is_shown_as_tag_drift_and_fixed() {
    let a = Admin::new();
    a.project("fraud-detection", "Alice.Smith@example.com");
    a.sync_json(&["apply"], 0);

    // The requester changes (an admin re-assigns the project); the namespace keeps its labels.
    let mut ns = a.cluster.namespace("fraud-detection").unwrap();
    ns["metadata"]["annotations"]["openshift.io/requester"] = "bob".into();
    a.cluster.put_namespace(ns);
    let table = a.sync(&[]);
    assert_eq!(table.code, Some(3), "{table:#?}");
    let line = table
        .stdout
        .lines()
        .find(|l| l.starts_with("fraud-detection"))
        .unwrap();
    assert!(
        line.contains("drift") && line.ends_with("tag user: Alice.Smith@example.com -> bob"),
        "{line}"
    );

    let applied = a.sync_json(&["apply"], 0);
    assert_eq!(
        keys(&entry(&applied, "projects", "fraud-detection")["done"]),
        ["tag-owner"]
    );
    assert_eq!(a.role("fraud-detection")["user"], "bob");
    a.sync_json(&[], 0);
}

#[test]
fn a_changed_trust_policy_or_boundary_is_drift_and_is_put_back() {
    let a = Admin::new();
    a.project("fraud-detection", "alice");
    a.sync_json(&["apply"], 0);
    a.boto3(
        r#"
trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": "sts:AssumeRole"}]}
iam.update_assume_role_policy(RoleName="fraud-detection", PolicyDocument=json.dumps(trust))
iam.put_role_policy(RoleName="fraud-detection", PolicyName="chain-to-target", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
iam.put_role_permissions_boundary(RoleName="fraud-detection", PermissionsBoundary="arn:aws:iam::123456789012:policy/Weaker")
"#,
    );
    let plan = a.sync_json(&[], 3);
    let p = entry(&plan, "projects", "fraud-detection");
    assert_eq!(
        keys(&p["changes"]),
        ["update-trust", "put-policy", "set-boundary"]
    );
    a.sync_json(&["apply"], 0);
    a.sync_json(&[], 0);
    let role = a.role("fraud-detection");
    assert_eq!(
        role["trust"]["Statement"][0]["Action"],
        "sts:AssumeRoleWithWebIdentity"
    );
    assert_eq!(
        role["boundary"],
        format!("arn:aws:iam::{ACCOUNT}:policy/{BOUNDARY}")
    );
}

#[test]
fn a_deleted_project_leaves_an_orphan_that_only_prune_deletes() {
    let a = Admin::new();
    a.project("fraud-detection", "alice");
    a.project("churn", "bob");
    a.sync_json(&["apply"], 0);
    // A role deeper under the path is not the sync's: never an orphan.
    a.boto3(r#"iam.create_role(Path="/oc-role-assume/other/", RoleName="deeper", AssumeRolePolicyDocument="{}")"#);

    a.cluster.delete_namespace("churn");
    let plan = a.sync_json(&[], 3);
    let orphan = entry(&plan, "orphans", "churn");
    assert_eq!(orphan["status"], "orphan");
    assert_eq!(keys(&orphan["changes"]), ["delete-role"]);
    assert_eq!(plan["orphans"].as_array().unwrap().len(), 1, "{plan:#}");
    assert_eq!(
        entry(&plan, "projects", "fraud-detection")["status"],
        "in-sync"
    );

    let kept = a.sync_json(&["apply"], 0);
    assert_eq!(entry(&kept, "orphans", "churn")["status"], "kept");
    assert_ne!(
        a.role("churn"),
        Value::Null,
        "apply without --prune deletes nothing"
    );

    let pruned = a.sync_json(&["apply", "--prune"], 0);
    assert_eq!(entry(&pruned, "orphans", "churn")["status"], "deleted");
    assert_eq!(a.role("churn"), Value::Null);
    assert_ne!(a.role("deeper"), Value::Null);
    a.sync_json(&[], 0);
}

#[test]
fn a_refused_iam_call_fails_that_project_and_the_others_are_applied() {
    let moto = Moto::start();
    let front = Front::start(&moto.url);
    let a = Admin::with_iam_at(moto, &front.url);
    for (ns, owner) in [("p1", "alice"), ("p2", "bob"), ("p3", "carol")] {
        a.project(ns, owner);
    }
    front.inject_where(
        "CreateRole",
        "RoleName",
        "p2",
        Fault::error(403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/oc-role-assume-sync/x is not authorized to perform: iam:CreateRole"),
    );
    let applied = a.sync_json(&["apply"], 5);
    let p2 = entry(&applied, "projects", "p2");
    assert_eq!(p2["status"], "failed");
    assert!(
        p2["error"].as_str().unwrap().starts_with("CreateRole: AccessDenied: User: arn:aws:sts::123456789012:assumed-role/oc-role-assume-sync/x is not authorized"),
        "{p2:#}"
    );
    assert!(keys(&p2["done"]).is_empty());
    for ns in ["p1", "p3"] {
        assert_eq!(entry(&applied, "projects", ns)["status"], "applied");
        assert_ne!(a.role(ns), Value::Null);
    }
    assert_eq!(a.role("p2"), Value::Null);
    assert!(
        a.cluster.rbac("Role", "p2", "oc-role-assume").is_none(),
        "no grant without the role"
    );

    let table = a.sync(&["apply"]);
    assert_eq!(table.code, Some(5));
    assert!(
        table
            .stdout
            .lines()
            .last()
            .unwrap()
            .ends_with("2 in-sync, 1 failed"),
        "{}",
        table.stdout
    );
    front.clear();
    a.sync_json(&["apply"], 0);
    a.sync_json(&[], 0);
}

#[test]
fn a_forbidden_grant_fails_that_project_after_its_label_and_the_others_are_granted() {
    let a = Admin::new();
    a.project("p1", "alice");
    a.project("p2", "bob");
    a.cluster.forbid_rbac("p2");
    let applied = a.sync_json(&["apply"], 5);
    let p2 = entry(&applied, "projects", "p2");
    assert_eq!(keys(&p2["done"]), ["create-role", "label"]);
    assert_eq!(
        p2["error"],
        "applying Role oc-role-assume: HTTP 403 Forbidden: roles.rbac.authorization.k8s.io \"oc-role-assume\" is forbidden: User \"system:serviceaccount:oc-role-assume-sync:oc-role-assume-sync\" cannot patch resource \"roles\" in API group \"rbac.authorization.k8s.io\" in the namespace \"p2\""
    );
    assert!(
        a.cluster
            .rbac("RoleBinding", "p1", "oc-role-assume")
            .is_some()
    );
    let plan = a.sync_json(&[], 3);
    assert_eq!(keys(&entry(&plan, "projects", "p2")["changes"]), ["grant"]);
}

#[test]
fn nothing_is_granted_while_the_token_policy_is_missing() {
    let a = Admin::new();
    a.project("p1", "alice");
    a.cluster.set_policy_installed(false);
    let applied = a.sync_json(&["apply"], 5);
    let p1 = entry(&applied, "projects", "p1");
    assert_eq!(keys(&p1["done"]), ["create-role"]);
    assert!(
        p1["error"].as_str().unwrap().starts_with("not labelled or granted: the ValidatingAdmissionPolicy oc-role-assume-own-sts-token is not installed"),
        "{p1:#}"
    );
    assert!(a.cluster.rbac("Role", "p1", "oc-role-assume").is_none());
    assert!(
        a.cluster.requests().iter().all(|r| !r.starts_with("PATCH")),
        "{:#?}",
        a.cluster.requests()
    );
    // The volume-based setups need no grant at all.
    a.sync_json(&["apply", "--no-rbac"], 0);
}

#[test]
fn a_project_without_a_usable_owner_is_reported_and_gets_no_role() {
    let a = Admin::new();
    a.cluster.put_namespace(project_namespace("nobody", None));
    a.project("quoted", "o'brien");
    a.project("fine", "alice");
    let applied = a.sync_json(&["apply"], 5);
    assert!(
        entry(&applied, "projects", "nobody")["error"]
            .as_str()
            .unwrap()
            .starts_with("no openshift.io/requester annotation")
    );
    assert_eq!(
        entry(&applied, "projects", "quoted")["error"],
        "the user name \"o'brien\" has '\\'', which a session tag cannot carry"
    );
    assert_eq!(a.role("nobody"), Value::Null);
    assert_eq!(a.role("quoted"), Value::Null);
    assert_ne!(a.role("fine"), Value::Null);
}

#[test]
fn named_projects_only_and_no_orphans_then() {
    let a = Admin::new();
    a.project("p1", "alice");
    a.project("p2", "bob");
    a.boto3(r#"iam.create_role(Path="/oc-role-assume/", RoleName="gone", AssumeRolePolicyDocument="{}")"#);
    let plan = a.sync_json(&["--namespace", "p2"], 3);
    assert_eq!(plan["projects"].as_array().unwrap().len(), 1);
    assert_eq!(plan["orphans"], serde_json::json!([]));
}

#[test]
fn bad_settings_stop_before_any_call() {
    let a = Admin::new();
    a.project("p1", "alice");
    let run = a.sync(&["--base-role-path", "oc-role-assume"]);
    run.assert_error(
        2,
        "oc-role-assume-admin: error: --base-role-path \"oc-role-assume\" is not an IAM path without its leading \"/\" and ending in \"/\" (e.g. oc-role-assume/)\nhint: without the trailing /, role/<path>* would also match role/<path>-evil/…\n",
    );
    let run = a.sync(&["--namespace", "Bad_Name"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    let run = a.sync(&["--account-id", "12345"]);
    assert_eq!(run.code, Some(2), "{run:#?}");
    assert!(
        run.stderr.starts_with(
            "oc-role-assume-admin: error: --account-id \"12345\" is not an AWS account id\n"
        ),
        "{run:#?}"
    );
    assert!(a.cluster.requests().is_empty());
    assert!(a.moto.requests().is_empty());
}

#[test]
fn pages_of_namespaces_and_roles_are_all_read() {
    // More than one page of namespaces (500) and of ListRoles (100).
    let a = Admin::new();
    let n = 520;
    for i in 0..n {
        a.project(&format!("p{i:04}"), &format!("user-{i}"));
    }
    let started = Instant::now();
    let applied = a.sync_json(&["apply", "--concurrency", "16"], 0);
    eprintln!(
        "apply of {n} projects: {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(applied["projects"].as_array().unwrap().len(), n);
    let started = Instant::now();
    let plan = a.sync_json(&["--concurrency", "16"], 0);
    eprintln!(
        "plan of {n} projects: {:.1}s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(plan["projects"].as_array().unwrap().len(), n);
    let pages = a
        .cluster
        .requests()
        .iter()
        .filter(|r| r.starts_with("GET /api/v1/namespaces?"))
        .count();
    assert_eq!(pages, 4, "two pages per run");
}

/// The README's number: `plan` over 1,000 projects, all in sync, against moto and the fake API.
/// `cargo test --test integration sync::plan_time -- --ignored --nocapture`
#[test]
#[ignore = "a measurement (about a minute): run it with --ignored"]
fn plan_time_for_1000_projects() {
    let a = Admin::new();
    for i in 0..1000 {
        a.project(&format!("project-{i:04}"), &format!("user-{i}@example.com"));
    }
    let started = Instant::now();
    a.sync_json(&["apply"], 0);
    let apply = started.elapsed();
    for concurrency in ["1", "8", "32"] {
        let started = Instant::now();
        let plan = a.sync_json(&["--concurrency", concurrency], 0);
        assert_eq!(plan["projects"].as_array().unwrap().len(), 1000);
        eprintln!(
            "plan, 1000 projects in sync, --concurrency {concurrency}: {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    eprintln!("apply, 1000 new projects: {:.1} s", apply.as_secs_f64());
}
