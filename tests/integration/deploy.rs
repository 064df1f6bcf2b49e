//! What `packaging/` deploys, tested against the platform's own shapes: every Notebook patch applied to
//! the Notebook the dashboard and the notebook controller really produce
//! (`tests/fixtures/dashboard-notebook.yaml`) must leave all of it whole and add what it says; the RBAC,
//! the admission policy and the project template must agree; the image's entrypoint must seed the AWS
//! config and start the right command.
//!
//! Patches are applied twice, by a small RFC 6902 `add` implementation here and, when `kubectl` is
//! installed, by `kubectl patch --local` (the real patch engine, offline, no kubeconfig), and the two
//! results must be equal. YAML is read by the test venv's Python (PyYAML), made by `tests/testenv.sh`.
//! The admission policy's CEL is evaluated in `tests/deploy/` (Python: cel-cpp and the Rust `cel`
//! crate, which must agree), and `apply-rbac.sh` is run there against a fake `oc`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use serde_json::{Value, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn kube_dir() -> PathBuf {
    root().join("packaging/kubernetes")
}

fn fixture_path() -> PathBuf {
    root().join("tests/fixtures/dashboard-notebook.yaml")
}

/// The test venv's Python (it has PyYAML: awscli depends on it).
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let out = Command::new("bash")
            .arg(root().join("tests/testenv.sh"))
            .stderr(Stdio::inherit())
            .output()
            .expect("run tests/testenv.sh");
        assert!(out.status.success(), "tests/testenv.sh failed");
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim()).join("bin/python")
    })
}

/// Every YAML document in a file, as JSON.
fn yaml_docs(path: &Path) -> Vec<Value> {
    let out = Command::new(python())
        .args([
            "-c",
            "import json, sys, yaml\n\
             json.dump([d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None], sys.stdout)",
        ])
        .arg(path)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn yaml_doc(path: &Path) -> Value {
    let mut docs = yaml_docs(path);
    assert_eq!(docs.len(), 1, "{}: one YAML document", path.display());
    docs.remove(0)
}

fn fixture() -> Value {
    yaml_doc(&fixture_path())
}

// ---------------------------------------------------------------------------------------------
// RFC 6902 `add`, the only operation the patches may use
// ---------------------------------------------------------------------------------------------

fn pointer_tokens(path: &str) -> Vec<String> {
    assert!(path.starts_with('/'), "JSON pointer {path:?}");
    path[1..]
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// RFC 6902 section 4.1: the parent must exist; `-` appends to an array, an index inserts, a member
/// is added or replaced.
fn json_patch_add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let tokens = pointer_tokens(path);
    let (last, parents) = tokens.split_last().ok_or("empty path")?;
    let mut target = doc;
    for token in parents {
        target = match target {
            Value::Object(map) => map.get_mut(token),
            Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| format!("{path}: no {token:?}"))?;
    }
    match target {
        Value::Object(map) => {
            map.insert(last.clone(), value);
        }
        Value::Array(items) if last == "-" => items.push(value),
        Value::Array(items) => {
            let i: usize = last.parse().map_err(|_| format!("{path}: bad index"))?;
            if i > items.len() {
                return Err(format!("{path}: index out of range"));
            }
            items.insert(i, value);
        }
        _ => return Err(format!("{path}: parent is not a container")),
    }
    Ok(())
}

fn apply_ours(doc: &Value, patch: &Value) -> Value {
    let mut doc = doc.clone();
    for op in patch.as_array().expect("a JSON patch is an array") {
        assert_eq!(op["op"], "add", "{op}");
        json_patch_add(&mut doc, op["path"].as_str().unwrap(), op["value"].clone())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    doc
}

/// `kubectl` when it is installed (it needs no cluster for `patch --local`); required under CI.
fn kubectl() -> Option<&'static Path> {
    static KUBECTL: OnceLock<Option<PathBuf>> = OnceLock::new();
    KUBECTL
        .get_or_init(|| {
            crate::harness::optional_tool("kubectl", "Debian: apt-get install kubernetes-client")
        })
        .as_deref()
}

/// The real patch engine: `kubectl patch --local -f <doc> --type json --patch-file <patch> -o json`,
/// with no kubeconfig and no cluster.
fn apply_kubectl(kubectl: &Path, doc: &Value, patch_file: &Path) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let doc_file = dir.path().join("notebook.json");
    std::fs::write(&doc_file, serde_json::to_vec(doc).unwrap()).unwrap();
    let out = Command::new(kubectl)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", dir.path())
        .args(["patch", "--local", "-f"])
        .arg(&doc_file)
        .args(["--type", "json", "--patch-file"])
        .arg(patch_file)
        .args(["-o", "json"])
        .output()
        .expect("run kubectl");
    assert!(
        out.status.success(),
        "kubectl patch --local with {}: {}",
        patch_file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Applies the patch files in order with both engines; returns the result.
fn apply_all(files: &[&str]) -> Value {
    let mut ours = fixture();
    let mut real = ours.clone();
    for file in files {
        let path = kube_dir().join(file);
        ours = apply_ours(&ours, &yaml_doc(&path));
        if let Some(kubectl) = kubectl() {
            real = apply_kubectl(kubectl, &real, &path);
            assert_eq!(ours, real, "kubectl and RFC 6902 disagree after {file}");
        }
    }
    ours
}

// ---------------------------------------------------------------------------------------------
// The workbench stays whole
// ---------------------------------------------------------------------------------------------

/// Everything in `original` is in `patched`, unchanged; an array keeps every element at its index and
/// may only grow at its end. Returns the appended elements, keyed by their JSON pointer.
fn assert_kept(original: &Value, patched: &Value, at: &str, added: &mut Vec<(String, Value)>) {
    match (original, patched) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let next = format!("{at}/{key}");
                let kept = b
                    .get(key)
                    .unwrap_or_else(|| panic!("{next} was removed by a patch"));
                assert_kept(value, kept, &next, added);
            }
            if let Some(key) = b.keys().find(|k| !a.contains_key(*k)) {
                panic!("{at}/{key} is a new field: the patches may only append to arrays");
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert!(b.len() >= a.len(), "{at} lost elements");
            for (i, value) in a.iter().enumerate() {
                assert_kept(value, &b[i], &format!("{at}/{i}"), added);
            }
            for value in &b[a.len()..] {
                added.push((at.to_string(), value.clone()));
            }
        }
        (a, b) => assert_eq!(a, b, "{at} was changed by a patch"),
    }
}

