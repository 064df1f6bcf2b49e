//! The service-account token claim reader: never panics on any token text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(claims) = oc_role_assume::jwt::claims(&text) {
        let _ = (claims.pod_name(), claims.pod_uid(), claims.namespace());
    }
});
