//! The credential endpoint of `exec --server`: HTTP on 127.0.0.1, a random port and a random 256-bit
//! token, answering the SDKs' container-credentials provider (`AWS_CONTAINER_CREDENTIALS_FULL_URI` +
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`) from memory, while a thread refreshes the credentials through
//! the cache before they go stale.
//!
//! Any process in the pod can connect, so the endpoint is bounded: a fixed pool of `WORKERS` threads
//! started up front (no thread per connection, so no spawn can fail under a process limit), a queue of
//! `QUEUE` accepted connections beyond which new ones are closed at once, a deadline on the whole
//! request (a client that has not sent a complete request head within `REQUEST_DEADLINE` is cut off,
//! however it trickles), and a pause after a failed `accept` (EMFILE) instead of a spin.
//!
//! Only this user's processes are answered: the kernel records the owner of every loopback socket,
//! and `/proc/net/tcp` maps the peer's port to it, so a connection from another UID is closed at
//! accept, before it can take a worker or a place in the queue. Another user in the pod therefore
//! cannot starve the child by holding connections open. (A process of the same user is not kept
//! out: it can read the token from the child's environment anyway.)

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::fd::FromRawFd;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::env::EnvLookup;
use crate::error::{Error, Result};
use crate::files;
use crate::messages::{hex, warn};
use crate::output::{Credentials, Secret, is_account_id, rfc3339, rfc3339_parse};

const PATH: &str = "/credentials";
const MAX_REQUEST_HEAD: usize = 16 * 1024;
/// Connections answered at once.
const WORKERS: usize = 4;
/// Accepted connections waiting for a worker; more are closed at once.
const QUEUE: usize = 32;
/// A complete request head must arrive within this, from the moment the connection was accepted.
pub const REQUEST_DEADLINE: Duration = Duration::from_secs(2);
/// The refresher's pause after a failed refresh, doubled with each failure after that…
const RETRY_FIRST: Duration = Duration::from_secs(10);
/// …up to this.
const RETRY_MAX: Duration = Duration::from_secs(300);
/// How long to wait after a failed `accept` (out of file descriptors, say) before the next one.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

pub struct Endpoint {
    port: u16,
    token: String,
    credentials: Mutex<Credentials>,
}

impl Endpoint {
    /// Bind to a random loopback port and start answering.
    pub fn start(initial: Credentials) -> Result<Arc<Endpoint>> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| {
            Error::io(format!("cannot listen on 127.0.0.1: {e}"))
                .hint("check the pod's loopback interface")
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::io(format!("cannot read the endpoint's address: {e}")))?
            .port();
        let endpoint = Arc::new(Endpoint {
            port,
            token: random_token()?,
            credentials: Mutex::new(initial),
        });
        let (queue, waiting) = sync_channel(QUEUE);
        let waiting = Arc::new(Mutex::new(waiting));
        for _ in 0..WORKERS {
            let (endpoint, waiting) = (Arc::clone(&endpoint), Arc::clone(&waiting));
            spawn("endpoint worker", move || endpoint.work(&waiting))?;
        }
        let owners = Owners::probe(port);
        spawn("endpoint listener", move || {
            accept_forever(&listener, &owners, &queue);
        })?;
        Ok(endpoint)
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{PATH}", self.port)
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn current(&self) -> Credentials {
        self.credentials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    fn replace(&self, credentials: Credentials) {
        *self
            .credentials
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = credentials;
    }

    /// Refresh forever: `lead` before expiry (half the lifetime when the lead would be the whole of
    /// it), through `fetch`; on failure keep serving what we have and try again after a pause that
    /// doubles from 10 s to 5 minutes while the failures go on.
    pub fn keep_fresh(
        self: &Arc<Self>,
        lead: Duration,
        duration: Duration,
        fetch: impl Fn() -> Result<Credentials> + Send + 'static,
    ) -> Result<()> {
        let endpoint = Arc::clone(self);
        let lead = if lead < duration { lead } else { duration / 2 };
        spawn("refresher", move || {
            let mut pause = RETRY_FIRST;
            loop {
                let expiration = endpoint.current().expiration;
                let due = expiration.checked_sub(lead).unwrap_or(expiration);
                let wait = due.duration_since(SystemTime::now()).unwrap_or_default();
                std::thread::sleep(wait.max(Duration::from_secs(1)));
                match fetch() {
                    Ok(fresh) if fresh.expiration > expiration => {
                        endpoint.replace(fresh);
                        pause = RETRY_FIRST;
                    }
                    // Nothing newer yet (clock skew, or an entry another process just wrote):
                    // do not spin; the next round comes after the first pause.
                    Ok(_) => std::thread::sleep(RETRY_FIRST),
                    Err(e) => {
                        warn(format_args!(
                            "refreshing credentials failed: {}; serving the current ones until {} and retrying in {} s",
                            e.what(),
                            rfc3339(expiration),
                            pause.as_secs()
                        ));
                        std::thread::sleep(pause);
                        pause = (pause * 2).min(RETRY_MAX);
                    }
                }
            }
        })
    }

    /// A worker: answer queued connections one at a time, for as long as the listener lives.
    fn work(&self, waiting: &Mutex<Receiver<(TcpStream, Instant)>>) {
        loop {
            let next = waiting
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .recv();
            let Ok((stream, accepted)) = next else { return };
            self.answer(stream, accepted + REQUEST_DEADLINE);
        }
    }

    fn answer(&self, mut stream: TcpStream, deadline: Instant) {
        let Some(head) = read_head(&mut stream, deadline) else {
            return;
        };
        let head = String::from_utf8_lossy(&head);
        let mut lines = head.lines();
        let mut parts = lines.next().unwrap_or("").split_whitespace();
        let (method, path) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let authorization = lines.find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("authorization")
                .then(|| value.trim().to_owned())
        });
        let (status, body) = match authorization {
            None => (
                401,
                r#"{"Code":"Unauthorized","Message":"missing Authorization token"}"#.to_owned(),
            ),
            Some(given) if !constant_time_eq(given.as_bytes(), self.token.as_bytes()) => (
                403,
                r#"{"Code":"Forbidden","Message":"wrong Authorization token"}"#.to_owned(),
            ),
            Some(_) if method != "GET" || path != PATH => {
                (404, r#"{"Code":"NotFound"}"#.to_owned())
            }
            Some(_) => (200, container_json(&self.current())),
        };
        let reason = match status {
            200 => "OK",
            401 => "Unauthorized",
            403 => "Forbidden",
            _ => "Not Found",
        };
        let _ = stream.set_write_timeout(Some(REQUEST_DEADLINE));
        let _ = write!(
            stream,
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    }
}

/// The endpoint's token in a file only this user can read, for SDKs that take the file form
/// (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`; object_store reads no other). It lives in a fresh
/// private dir (0700, the file 0600) and is removed with it when dropped.
pub struct TokenFile {
    dir: PathBuf,
    path: PathBuf,
}

