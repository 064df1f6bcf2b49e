//! packaging/: the IAM JSON parses, every placeholder is documented in packaging/README.md, and the
//! README's example for each placeholder whose shape changes what a policy matches passes the same
//! check the IAM test bed's fill makes (`tests/iam/fill.mjs`; the bed then evaluates the filled
//! templates, `tests/integration/iam.rs`).

use crate::harness::repo_files;

#[test]
fn packaging_json_parses_and_every_placeholder_is_documented() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    // The repository's files, not whatever else lies there (a `__pycache__`, a build's output).
    let files = repo_files("packaging");
    let mut json_files = 0;
    for path in files.iter().filter(|p| !p.ends_with("README.md")) {
        let text = std::fs::read_to_string(path).unwrap();
        if path.extension().is_some_and(|e| e == "json") {
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(value["Version"], "2012-10-17", "{}", path.display());
            json_files += 1;
        }
        let mut rest = text.as_str();
        while let Some(start) = rest.find('<') {
            rest = &rest[start + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || *c == '_')
                .collect();
            if !name.is_empty() && rest[name.len()..].starts_with('>') {
                assert!(
                    readme.contains(&format!("| `<{name}>` |")),
                    "{}: placeholder <{name}> is not documented in packaging/README.md",
                    path.display()
                );
            }
        }
    }
    assert_eq!(json_files, 11);
}

/// One IAM name segment: `[A-Za-z0-9+=,.@_-]+`.
fn iam_segment(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

/// A DNS-1123 label: `[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?`.
fn dns_label(s: &str) -> bool {
    (1..=63).contains(&s.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// The check a fill makes before a value reaches a policy (the rules of `tests/iam/fill.mjs`, for the
/// placeholders whose shape changes what a policy matches). `Err` says what the value must be.
fn check_fill(placeholder: &str, value: &str) -> Result<(), String> {
    let ok = match placeholder {
        "ACCOUNT_ID" => value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()),
        // `role/<BASE_ROLE_PATH>*` without the trailing `/` also matches `role/<path>-evil/…`.
        "BASE_ROLE_PATH" => {
            value.ends_with('/') && value[..value.len() - 1].split('/').all(iam_segment)
        }
        "NAMESPACE" => dns_label(value),
        "TARGET_ROLE_NAME" => value.len() <= 64 && iam_segment(value),
        "OIDC_PROVIDER" => {
            !value.contains("://")
                && !value.ends_with('/')
                && value.split('/').all(|s| !s.is_empty())
        }
        _ => return Ok(()),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "<{placeholder}> = {value:?} is not what packaging/README.md says it must be"
        ))
    }
}

#[test]
fn a_base_role_path_without_its_trailing_slash_is_refused() {
    assert!(check_fill("BASE_ROLE_PATH", "oc-role-assume/").is_ok());
    assert!(check_fill("BASE_ROLE_PATH", "platform/oc-role-assume/").is_ok());
    for bad in [
        "oc-role-assume",
        "/oc-role-assume/",
        "oc-role-assume//",
        "oc-role-assume*/",
        "",
        "/",
    ] {
        assert!(check_fill("BASE_ROLE_PATH", bad).is_err(), "{bad:?}");
    }
    assert!(check_fill("ACCOUNT_ID", "12345678901").is_err());
    assert!(check_fill("NAMESPACE", "Fraud_Detection").is_err());
    assert!(check_fill("NAMESPACE", "fraud.detection").is_err());
    assert!(check_fill("OIDC_PROVIDER", "https://oidc.example.com/x").is_err());
}

#[test]
fn the_readme_examples_pass_the_fill_check() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut checked = Vec::new();
    for line in readme.lines() {
        // | `<NAME>` | meaning | `example` |
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 5 {
            continue;
        }
        let Some(name) = cells[1]
            .strip_prefix("`<")
            .and_then(|c| c.strip_suffix(">`"))
        else {
            continue;
        };
        let example = cells[3].split('`').nth(1).unwrap_or_default();
        check_fill(name, example).unwrap_or_else(|e| panic!("packaging/README.md example: {e}"));
        checked.push(name.to_owned());
    }
    for name in [
        "ACCOUNT_ID",
        "BASE_ROLE_PATH",
        "NAMESPACE",
        "TARGET_ROLE_NAME",
        "OIDC_PROVIDER",
    ] {
        assert!(
            checked.iter().any(|c| c == name),
            "<{name}> has no example row in packaging/README.md"
        );
    }
}
