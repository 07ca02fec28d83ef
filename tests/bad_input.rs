//! SPEC §6: no panic on any input. Every rejected input gets the documented
//! exit code (0 ok, 1 other, 2 usage, 3 not found, 4 invalid data — never
//! 101), a one-line message on stderr naming the file:line:col or the bad
//! value, and finishes within seconds. An overlay that fails validation is
//! not applied at all.

mod common;

use common::*;
use serde_json::Value;
use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// `yibao family bind --region heihe --data DIR`, timed.
fn with_data(dir: &Path) -> Run {
    with_data_args(dir, &["family", "bind", "--region", "heihe"])
}

fn with_data_args(dir: &Path, args: &[&str]) -> Run {
    let mut a: Vec<OsString> = args.iter().map(OsString::from).collect();
    a.push("--data".into());
    a.push(dir.as_os_str().to_owned());
    let start = Instant::now();
    let r = run(&a);
    let took = start.elapsed();
    assert!(
        r.code.is_some() && took < TIMEOUT,
        "yibao {a:?} did not finish within {TIMEOUT:?} (killed after {took:?}); stderr:\n{}",
        r.stderr
    );
    r
}

/// A temporary overlay directory holding one file with these bytes.
fn overlay_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, bytes).unwrap();
    (dir, file)
}

/// `file:line:col: CODE` as the message shows it.
fn at(file: &Path, line: usize, col: usize, code: &str) -> String {
    format!("{}:{line}:{col}: {code}", file.display())
}

fn assert_invalid_overlay(r: &Run, needles: &[&str], what: &str) {
    assert_one_line_error(r, 4, needles, what);
    assert!(
        r.stderr.contains("未应用任何内容") && r.stderr.contains("nothing applied"),
        "{what}: the message says nothing was applied:\n{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// --data: files that are not valid YAML

#[test]
fn malformed_yaml_is_exit_4_with_file_line_col() {
    let dir = fixture("overlay-malformed");
    let file = dir.join("family.yaml");
    let r = with_data(&dir);
    assert_invalid_overlay(&r, &[&at(&file, 5, 7, "E002")], "malformed YAML");
}

#[test]
fn empty_and_comment_only_files_are_valid_and_change_nothing() {
    let dir = fixture("overlay-empty");
    let r = with_data(&dir);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("错误"), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        ok(["family", "bind", "--region", "heihe"]),
        "an empty overlay changes nothing"
    );
    let v = with_data_args(&dir, &["family", "bind", "--region", "heihe", "--json"]).json();
    assert!(
        v["layers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|l| l["origin"] == "builtin")
    );
}

#[test]
fn binary_file_is_exit_4_with_position_of_the_nul() {
    let (_d, file) = overlay_with("bin.yaml", b"region: heihe\n\x00\x01\x02\xff\xfe binary");
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(&r, &[&at(&file, 2, 1, "E001"), "NUL"], "binary file");
}

#[test]
fn random_binary_file_is_exit_4() {
    // Bytes of every value, in a scrambled but fixed order.
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let (_d, file) = overlay_with("noise.yaml", &bytes);
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:", file.display()), "E001"],
        "random bytes",
    );
}

#[test]
fn invalid_utf8_is_exit_4_with_line_and_column() {
    let (_d, file) = overlay_with(
        "latin1.yaml",
        b"region: heihe\nprocedures:\n  - id: family.bind\n    summary: \"\xff\xfe\"\n",
    );
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(&r, &[&at(&file, 4, 15, "E001"), "UTF-8"], "invalid UTF-8");
}

#[test]
fn alias_bomb_inside_a_procedure_is_rejected_quickly() {
    let dir = fixture("overlay-alias-bomb");
    let file = dir.join("bomb.yaml");
    let r = with_data(&dir);
    assert_invalid_overlay(&r, &[&format!("{}:", file.display())], "alias bomb");
    assert!(r.stderr.contains(": E00"), "{}", r.stderr);
}

#[test]
fn classic_billion_laughs_is_rejected_quickly() {
    let dir = fixture("overlay-alias-bomb-classic");
    let file = dir.join("bomb.yaml");
    let r = with_data(&dir);
    assert_invalid_overlay(&r, &[&at(&file, 1, 1, "E003")], "billion laughs");
}

#[test]
fn alias_bomb_used_as_values_is_rejected_quickly() {
    // Anchors defined in one list and replayed, nine-fold per level, where
    // the procedure expects text.
    let mut y = String::from(
        "region: heihe\nprocedures:\n  - id: family.bind\n    checked: 2026-11-01\n    related: [",
    );
    y.push_str("&a [lol, lol, lol, lol, lol, lol, lol, lol, lol]");
    for i in 1..10u8 {
        let (prev, cur) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        y.push_str(&format!(", &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]"));
    }
    y.push_str("]\n    summary: *j\n");
    let (_d, file) = overlay_with("bomb.yaml", y.as_bytes());
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:5:", file.display()), "E004"],
        "alias bomb as values",
    );
}

fn deep(prefix: &str, open: &str, close: &str, depth: usize) -> Vec<u8> {
    let mut s = String::with_capacity(prefix.len() + depth * (open.len() + close.len()) + 1);
    s.push_str(prefix);
    for _ in 0..depth {
        s.push_str(open);
    }
    for _ in 0..depth {
        s.push_str(close);
    }
    s.push('\n');
    s.into_bytes()
}