impl TokenFile {
    /// Write `token` in a new private dir under the first of `bases` that takes one (a read-only
    /// root has no writable `/tmp`; `/dev/shm` and the home volume still are). Each base is a dir and
    /// the name the private dir starts with.
    pub fn create(bases: &[(PathBuf, &str)], token: &str) -> Result<TokenFile> {
        let mut tried = Vec::new();
        for (base, prefix) in bases {
            match TokenFile::create_in(base, prefix, token) {
                Ok(file) => return Ok(file),
                Err(e) => tried.push(format!("{}: {e}", base.display())),
            }
        }
        Err(Error::io(format!(
            "cannot write the endpoint token file anywhere ({})",
            tried.join("; ")
        ))
        .hint("make XDG_RUNTIME_DIR or TMPDIR a writable dir (an emptyDir volume)"))
    }

    fn create_in(base: &Path, prefix: &str, token: &str) -> std::io::Result<TokenFile> {
        let template = base.join(format!("{prefix}XXXXXX"));
        let mut template = std::ffi::CString::new(template.into_os_string().into_vec())
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?
            .into_bytes_with_nul();
        // SAFETY: a NUL-terminated, writable template, as mkdtemp requires; it creates a 0700 dir.
        if unsafe { libc::mkdtemp(template.as_mut_ptr().cast()) }.is_null() {
            return Err(std::io::Error::last_os_error());
        }
        template.pop();
        let dir = PathBuf::from(std::ffi::OsString::from_vec(template));
        let path = dir.join("token");
        let file = TokenFile { dir, path };
        files::write_atomically(
            &file.path,
            &file.dir.join("token.tmp"),
            token.as_bytes(),
            files::Owner::private(),
        )?;
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TokenFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_dir(&self.dir);
    }
}

