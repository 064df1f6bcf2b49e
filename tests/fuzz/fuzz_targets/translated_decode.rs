//! The dashboard's translated user name decoder: never panics, and the dashboard's encoding of
//! whatever it accepts decodes back to that name, lower-cased (the encoding loses case). Escapes the
//! dashboard would not write (`-37` for `7`, `-4d` for `M`) decode too: the rule is "`-xx` is a byte".
#![no_main]
use libfuzzer_sys::fuzz_target;

fn encode(name: &str) -> String {
    let mut out = String::new();
    for &b in name.as_bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'A'..=b'Z' => out.push(char::from(b.to_ascii_lowercase())),
            b'~' => out.push_str("-7f"),
            _ => out.push_str(&format!("-{b:02x}")),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(name) = oc_role_assume::identity::translated::decode(text) {
        assert!(!name.is_empty());
        let lower = name.to_ascii_lowercase();
        assert_eq!(
            oc_role_assume::identity::translated::decode(&encode(&name)).as_deref(),
            Ok(lower.as_str())
        );
    }
});
