//! The downward-API annotations file (`fieldRef: metadata.annotations`, default
//! `/etc/podinfo/annotations`): one `key="value"` line per annotation, keys sorted, values quoted the way
//! Go's `strconv.Quote` does, lines joined by `\n` with no trailing newline. The kubelet writes it from
//! the pod's own metadata, so it is platform-set and needs no API call.

pub use crate::cli::DEFAULT_PODINFO_FILE;

/// Find `key` and return its unquoted value; `Ok(None)` when the file has no such line.
/// Only the line for `key` is parsed, so an odd line for another annotation cannot break us.
pub fn lookup(text: &str, key: &str) -> Result<Option<String>, String> {
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some(rest) = line.strip_prefix(key) else {
            continue;
        };
        let Some(quoted) = rest.strip_prefix('=') else {
            continue;
        };
        return unquote(quoted)
            .map(Some)
            .map_err(|why| format!("line {} ({key}): {why}", n + 1));
    }
    Ok(None)
}

/// Undo Go's `strconv.Quote`: `"` … `"` with `\a \b \f \n \r \t \v \\ \' \"`, `\xNN`, `\NNN` (octal),
/// `\uNNNN` and `\UNNNNNNNN`; `\x` and octal escapes are raw bytes, and the result must be UTF-8.
pub fn unquote(quoted: &str) -> Result<String, String> {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .filter(|_| quoted.len() >= 2)
        .ok_or("the value is not enclosed in double quotes")?;
    let mut out: Vec<u8> = Vec::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err("unescaped '\"' inside the value".into()),
            '\\' => {
                let e = chars.next().ok_or("the value ends in a lone backslash")?;
                let simple = match e {
                    'a' => Some(0x07),
                    'b' => Some(0x08),
                    'f' => Some(0x0c),
                    'n' => Some(b'\n'),
                    'r' => Some(b'\r'),
                    't' => Some(b'\t'),
                    'v' => Some(0x0b),
                    '\\' => Some(b'\\'),
                    '\'' => Some(b'\''),
                    '"' => Some(b'"'),
                    _ => None,
                };
                if let Some(b) = simple {
                    out.push(b);
                    continue;
                }
                match e {
                    'x' => out.push(hex_byte(&mut chars)?),
                    '0'..='7' => {
                        let rest: String = chars.by_ref().take(2).collect();
                        let digits = format!("{e}{rest}");
                        let value = u32::from_str_radix(&digits, 8)
                            .ok()
                            .filter(|_| digits.len() == 3)
                            .and_then(|v| u8::try_from(v).ok())
                            .ok_or_else(|| format!("bad octal escape \\{digits}"))?;
                        out.push(value);
                    }
                    'u' | 'U' => {
                        let len = if e == 'u' { 4 } else { 8 };
                        let digits: String = chars.by_ref().take(len).collect();
                        let ch = u32::from_str_radix(&digits, 16)
                            .ok()
                            .filter(|_| {
                                digits.len() == len && digits.chars().all(|c| c.is_ascii_hexdigit())
                            })
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("bad unicode escape \\{e}{digits}"))?;
                        out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                    other => return Err(format!("unknown escape \\{other}")),
                }
            }
            c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    String::from_utf8(out).map_err(|_| "the unquoted value is not UTF-8".into())
}

/// The two hex digits after `\x`.
fn hex_byte(chars: &mut std::str::Chars<'_>) -> Result<u8, String> {
    let digits: String = chars.by_ref().take(2).collect();
    if digits.len() == 2 && digits.chars().all(|c| c.is_ascii_hexdigit()) {
        u8::from_str_radix(&digits, 16).map_err(|_| format!("bad escape \\x{digits}"))
    } else {
        Err(format!("bad escape \\x{digits}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fixture() {
        let text = include_str!("../../tests/fixtures/downward-annotations");
        assert_eq!(
            lookup(text, "opendatahub.io/username").unwrap().as_deref(),
            Some("Alice.Smith@example.com")
        );
        assert_eq!(
            lookup(text, "opendatahub.io/user").unwrap().as_deref(),
            Some("alice-2esmith-40example-2ecom")
        );
        assert_eq!(
            lookup(text, "k8s.ovn.org/pod-networks").unwrap().as_deref(),
            Some(r#"{"default":{"ip_addresses":["10.131.0.45/23"]}}"#)
        );
        assert_eq!(lookup(text, "opendatahub.io/missing").unwrap(), None);
    }

    #[test]
    fn unquotes_go_escapes() {
        assert_eq!(unquote(r#""a\"b\\c\nd\te""#).unwrap(), "a\"b\\c\nd\te");
        assert_eq!(unquote(r#""jos\u00e9""#).unwrap(), "josé");
        assert_eq!(unquote(r#""\U0001f600""#).unwrap(), "😀");
        assert_eq!(unquote(r#""jos\xc3\xa9""#).unwrap(), "josé");
        assert_eq!(unquote(r#""\101""#).unwrap(), "A");
        assert_eq!(unquote("\"李雷\"").unwrap(), "李雷");
        assert_eq!(unquote(r#""""#).unwrap(), "");
    }

    #[test]
    fn refuses_bad_quoting() {
        for bad in [
            "",
            "\"",
            "abc",
            "\"abc",
            "abc\"",
            r#""a"b""#,
            r#""\""#,
            r#""\q""#,
            r#""\x4""#,
            r#""\xzz""#,
            r#""\u12""#,
            r#""\ud800""#,
            r#""\xff""#,
            r#""\400""#,
            r#""\U0011ffff""#,
        ] {
            assert!(unquote(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_malformed_line_for_our_key_is_an_error_and_others_are_ignored() {
        assert!(lookup("opendatahub.io/username=alice", "opendatahub.io/username").is_err());
        assert_eq!(
            lookup(
                "a=broken\nopendatahub.io/username=\"bob\"",
                "opendatahub.io/username"
            )
            .unwrap()
            .as_deref(),
            Some("bob")
        );
    }
}