/// The endpoint of the `exec --server` this process runs under, as its environment names it: a
/// helper started by an SDK in a server's child answers from there instead of running the chain
/// (which may lack the settings the server had, and would mint a second session).
pub struct Parent {
    port: u16,
    token: String,
}

impl Parent {
    /// Where the credentials come from, for `whoami` and `doctor`.
    pub fn describe(&self) -> String {
        format!("the exec --server endpoint at 127.0.0.1:{}", self.port)
    }

    /// `Some` only for our own endpoint's shape: `http://127.0.0.1:<port>/credentials` and a token.
    pub fn from_env(env: EnvLookup<'_>) -> Option<Parent> {
        let uri = env("AWS_CONTAINER_CREDENTIALS_FULL_URI")?;
        let port = uri
            .strip_prefix("http://127.0.0.1:")?
            .strip_suffix(PATH)?
            .parse()
            .ok()?;
        let token = env("AWS_CONTAINER_AUTHORIZATION_TOKEN").or_else(|| {
            let file = env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")?;
            files::read_small(Path::new(&file), 1024).map(|t| t.trim().to_owned())
        })?;
        Some(Parent { port, token })
    }

    /// The credentials the endpoint serves now.
    pub fn credentials(&self) -> Result<Credentials> {
        let failed = |why: String| {
            Error::sts(format!(
                "the exec --server endpoint at 127.0.0.1:{} {why}",
                self.port
            ))
            .hint("the oc-role-assume exec --server wrapper this runs under is gone or busy: restart the workbench")
        };
        let (status, body) =
            http_get(self.port, &self.token).map_err(|e| failed(format!("cannot be read: {e}")))?;
        if status != 200 {
            return Err(failed(format!("answered HTTP {status}")));
        }
        let json: serde_json::Value =
            serde_json::from_str(&body).map_err(|_| failed("sent no JSON".into()))?;
        let field = |name: &str| json.get(name).and_then(|v| v.as_str()).unwrap_or("");
        let expiration = rfc3339_parse(field("Expiration"))
            .ok_or_else(|| failed("sent no Expiration".into()))?;
        Ok(Credentials {
            access_key_id: field("AccessKeyId").to_owned(),
            secret_access_key: Secret::new(field("SecretAccessKey")),
            session_token: Secret::new(field("Token")),
            expiration,
            account_id: json
                .get("AccountId")
                .and_then(|v| v.as_str())
                .filter(|a| is_account_id(a))
                .map(str::to_owned),
        })
    }
}

