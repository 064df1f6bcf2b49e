//! Names STS cannot carry: with `--tag-form translated` every user gets a working session, tagged
//! with the dashboard's own Kubernetes-safe form of the name (checked against the dashboard encoder's
//! output for 66 names, 23 of which STS refuses raw).

use crate::harness::{TestEnv, chains, workbench_with_moto};

/// (name, the dashboard's translation, whether STS takes the raw name) from the shared fixture.
fn dashboard_names() -> Vec<(String, String, bool)> {
    crate::harness::fixture("dashboard-translated-names.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            (unquote(fields[0]), fields[1].to_owned(), fields[2] == "yes")
        })
        .collect()
}

/// The fixture writes Rust-style `\u{…}` escapes; decode them by hand where JSON cannot.
fn unquote(quoted: &str) -> String {
    let inner = &quoted[1..quoted.len() - 1];
    let mut out = String::new();
    let mut rest = inner;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let esc = &rest[at + 1..];
        if let Some(hex) = esc.strip_prefix("u{") {
            let end = hex.find('}').unwrap();
            out.push(char::from_u32(u32::from_str_radix(&hex[..end], 16).unwrap()).unwrap());
            rest = &hex[end + 1..];
        } else {
            let c = esc.chars().next().unwrap();
            out.push(match c {
                't' => '\t',
                'n' => '\n',
                other => other,
            });
            rest = &esc[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_name_sts_refuses_raw_works_translated_with_the_dashboards_form() {
    let (mut t, moto) = workbench_with_moto();
    let names = dashboard_names();
    let refused: Vec<_> = names.iter().filter(|(_, _, raw_ok)| !raw_ok).collect();
    assert_eq!(refused.len(), 23, "the fixture's refused names");
    t.set("OC_ROLE_ASSUME_TAG_FORM", "translated");
    for (i, (name, translated, _)) in refused.iter().enumerate() {
        t.set("RHOAI_USER", name);
        let run = t.run(&["--no-cache"]);
        run.assert_ok();
        let calls = moto.sts("AssumeRole");
        let tag = calls[i].form()["Tags.member.1.Value"].clone();
        if translated.len() <= 256 {
            assert_eq!(&tag, translated, "{name:?}");
        } else {
            assert_eq!(tag.len(), 256, "{name:?}");
            assert!(translated.starts_with(&tag[..247]), "{name:?}: {tag}");
        }
    }
    assert_eq!(chains(&moto), (23, 23));
}

#[test]
fn raw_refuses_them_naming_the_fix_and_whoami_shows_name_and_tag() {
    let mut t = TestEnv::workbench();
    t.set("RHOAI_USER", "o'brien@example.com");
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: env RHOAI_USER: the user name \"o'brien@example.com\" has '\\'', which a session tag cannot carry\n\
         hint: the user name becomes a session tag: fix the value at its source, or have the admin set \
         --tag-form translated (OC_ROLE_ASSUME_TAG_FORM), which carries every name\n",
    );
    let who = t
        .run(&["whoami", "--json", "--tag-form", "translated"])
        .assert_ok()
        .json();
    assert_eq!(who["user"], "o'brien@example.com");
    assert_eq!(who["tag"], "o-27brien-40example-2ecom");
}

#[test]
fn every_fixture_name_translates_exactly_as_the_dashboard_does() {
    let mut t = TestEnv::workbench();
    for (name, translated, _) in dashboard_names().iter().filter(|(n, _, _)| !n.is_empty()) {
        t.set("RHOAI_USER", name);
        let run = t.run(&["whoami", "--json", "--tag-form", "translated"]);
        run.assert_ok();
        let tag = run.json()["tag"].as_str().unwrap().to_owned();
        if translated.len() <= 256 {
            assert_eq!(&tag, translated, "{name:?}");
        } else {
            // Too long for a tag: cut, with a hash suffix that keeps two long names apart.
            assert_eq!(tag.len(), 256, "{name:?}");
            assert!(translated.starts_with(&tag[..247]), "{name:?}: {tag}");
        }
    }
}

/// A Ray / training / pipeline pod of the project: no workbench keys on it, and no RHOAI_USER.
fn project_pod() -> (
    TestEnv,
    crate::harness::moto::Moto,
    crate::harness::kube::FakeKube,
) {
    let (mut t, moto, kube) = crate::harness::workbench_in_cluster();
    let mut pod: serde_json::Value =
        serde_json::from_str(&crate::harness::fixture("workbench-pod.json")).unwrap();
    for key in ["opendatahub.io/username", "opendatahub.io/user"] {
        pod["metadata"]["annotations"]
            .as_object_mut()
            .unwrap()
            .remove(key);
        pod["metadata"]["labels"]
            .as_object_mut()
            .unwrap()
            .remove(key);
    }
    kube.put_pod(pod);
    t.unset("RHOAI_USER");
    (t, moto, kube)
}

#[test]
fn a_pod_without_workbench_keys_is_the_projects_requester_only_when_turned_on() {
    let (mut t, moto, kube) = project_pod();
    // Off (the default): fail closed, as before.
    let run = t.run(&[]);
    assert_eq!(run.code, Some(3), "{run:?}");
    assert!(moto.requests().is_empty());
    // On: the namespace's requester, read over the API, tags the session.
    t.set("OC_ROLE_ASSUME_PROJECT_IDENTITY", "true");
    t.run(&[]).assert_ok();
    let tag = moto.sts("AssumeRole")[0].form()["Tags.member.1.Value"].clone();
    assert_eq!(tag, "Alice.Smith@example.com");
    assert!(
        kube.requests()
            .contains(&"GET /api/v1/namespaces/fraud-detection".to_owned())
    );
    let who = t.run(&["whoami"]).assert_ok().stdout.clone();
    assert!(
        who.contains("source:    project requester (namespace annotation openshift.io/requester) (user-controlled)")
            && who.contains("note:      the project's requester, not necessarily the person at the keyboard"),
        "{who}"
    );
}

#[test]
fn the_project_source_fails_closed_without_the_annotation_or_the_rbac() {
    let (mut t, moto, kube) = project_pod();
    t.set("OC_ROLE_ASSUME_PROJECT_IDENTITY", "true")
        .set("RHOAI_USER", "mallory");
    let mut namespace: serde_json::Value =
        serde_json::from_str(&crate::harness::fixture("project-namespace.json")).unwrap();
    namespace["metadata"]["annotations"]
        .as_object_mut()
        .unwrap()
        .remove("openshift.io/requester");
    kube.put_namespace(namespace);
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: this pod carries no workbench identity and namespace fraud-detection has no openshift.io/requester annotation\n\
         hint: the project source needs a project made by a project request (the dashboard's \"Create project\"); otherwise run this work from a workbench\n",
    );
    kube.put_namespace(
        serde_json::from_str(&crate::harness::fixture("project-namespace.json")).unwrap(),
    );
    kube.allow_namespace_reads(false);
    t.run(&[]).assert_error(
        3,
        "oc-role-assume: error: the service account may not get namespace fraud-detection (403 Forbidden)\n\
         hint: grant it: packaging/kubernetes/project-identity.yaml in fraud-detection (a Role with get on this namespace)\n",
    );
    assert!(moto.requests().is_empty(), "never mallory from RHOAI_USER");
}
