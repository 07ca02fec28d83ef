//! Reading knowledge-base files from disk, with limits that keep hostile or
//! mistaken input cheap to reject: a 10 MB file, a binary, invalid UTF-8, a
//! named pipe, a link to a device that never ends, a link loop. Only regular
//! files are read (after following links); everything else is a finding.
//! Every limit counts bytes actually read, never what a file's metadata
//! claims (`/proc` files say 0, a growing file says less than it will be).
//! Nothing here writes: the tool never changes a user's files.

use super::finding::{Code, Finding};
use super::i18n::{Msg, count_en};
use super::locate::line_col;
use super::model::DataFile;
use super::{text, yaml};
use std::collections::BTreeSet;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest knowledge-base file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most files read below one directory.
pub const MAX_FILES: usize = 10_000;
/// Most bytes read below one directory, all files together.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Most directory entries looked at below one directory (YAML or not).
pub const MAX_ENTRIES: usize = 100_000;
/// Deepest directory nesting followed.
pub const MAX_DEPTH: usize = 16;

/// One file that parsed.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Path as shown in messages.
    pub path: String,
    /// The file's text.
    pub text: String,
    pub data: DataFile,
    /// Warnings about the file itself (characters removed).
    pub warnings: Vec<Finding>,
}

/// A finding about a whole file or directory (line 1, column 1).
fn at(path: &Path, msg: Msg) -> Finding {
    Finding::new(&path.display().to_string(), 1, 1, Code::E001, msg)
}

/// Reads and parses every `.yaml`/`.yml` file below `dir`, in path order.
/// A directory that cannot be read is a single finding; each bad file, and
/// each entry that is neither a directory nor a regular file (a FIFO, a
/// socket, a device, a link to one, a dangling link, a link loop), is a
/// finding of its own. Limits: [`MAX_FILE_BYTES`] a file,
/// [`MAX_TOTAL_BYTES`] and [`MAX_FILES`] in all, [`MAX_ENTRIES`] entries,
/// [`MAX_DEPTH`] levels.
pub fn load_dir(dir: &Path) -> (Vec<LoadedFile>, Vec<Finding>) {
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) => {
            let msg = if e.kind() == std::io::ErrorKind::NotFound {
                Msg::new("目录不存在 (no such directory)", "no such directory")
            } else {
                cannot_read_dir(&e)
            };
            return (Vec::new(), vec![at(dir, msg)]);
        }
    };
    if !meta.is_dir() {
        let msg = if meta.is_file() {
            Msg::new(
                "这是一个文件，需要的是目录 (expected a directory)",
                "this is a file; a directory is needed",
            )
        } else {
            let (zh, en) = kind_of(&meta);
            Msg::new(
                format!("这是{zh}，需要的是目录 (expected a directory)"),
                format!("this is {en}; a directory is needed"),
            )
        };
        return (Vec::new(), vec![at(dir, msg)]);
    }
    let mut walk = Walk::default();
    walk.enter(dir, &meta, 0);
    let Walk {
        mut paths,
        mut findings,
        stopped,
        ..
    } = walk;
    if let Some(msg) = stopped {
        findings.push(at(dir, msg));
        return (Vec::new(), findings);
    }
    paths.sort();
    let mut files = Vec::new();
    let mut total: u64 = 0;
    for p in paths {
        // The last file may take what is left of the total, and no more.
        let room = MAX_TOTAL_BYTES - total;
        let bytes = match read_regular(&p, MAX_FILE_BYTES.min(room)) {
            Ok(b) => b,
            Err(Unread::TooLarge) if room < MAX_FILE_BYTES => {
                findings.push(at(
                    dir,
                    Msg::new(
                        format!("YAML 文件共超过 {MAX_TOTAL_BYTES} 字节的上限 (too much data)"),
                        format!(
                            "too much data: the YAML files together are over the limit of {MAX_TOTAL_BYTES} bytes"
                        ),
                    ),
                ));
                return (Vec::new(), findings);
            }
            Err(e) => {
                findings.push(at(&p, e.message()));
                continue;
            }
        };
        total += bytes.len() as u64;
        match load_bytes(&p.display().to_string(), &bytes) {
            Ok(f) => {
                findings.extend(f.warnings.iter().cloned());
                files.push(f);
            }
            Err(f) => findings.push(f),
        }
    }
    (files, findings)
}

/// The walk below a data directory: YAML files found, findings, and why it
/// stopped early, if it did.
#[derive(Default)]
struct Walk {
    paths: Vec<PathBuf>,
    findings: Vec<Finding>,
    /// Directories entered, by device and inode: a link back to one of them
    /// (a loop) or a second link to one is reported, not followed.
    entered: BTreeSet<(u64, u64)>,
    entries: usize,
    stopped: Option<Msg>,
}