fn added_by(files: &[&str]) -> Vec<(String, Value)> {
    let original = fixture();
    let patched = apply_all(files);
    let mut added = Vec::new();
    assert_kept(&original, &patched, "", &mut added);
    // Still the dashboard's main container first and the controller's proxy sidecar second.
    let containers = patched["spec"]["template"]["spec"]["containers"]
        .as_array()
        .unwrap();
    assert_eq!(containers.len(), 2);
    assert_eq!(containers[0]["name"], original["metadata"]["name"]);
    assert_eq!(containers[1]["name"], "kube-rbac-proxy");
    added
}

fn expected_additions(files: &[&str]) -> Vec<(String, Value)> {
    let mut expected = Vec::new();
    for file in files {
        for op in yaml_doc(&kube_dir().join(file)).as_array().unwrap() {
            let path = op["path"].as_str().unwrap();
            let array = path.strip_suffix("/-").unwrap();
            expected.push((array.to_string(), op["value"].clone()));
        }
    }
    // assert_kept walks objects in key order, so compare as sorted lists.
    expected.sort_by_key(|(at, v)| (at.clone(), v.to_string()));
    expected
}

fn assert_patches_keep_the_workbench(files: &[&str]) {
    let mut added = added_by(files);
    added.sort_by_key(|(at, v)| (at.clone(), v.to_string()));
    assert_eq!(added, expected_additions(files), "{files:?}");
}

