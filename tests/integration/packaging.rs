//! packaging/: the IAM JSON parses and every placeholder is documented in packaging/README.md.

use crate::harness::files_under;

#[test]
fn packaging_json_parses_and_every_placeholder_is_documented() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut files = Vec::new();
    files_under(&root, &mut files);
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
    assert_eq!(json_files, 6);
}
