//! Property test of the data-directory loader (SPEC §6): random directory
//! trees — files of random, mostly YAML-like bytes, subdirectories, links to
//! files and directories (loops included), dangling and self links, named
//! pipes, sockets, links to devices — given to `load::load_dir` and to the
//! verdict `--data` and `data validate` share. The loader must return
//! within a time bound, never panic, and report every entry that is not a
//! directory or a regular file exactly once, naming its path.

use proptest::prelude::*;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use yibao::kb::Kb;
use yibao::kb::date::Date;
use yibao::kb::dir::check_dir;
use yibao::kb::finding::Finding;
use yibao::kb::load::{LoadedFile, load_dir};

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 23,
};

/// How long one tree may take to read. Trees are small: a hang (an `open`
/// waiting on a pipe, a loop followed forever) fails here instead of
/// stalling the test run.
const BOUND: Duration = Duration::from_secs(5);

/// One entry of a generated tree.
#[derive(Debug, Clone)]
enum Node {
    /// A regular file with these bytes.
    File(Vec<u8>),
    Dir,
    /// A link to the entry with this number (modulo the entries made before
    /// it; 0 is the top directory), by absolute path.
    LinkTo(usize),
    /// A link to a path that does not exist.
    Dangling,
    /// A link to itself.
    SelfLoop,
    Fifo,
    Socket,
    /// A link to `/dev/null` or `/dev/zero`.
    Device(bool),
}

/// An entry: the directory it goes in (a number, modulo the directories
/// made so far), whether its name ends in `.yaml`, and what it is.
#[derive(Debug, Clone)]
struct Spec {
    parent: usize,
    yaml: bool,
    node: Node,
}

fn content() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(
            b"region: heihe\nprocedures:\n  - id: family.bind\n    checked: 2026-11-01\n".to_vec()
        ),
        Just(b"# nothing but a comment\n".to_vec()),
        "[a-z0-9:\\-\\[\\]{}&*!|>#,'\" \n]{0,120}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..120),
    ]
}

fn node() -> impl Strategy<Value = Node> {
    prop_oneof![
        4 => content().prop_map(Node::File),
        3 => Just(Node::Dir),
        3 => any::<usize>().prop_map(Node::LinkTo),
        1 => Just(Node::Dangling),
        1 => Just(Node::SelfLoop),
        1 => Just(Node::Fifo),
        1 => Just(Node::Socket),
        1 => any::<bool>().prop_map(Node::Device),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    (any::<usize>(), prop::bool::weighted(0.8), node()).prop_map(|(parent, yaml, node)| Spec {
        parent,
        yaml,
        node,
    })
}

/// What the loader must make of an entry (following links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A regular file: read if named `.yaml`, else passed over.
    Regular,
    /// A directory: entered once; a second way in is a directory-loop finding.
    Directory,
    /// Anything else: one finding naming it, never a read.
    Special,
}

/// A generated tree on disk.
struct Tree {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    /// (name, what the loader must make of it); names are unique.
    entries: Vec<(String, Expect, bool)>,
    /// Sockets stay bound while the tree is read.
    _sockets: Vec<std::os::unix::net::UnixListener>,
}