/// One GET of our own endpoint, bounded by `REQUEST_DEADLINE`.
fn http_get(port: u16, token: &str) -> std::io::Result<(u16, String)> {
    let addr = (Ipv4Addr::LOCALHOST, port).into();
    let mut stream = TcpStream::connect_timeout(&addr, REQUEST_DEADLINE)?;
    stream.set_read_timeout(Some(REQUEST_DEADLINE))?;
    stream.set_write_timeout(Some(REQUEST_DEADLINE))?;
    write!(
        stream,
        "GET {PATH} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: {token}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.take(64 * 1024).read_to_string(&mut response)?;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    Ok((status, body))
}

/// Start a named thread; a failure (a process limit) is an error, not a panic.
fn spawn(name: &str, work: impl FnOnce() + Send + 'static) -> Result<()> {
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(work)
        .map(drop)
        .map_err(|e| {
            Error::io(format!("cannot start the {name} thread: {e}"))
                .hint("the pod's process limit is reached: stop some processes and try again")
        })
}

/// Accept connections and queue this user's with their arrival time; another user's connection and
/// one that finds the queue full are closed at once.
fn accept_forever(
    listener: &TcpListener,
    owners: &Owners,
    queue: &SyncSender<(TcpStream, Instant)>,
) {
    loop {
        match listener.accept() {
            Ok((stream, peer)) if owners.is_ours(peer) => {
                match queue.try_send((stream, Instant::now())) {
                    Ok(()) | Err(TrySendError::Full(_)) => {}
                    Err(TrySendError::Disconnected(_)) => return,
                }
            }
            Ok(_) => {}
            Err(_) => std::thread::sleep(ACCEPT_BACKOFF),
        }
    }
}

/// Where the kernel says who owns a loopback connection's other end.
const PROC_NET_TCP: &str = "/proc/net/tcp";

/// Who may connect: sockets owned by this process's UID, looked up in `/proc/net/tcp`.
struct Owners {
    port: u16,
    uid: u32,
    /// `/proc/net/tcp` was unreadable at start (no procfs): nobody can be told apart, all are let in.
    blind: bool,
}

impl Owners {
    fn probe(port: u16) -> Owners {
        let blind = std::fs::metadata(PROC_NET_TCP).is_err();
        if blind {
            warn(format_args!(
                "cannot read {PROC_NET_TCP}: the credential endpoint cannot refuse other users' connections"
            ));
        }
        Owners {
            port,
            uid: files::euid(),
            blind,
        }
    }

    /// Whether the socket at `peer`, connected to our port, belongs to our UID. Unknown is no: the
    /// peer's socket is gone, or the table is unreadable now.
    fn is_ours(&self, peer: SocketAddr) -> bool {
        if self.blind {
            return true;
        }
        // The kernel's exact lookup of that one socket; reading /proc/net/tcp walks every socket
        // of the namespace (milliseconds, and a neighbour could grow it), so it is the fallback
        // only where sock_diag is unavailable (a seccomp profile that forbids netlink).
        if let Some(owner) = diag_owner(peer, self.port) {
            return owner == Some(self.uid);
        }
        let Ok(table) = std::fs::read_to_string(PROC_NET_TCP) else {
            return false;
        };
        socket_owner(&table, peer, self.port) == Some(self.uid)
    }
}

/// The owner of the TCP socket at `peer` connected to 127.0.0.1:`port`, asked of the kernel with one
/// `SOCK_DIAG_BY_FAMILY` request (what `ss` uses) naming its four-tuple: `Some(None)` when no such
/// socket exists, `None` when netlink cannot be used.
fn diag_owner(peer: SocketAddr, port: u16) -> Option<Option<u32>> {
    let SocketAddr::V4(peer) = peer else {
        return Some(None);
    };
    const NETLINK_SOCK_DIAG: libc::c_int = 4;
    const SOCK_DIAG_BY_FAMILY: u16 = 20;
    // nlmsghdr (16 bytes), then inet_diag_req_v2: family, protocol, ext, pad, states (u32), and
    // inet_diag_sockid: sport, dport (big-endian), src[4], dst[4] (u32 each), if, cookie[2].
    let mut request = [0u8; 72];
    request[0..4].copy_from_slice(&72u32.to_ne_bytes());
    request[4..6].copy_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    request[6..8].copy_from_slice(&(libc::NLM_F_REQUEST as u16).to_ne_bytes());
    request[16] = libc::AF_INET as u8;
    request[17] = libc::IPPROTO_TCP as u8;
    request[20..24].copy_from_slice(&u32::MAX.to_ne_bytes());
    request[24..26].copy_from_slice(&peer.port().to_be_bytes());
    request[26..28].copy_from_slice(&port.to_be_bytes());
    request[28..32].copy_from_slice(&peer.ip().octets());
    request[44..48].copy_from_slice(&Ipv4Addr::LOCALHOST.octets());
    request[64..72].copy_from_slice(&[0xff; 8]); // INET_DIAG_NOCOOKIE
    // SAFETY: a netlink socket we own and close; the buffers are local and sized as passed.
    unsafe {
        let fd = libc::socket(
            libc::AF_NETLINK,
            libc::SOCK_DGRAM | libc::SOCK_CLOEXEC,
            NETLINK_SOCK_DIAG,
        );
        if fd < 0 {
            return None;
        }
        let fd = std::os::fd::OwnedFd::from_raw_fd(fd);
        let raw = std::os::fd::AsRawFd::as_raw_fd(&fd);
        let timeout = libc::timeval {
            tv_sec: 1,
            tv_usec: 0,
        };
        libc::setsockopt(
            raw,
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            (&raw const timeout).cast(),
            std::mem::size_of::<libc::timeval>() as libc::socklen_t,
        );
        if libc::send(raw, request.as_ptr().cast(), request.len(), 0) != 72 {
            return None;
        }
        let mut answer = [0u8; 512];
        let n = libc::recv(raw, answer.as_mut_ptr().cast(), answer.len(), 0);
        let n = usize::try_from(n).ok()?;
        if n < 16 {
            return None;
        }
        let kind = u16::from_ne_bytes([answer[4], answer[5]]);
        if kind == SOCK_DIAG_BY_FAMILY && n >= 16 + 72 {
            // inet_diag_msg: 4 bytes, the 48-byte sockid, expires, rqueue, wqueue, then uid.
            let at = 16 + 4 + 48 + 12;
            return Some(Some(u32::from_ne_bytes(
                answer[at..at + 4].try_into().ok()?,
            )));
        }
        // NLMSG_ERROR: ENOENT, no such socket; anything else, netlink is of no use here.
        let errno = i32::from_ne_bytes(answer[16..20].try_into().ok()?);
        (kind == libc::NLMSG_ERROR as u16 && errno == -libc::ENOENT).then_some(None)
    }
}

/// The uid column of the `/proc/net/tcp` row whose local address is `peer` and whose remote
/// address is 127.0.0.1:`port`: the connecting process's socket, not our accepted one.
fn socket_owner(table: &str, peer: SocketAddr, port: u16) -> Option<u32> {
    let SocketAddr::V4(peer) = peer else {
        return None;
    };
    // The kernel prints each IPv4 address as its in-memory u32 (`%08X`), the port as `%04X`.
    let address =
        |ip: Ipv4Addr, port: u16| format!("{:08X}:{port:04X}", u32::from_ne_bytes(ip.octets()));
    let (local, remote) = (
        address(*peer.ip(), peer.port()),
        address(Ipv4Addr::LOCALHOST, port),
    );
    table.lines().skip(1).find_map(|row| {
        let fields: Vec<&str> = row.split_whitespace().collect();
        (fields.get(1) == Some(&local.as_str()) && fields.get(2) == Some(&remote.as_str()))
            .then(|| fields.get(7)?.parse().ok())
            .flatten()
    })
}

/// The request head (up to the blank line), or `None` when it is not complete by `deadline`, too
/// large, or the client went away. Each read waits at most until the deadline, so trickling bytes
/// cannot stretch it.
fn read_head(stream: &mut TcpStream, deadline: Instant) -> Option<Vec<u8>> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return None;
        }
        let n = stream.read(&mut buf).ok().filter(|n| *n > 0)?;
        head.extend_from_slice(&buf[..n]);
        if head.windows(4).any(|w| w == b"\r\n\r\n") || head.windows(2).any(|w| w == b"\n\n") {
            return Some(head);
        }
        if head.len() > MAX_REQUEST_HEAD {
            return None;
        }
    }
}