impl Walk {
    fn enter(&mut self, dir: &Path, meta: &Metadata, depth: usize) {
        if !self.entered.insert(identity(meta)) {
            self.findings.push(at(
                dir,
                Msg::new(
                    "目录已经读过：链接循环或重复链接，不再读取 (directory loop)",
                    "directory loop: this directory was already read (a link loop or a second link to it), so it is not read again",
                ),
            ));
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.findings.push(at(dir, cannot_read_dir(&e)));
                return;
            }
        };
        for entry in entries.flatten() {
            if self.stopped.is_some() {
                return;
            }
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                self.stopped = Some(Msg::new(
                    format!("目录条目过多：超过 {MAX_ENTRIES} 个 (too many entries)"),
                    format!("too many entries: more than {MAX_ENTRIES}"),
                ));
                return;
            }
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') {
                continue;
            }
            self.visit(&entry.path(), &name, depth);
        }
    }

    fn visit(&mut self, path: &Path, name: &str, depth: usize) {
        // Follows links, so a linked directory or file counts as what it
        // points to; a link that leads nowhere is a finding.
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                self.findings.push(at(path, unresolved(path, &e)));
                return;
            }
        };
        if meta.is_dir() {
            if depth >= MAX_DEPTH {
                self.findings.push(at(
                    path,
                    Msg::new(
                        format!("目录层级过深：超过 {MAX_DEPTH} 层，不再读取 (too deep)"),
                        format!(
                            "too deep: directories nested more than {MAX_DEPTH} levels are not read"
                        ),
                    ),
                ));
            } else {
                self.enter(path, &meta, depth + 1);
            }
        } else if !meta.is_file() {
            self.findings.push(at(path, not_regular(path, &meta)));
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            self.paths.push(path.to_path_buf());
            if self.paths.len() > MAX_FILES {
                self.stopped = Some(Msg::new(
                    format!("YAML 文件过多：超过 {MAX_FILES} 个 (too many files)"),
                    format!("too many files: more than {MAX_FILES} YAML files"),
                ));
            }
        }
    }
}

/// Why the metadata of an entry could not be read: mostly a link that
/// leads nowhere or round in a circle.
fn unresolved(path: &Path, e: &std::io::Error) -> Msg {
    let link = std::fs::read_link(path).ok();
    match (&link, e.kind()) {
        (Some(to), std::io::ErrorKind::NotFound) => Msg::new(
            format!("链接指向的文件不存在：{} (dangling symlink)", to.display()),
            format!(
                "dangling symlink: it points at {}, which does not exist",
                to.display()
            ),
        ),
        (Some(to), _) => Msg::new(
            format!(
                "链接无法解析：{}，可能是链接循环 (symlink loop: {e})",
                to.display()
            ),
            format!(
                "the link to {} cannot be followed, perhaps a symlink loop ({e})",
                to.display()
            ),
        ),
        (None, _) => Msg::new(
            format!("无法读取（没有权限或文件已不在）({e})"),
            format!("cannot read it: no permission, or the file is gone ({e})"),
        ),
    }
}

/// A directory that could not be listed.
fn cannot_read_dir(e: &std::io::Error) -> Msg {
    Msg::new(
        format!("无法读取目录 ({e})"),
        format!("cannot read the directory ({e})"),
    )
}

/// The finding for an entry that is neither a directory nor a regular file.
fn not_regular(path: &Path, meta: &Metadata) -> Msg {
    let (zh, en) = kind_of(meta);
    match std::fs::read_link(path) {
        Ok(to) => Msg::new(
            format!(
                "链接指向{zh}：{}，只读取普通文件 (symlink to a special file, not read)",
                to.display()
            ),
            format!(
                "the link points at {en}, {}: only regular files are read",
                to.display()
            ),
        ),
        Err(_) => special(kind_of(meta)),
    }
}

/// The finding for a file of `kind` that is not a regular file.
fn special((zh, en): (&str, &str)) -> Msg {
    Msg::new(
        format!("这是{zh}，不是普通文件，只读取普通文件 (special file, not read)"),
        format!("this is {en}, not a regular file: only regular files are read"),
    )
}

/// What kind of file the metadata describes, in words: Chinese, and
/// English with its article.
fn kind_of(meta: &Metadata) -> (&'static str, &'static str) {
    let t = meta.file_type();
    if t.is_dir() {
        return ("目录 (directory)", "a directory");
    }
    if t.is_file() {
        return ("普通文件 (regular file)", "a regular file");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return ("命名管道 (FIFO)", "a named pipe (FIFO)");
        }
        if t.is_socket() {
            return ("套接字 (socket)", "a socket");
        }
        if t.is_char_device() {
            return ("字符设备 (character device)", "a character device");
        }
        if t.is_block_device() {
            return ("块设备 (block device)", "a block device");
        }
    }
    ("特殊文件 (special file)", "a special file")
}

