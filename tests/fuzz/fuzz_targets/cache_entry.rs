//! The cache entry reader: any file content is an entry or a miss, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let key = oc_role_assume::cache::Key::from_hex("00112233445566778899aabbccddeeff");
    if let Some(credentials) = oc_role_assume::cache::parse_entry(text, &key) {
        let _ = credentials.to_process_json();
    }
});
