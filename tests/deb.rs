//! The Debian package: `pkg/deb` builds it with cargo-deb, and installed
//! into a temporary root (`dpkg-deb -x`) it holds a binary that runs from
//! there, the man page, and bash, zsh and fish completions where each
//! shell looks for them.
//!
//! The package is the one `YIBAO_DEB` names (the shipped one, built by
//! `pkg/deb`), else `pkg/deb --profile deb-test` builds one: the same
//! script and metadata, compiled without the release profile's
//! whole-program optimisation, which would take minutes and changes
//! nothing checked here. Without cargo-deb the test fails and `pkg/deb`
//! says how to install it.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The package under test.
fn package(tmp: &Path) -> PathBuf {
    if let Some(deb) = std::env::var_os("YIBAO_DEB").filter(|d| !d.is_empty()) {
        return PathBuf::from(deb);
    }
    let out = tmp.join("debian");
    let r = Command::new(concat!(env!("CARGO_MANIFEST_DIR"), "/pkg/deb"))
        .args(["--profile", "deb-test", "--output"])
        .arg(&out)
        .env_remove("YIBAO_DATA")
        .output()
        .expect("pkg/deb runs");
    assert!(
        r.status.success(),
        "pkg/deb failed:\n{}",
        String::from_utf8_lossy(&r.stderr)
    );
    let debs: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "{debs:?}");
    debs[0].clone()
}

fn dpkg_deb(args: &[&std::ffi::OsStr]) -> String {
    let r = Command::new("dpkg-deb")
        .args(args)
        .output()
        .expect("dpkg-deb runs (Debian's dpkg)");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    String::from_utf8_lossy(&r.stdout).into_owned()
}

#[test]
fn the_package_installs_a_working_binary_its_man_page_and_completions() {
    let tmp = tempfile::tempdir().unwrap();
    let deb = package(tmp.path());
    assert_eq!(
        dpkg_deb(&["-f".as_ref(), deb.as_os_str(), "Package".as_ref()]).trim(),
        "yibao"
    );
    let root = tmp.path().join("root");
    dpkg_deb(&["-x".as_ref(), deb.as_os_str(), root.as_os_str()]);

    // The binary runs from the temporary root, with its base built in.
    let bin = root.join("usr/bin/yibao");
    let mut cmd = Command::new(&bin);
    clean_env(&mut cmd);
    let r = cmd
        .args([
            "card",
            "apply",
            "--region",
            "heilongjiang",
            "--width",
            "100",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&r.stdout);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(out.starts_with("医保卡（社会保障卡）首次申领"), "{out}");
    assert!(out.contains("黑龙江"), "{out}");
    let mut cmd = Command::new(&bin);
    let version =
        String::from_utf8_lossy(&cmd.arg("--version").output().unwrap().stdout).into_owned();
    assert_eq!(version, ok(["--version"]), "the package holds this version");

    // The man page, compressed, where man looks.
    let man = root.join("usr/share/man/man1/yibao.1.gz");
    let page = Command::new("gzip").arg("-dc").arg(&man).output().unwrap();
    assert!(page.status.success(), "{}", man.display());
    assert!(
        String::from_utf8_lossy(&page.stdout).contains(".TH yibao 1"),
        "a man page"
    );

    // Completions, where bash-completion, zsh and fish look for them.
    for (path, shell) in [
        ("usr/share/bash-completion/completions/yibao", "bash"),
        ("usr/share/zsh/vendor-completions/_yibao", "zsh"),
        ("usr/share/fish/vendor_completions.d/yibao.fish", "fish"),
    ] {
        let text =
            std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(
            text,
            ok(["completions", shell]),
            "{path}: what yibao prints"
        );
    }
}