fn build(specs: &[Spec]) -> Tree {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("data");
    std::fs::create_dir(&root).expect("data dir");
    // Every entry made so far (the top directory first), and the directories.
    let mut made: Vec<(PathBuf, Expect)> = vec![(root.clone(), Expect::Directory)];
    let mut dirs: Vec<PathBuf> = vec![root.clone()];
    let mut entries = Vec::new();
    let mut sockets = Vec::new();
    for (i, s) in specs.iter().enumerate() {
        let name = format!("e{i}{}", if s.yaml { ".yaml" } else { ".txt" });
        let path = dirs[s.parent % dirs.len()].join(&name);
        let expect = match &s.node {
            Node::File(bytes) => {
                std::fs::write(&path, bytes).expect("file");
                Expect::Regular
            }
            Node::Dir => {
                std::fs::create_dir(&path).expect("dir");
                dirs.push(path.clone());
                Expect::Directory
            }
            Node::LinkTo(k) => {
                let (target, kind) = made[k % made.len()].clone();
                symlink(&target, &path).expect("link");
                kind
            }
            Node::Dangling => {
                symlink(path.with_extension("missing"), &path).expect("link");
                Expect::Special
            }
            Node::SelfLoop => {
                symlink(&path, &path).expect("link");
                Expect::Special
            }
            Node::Fifo => {
                let ok = std::process::Command::new("mkfifo")
                    .arg(&path)
                    .status()
                    .expect("mkfifo runs")
                    .success();
                assert!(ok, "mkfifo {}", path.display());
                Expect::Special
            }
            Node::Socket => {
                sockets.push(std::os::unix::net::UnixListener::bind(&path).expect("socket"));
                Expect::Special
            }
            Node::Device(zero) => {
                symlink(if *zero { "/dev/zero" } else { "/dev/null" }, &path).expect("link");
                Expect::Special
            }
        };
        made.push((path, expect));
        entries.push((name, expect, s.yaml));
    }
    Tree {
        _tmp: tmp,
        root,
        entries,
        _sockets: sockets,
    }
}

/// Runs `f` on another thread; `None` if it did not return within [`BOUND`]
/// (the thread is left behind: the test fails either way).
fn within_bound<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(BOUND).ok()
}

fn ends_with_name(path: &str, name: &str) -> bool {
    Path::new(path).file_name().is_some_and(|n| n == name)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_tree_is_read_within_bounds_and_every_special_entry_reported(
        specs in proptest::collection::vec(spec(), 0..14)
    ) {
        let tree = build(&specs);
        let root = tree.root.clone();
        let loaded: Option<(Vec<LoadedFile>, Vec<Finding>)> =
            within_bound(move || load_dir(&root));
        let Some((files, findings)) = loaded else {
            return Err(TestCaseError::fail(format!(
                "load_dir did not return within {BOUND:?} for {specs:#?}"
            )));
        };
        for f in &findings {
            prop_assert!(f.line >= 1 && f.column >= 1 && !f.file.is_empty(), "{f}");
        }
        for (name, expect, yaml) in &tree.entries {
            let about: Vec<&Finding> =
                findings.iter().filter(|f| ends_with_name(&f.file, name)).collect();
            let read = files.iter().filter(|f| ends_with_name(&f.path, name)).count();
            match expect {
                Expect::Special => {
                    prop_assert_eq!(about.len(), 1, "{} is reported once: {:?}", name, about);
                    prop_assert!(about[0].code.is_error(), "{}", about[0]);
                    prop_assert_eq!(read, 0, "{} is never read", name);
                }
                Expect::Regular if *yaml => {
                    // Read once: loaded (perhaps with warnings), or one error.
                    let errors = about.iter().filter(|f| f.code.is_error()).count();
                    prop_assert!(
                        (read == 1 && errors == 0) || (read == 0 && errors == 1),
                        "{} read {} times, {} errors: {:?}", name, read, errors, about
                    );
                }
                Expect::Regular => {
                    prop_assert!(about.is_empty() && read == 0, "{} is passed over: {:?}", name, about);
                }
                Expect::Directory => {
                    // Entered once; any other way in is a directory loop.
                    for f in &about {
                        prop_assert!(f.message.en.contains("directory loop"), "{}", f);
                    }
                }
            }
        }

        // The verdict `--data` and `data validate` share: bounded too, and a
        // tree with any special entry is rejected whole.
        let root = tree.root.clone();
        let verdict = within_bound(move || check_dir(&root, TODAY));
        let Some(verdict) = verdict else {
            return Err(TestCaseError::fail(format!("check_dir did not return within {BOUND:?}")));
        };
        prop_assert_eq!(verdict.base.is_some(), verdict.errors() == 0);
        if tree.entries.iter().any(|(_, e, _)| *e == Expect::Special) {
            prop_assert!(verdict.base.is_none());
        }
        let root = tree.root.clone();
        let opened = within_bound(move || Kb::open(&root, TODAY).is_ok());
        prop_assert_eq!(opened, Some(verdict.base.is_some()), "--data agrees with validate");
    }
}