#[test]
fn nesting_100000_deep_at_the_top_is_rejected_quickly() {
    let (_d, file) = overlay_with("deep.yaml", &deep("", "[", "]", 100_000));
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:1:65: E002", file.display())],
        "[[[[… 100,000 deep",
    );
}

#[test]
fn nesting_100000_deep_inside_a_field_is_rejected_quickly() {
    let prefix = "region: heihe\nprocedures:\n  - id: family.bind\n    summary: ";
    let (_d, file) = overlay_with("deep.yaml", &deep(prefix, "[", "]", 100_000));
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:4:", file.display())],
        "summary: [[[[… 100,000 deep",
    );
}

#[test]
fn mapping_nesting_100000_deep_inside_a_field_is_rejected_quickly() {
    let prefix = "region: heihe\nprocedures:\n  - id: family.bind\n    summary: ";
    let (_d, file) = overlay_with("deep.yaml", &deep(prefix, "{a: ", "}", 100_000));
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&format!("{}:4:", file.display())],
        "summary: {a: {a: … 100,000 deep",
    );
}

#[test]
fn ten_megabyte_file_is_rejected_as_too_large() {
    let mut y = b"region: heihe\nprocedures:\n  - id: family.bind\n    summary: \"".to_vec();
    y.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    y.extend(b"\"\n");
    let (_d, file) = overlay_with("big.yaml", &y);
    let r = with_data(file.parent().unwrap());
    assert_invalid_overlay(
        &r,
        &[&at(&file, 1, 1, "E001"), "file too large"],
        "10 MB file",
    );
}

// ---------------------------------------------------------------------------
// --data: paths

#[test]
fn missing_directory_is_exit_4_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-dir");
    let r = with_data(&missing);
    assert_invalid_overlay(
        &r,
        &[&at(&missing, 1, 1, "E001"), "no such directory"],
        "missing directory",
    );
}

#[test]
fn a_file_where_a_directory_is_expected_is_exit_4() {
    let file = fixture("overlay-good").join("heihe").join("family.yaml");
    let r = with_data(&file);
    assert_invalid_overlay(
        &r,
        &[&at(&file, 1, 1, "E001"), "expected a directory"],
        "file as --data",
    );
}

#[test]
fn data_from_the_environment_is_checked_the_same_way() {
    let dir = fixture("overlay-unknown-field");
    let out = yibao()
        .env("YIBAO_DATA", &dir)
        .args(["family", "bind"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&at(&dir.join("family.yaml"), 5, 5, "E003")),
        "{stderr}"
    );
}

#[test]
fn non_utf8_data_path_is_a_valid_path() {
    // Paths need not be UTF-8 on Unix: a good overlay under such a name works.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(OsStr::from_bytes(b"ov-\xff\xfe"));
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(
        fixture("overlay-good").join("heihe").join("family.yaml"),
        dir.join("family.yaml"),
    )
    .unwrap();
    let r = with_data_args(&dir, &["family", "bind", "--region", "heihe", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("overlay:heihe"), "{}", r.stdout);
}

// ---------------------------------------------------------------------------
// --data and data validate: a data directory may hold anything a filesystem can

/// Address space a run on a hostile data directory may use, in KiB: a run
/// that would grow past it fails to allocate, and so fails its test.
const MEMORY_LIMIT_KIB: u32 = 64 * 1024;

/// A run on a hostile data directory ends within this, or it is killed and
/// its test fails: a regression fails CI instead of hanging it.
const QUICK: Duration = Duration::from_secs(5);

/// Runs yibao under [`MEMORY_LIMIT_KIB`] of address space and the [`QUICK`]
/// timeout, after the shell commands `setup` (which end with `;` or are
/// empty).
fn bounded_with(setup: &str, args: &[&OsStr]) -> Run {
    let script = format!("ulimit -v {MEMORY_LIMIT_KIB} || exit 99; {setup} exec \"$@\"");
    let mut c = assert_cmd::Command::new("sh");
    c.env("YIBAO_TODAY", TODAY);
    for v in CLEARED_ENV {
        c.env_remove(v);
    }
    c.arg("-c").arg(script).arg("sh").arg(bin()).args(args);
    c.timeout(QUICK);
    let start = Instant::now();
    let out = c.output().expect("sh runs");
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.code().is_some(),
        "yibao {args:?} was killed after {took:?} ({:?}): it ran past {QUICK:?} or \
         {MEMORY_LIMIT_KIB} KiB; stderr:\n{stderr}",
        out.status
    );
    assert_ne!(
        out.status.code(),
        Some(99),
        "the shell could not set the limit"
    );
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    }
}

/// `yibao list --data DIR` and `yibao data validate DIR`, both bounded,
/// with `extra` arguments.
fn both_ways(setup: &str, dir: &Path, extra: &[&str]) -> (Run, Run) {
    let extra: Vec<&OsStr> = extra.iter().map(OsStr::new).collect();
    let mut data: Vec<&OsStr> = ["list", "--data"].map(OsStr::new).to_vec();
    data.push(dir.as_os_str());
    data.extend(&extra);
    let mut validate: Vec<&OsStr> = ["data", "validate"].map(OsStr::new).to_vec();
    validate.push(dir.as_os_str());
    validate.extend(&extra);
    (bounded_with(setup, &data), bounded_with(setup, &validate))
}