fn env_of(patched: &Value) -> Vec<(String, String)> {
    patched["spec"]["template"]["spec"]["containers"][0]["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["name"].as_str().unwrap().to_string(),
                e["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

const NOTEBOOK_PATCHES: &[&str] = &[
    "notebook-env.yaml",
    "notebook-token.yaml",
    "notebook-podinfo.yaml",
    "irsa-serviceaccount.yaml",
];

#[test]
fn every_notebook_patch_is_a_json_patch_of_appends_with_its_command() {
    let mut found = Vec::new();
    for dirent in std::fs::read_dir(kube_dir()).unwrap() {
        let path = dirent.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        if !text.contains("oc patch notebook") && !text.contains("kind: Notebook") {
            continue;
        }
        // Whatever touches a Notebook is one of the tested patches, and says how to apply itself.
        assert!(
            NOTEBOOK_PATCHES.contains(&name.as_str()),
            "{name} touches a Notebook but is not tested here"
        );
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            format!(
                "# oc patch notebook <WORKBENCH> -n <NAMESPACE> --type json --patch-file packaging/kubernetes/{name}"
            )
        );
        assert!(!text.contains("--type merge"), "{name}");
        let patch = yaml_doc(&path);
        let ops = patch.as_array().unwrap();
        assert!(!ops.is_empty(), "{name}");
        for op in ops {
            assert_eq!(op["op"], "add", "{name}: {op}");
            let path = op["path"].as_str().unwrap();
            assert!(
                [
                    "/spec/template/spec/containers/0/env/-",
                    "/spec/template/spec/containers/0/volumeMounts/-",
                    "/spec/template/spec/volumes/-",
                ]
                .contains(&path),
                "{name}: {path}"
            );
            // The notebook controller's webhook resets the image; the dashboard sets no command.
            let value = op["value"].to_string();
            for key in ["\"image\"", "\"command\"", "\"args\""] {
                assert!(!value.contains(key), "{name}: {key} in {op}");
            }
        }
        found.push(name);
    }
    found.sort();
    let mut expected: Vec<String> = NOTEBOOK_PATCHES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(found, expected);
    assert!(
        !kube_dir().join("poddefault.yaml").exists(),
        "PodDefault needs a webhook stock OpenShift AI does not ship"
    );
}

#[test]
fn each_notebook_patch_alone_keeps_the_dashboard_notebook_whole() {
    for file in NOTEBOOK_PATCHES {
        assert_patches_keep_the_workbench(&[file]);
    }
}

#[test]
fn the_volume_setup_keeps_the_workbench_whole_and_wires_the_helper() {
    let files = [
        "notebook-env.yaml",
        "notebook-token.yaml",
        "notebook-podinfo.yaml",
    ];
    assert_patches_keep_the_workbench(&files);
    let patched = apply_all(&files);
    let env = env_of(&patched);
    let names: Vec<&str> = env.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "NOTEBOOK_ARGS",
            "JUPYTER_IMAGE",
            "TARGET_ROLE_ARN",
            "OC_ROLE_ASSUME_BASE_ROLE_ARN",
            "OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
        ]
    );
    // Never the names that shadow credential_process.
    assert!(!names.contains(&"AWS_ROLE_ARN") && !names.contains(&"AWS_WEB_IDENTITY_TOKEN_FILE"));
    let spec = &patched["spec"]["template"]["spec"];
    let token_dir = "/var/run/secrets/oc-role-assume";
    let token_file = &env
        .iter()
        .find(|(n, _)| n.ends_with("TOKEN_FILE"))
        .unwrap()
        .1;
    assert_eq!(token_file, &format!("{token_dir}/token"));
    let mounts = spec["containers"][0]["volumeMounts"].as_array().unwrap();
    let volumes = spec["volumes"].as_array().unwrap();
    let mount = |path: &str| {
        let m = mounts
            .iter()
            .find(|m| m["mountPath"] == path)
            .unwrap_or_else(|| panic!("no mount at {path}"));
        assert_eq!(m["readOnly"], true);
        volumes
            .iter()
            .find(|v| v["name"] == m["name"])
            .unwrap_or_else(|| panic!("no volume for the mount at {path}"))
    };
    let token = &mount(token_dir)["projected"];
    assert_eq!(token["defaultMode"], 0o444);
    assert_eq!(
        token["sources"][0]["serviceAccountToken"],
        json!({"audience": "sts.amazonaws.com", "expirationSeconds": 86400, "path": "token"})
    );
    assert_eq!(
        mount("/etc/podinfo")["downwardAPI"]["items"],
        json!([{"path": "annotations", "fieldRef": {"fieldPath": "metadata.annotations"}}])
    );
    // Names are unique, so the pod is valid.
    for list in [mounts, volumes] {
        let mut names: Vec<&str> = list.iter().map(|v| v["name"].as_str().unwrap()).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate names: {list:?}");
    }
}