/// Device and inode of a directory (its path elsewhere).
#[cfg(unix)]
fn identity(meta: &Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_meta: &Metadata) -> (u64, u64) {
    // No inode to tell directories apart: every directory is new, and the
    // depth limit ends a loop.
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    (0, NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// Why a file was not read.
#[derive(Debug)]
enum Unread {
    /// Not a regular file once opened (it was replaced after it was looked at).
    Special((&'static str, &'static str)),
    /// More than the limit.
    TooLarge,
    Io(std::io::Error),
}

impl Unread {
    fn message(&self) -> Msg {
        match self {
            Unread::Special(kind) => special(*kind),
            Unread::TooLarge => Msg::new(
                format!("文件过大：超过 {MAX_FILE_BYTES} 字节的上限 (file too large)"),
                format!("file too large: over the limit of {MAX_FILE_BYTES} bytes"),
            ),
            Unread::Io(e) => Msg::new(format!("无法读取 ({e})"), format!("cannot read it ({e})")),
        }
    }
}

/// Opening never waits: without a writer, a named pipe opened for reading
/// would block `open` itself; with `O_NONBLOCK` it opens at once and is then
/// seen for what it is. `O_NOCTTY` keeps a terminal device from becoming the
/// process's controlling terminal. Both matter only when a regular file was
/// replaced between the look and the open. The values are Linux's on its
/// common architectures; elsewhere the look before the open has to do.
const OPEN_FLAGS: i32 = if cfg!(all(
    any(target_os = "linux", target_os = "android"),
    any(
        target_arch = "x86",
        target_arch = "x86_64",
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "riscv32",
        target_arch = "riscv64",
        target_arch = "powerpc",
        target_arch = "powerpc64",
        target_arch = "s390x",
        target_arch = "loongarch64"
    )
)) {
    0o4000 /* O_NONBLOCK */ | 0o400 /* O_NOCTTY */
} else {
    0
};

fn open_without_waiting(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(OPEN_FLAGS);
    }
    options.open(path)
}

/// Reads a regular file, at most `limit` bytes of it (see [`read_bounded`]).
/// What is opened is checked again, so a file swapped for a pipe or device
/// after it was looked at is not read either.
fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
    let file = open_without_waiting(path).map_err(Unread::Io)?;
    let meta = file.metadata().map_err(Unread::Io)?;
    if !meta.is_file() {
        return Err(Unread::Special(kind_of(&meta)));
    }
    // The size is only a hint for the buffer, never trusted for the limit.
    read_bounded(file, meta.len(), limit)
}

/// Reads to the end, but never more than `limit` + 1 bytes: one byte more
/// than `limit` means [`Unread::TooLarge`], however large the source says
/// it is (`size_hint`) or grows while it is read.
fn read_bounded(source: impl Read, size_hint: u64, limit: u64) -> Result<Vec<u8>, Unread> {
    let hint = usize::try_from(size_hint.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(hint.saturating_add(1));
    source
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Unread::TooLarge);
    }
    Ok(bytes)
}

/// Parses the bytes of one file named `shown` (in messages): they must be
/// UTF-8 text within the size limit; strings lose any terminal control
/// characters (with a W003 warning).
pub fn load_bytes(shown: &str, bytes: &[u8]) -> Result<LoadedFile, Finding> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Finding::new(
            shown,
            1,
            1,
            Code::E001,
            Msg::new(
                format!(
                    "文件过大：{} 字节，上限 {MAX_FILE_BYTES} 字节 (file too large)",
                    bytes.len()
                ),
                format!(
                    "file too large: {} bytes, over the limit of {MAX_FILE_BYTES} bytes",
                    bytes.len()
                ),
            ),
        ));
    }
    let text = decode(bytes)
        .map_err(|(line, col, msg)| Finding::new(shown, line, col, Code::E001, msg))?;
    let mut data = yaml::parse_file(&text).map_err(|e| {
        let code = classify(&e.message);
        // The parser's own message, in English whatever the language.
        Finding::new(shown, e.line, e.column, code, Msg::same(e.message))
    })?;
    let mut warnings = Vec::new();
    if let Some(removed) = sanitize_strings(&mut data) {
        let (line, col) = control_position(&text).map_or((1, 1), |i| line_col(text.as_bytes(), i));
        warnings.push(Finding::new(
            shown,
            line,
            col,
            Code::W003,
            Msg::new(
                format!(
                    "已删除 {removed} 个终端控制字符或双向文本控制字符 (control characters removed)"
                ),
                format!(
                    "removed {} (terminal control or bidirectional-override characters)",
                    count_en(removed, "control character", "control characters")
                ),
            ),
        ));
    }
    Ok(LoadedFile {
        path: shown.to_string(),
        text,
        data,
        warnings,
    })
}

