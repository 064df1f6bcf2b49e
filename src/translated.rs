//! The OpenShift AI dashboard's "translated" user name (`opendatahub.io/user`): ASCII letters and digits
//! lower-cased, every other UTF-8 byte written `-xx` in lower-case hex. `kube-3aadmin` is `kube:admin`.
//! Case is lost in translation, so a decoded name is all lower-case ASCII where the original had capitals.

/// Encode as the dashboard's `usernameTranslate` does, byte for byte: ASCII letters and digits
/// lower-cased, every other byte `-xx`, and `~` as `-7f` (the dashboard's own quirk, kept so the form
/// matches the names it gives the user's Kubernetes objects).
pub fn encode(name: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'A'..=b'Z' => out.push(char::from(b.to_ascii_lowercase())),
            b'~' => out.push_str("-7f"),
            other => {
                let _ = write!(out, "-{other:02x}");
            }
        }
    }
    out
}

/// Decode left to right: `-xx` is a byte, `[a-z0-9]` is itself, anything else makes the value invalid;
/// the bytes must then be UTF-8. The dashboard writes `~` as `-7f` (it is 0x7e), and a DEL never
/// appears in a user name, so `-7f` decodes as `~`.
pub fn decode(value: &str) -> Result<String, String> {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'a'..=b'z' | b'0'..=b'9' => {
                out.push(bytes[i]);
                i += 1;
            }
            b'-' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
                    .ok_or_else(|| {
                        format!("'-' at byte {i} is not followed by two lower-case hex digits")
                    })?;
                let byte = u8::from_str_radix(std::str::from_utf8(hex).unwrap_or("zz"), 16)
                    .map_err(|_| format!("bad escape at byte {i}"))?;
                out.push(if byte == 0x7f { b'~' } else { byte });
                i += 3;
            }
            other => {
                return Err(format!(
                    "byte {i} ({:?}) is not a lower-case letter, digit or -xx escape",
                    char::from(other)
                ));
            }
        }
    }
    if out.is_empty() {
        return Err("the value is empty".into());
    }
    String::from_utf8(out).map_err(|_| "the decoded bytes are not UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_dashboard_examples() {
        let table = include_str!("../tests/fixtures/translated-usernames.tsv");
        for line in table.lines().skip(1) {
            let (user, translated) = line.split_once('\t').unwrap();
            assert_eq!(
                decode(translated).as_deref(),
                Ok(user.to_lowercase().as_str()),
                "{line}"
            );
        }
    }

    #[test]
    fn refuses_invalid_sequences() {
        for bad in [
            "", "-", "-4", "-4g", "-4A", "Alice", "a b", "a_b", "a.b", "-c3", "-ff-fe",
        ] {
            assert!(decode(bad).is_err(), "{bad:?}");
        }
    }
}

#[cfg(test)]
mod properties {
    use super::decode;
    use proptest::prelude::*;

    /// The dashboard's translation, written independently of the decoder: ASCII letters and digits
    /// lower-cased, every other UTF-8 byte as `-xx`, `~` as `-7f` (the dashboard's off-by-one).
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

    /// Case is the only thing translation loses.
    fn expected(name: &str) -> String {
        name.chars().map(|c| c.to_ascii_lowercase()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        #[test]
        fn decode_inverts_the_dashboard_encoding(name in "\\PC{1,64}") {
            prop_assume!(!name.contains('\u{7f}'));
            prop_assert_eq!(decode(&encode(&name)), Ok(expected(&name)));
        }

        #[test]
        fn decode_never_panics_and_accepts_only_its_alphabet(value in "[a-z0-9\\-A-F_~. ]{0,40}") {
            if let Ok(name) = decode(&value) {
                prop_assert!(value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
                prop_assert!(!name.is_empty());
            }
        }
    }
}
