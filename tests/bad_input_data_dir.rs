//! SPEC §6 for data directories: a directory may hold anything a filesystem
//! can (pipes, sockets, devices, link loops, dangling links, files that
//! grow or lie about their size), and each is one finding, never a hang,
//! under a time and a memory limit. A complete base given with `--data`
//! replaces the built-in one; `--data` and `data validate` give one verdict.

mod common;

use common::data_dir::*;
use common::*;
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

// ---------------------------------------------------------------------------
// --data and data validate: a data directory may hold anything a filesystem can

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