#[test]
fn the_irsa_setup_keeps_the_workbench_whole_and_sets_no_command() {
    let files = ["irsa-serviceaccount.yaml", "notebook-podinfo.yaml"];
    assert_patches_keep_the_workbench(&files);
    let patched = apply_all(&files);
    let names: Vec<String> = env_of(&patched).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "NOTEBOOK_ARGS",
            "JUPYTER_IMAGE",
            "TARGET_ROLE_ARN",
            "AWS_REGION",
            "AWS_DEFAULT_REGION"
        ]
    );
    let main = &patched["spec"]["template"]["spec"]["containers"][0];
    assert!(main.get("command").is_none() && main.get("args").is_none());
    assert_eq!(
        main["image"],
        fixture()["spec"]["template"]["spec"]["containers"][0]["image"]
    );
}

#[test]
fn every_region_setting_names_both_variables() {
    for file in NOTEBOOK_PATCHES {
        let patched = apply_all(&[file]);
        let env = env_of(&patched);
        let get = |name: &str| env.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        assert_eq!(get("AWS_REGION"), get("AWS_DEFAULT_REGION"), "{file}");
    }
    let config = std::fs::read_to_string(root().join("packaging/aws-config")).unwrap();
    assert!(
        config.lines().any(|l| l.starts_with("region = ")),
        "{config}"
    );
    let containerfile = std::fs::read_to_string(root().join("packaging/Containerfile")).unwrap();
    assert!(containerfile.contains("AWS_REGION=${AWS_REGION}"));
    assert!(containerfile.contains("AWS_DEFAULT_REGION=${AWS_REGION}"));
}

#[test]
fn a_patch_that_does_not_apply_fails_in_both_engines() {
    // The checker above is only as good as the engines: a bad path must be an error in each.
    let mut doc = fixture();
    assert!(json_patch_add(&mut doc, "/spec/template/spec/nope/-", json!(1)).is_err());
    assert!(json_patch_add(&mut doc, "/spec/template/spec/volumes/99", json!(1)).is_err());
    if let Some(kubectl) = kubectl() {
        let dir = tempfile::tempdir().unwrap();
        let patch = dir.path().join("bad.yaml");
        std::fs::write(
            &patch,
            "- op: add\n  path: /spec/template/spec/nope/-\n  value: 1\n",
        )
        .unwrap();
        let doc_file = dir.path().join("notebook.json");
        std::fs::write(&doc_file, serde_json::to_vec(&fixture()).unwrap()).unwrap();
        let out = Command::new(kubectl)
            .env_clear()
            .env("HOME", dir.path())
            .args(["patch", "--local", "-f"])
            .arg(&doc_file)
            .args(["--type", "json", "--patch-file"])
            .arg(&patch)
            .args(["-o", "json"])
            .output()
            .unwrap();
        assert!(!out.status.success());
    }
    // And a replaced array is caught.
    let original = fixture();
    let mut replaced = original.clone();
    replaced["spec"]["template"]["spec"]["containers"][0]["env"] = json!([{"name": "X"}]);
    let caught =
        std::panic::catch_unwind(|| assert_kept(&original, &replaced, "", &mut Vec::new()));
    assert!(caught.is_err());
}

// ---------------------------------------------------------------------------------------------
// RBAC, admission policy, project template
// ---------------------------------------------------------------------------------------------

fn expected_rules() -> Value {
    json!([
        {"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]},
        {"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]},
    ])
}

fn find<'a>(docs: &'a [Value], kind: &str, name: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["kind"] == kind && d["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name}"))
}