/// The findings of `--data DIR` (its JSON error) and of `data validate DIR`
/// (its JSON report) must be the same list: one verdict. Returns it.
fn one_verdict(setup: &str, dir: &Path) -> Vec<Value> {
    let (data, validate) = both_ways(setup, dir, &["--json"]);
    let report = validate.json();
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    let errors = report["errors"].as_u64().unwrap_or(0);
    if errors == 0 {
        assert_eq!(validate.code, Some(0), "{}", validate.stderr);
        assert_eq!(
            data.code,
            Some(0),
            "validate is clean, --data fails:\n{}",
            data.stderr
        );
    } else {
        assert_eq!(validate.code, Some(4), "{}", validate.stderr);
        assert_eq!(data.code, Some(4), "validate has errors, --data passes");
        let given = data.stderr_json()["error"]["findings"].clone();
        assert_eq!(
            given,
            Value::Array(findings.clone()),
            "--data and data validate disagree on {}",
            dir.display()
        );
    }
    findings
}

/// Both commands reject `dir` for exactly one finding, at `path`, saying
/// every one of `needles`: a one-line error for `--data`, the finding line
/// and a one-line summary for `data validate`, both exit 4.
fn assert_rejected_for(setup: &str, dir: &Path, path: &Path, needles: &[&str], what: &str) {
    let (data, validate) = both_ways(setup, dir, &[]);
    let mut all = vec![at(path, 1, 1, "E001")];
    all.extend(needles.iter().map(|n| n.to_string()));
    let all: Vec<&str> = all.iter().map(String::as_str).collect();
    assert_invalid_overlay(&data, &all, &format!("{what}: --data"));
    assert_eq!(
        validate.code,
        Some(4),
        "{what}: data validate\n{}",
        validate.stderr
    );
    // Chinese-only text is a T001 warning; the finding that rejects is the one.
    let lines: Vec<&str> = validate
        .stdout
        .lines()
        .filter(|l| !l.contains(": T001 "))
        .collect();
    assert_eq!(lines.len(), 1, "{what}: one finding\n{}", validate.stdout);
    for n in &all {
        assert!(lines[0].contains(n), "{what}: {n:?} in {:?}", lines[0]);
    }
    assert_eq!(
        validate.stderr.lines().count(),
        1,
        "{what}:\n{}",
        validate.stderr
    );
    let errors = one_verdict(setup, dir)
        .into_iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(errors, 1, "{what}");
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_named_pipe_is_a_finding_never_a_hang() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("pipe.yaml");
    mkfifo(&fifo);
    assert_rejected_for("", tmp.path(), &fifo, &["FIFO", "not read"], "FIFO");

    // Whatever its name, and through a link.
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("notes");
    mkfifo(&fifo);
    assert_rejected_for("", tmp.path(), &fifo, &["FIFO"], "FIFO not named .yaml");
    let tmp = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    mkfifo(&other.path().join("pipe"));
    let link = tmp.path().join("linked.yaml");
    std::os::unix::fs::symlink(other.path().join("pipe"), &link).unwrap();
    assert_rejected_for(
        "",
        tmp.path(),
        &link,
        &["FIFO", "symlink"],
        "link to a FIFO",
    );
}

#[test]
fn a_socket_is_a_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let sock = tmp.path().join("s.yaml");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    assert_rejected_for("", tmp.path(), &sock, &["socket", "not read"], "socket");
}

#[test]
fn a_link_to_a_device_that_never_ends_is_a_finding_not_a_read() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    assert_rejected_for(
        "",
        tmp.path(),
        &link,
        &["character device", "/dev/zero", "not read"],
        "link to /dev/zero",
    );
}

#[test]
fn link_loops_end_with_a_finding() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("loop.yaml");
    std::os::unix::fs::symlink("loop.yaml", &link).unwrap();
    assert_rejected_for("", tmp.path(), &link, &["symlink loop"], "file link loop");

    // A directory linked to itself would be read forever (and files in it
    // counted again at every level).
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("overlay-good").join("heihe").join("family.yaml"),
        tmp.path().join("family.yaml"),
    )
    .unwrap();
    let link = tmp.path().join("again");
    std::os::unix::fs::symlink(".", &link).unwrap();
    assert_rejected_for("", tmp.path(), &link, &["directory loop"], "directory loop");
}

#[test]
fn a_dangling_link_is_a_finding_naming_its_target() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("gone.yaml");
    std::os::unix::fs::symlink(tmp.path().join("nowhere.yaml"), &link).unwrap();
    assert_rejected_for(
        "",
        tmp.path(),
        &link,
        &["dangling symlink", "nowhere.yaml"],
        "dangling link",
    );
}