/// Strips terminal control and bidirectional-override characters from every
/// string of a parsed file, so text a user supplied can never drive the
/// terminal. Returns how many were removed, if any.
fn sanitize_strings(data: &mut DataFile) -> Option<usize> {
    fn walk(v: &mut serde_json::Value, removed: &mut usize) {
        match v {
            serde_json::Value::String(s) => {
                let clean = text::sanitize(s);
                if clean.len() != s.len() {
                    *removed += s
                        .chars()
                        .filter(|&c| text::is_unsafe(c) && c != '\t')
                        .count();
                    *s = clean.into_owned();
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, removed)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|x| walk(x, removed)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(&*data).ok()?;
    let mut removed = 0;
    walk(&mut value, &mut removed);
    if removed == 0 {
        return None;
    }
    *data = serde_json::from_value(value).ok()?;
    Some(removed)
}

/// Where the first control character is written: raw, or as an escape in a
/// double-quoted YAML string (`\e`, `\x1b`, `\u202e`, …).
fn control_position(text: &str) -> Option<usize> {
    let raw = text
        .char_indices()
        .find(|(_, c)| text::is_unsafe(*c) && *c != '\t' && *c != '\r')
        .map(|(i, _)| i);
    let escaped = text
        .match_indices('\\')
        .find(|(i, _)| {
            matches!(
                text.as_bytes().get(i + 1),
                Some(b'e' | b'a' | b'b' | b'v' | b'f' | b'0' | b'x' | b'u' | b'U' | b'N')
            )
        })
        .map(|(i, _)| i);
    match (raw, escaped) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Checks the bytes are UTF-8 text (not a binary) and drops a leading BOM.
fn decode(bytes: &[u8]) -> Result<String, (usize, usize, Msg)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col(bytes, at);
        return Err((
            line,
            col,
            Msg::new(
                "二进制文件，不是 YAML 文本 (NUL byte)",
                "a binary file, not YAML text (NUL byte)",
            ),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (line, col) = line_col(bytes, e.valid_up_to());
            Err((
                line,
                col,
                Msg::new(
                    format!(
                        "不是 UTF-8 编码 (invalid UTF-8 at byte {})",
                        e.valid_up_to()
                    ),
                    format!("not UTF-8 text (invalid UTF-8 at byte {})", e.valid_up_to()),
                ),
            ))
        }
    }
}

/// Sorts a parser message into a finding code.
fn classify(message: &str) -> Code {
    if message.contains("unknown field") {
        Code::E003
    } else if message.contains("invalid type")
        || message.contains("invalid value")
        || message.contains("unknown variant")
        || message.contains("missing field")
        || message.contains("invalid length")
    {
        Code::E004
    } else {
        Code::E002
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An endless source that counts the bytes taken from it.
    struct Endless<'a> {
        taken: &'a mut u64,
    }

    impl Read for Endless<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(b'#');
            *self.taken += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn reads_stop_one_byte_past_the_limit_whatever_the_size_says() {
        for hint in [0, 10, u64::MAX] {
            let mut taken = 0;
            let r = read_bounded(Endless { taken: &mut taken }, hint, 1000);
            assert!(matches!(r, Err(Unread::TooLarge)), "{r:?}");
            assert_eq!(taken, 1001, "size hint {hint}");
        }
        let exactly = read_bounded(&[b'a'; 1000][..], 0, 1000).expect("at the limit");
        assert_eq!(exactly.len(), 1000);
        let over = read_bounded(&[b'a'; 1001][..], 1000, 1000);
        assert!(matches!(over, Err(Unread::TooLarge)), "{over:?}");
    }

    #[test]
    fn rejects_binary_and_bad_utf8_with_position() {
        assert_eq!(decode(b"a: 1\nb\0").unwrap_err().0, 2);
        let (line, col, msg) = decode(b"a: 1\nbb: \xff\n").unwrap_err();
        assert_eq!((line, col), (2, 5));
        assert!(msg.zh.contains("UTF-8") && msg.en.contains("UTF-8"));
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
    }

    #[test]
    fn classifies_parser_messages() {
        assert_eq!(classify("procedures[0]: unknown field `x`"), Code::E003);
        assert_eq!(
            classify("invalid type: string, expected a sequence"),
            Code::E004
        );
        assert_eq!(classify("did not find expected key"), Code::E002);
    }
}
