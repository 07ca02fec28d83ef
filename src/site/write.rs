//! Writing a site: into DIR and nowhere else.
//!
//! DIR must be a real directory (a symbolic link is refused: the command
//! promises to write inside the directory named, and a link would move
//! that elsewhere), new or empty unless `--force`. Every directory and file
//! on the way to a page is checked before anything is written: a symbolic
//! link or a file where a directory belongs is refused, so a link left in an
//! old site cannot lead a page out of DIR, and a refusal writes nothing.
//! A page is written as a new file (an old one of the same name is removed
//! first), never through an existing link.

use crate::error::Error;
use crate::kb::i18n::Msg;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Checks DIR before anything is built: missing (it will be made), or an
/// empty directory, or any directory with `force`.
pub fn prepare(dir: &Path, force: bool) -> Result<(), Error> {
    let shown = dir.display();
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(failed(dir, e)),
        Ok(m) if m.file_type().is_symlink() => Err(Error::Usage(Msg::new(
            format!(
                "{shown} 是符号链接，yibao site 只写入真实的目录 (refusing a symlink)；请直接给出它指向的目录。"
            ),
            format!(
                "{shown} is a symbolic link, and yibao site writes only into a real directory; give the directory it points at."
            ),
        ))),
        Ok(m) if !m.is_dir() => Err(Error::Usage(Msg::new(
            format!("{shown} 已存在，但不是目录 (not a directory)。"),
            format!("{shown} exists but is not a directory."),
        ))),
        Ok(_) => {
            let mut entries = fs::read_dir(dir).map_err(|e| failed(dir, e))?;
            if !force && entries.next().is_some() {
                return Err(Error::Usage(Msg::new(
                    format!(
                        "目录 {shown} 不是空的 (directory not empty)；加 --force 覆盖其中同名的文件（其他文件不动）。"
                    ),
                    format!(
                        "the directory {shown} is not empty; add --force to overwrite the files of the same names (other files stay)."
                    ),
                )));
            }
            Ok(())
        }
    }
}

/// Writes each `(path, contents)` under `dir` (made, with its parents, when
/// missing): checks every path first, then writes. `path` is
/// `/`-separated, made of the site's own names.
pub fn write_pages(dir: &Path, pages: &[(String, &str)]) -> Result<(), Error> {
    prepare(dir, true)?;
    fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let mut targets = Vec::with_capacity(pages.len());
    for (path, _) in pages {
        targets.push(check(dir, path)?);
    }
    for (target, (_, contents)) in targets.iter().zip(pages) {
        if let Some(parent) = target.parent() {
            make_dirs(dir, parent)?;
        }
        write_new(target, contents.as_bytes())?;
    }
    Ok(())
}

/// The file a site path names under `dir`, after checking that every part
/// of it is a plain name and that nothing on the way is a link or a file
/// where a directory belongs.
fn check(dir: &Path, path: &str) -> Result<PathBuf, Error> {
    let parts: Vec<&str> = path.split('/').collect();
    if parts.iter().any(|p| !is_plain_name(p)) {
        return Err(Error::Usage(Msg::new(
            format!("页面路径「{path}」不安全，未写入 (unsafe page path)。"),
            format!("unsafe page path \"{path}\": nothing was written."),
        )));
    }
    let mut at = dir.to_path_buf();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let last = i + 1 == parts.len();
        match fs::symlink_metadata(&at) {
            // Nothing there: nothing further down either.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                at.extend(&parts[i + 1..]);
                break;
            }
            Err(e) => return Err(failed(&at, e)),
            Ok(m) if m.file_type().is_symlink() => {
                let at = at.display();
                return Err(Error::Usage(Msg::new(
                    format!(
                        "{at} 是符号链接，不通过它写入 (refusing to write through a symlink)；删掉它或换一个空目录。"
                    ),
                    format!(
                        "{at} is a symbolic link, and yibao site does not write through one; remove it or choose an empty directory."
                    ),
                )));
            }
            Ok(m) if last && m.is_dir() => {
                let at = at.display();
                return Err(Error::Usage(Msg::new(
                    format!("{at} 是目录，不能写成页面 (a directory is in the way)。"),
                    format!("{at} is a directory where a page belongs."),
                )));
            }
            Ok(m) if !last && !m.is_dir() => {
                let at = at.display();
                return Err(Error::Usage(Msg::new(
                    format!("{at} 不是目录，不能在里面写页面 (not a directory)。"),
                    format!("{at} is not a directory, so no page can be written in it."),
                )));
            }
            Ok(_) => {}
        }
    }
    Ok(at)
}

/// A name the site makes: letters, digits, `.`, `-`, `_`, not `.` or `..`.
fn is_plain_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// Creates the directories from `dir` down to `to`, one level at a time.
fn make_dirs(dir: &Path, to: &Path) -> Result<(), Error> {
    let Ok(rest) = to.strip_prefix(dir) else {
        return Ok(());
    };
    let mut at = dir.to_path_buf();
    for part in rest.components() {
        at.push(part);
        match fs::create_dir(&at) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && at.is_dir() => {}
            Err(e) => return Err(failed(&at, e)),
        }
    }
    Ok(())
}

/// Writes a new file: an old one of the same name is removed first, and the
/// new one is created exclusively, which never follows a link.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(failed(path, e)),
    }
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| failed(path, e))?;
    f.write_all(bytes).map_err(|e| failed(path, e))
}

/// An I/O failure, naming the file.
fn failed(path: &Path, e: io::Error) -> Error {
    Error::Output(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_make_a_path() {
        for ok in ["index.html", "card.apply.checklist.html", "heihe", "en"] {
            assert!(is_plain_name(ok), "{ok}");
        }
        for bad in ["", ".", "..", ".hidden", "a/b", "a\\b", "名字", "a b"] {
            assert!(!is_plain_name(bad), "{bad}");
        }
    }
}