#[test]
fn a_file_that_keeps_growing_is_read_to_the_limit_and_no_further() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("growing.yaml");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (file, stop) = (file.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::File::create(&file).unwrap();
            let chunk = b"# still growing\n".repeat(64 * 1024);
            let mut written = 0;
            // Up to 256 MiB, a little at a time, until the test is done.
            while !stop.load(Ordering::Relaxed) && written < 256 << 20 {
                f.write_all(&chunk).unwrap();
                written += chunk.len();
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    while std::fs::metadata(&file).map_or(0, |m| m.len()) < 5 << 20 {
        std::thread::sleep(Duration::from_millis(5));
    }
    let result = std::panic::catch_unwind(|| {
        assert_rejected_for(
            "",
            tmp.path(),
            &file,
            &["file too large", "4194304"],
            "growing file",
        );
    });
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn a_terabyte_of_holes_is_read_to_the_limit_and_no_further() {
    // A sparse file costs no disk, and reads as zeros to its end: read
    // whole, it would need far more memory than the run may use.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("huge.yaml");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    assert_rejected_for(
        "",
        tmp.path(),
        &file,
        &["file too large", "4194304"],
        "1 TiB sparse file",
    );
}

/// Shell commands that give yibao an environment of about 4.5 MiB (with
/// room for it on the stack): its own `/proc/self/environ` is then larger
/// than the per-file limit, while the file's metadata says it is empty.
const BIG_ENVIRONMENT: &str = "ulimit -s 32768 || exit 99; pad=$(printf '%0130000d' 0); \
     i=0; while [ $i -lt 36 ]; do export \"PAD$i=$pad\"; i=$((i+1)); done;";

#[test]
#[cfg(target_os = "linux")]
fn a_file_that_says_it_is_empty_is_still_bounded_by_the_bytes_read() {
    let tmp = tempfile::tempdir().unwrap();
    let link = tmp.path().join("env.yaml");
    std::os::unix::fs::symlink("/proc/self/environ", &link).unwrap();
    assert_eq!(
        std::fs::metadata(&link).unwrap().len(),
        0,
        "/proc files report no size"
    );
    assert_rejected_for(
        BIG_ENVIRONMENT,
        tmp.path(),
        &link,
        &["file too large", "4194304"],
        "/proc/self/environ",
    );
}

// ---------------------------------------------------------------------------
// A complete base (a directory with a `regions:` file) with --data

/// A copy of the built-in base's `data/` directory, as a new user makes one.
fn copy_of_data() -> (tempfile::TempDir, PathBuf) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).unwrap();
            }
        }
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my-data");
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &dir);
    (tmp, dir)
}

fn data_json(dir: &Path, args: &[&str]) -> Value {
    let mut a: Vec<&str> = args.to_vec();
    a.push("--json");
    let r = with_data_args(dir, &a);
    assert_eq!(
        r.code,
        Some(0),
        "{args:?} --data {}:\n{}",
        dir.display(),
        r.stderr
    );
    r.json()
}

#[test]
fn a_copy_of_the_built_in_base_works_with_data_and_answers_alike() {
    let (_tmp, copy) = copy_of_data();
    let report = ok_json([
        OsStr::new("data"),
        OsStr::new("validate"),
        copy.as_os_str(),
        OsStr::new("--json"),
    ]);
    assert_eq!(report["mode"], "base");
    assert_eq!(report["errors"], 0);
    assert!(
        one_verdict("", &copy)
            .iter()
            .all(|f| f["severity"] == "warning")
    );

    for args in [
        &["card", "replace"][..],
        &["card", "apply", "--region", "heilongjiang"][..],
        &["family", "bind", "--region", "heihe"][..],
        &["filing", "checklist", "--region", "黑龙江"][..],
        &["scheme", "compare"][..],
    ] {
        let mut a = args.to_vec();
        a.push("--json");
        let builtin = ok_json(&a);
        let copied = data_json(&copy, args);
        assert_eq!(copied["procedure"], builtin["procedure"], "{args:?}");
        assert_eq!(copied["region"], builtin["region"], "{args:?}");
        let layers = copied["layers"].as_array().unwrap();
        assert_eq!(layers.len(), builtin["layers"].as_array().unwrap().len());
        for l in layers {
            assert_eq!(l["origin"], "base", "{args:?}: {l}");
            let file = l["file"].as_str().unwrap();
            assert!(file.starts_with(&*copy.to_string_lossy()), "{file}");
        }
        assert!(
            copied["coverage"].as_str().unwrap().contains("完整知识库"),
            "{}",
            copied["coverage"]
        );
    }
    for args in [
        &["list"][..],
        &["regions"][..],
        &["search", "补办"][..],
        &["search", "bb"][..],
        &["search", "备案", "--region", "heihe"][..],
    ] {
        let mut a = args.to_vec();
        a.push("--json");
        assert_eq!(data_json(&copy, args), ok_json(&a), "{args:?}");
    }
}

#[test]
fn an_edited_copy_replaces_the_built_in_base_with_its_own_regions() {
    let (_tmp, copy) = copy_of_data();
    let card = copy.join("national").join("card.yaml");
    let text = std::fs::read_to_string(&card).unwrap();
    // A user's edit: the Chinese title only, as most people would write it.
    let edited = text.replace(
        "zh: 医保卡（社会保障卡）挂失与补办,",
        "zh: 医保卡挂失补办（本地整理）,",
    );
    assert_ne!(
        edited, text,
        "the title to edit is in data/national/card.yaml"
    );
    std::fs::write(&card, edited).unwrap();
    std::fs::write(
        copy.join("more-regions.yaml"),
        "regions:\n  - { id: xinqu, code: \"239901\", name: 新区市, short: 新区, parent: heilongjiang }\n",
    )
    .unwrap();
    assert!(
        one_verdict("", &copy)
            .iter()
            .all(|f| f["severity"] == "warning")
    );

    let page = with_data_args(&copy, &["card", "replace"]);
    assert_eq!(page.code, Some(0), "{}", page.stderr);
    assert!(
        page.stdout.starts_with("医保卡挂失补办（本地整理）\n"),
        "{}",
        page.stdout
    );
    // The base's own registry answers --region: its new city, with the
    // province's data, ...
    let v = data_json(&copy, &["card", "apply", "--region", "新区"]);
    assert_eq!(v["region"]["id"], "xinqu");
    assert_eq!(v["region"]["parent"], "heilongjiang");
    assert_eq!(v["layers"][1]["region"], "heilongjiang");
    // ... which the built-in registry does not have.
    let r = run(["card", "apply", "--region", "新区"]);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
}