#[test]
fn rbac_grants_get_pods_and_token_requests_to_the_projects_service_accounts() {
    let docs = yaml_docs(&kube_dir().join("rbac.yaml"));
    assert_eq!(docs.len(), 2);
    let role = find(&docs, "Role", "oc-role-assume");
    assert_eq!(role["rules"], expected_rules());
    let binding = find(&docs, "RoleBinding", "oc-role-assume");
    assert_eq!(
        binding["roleRef"],
        json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "oc-role-assume"})
    );
    assert_eq!(
        binding["subjects"],
        json!([{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group",
                "name": "system:serviceaccounts:<NAMESPACE>"}])
    );
}

#[test]
fn apply_rbac_renders_rbac_yaml_for_each_namespace() {
    let out = Command::new("bash")
        .arg(kube_dir().join("apply-rbac.sh"))
        .args(["--print", "fraud-detection", "churn-model"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("<NAMESPACE>"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rendered.yaml");
    std::fs::write(&file, &text).unwrap();
    let docs = yaml_docs(&file);
    assert_eq!(docs.len(), 4);
    let groups: Vec<&Value> = docs
        .iter()
        .filter(|d| d["kind"] == "RoleBinding")
        .map(|d| &d["subjects"][0]["name"])
        .collect();
    assert_eq!(
        groups,
        [
            "system:serviceaccounts:fraud-detection",
            "system:serviceaccounts:churn-model"
        ]
    );
    // A name that is not a namespace is refused, not pasted into a manifest.
    let bad = Command::new("bash")
        .arg(kube_dir().join("apply-rbac.sh"))
        .args(["--print", "a/b"])
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

#[test]
fn the_admission_policy_guards_token_requests_where_the_grant_goes() {
    let docs = yaml_docs(&kube_dir().join("token-request-policy.yaml"));
    for doc in &docs {
        assert_eq!(
            doc["apiVersion"], "admissionregistration.k8s.io/v1",
            "{doc}"
        );
    }
    let policy = find(
        &docs,
        "ValidatingAdmissionPolicy",
        "oc-role-assume-own-sts-token",
    );
    assert_eq!(policy["spec"]["failurePolicy"], "Fail");
    assert_eq!(
        policy["spec"]["matchConstraints"]["resourceRules"],
        json!([{"apiGroups": [""], "apiVersions": ["v1"], "resources": ["serviceaccounts/token"],
                "operations": ["CREATE"]}])
    );
    // Own token, sts.amazonaws.com only, bound to a pod, at most an hour.
    assert_eq!(policy["spec"]["validations"].as_array().unwrap().len(), 4);
    let mut selectors = Vec::new();
    let mut names = Vec::new();
    for binding in docs
        .iter()
        .filter(|d| d["kind"] == "ValidatingAdmissionPolicyBinding")
    {
        assert_eq!(
            binding["spec"]["policyName"],
            "oc-role-assume-own-sts-token"
        );
        assert_eq!(binding["spec"]["validationActions"], json!(["Deny"]));
        selectors
            .push(binding["spec"]["matchResources"]["namespaceSelector"]["matchLabels"].clone());
        names.push(binding["metadata"]["name"].as_str().unwrap().to_owned());
    }
    assert_eq!(
        selectors,
        [
            json!({"opendatahub.io/dashboard": "true"}),
            json!({"oc-role-assume/token-policy": "enforce"})
        ]
    );
    // apply-rbac.sh labels what it grants to with the second binding's label, and checks that both
    // bindings are there first (tests/deploy/test_apply_rbac.py runs it against a fake `oc`).
    let script = std::fs::read_to_string(kube_dir().join("apply-rbac.sh")).unwrap();
    assert!(script.contains("label_key=oc-role-assume/token-policy\nlabel_value=enforce\n"));
    assert!(script.contains("label namespace \"$ns\" \"$label_key=$label_value\""));
    assert!(script.contains(&format!("bindings=({})", names.join(" "))));
    assert!(script.contains("-l opendatahub.io/dashboard=true"));
}

#[test]
fn the_project_template_grants_rbac_yaml_and_labels_the_project_for_the_policy() {
    let template = yaml_doc(&kube_dir().join("project-template.yaml"));
    assert_eq!(template["kind"], "Template");
    assert_eq!(template["metadata"]["name"], "project-request");
    let objects = template["objects"].as_array().unwrap();
    let project = find(objects, "Project", "${PROJECT_NAME}");
    assert_eq!(
        project["metadata"]["labels"],
        json!({"oc-role-assume/token-policy": "enforce"})
    );
    // The default template's admin binding is still there.
    let admin = find(objects, "RoleBinding", "admin");
    assert_eq!(admin["subjects"][0]["name"], "${PROJECT_ADMIN_USER}");
    // rbac.yaml, for ${PROJECT_NAME}.
    let rbac = yaml_docs(&kube_dir().join("rbac.yaml"));
    for (kind, name) in [
        ("Role", "oc-role-assume"),
        ("RoleBinding", "oc-role-assume"),
    ] {
        let mut ours = find(objects, kind, name).clone();
        assert_eq!(ours["metadata"]["namespace"], "${PROJECT_NAME}");
        ours["metadata"]
            .as_object_mut()
            .unwrap()
            .remove("namespace");
        let mut theirs = find(&rbac, kind, name).clone();
        if kind == "RoleBinding" {
            theirs["subjects"][0]["name"] = json!("system:serviceaccounts:${PROJECT_NAME}");
        }
        assert_eq!(ours, theirs, "{kind} differs from rbac.yaml");
    }
    let params: Vec<&str> = template["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        params,
        [
            "PROJECT_NAME",
            "PROJECT_DISPLAYNAME",
            "PROJECT_DESCRIPTION",
            "PROJECT_ADMIN_USER",
            "PROJECT_REQUESTING_USER"
        ]
    );
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
        let mut cmd = self.command(env, "sh");
        cmd.arg(root().join("packaging/entrypoint.sh")).args(args);
        let out = cmd.output().unwrap();
        Started {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Runs the entrypoint (with `true` as the workbench's command) at a PID known in advance: a shell
    /// waits for a line on stdin and then exec's it, so `plant(pid)` can prepare what the entrypoint
    /// will find under a name with its `$$` in it (in the container, always 1).
    fn run_at_known_pid(&self, env: &[(&str, &str)], plant: impl FnOnce(u32)) -> Started {
        use std::io::Write;
        let mut cmd = self.command(env, "sh");
        cmd.arg("-c")
            .arg("read -r _ && exec sh \"$0\" true")
            .arg(root().join("packaging/entrypoint.sh"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        plant(child.id());
        child.stdin.take().unwrap().write_all(b"go\n").unwrap();
        let out = child.wait_with_output().unwrap();
        Started {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// `run`, as uid 1001 in group 0 (setpriv; the caller is root).
    fn run_as_workbench_user(&self, args: &[&str]) -> Started {
        let mut cmd = self.command(&[], "setpriv");
        cmd.args(["--reuid=1001", "--regid=0", "--clear-groups", "sh"])
            .arg(root().join("packaging/entrypoint.sh"))
            .args(args);
        let out = cmd.output().unwrap();
        Started {
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    fn command(&self, env: &[(&str, &str)], program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear()
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
        cmd
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
    // A home that is not the group's (the temp dir here, 0700): private.
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
    // An unwritable home warns and still starts the workbench. Root writes anyway, so as root the
    // entrypoint runs as the workbench user (uid 1001, gid 0) on a home that user owns, mode 0500.
    std::fs::remove_dir_all(e.home().join(".aws")).unwrap();
    std::fs::set_permissions(e.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let as_root =
        std::os::unix::fs::MetadataExt::uid(&std::fs::metadata("/proc/self").unwrap()) == 0;
    if as_root {
        std::os::unix::fs::chown(e.home(), Some(1001), Some(0)).unwrap();
    }
    std::fs::set_permissions(e.home(), std::fs::Permissions::from_mode(0o500)).unwrap();
    let started = if as_root {
        e.run_as_workbench_user(&["echo", "started"])
    } else {
        e.run(&[], &["echo", "started"])
    };
    std::fs::set_permissions(e.home(), std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    assert_eq!(started.stdout, "started\n");
    assert!(!config.exists());
    assert!(
        started.stderr.contains("could not write"),
        "{}",
        started.stderr
    );
    assert!(std::fs::read_dir(e.home()).unwrap().next().is_none());
}

/// A workbench home is 0770, group 0, so that the restricted SCC's random UID (also in group 0) can
/// use it: what the entrypoint creates there follows it.
#[test]
fn the_entrypoint_seeds_a_group_shared_home_with_group_writable_files() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let e = Entrypoint::new();
    std::fs::set_permissions(e.home(), std::fs::Permissions::from_mode(0o770)).unwrap();
    let started = e.run(&[], &["true"]);
    assert_eq!((started.code, started.stderr.as_str()), (Some(0), ""));
    let config = e.home().join(".aws/config");
    let meta = |p: &Path| std::fs::metadata(p).unwrap();
    assert_eq!(meta(&e.home().join(".aws")).mode() & 0o777, 0o770);
    assert_eq!(meta(&config).mode() & 0o777, 0o660);
    // SAFETY: getegid has no preconditions.
    assert_eq!(meta(&config).gid(), unsafe { libc::getegid() });
    assert_eq!(entries(&e.home().join(".aws")), ["config"]);
}

/// Names in a directory, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn the_entrypoint_never_writes_the_seed_through_a_planted_symlink() {
    let seed = std::fs::read_to_string(root().join("packaging/aws-config")).unwrap();
    let bashrc_text = "# the user's own .bashrc\n";
    let setup = || {
        let e = Entrypoint::new();
        std::fs::create_dir(e.home().join(".aws")).unwrap();
        std::fs::write(e.home().join(".bashrc"), bashrc_text).unwrap();
        e
    };
    // A symlink at the temporary name the seed used to go through, `config.oc-role-assume-$$` (PID 1
    // in the container): the seed must not land in its target, and the config is a file of its own.
    let e = setup();
    let (aws, bashrc) = (e.home().join(".aws"), e.home().join(".bashrc"));
    let mut planted = PathBuf::new();
    let started = e.run_at_known_pid(&[], |pid| {
        planted = aws.join(format!("config.oc-role-assume-{pid}"));
        std::os::unix::fs::symlink(&bashrc, &planted).unwrap();
    });
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    assert_eq!(started.stderr, "");
    assert_eq!(std::fs::read_to_string(&bashrc).unwrap(), bashrc_text);
    let config = aws.join("config");
    assert!(std::fs::symlink_metadata(&config).unwrap().is_file());
    assert_eq!(std::fs::read_to_string(&config).unwrap(), seed);
    // Nothing of its own left behind; the planted link is not its to remove.
    let planted_name = planted.file_name().unwrap().to_str().unwrap().to_string();
    assert_eq!(entries(&aws), ["config".to_string(), planted_name]);
    assert_eq!(std::fs::read_link(&planted).unwrap(), bashrc);

    // A symlink at ~/.aws/config itself, to a file or dangling: left as it is, nothing written
    // through it.
    for target in [".bashrc", ".bashrc-not-yet"] {
        let e = setup();
        let (config, target) = (e.home().join(".aws/config"), e.home().join(target));
        std::os::unix::fs::symlink(&target, &config).unwrap();
        let started = e.run(&[], &["echo", "started"]);
        assert_eq!(started.code, Some(0), "{}", started.stderr);
        assert_eq!(started.stdout, "started\n");
        assert_eq!(std::fs::read_link(&config).unwrap(), target);
        assert_eq!(
            std::fs::read_to_string(e.home().join(".bashrc")).unwrap(),
            bashrc_text
        );
        assert!(!e.home().join(".bashrc-not-yet").exists());
        assert_eq!(entries(&e.home().join(".aws")), ["config"]);
    }
}

#[test]
fn the_entrypoint_does_not_seed_through_a_symlinked_aws_dir() {
    let e = Entrypoint::new();
    let elsewhere = e.dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, e.home().join(".aws")).unwrap();
    let started = e.run(&[], &["echo", "started"]);
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    assert_eq!(started.stdout, "started\n");
    assert!(
        started.stderr.contains("is a symbolic link, not followed")
            && started.stderr.contains("oc-role-assume configure"),
        "{}",
        started.stderr
    );
    assert!(entries(&elsewhere).is_empty(), "{:?}", entries(&elsewhere));
}

#[test]
fn the_entrypoint_leaves_a_config_written_while_it_seeds() {
    // Not a real race (that is not deterministic): a `mkdir` that also writes the user's own config
    // right after making ~/.aws, i.e. after the entrypoint found no config and before it puts its own.
    let e = Entrypoint::new();
    let wrappers = e.dir.path().join("wrappers");
    std::fs::create_dir(&wrappers).unwrap();
    let mkdir = wrappers.join("mkdir");
    std::fs::write(
        &mkdir,
        "#!/bin/sh\n/bin/mkdir \"$@\" || exit\n\
         [ -e \"$HOME/.aws/config\" ] || printf '[profile mine]\\n' >\"$HOME/.aws/config\"\n",
    )
    .unwrap();
    let mut perms = std::fs::metadata(&mkdir).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&mkdir, perms).unwrap();
    let path = format!("{}:/usr/bin:/bin", wrappers.display());
    let started = e.run(&[("PATH", &path)], &["echo", "started"]);
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    assert_eq!(started.stdout, "started\n");
    assert_eq!(started.stderr, "");
    let aws = e.home().join(".aws");
    assert_eq!(
        std::fs::read_to_string(aws.join("config")).unwrap(),
        "[profile mine]\n"
    );
    assert_eq!(entries(&aws), ["config"]);
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
    // Container args as the base image takes them, quoting intact: after its Entrypoint (Jupyter's
    // start-notebook.sh, the default), or instead of its Cmd (code-server's run-code-server.sh).
    let started = e.run(
        &[("OC_ROLE_ASSUME_ENTRYPOINT_COMMAND", "echo jupyter")],
        &["a  b", "*"],
    );
    assert_eq!(started.stdout, "jupyter a  b *\n");
    let replace = [
        ("OC_ROLE_ASSUME_ENTRYPOINT_COMMAND", "echo code-server"),
        ("OC_ROLE_ASSUME_ENTRYPOINT_ARGS", "replace"),
    ];
    assert_eq!(e.run(&replace, &["echo", "a  b", "*"]).stdout, "a  b *\n");
    assert_eq!(e.run(&replace, &[]).stdout, "code-server\n");
    let started = e.run(&[("OC_ROLE_ASSUME_ENTRYPOINT_ARGS", "other")], &["true"]);
    assert_eq!(started.code, Some(64));
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
    let started = e.run(&irsa, &["--ServerApp.port=9999"]);
    assert_eq!(
        started.stdout,
        "helper: exec --server -- start-notebook.sh --flag --ServerApp.port=9999\n"
    );
    // Only one of the two is no IRSA.
    let mut plain = vec![irsa[0], ("OC_ROLE_ASSUME_ENTRYPOINT_ARGS", "replace")];
    let started = e.run(&plain, &["echo", "plain"]);
    assert_eq!(started.stdout, "plain\n");
    // The override, both ways.
    let mut never = irsa.to_vec();
    never.push(("OC_ROLE_ASSUME_ENTRYPOINT_SERVER", "never"));
    never.push(("OC_ROLE_ASSUME_ENTRYPOINT_ARGS", "replace"));
    assert_eq!(e.run(&never, &["echo", "plain"]).stdout, "plain\n");
    plain[0] = ("OC_ROLE_ASSUME_ENTRYPOINT_SERVER", "always");
    let started = e.run(&plain, &["echo", "x"]);
    assert_eq!(started.stdout, "helper: exec --server -- echo x\n");
    let started = e.run(
        &[("OC_ROLE_ASSUME_ENTRYPOINT_SERVER", "yes")],
        &["echo", "x"],
    );
    assert_eq!(started.code, Some(64));
}

/// The Python half of the deploy checks (the admission policy's CEL with cel-cpp and the Rust `cel`
/// crate, apply-rbac.sh against a fake `oc`, the image's AWS config layout read by the AWS CLI and
/// boto3 as uid 1001), run here so `cargo test` is the whole suite. It makes its own venv under
/// `target/deploy-venv` on first use.
#[test]
fn the_admission_policy_and_image_layout_checks_pass() {
    crate::harness::assert_script_passes("tests/deploy/run.sh", &[], 100);
}
