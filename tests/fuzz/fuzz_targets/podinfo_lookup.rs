//! The downward-API file parser and Go-unquoter: never panics on any file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = oc_role_assume::identity::podinfo::lookup(&text, "opendatahub.io/username");
    if let Ok(value) = oc_role_assume::identity::podinfo::unquote(&text) {
        // Quoting the result the simple way and unquoting it again gives it back.
        let quoted = format!(
            "\"{}\"",
            value
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        );
        assert_eq!(
            oc_role_assume::identity::podinfo::unquote(&quoted).as_deref(),
            Ok(value.as_str())
        );
    }
});