#[test]
fn a_broken_copy_is_rejected_whole_by_both_commands_alike() {
    let (_tmp, copy) = copy_of_data();
    std::fs::write(
        copy.join("nowhere.yaml"),
        "region: nowhere\nprocedures:\n  - id: card.apply\n    checked: 2026-11-01\n",
    )
    .unwrap();
    std::fs::write(copy.join("bad.yaml"), "topics: [\n").unwrap();
    let findings = one_verdict("", &copy);
    let errors: Vec<String> = findings
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            format!(
                "{}:{}",
                f["file"].as_str().unwrap(),
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    let shown = |name: &str| copy.join(name).display().to_string();
    assert_eq!(
        errors,
        [
            format!("{}:E002", shown("bad.yaml")),
            format!("{}:E006", shown("nowhere.yaml"))
        ],
        "{findings:#?}"
    );
    let r = with_data_args(&copy, &["card", "apply"]);
    assert_eq!(r.code, Some(4));
    assert!(
        r.stderr.starts_with(&format!(
            "错误：完整知识库 {} 有 2 处错误，未应用任何内容",
            copy.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn overlays_get_one_verdict_too() {
    for (name, errors) in [
        ("overlay-good", 0),
        ("overlay-half-bad", 1),
        ("overlay-duplicate-id", 1),
        ("overlay-dangling", 1),
    ] {
        let findings = one_verdict("", &fixture(name));
        let n = findings.iter().filter(|f| f["severity"] == "error").count();
        assert_eq!(n, errors, "{name}: {findings:#?}");
    }
}

#[test]
fn a_small_complete_base_replaces_the_built_in_one_for_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("base.yaml"),
        "regions:\n\
         \x20 - { id: dongshan, code: \"990000\", name: 东山省, short: 东山 }\n\
         \x20 - { id: xicheng, code: \"990100\", name: 西城市, short: 西城, parent: dongshan }\n\
         topics:\n\
         \x20 - { id: pass, name: 通行证, aliases: [通行证], summary: 办理通行证。, primary: pass.apply }\n\
         sources:\n\
         \x20 - { id: demo, title: 示例来源, kind: public }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("national.yaml"),
        "region: national\nprocedures:\n  - id: pass.apply\n    title: 申领通行证\n\
         \x20   action_name: 申领\n    cli_aliases: [办证]\n    summary: 申领通行证的示例事项。\n\
         \x20   channels:\n      - { id: window, kind: window, name: 办证窗口, src: [demo] }\n\
         \x20   steps:\n      - { id: go, text: 到办证窗口申请。, channels: [window], src: [demo] }\n\
         \x20   checked: 2026-11-01\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("xicheng.yaml"),
        "region: xicheng\nprocedures:\n  - id: pass.apply\n    channels:\n\
         \x20     - { id: window, kind: window, name: 西城市办证大厅, address: 西城市示例路1号, src: [demo] }\n\
         \x20   checked: 2026-11-01\n",
    )
    .unwrap();
    let findings = one_verdict("", dir);
    assert!(
        findings.iter().all(|f| f["code"] == "T001"),
        "only the Chinese-only warnings: {findings:#?}"
    );

    let v = data_json(dir, &["pass", "办证", "--region", "西城"]);
    assert_eq!(v["procedure"]["channels"][0]["name"], "西城市办证大厅");
    assert_eq!(v["procedure"]["channels"][0]["from"], "xicheng");
    assert_eq!(v["region"]["parent"], "dongshan");
    let list = data_json(dir, &["list"]);
    let ids: Vec<&str> = list["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["pass.apply"], "only the base's own procedures");
    let regions = data_json(dir, &["regions"]);
    assert_eq!(regions["regions"].as_array().unwrap().len(), 2);
    let hits = data_json(dir, &["search", "办证"]);
    assert_eq!(hits["results"][0]["id"], "pass.apply");
    assert_eq!(hits["results"].as_array().unwrap().len(), 1);

    // The built-in base is not there for this run: its topics and regions
    // are unknown.
    let r = with_data_args(dir, &["card", "apply"]);
    assert_one_line_error(&r, 3, &["card"], "built-in topic with a replacement base");
    let r = with_data_args(dir, &["pass", "apply", "--region", "heilongjiang"]);
    assert_one_line_error(
        &r,
        3,
        &["heilongjiang"],
        "built-in region with a replacement base",
    );
}

// ---------------------------------------------------------------------------
// --data: YAML that parses but is not a valid overlay

#[test]
fn unknown_field_is_exit_4_naming_it() {
    let dir = fixture("overlay-unknown-field");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[&at(&dir.join("family.yaml"), 5, 5, "E003"), "titel"],
        "unknown field",
    );
}

#[test]
fn wrong_type_is_exit_4_naming_it() {
    let dir = fixture("overlay-wrong-type");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[&at(&dir.join("family.yaml"), 5, 15, "E004"), "channels"],
        "wrong type",
    );
}

#[test]
fn duplicate_id_is_exit_4_at_the_duplicate() {
    let dir = fixture("overlay-duplicate-id");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[&at(&dir.join("family.yaml"), 10, 13, "E005"), "hall-a"],
        "duplicate id",
    );
}

#[test]
fn dangling_channel_reference_is_exit_4() {
    let dir = fixture("overlay-dangling");
    let r = with_data(&dir);
    assert_invalid_overlay(
        &r,
        &[
            &at(&dir.join("family.yaml"), 8, 20, "E006"),
            "no-such-channel",
        ],
        "dangling reference",
    );
}

#[test]
fn an_overlay_with_one_bad_file_is_not_applied_at_all() {
    let dir = fixture("overlay-half-bad");
    // Any command that loads the overlay fails, including ones the good file
    // would have changed.
    for args in [
        &["family", "bind", "--region", "heihe"][..],
        &["card", "apply", "--region", "heilongjiang"][..],
        &["list"][..],
    ] {
        let r = with_data_args(&dir, args);
        assert_invalid_overlay(
            &r,
            &[&at(&dir.join("b-bad.yaml"), 5, 11, "E004")],
            &format!("{args:?}"),
        );
        assert!(
            !r.stdout.contains("本地补充"),
            "nothing of the good file shows"
        );
    }
}

#[test]
fn json_errors_for_invalid_overlays_carry_the_findings() {
    let dir = fixture("overlay-duplicate-id");
    let r = with_data_args(&dir, &["family", "bind", "--json"]);
    assert_eq!(r.code, Some(4));
    let v = r.stderr_json();
    assert_eq!(v["error"]["kind"], "invalid_data");
    let first_error = v["error"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"].as_str().is_some_and(|c| c.starts_with('E')))
        .unwrap();
    assert_eq!(first_error["code"], "E005");
    assert_eq!(first_error["line"], 10);
    assert_eq!(first_error["column"], 13);
}

// ---------------------------------------------------------------------------
// --data: valid overlays

#[test]
fn good_overlay_adds_the_local_window_and_says_where_it_came_from() {
    let dir = fixture("overlay-good");
    let r = with_data_args(&dir, &["family", "bind", "--region", "heihe", "--json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = r.json();
    let layers = v["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 3, "{layers:#?}");
    assert_eq!(layers[2]["origin"], "overlay");
    assert_eq!(layers[2]["region"], "heihe");
    assert!(layers[2]["file"].as_str().unwrap().ends_with("family.yaml"));
    let hall = v["procedure"]["channels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "service-hall")
        .expect("service-hall");
    assert_eq!(hall["from"], "overlay:heihe");
    assert_eq!(hall["address"], "黑河市爱辉区示例路1号");
    assert!(
        v["coverage"].as_str().unwrap().contains("--data"),
        "{}",
        v["coverage"]
    );

    let table = with_data(&dir);
    assert_eq!(table.code, Some(0));
    assert!(table.stdout.contains("本地补充"), "{}", table.stdout);
    assert_tables_aligned(&table.stdout, 80, "good overlay");
    let plain = with_data_args(
        &dir,
        &["family", "bind", "--region", "heihe", "--format", "plain"],
    );
    assert!(
        plain.stdout.contains("黑河市医保服务大厅（本地补充）｜类型：窗口｜怎么找：地址：黑河市爱辉区示例路1号；时间：周一至周五 8:30-17:00｜地区：本地补充"),
        "{}",
        plain.stdout
    );
}

#[test]
fn the_tool_never_writes_to_the_overlay() {
    fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.extend(snapshot(&p));
            } else {
                let meta = std::fs::metadata(&p).unwrap();
                out.push((
                    p.clone(),
                    std::fs::read(&p).unwrap(),
                    meta.modified().unwrap(),
                ));
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("heihe")).unwrap();
    std::fs::copy(
        fixture("overlay-good").join("heihe").join("family.yaml"),
        tmp.path().join("heihe").join("family.yaml"),
    )
    .unwrap();
    let before = snapshot(tmp.path());
    for args in [
        &["family", "bind", "--region", "heihe"][..],
        &["family", "checklist", "--region", "heihe", "--json"][..],
        &["search", "家庭共济"][..],
    ] {
        assert_eq!(with_data_args(tmp.path(), args).code, Some(0));
    }
    let r = run([
        OsStr::new("data"),
        OsStr::new("validate"),
        tmp.path().as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(snapshot(tmp.path()), before, "files unchanged, none added");
}

#[test]
fn overlay_text_is_sanitized_of_terminal_control_sequences() {
    let dir = fixture("overlay-control-chars");
    for f in ["table", "plain", "markdown", "json", "yaml"] {
        let r = with_data_args(
            &dir,
            &["family", "bind", "--region", "heihe", "--format", f],
        );
        assert_eq!(r.code, Some(0), "{f}: {}", r.stderr);
        assert!(!r.stdout.contains('\u{1b}'), "{f}: ESC reached stdout");
        assert!(!r.stdout.contains('\u{7}'), "{f}: BEL reached stdout");
        assert!(
            !r.stdout.contains('\u{202e}'),
            "{f}: bidi override reached stdout"
        );
        assert!(
            !r.stdout.contains("\\u001b") && !r.stdout.contains("\\e"),
            "{f}: escaped ESC in output"
        );
        assert!(
            r.stdout.contains("黑河医保大厅"),
            "{f}: the text itself is kept"
        );
    }
    // The linter says what it removed, as a warning (exit 0).
    let r = run([OsStr::new("data"), OsStr::new("validate"), dir.as_os_str()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains(": W003 "), "{}", r.stdout);
}

#[test]
fn overlay_can_add_a_procedure_that_becomes_a_command() {
    let dir = fixture("overlay-new-procedure");
    let page = with_data_args(&dir, &["card", "check"]);
    assert_eq!(page.code, Some(0), "{}", page.stderr);
    assert!(
        page.stdout.starts_with("查询医保卡制卡进度\n"),
        "{}",
        page.stdout
    );
    assert_eq!(
        with_data_args(&dir, &["医保卡", "进度"]).stdout,
        page.stdout,
        "Chinese alias"
    );
    assert_eq!(
        with_data_args(&dir, &["show", "card.check"]).stdout,
        page.stdout,
        "show <id>"
    );
    let list = with_data_args(&dir, &["list", "--json"]).json();
    assert!(
        list["procedures"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "card.check")
    );
    // Without the overlay it does not exist.
    let r = run(["card", "check"]);
    assert_eq!(r.code, Some(3), "{}", r.stderr);
}

// ---------------------------------------------------------------------------
// --region

#[test]
fn unknown_region_is_exit_3_with_a_suggestion() {
    let r = run(["card", "apply", "--region", "heilongjang"]);
    assert_one_line_error(
        &r,
        3,
        &["heilongjang", "你是不是要找", "heilongjiang"],
        "--region heilongjang",
    );
}

#[test]
fn empty_region_is_a_usage_error() {
    for v in ["", "  "] {
        let r = run(["card", "apply", "--region", v]);
        assert_one_line_error(&r, 2, &["--region"], &format!("--region {v:?}"));
    }
    let r = run(["card", "apply", "--region=", "--json"]);
    assert_eq!(r.code, Some(2));
    assert_eq!(r.stderr_json()["error"]["kind"], "usage");
}

#[test]
fn missing_option_value_is_a_usage_error() {
    for args in [
        &["card", "apply", "--region"][..],
        &["card", "apply", "--format"][..],
        &["card", "apply", "--width"][..],
    ] {
        let r = run(args);
        assert_one_line_error(&r, 2, &[args[args.len() - 1]], &format!("{args:?}"));
    }
}

// ---------------------------------------------------------------------------
// Unknown topics, actions, ids

#[test]
fn unknown_topic_is_exit_3_with_did_you_mean() {
    let r = run(["crad"]);
    assert_one_line_error(&r, 3, &["crad", "你是不是要找", "card"], "yibao crad");
    let r = run(["crad", "apply"]);
    assert_one_line_error(&r, 3, &["crad", "card"], "yibao crad apply");
}

#[test]
fn unknown_action_is_exit_3_with_did_you_mean() {
    let r = run(["card", "aply"]);
    assert_one_line_error(&r, 3, &["aply", "你是不是要找", "apply"], "yibao card aply");
    let r = run(["filing", "checklst"]);
    assert_one_line_error(&r, 3, &["checklst", "checklist"], "yibao filing checklst");
    let r = run(["card", "checklist", "aply"]);
    assert_one_line_error(&r, 3, &["aply", "apply"], "yibao card checklist aply");
}

#[test]
fn unknown_id_is_exit_3_with_did_you_mean() {
    let r = run(["show", "card.nope"]);
    assert_one_line_error(
        &r,
        3,
        &["card.nope", "你是不是要找", "card."],
        "yibao show card.nope",
    );
    let r = run(["show", "card.replce"]);
    assert_one_line_error(
        &r,
        3,
        &["card.replce", "card.replace"],
        "yibao show card.replce",
    );
}

#[test]
fn unknown_faq_topic_is_exit_3() {
    let r = run(["faq", "crad"]);
    assert_one_line_error(&r, 3, &["crad", "card"], "yibao faq crad");
}

// ---------------------------------------------------------------------------
// Options

#[test]
fn bad_format_is_exit_2_naming_the_value() {
    for args in [
        &["card", "apply", "--format", "xml"][..],
        &["--format", "xml", "card", "apply"][..],
        &["-f", "xml"][..],
    ] {
        let r = run(args);
        assert_one_line_error(&r, 2, &["xml", "--format"], &format!("{args:?}"));
    }
}

#[test]
fn width_zero_and_non_numbers_are_usage_errors() {
    for w in ["0", "abc", "-3", "65536", "1.5"] {
        let r = run(["card", "apply", "--width", w]);
        assert_one_line_error(&r, 2, &[w], &format!("--width {w}"));
    }
}

#[test]
fn width_1_and_other_extremes_still_work() {
    for w in ["1", "2", "3", "7", "65535"] {
        for args in [
            &["card", "apply", "--region", "heilongjiang"][..],
            &["filing", "checklist", "--have", "身份证"][..],
            &["scheme", "compare"][..],
            &[][..],
            &["regions"][..],
            &["faq"][..],
            &["search", "补办"][..],
        ] {
            let mut a = args.to_vec();
            a.extend(["--width", w]);
            let r = run(&a);
            assert_eq!(r.code, Some(0), "{a:?}: {}", r.stderr);
            assert!(!r.stderr.contains("panicked"), "{a:?}: {}", r.stderr);
            assert!(!r.stdout.is_empty(), "{a:?}");
        }
    }
    // Nothing is lost at width 1: every character of the title is still there.
    let out = ok(["card", "apply", "--width", "1"]);
    assert!(
        unwrapped(&out).contains("医保卡（社会保障卡）首次申领"),
        "{out}"
    );
}

#[test]
fn bad_color_and_unknown_options_are_usage_errors() {
    let r = run(["card", "apply", "--color", "sometimes"]);
    assert_one_line_error(&r, 2, &["sometimes"], "--color sometimes");
    let r = run(["card", "apply", "--frobnicate"]);
    assert_one_line_error(&r, 2, &["--frobnicate"], "--frobnicate");
    let r = run(["card", "apply", "extra"]);
    assert_one_line_error(&r, 2, &["extra"], "extra argument");
    let r = run(["completions", "nosuchshell"]);
    assert_one_line_error(&r, 2, &["nosuchshell"], "completions nosuchshell");
}

// ---------------------------------------------------------------------------
// Non-UTF-8 arguments

fn raw(bytes: &[u8]) -> OsString {
    OsString::from_vec(bytes.to_vec())
}

fn run_raw(args: Vec<OsString>) -> Run {
    run(&args)
}

#[test]
fn non_utf8_option_values_are_usage_errors() {
    for args in [
        vec![
            "card".into(),
            "apply".into(),
            "--region".into(),
            raw(b"\xff\xfe"),
        ],
        vec!["search".into(), raw(b"bu\xffban")],
        vec![
            "card".into(),
            "checklist".into(),
            "--have".into(),
            raw(b"\xc3\x28"),
        ],
        vec!["show".into(), raw(b"card.\xff")],
    ] {
        let r = run_raw(args.clone());
        assert_one_line_error(&r, 2, &["UTF-8"], &format!("{args:?}"));
    }
}

#[test]
fn non_utf8_topic_word_is_a_usage_error() {
    let r = run_raw(vec![raw(b"\xff")]);
    assert_one_line_error(&r, 2, &["UTF-8"], "yibao \\xff");
}

#[test]
fn non_utf8_action_word_is_a_usage_error() {
    let r = run_raw(vec!["card".into(), raw(b"\xc3\x28")]);
    assert_one_line_error(&r, 2, &["UTF-8"], "yibao card \\xc3\\x28");
}

// ---------------------------------------------------------------------------
// Properties: whatever the user types, a clean answer with a documented code.

fn assert_clean_exit(
    r: &Run,
    allowed: &[i32],
    what: &str,
) -> Result<(), proptest::test_runner::TestCaseError> {
    proptest::prop_assert!(
        r.code.is_some_and(|c| allowed.contains(&c)),
        "{what}: exit {:?} not in {allowed:?}; stderr:\n{}",
        r.code,
        r.stderr
    );
    proptest::prop_assert!(!r.stderr.contains("panicked"), "{what}: {}", r.stderr);
    if r.code != Some(0) {
        proptest::prop_assert!(r.stdout.is_empty(), "{what}: stdout on error: {}", r.stdout);
        let lines = r.stderr.lines().filter(|l| !l.trim().is_empty()).count();
        proptest::prop_assert!(
            lines == 1 || r.code == Some(4),
            "{what}: one-line message:\n{}",
            r.stderr
        );
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 40,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    #[test]
    fn any_region_text_gets_an_answer_or_not_found(s in "\\PC{0,12}") {
        let r = run(["card".to_string(), "apply".to_string(), format!("--region={s}")]);
        assert_clean_exit(&r, &[0, 2, 3], &format!("--region={s:?}"))?;
        if s.trim().is_empty() {
            proptest::prop_assert_eq!(r.code, Some(2));
        }
    }

    #[test]
    fn any_have_text_is_accepted(s in "\\PC{0,30}") {
        let r = run(["filing".to_string(), "checklist".to_string(), format!("--have={s}"), "--json".to_string()]);
        assert_clean_exit(&r, &[0], &format!("--have={s:?}"))?;
        let v = r.json();
        proptest::prop_assert_eq!(&v["have_given"], &serde_json::json!(true));
    }

    #[test]
    fn any_search_text_is_answered(s in "\\PC{0,20}") {
        // After `--` a word starting with '-' is a search word, not an option.
        let r = run(["search".to_string(), "--json".to_string(), "--".to_string(), s.clone()]);
        assert_clean_exit(&r, &[0], &format!("search {s:?}"))?;
        proptest::prop_assert_eq!(&r.json()["query"], &serde_json::json!(s));
    }

    #[test]
    fn any_yaml_like_overlay_is_accepted_or_rejected_cleanly(
        body in "(region: heihe\nprocedures:\n  - id: family\\.bind\n)?[a-z0-9:\\-\\[\\]{}&*!|>#,'\" \n]{0,300}"
    ) {
        let (_d, file) = overlay_with("fuzz.yaml", body.as_bytes());
        let r = with_data(file.parent().unwrap());
        assert_clean_exit(&r, &[0, 4], &format!("overlay {body:?}"))?;
        if r.code == Some(4) {
            proptest::prop_assert!(r.stderr.contains(&format!("{}:", file.display())), "{}", r.stderr);
        }
    }

    #[test]
    fn any_bytes_as_overlay_are_accepted_or_rejected_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let (_d, file) = overlay_with("fuzz.yaml", &bytes);
        let r = with_data(file.parent().unwrap());
        assert_clean_exit(&r, &[0, 4], &format!("overlay bytes {bytes:?}"))?;
    }
}