/// The container-credentials provider's shape: `Token`, not `SessionToken`; `AccountId` when known.
fn container_json(c: &Credentials) -> String {
    let mut json = serde_json::json!({
        "AccessKeyId": c.access_key_id,
        "SecretAccessKey": c.secret_access_key.expose(),
        "Token": c.session_token.expose(),
        "Expiration": rfc3339(c.expiration),
    });
    if let Some(account) = &c.account_id {
        json["AccountId"] = account.as_str().into();
    }
    json.to_string()
}

/// Compare without an early exit, so the time taken says nothing about where a guess went wrong.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 256 random bits from the kernel, as hex.
fn random_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| {
            Error::io(format!(
                "cannot read /dev/urandom for the endpoint token: {e}"
            ))
            .hint("mount /dev/urandom")
        })?;
    Ok(hex(&bytes))
}

#[cfg(test)]
mod tests {
    use super::{constant_time_eq, socket_owner};

    #[test]
    fn finds_the_owner_of_the_connecting_socket_not_of_ours() {
        // 127.0.0.1:41000 (uid 1001) connected to our 127.0.0.1:8080; the second row is our side.
        let table = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0\n\
   1: 0100007F:A028 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1001        0 2 1 0 20 4 30 10 -1\n\
   2: 0100007F:1F90 0100007F:A028 01 00000000:00000000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1\n";
        let peer = "127.0.0.1:41000".parse().unwrap();
        assert_eq!(socket_owner(table, peer, 8080), Some(1001));
        assert_eq!(
            socket_owner(table, "127.0.0.1:41001".parse().unwrap(), 8080),
            None
        );
        assert_eq!(socket_owner(table, peer, 8081), None);
        assert_eq!(
            socket_owner(table, "[::1]:41000".parse().unwrap(), 8080),
            None
        );
    }

    #[test]
    fn compares_tokens() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
