//! Small file mechanisms shared by the identity sources, the token reader, the cache and `configure`:
//! one bounded reader that never blocks on a FIFO, one atomic writer that makes the rename durable,
//! and the platform's group convention for what they create in a home.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The bytes of the regular file at `path`, at most `limit + 1` of them (so a caller can tell "too
/// large"). `NotFound` when absent; `InvalidInput` when it is not a regular file (a directory, a FIFO,
/// a device), which is never opened for reading.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `read_regular` as text for sources where absence (or a non-file) just means "not here".
pub fn read_small(path: &Path, limit: u64) -> Option<String> {
    let bytes = read_regular(path, limit).ok()?;
    String::from_utf8(bytes).ok()
}

/// Whether the nearest existing dir at or above `path` is writable by its group. A workbench home is
/// (0770, group 0): OpenShift may run the workbench as uid 1001 or as any UID in group 0 on the same
/// volume, so what is made there is made group-writable too, secrets excepted.
pub fn group_shared(path: &Path) -> bool {
    path.ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find_map(|p| fs::metadata(p).ok().filter(fs::Metadata::is_dir))
        .is_some_and(|meta| meta.permissions().mode() & 0o020 != 0)
}

/// Create `dir` (mode `leaf`) and its missing parents (mode `parents`), each chmod'ed to exactly that
/// mode (the umask would drop the group bits of a shared one). An existing dir is left as it is.
pub fn create_dirs(dir: &Path, parents: u32, leaf: u32) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .take_while(|p| fs::symlink_metadata(p).is_err())
        .collect();
    for (i, at) in missing.iter().rev().enumerate() {
        let mode = if i + 1 == missing.len() {
            leaf
        } else {
            parents
        };
        match fs::DirBuilder::new().mode(mode).create(at) {
            Ok(()) => fs::set_permissions(at, fs::Permissions::from_mode(mode))?,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Who owns a file and how it may be used: kept when `configure` replaces one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub uid: u32,
    pub gid: u32,
    pub mode: u32,
}

/// Replace `path` with `bytes` atomically: write `tmp` (created fresh, never through a symlink), give
/// it `owner`'s ids (when given) and mode, fsync, rename over `path`, then fsync the directory so
/// the rename survives a crash. On failure `tmp` is removed and `path` is untouched.
pub fn write_atomically(path: &Path, tmp: &Path, bytes: &[u8], owner: Owner) -> io::Result<()> {
    // A process killed mid-write leaves its temp file behind; whoever holds the lock may replace it.
    match fs::remove_file(tmp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(tmp)?;
    let chown = |file: &File| match euid() == owner.uid && egid() == owner.gid {
        true => Ok(()),
        false => std::os::unix::fs::fchown(file, Some(owner.uid), Some(owner.gid)),
    };
    let written = write_all(&mut file, bytes)
        .and_then(|()| chown(&file))
        .and_then(|()| file.set_permissions(fs::Permissions::from_mode(owner.mode)))
        .and_then(|()| file.sync_all())
        .and_then(|()| fs::rename(tmp, path));
    if written.is_err() {
        let _ = fs::remove_file(tmp);
        return written;
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    File::open(dir)?.sync_all()
}

/// The effective user id: a new file is this user's.
pub fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

fn egid() -> u32 {
    // SAFETY: getegid has no preconditions and cannot fail.
    unsafe { libc::getegid() }
}

impl Owner {
    /// A new private file of this user's.
    pub fn private() -> Owner {
        Owner {
            uid: euid(),
            gid: egid(),
            mode: 0o600,
        }
    }
}

#[cfg(not(debug_assertions))]
fn write_all(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    file.write_all(bytes)
}

/// Debug builds only: `OC_ROLE_ASSUME_TEST_WRITE_PAUSE_MS` pauses halfway through the write, so a
/// test can kill the process mid-write. Release builds have no such hook.
#[cfg(debug_assertions)]
fn write_all(file: &mut File, bytes: &[u8]) -> io::Result<()> {
    let pause = std::env::var("OC_ROLE_ASSUME_TEST_WRITE_PAUSE_MS")
        .ok()
        .and_then(|v| v.parse().ok());
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    file.write_all(head)?;
    if let Some(ms) = pause {
        file.sync_all()?;
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    file.write_all(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_only_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_regular(&file, 4).unwrap(), b"01234");
        assert_eq!(read_small(&file, 100).as_deref(), Some("0123456789"));
        let e = read_regular(dir.path(), 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput);
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            read_small(&fifo, 4),
            None,
            "a FIFO is neither read nor waited on"
        );
        assert_eq!(read_small(&dir.path().join("absent"), 4), None);
    }

    #[test]
    fn writes_atomically_with_the_mode_given() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmp) = (dir.path().join("entry"), dir.path().join("entry.tmp"));
        fs::write(&tmp, "stale").unwrap();
        let owner = Owner {
            mode: 0o640,
            ..Owner::private()
        };
        write_atomically(&path, &tmp, b"new", owner).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert!(!tmp.exists());
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}
