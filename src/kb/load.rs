//! Reading knowledge-base files from disk, with limits that keep hostile or
//! mistaken input (a 10 MB file, a binary, invalid UTF-8) cheap to reject.
//! Nothing here writes: the tool never changes a user's files.

use super::finding::{Code, Finding};
use super::locate::line_col;
use super::model::DataFile;
use super::{text, yaml};
use std::path::{Path, PathBuf};

/// Largest knowledge-base file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most files read below one directory.
pub const MAX_FILES: usize = 10_000;
/// Most bytes read below one directory, all files together.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Deepest directory nesting followed.
const MAX_DEPTH: usize = 16;

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

/// Reads and parses every `.yaml`/`.yml` file below `dir`, in path order.
/// A directory that cannot be read is a single finding; each bad file is a
/// finding of its own.
pub fn load_dir(dir: &Path) -> (Vec<LoadedFile>, Vec<Finding>) {
    let shown = dir.display().to_string();
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) => {
            let msg = if e.kind() == std::io::ErrorKind::NotFound {
                "目录不存在 (no such directory)".to_string()
            } else {
                format!("无法读取目录 ({e})")
            };
            return (
                Vec::new(),
                vec![Finding::new(&shown, 1, 1, Code::E001, msg)],
            );
        }
    };
    if !meta.is_dir() {
        return (
            Vec::new(),
            vec![Finding::new(
                &shown,
                1,
                1,
                Code::E001,
                "这是一个文件，需要的是目录 (expected a directory)",
            )],
        );
    }
    let mut paths = Vec::new();
    let mut findings = Vec::new();
    collect(dir, 0, &mut paths, &mut findings);
    paths.sort();
    if paths.len() > MAX_FILES {
        findings.push(Finding::new(
            &shown,
            1,
            1,
            Code::E001,
            format!("YAML 文件过多：{} 个，上限 {MAX_FILES}", paths.len()),
        ));
        return (Vec::new(), findings);
    }
    let total: u64 = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if total > MAX_TOTAL_BYTES {
        findings.push(Finding::new(
            &shown,
            1,
            1,
            Code::E001,
            format!("YAML 文件共 {total} 字节，超过上限 {MAX_TOTAL_BYTES} 字节 (too much data)"),
        ));
        return (Vec::new(), findings);
    }
    let mut files = Vec::new();
    for p in paths {
        match load_file(&p) {
            Ok(f) => {
                findings.extend(f.warnings.iter().cloned());
                files.push(f);
            }
            Err(f) => findings.push(f),
        }
    }
    (files, findings)
}

fn collect(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, findings: &mut Vec<Finding>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            findings.push(Finding::new(
                &dir.display().to_string(),
                1,
                1,
                Code::E001,
                format!("无法读取目录 ({e})"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        // Follows links, so a linked directory or file counts as what it points to.
        let Ok(meta) = std::fs::metadata(&path) else {
            findings.push(Finding::new(
                &path.display().to_string(),
                1,
                1,
                Code::E001,
                "无法读取（链接失效或没有权限）",
            ));
            continue;
        };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                collect(&path, depth + 1, out, findings);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(path);
        }
    }
}

/// Reads and parses one file.
pub fn load_file(path: &Path) -> Result<LoadedFile, Finding> {
    let shown = path.display().to_string();
    let fail = |msg: String| Finding::new(&shown, 1, 1, Code::E001, msg);
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("无法读取 ({e})")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(fail(format!(
            "文件过大：{} 字节，上限 {} 字节 (file too large)",
            meta.len(),
            MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("无法读取 ({e})")))?;
    load_bytes(&shown, &bytes)
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
            format!(
                "文件过大：{} 字节，上限 {MAX_FILE_BYTES} 字节 (file too large)",
                bytes.len()
            ),
        ));
    }
    let text = decode(bytes)
        .map_err(|(line, col, msg)| Finding::new(shown, line, col, Code::E001, msg))?;
    let mut data = yaml::parse_file(&text).map_err(|e| {
        let code = classify(&e.message);
        Finding::new(shown, e.line, e.column, code, e.message)
    })?;
    let mut warnings = Vec::new();
    if let Some(removed) = sanitize_strings(&mut data) {
        let (line, col) = control_position(&text).map_or((1, 1), |i| line_col(text.as_bytes(), i));
        warnings.push(Finding::new(
            shown,
            line,
            col,
            Code::W003,
            format!(
                "已删除 {removed} 个终端控制字符或双向文本控制字符 (control characters removed)"
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
fn decode(bytes: &[u8]) -> Result<String, (usize, usize, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col(bytes, at);
        return Err((line, col, "二进制文件，不是 YAML 文本 (NUL byte)".into()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let (line, col) = line_col(bytes, e.valid_up_to());
            Err((
                line,
                col,
                format!(
                    "不是 UTF-8 编码 (invalid UTF-8 at byte {})",
                    e.valid_up_to()
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

    #[test]
    fn rejects_binary_and_bad_utf8_with_position() {
        assert_eq!(decode(b"a: 1\nb\0").unwrap_err().0, 2);
        let (line, col, msg) = decode(b"a: 1\nbb: \xff\n").unwrap_err();
        assert_eq!((line, col), (2, 5));
        assert!(msg.contains("UTF-8"));
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
